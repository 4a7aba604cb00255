"""The glossary format protocol: a file read into the concept model, and written back.

A glossary format is a small class with a ``name``, its ``extensions``, ``read`` and
``write``; the formats are listed once, in :data:`translate.glossary.GLOSSARY_FORMATS`.
Every format takes the same arguments and ignores those it has no use for, so callers
never ask which format they hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from translate.glossary.model import Glossary, Report

__all__ = ["GlossaryFormat"]


class GlossaryFormat(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def extensions(self) -> tuple[str, ...]: ...

    def read(
        self,
        path: str | Path,
        *,
        source_lang: str | None = None,
        target_lang: str | None = None,
        report: Report | None = None,
    ) -> Glossary:
        """The glossary in the file at ``path``.  ``source_lang``/``target_lang`` are the
        pair of a file that does not say (a headerless TSV); ``report`` collects the
        problems reading can go on after (:class:`translate.glossary.model.Reporter`)."""
        ...

    def write(
        self, glossary: Glossary, path: str | Path, languages: Sequence[str] | None = None
    ) -> None:
        """Write ``glossary`` to ``path``; ``languages`` chooses the columns of a table,
        the pair of a PO file, the first (root) language of a TBX file."""
        ...
