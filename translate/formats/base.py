"""The bitext format protocols, and what several writers share.

A bitext format is a small class with a ``name``, its ``extensions`` (empty: chosen by
name only) and ``write`` (a :class:`Writer`), ``read`` (a :class:`Reader`) or both; the
formats are listed once, in :data:`translate.formats.BITEXT_FORMATS`.  Writers know only
the bitext (:mod:`translate.document`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol, TextIO, runtime_checkable

from translate import __version__
from translate.document import AlignedSegment, Bitext, ParagraphKind
from translate.errors import UserError
from translate.formats.terms import term_dicts, term_summary
from translate.i18n import _

__all__ = [
    "TOOL",
    "VERSION",
    "BitextFormat",
    "Reader",
    "Writer",
    "paragraph_units",
    "require_one_target",
    "target_languages",
    "term_dicts",
    "term_summary",
]

TOOL = "Dragoman"
VERSION = __version__


class BitextFormat(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def extensions(self) -> tuple[str, ...]: ...


class Writer(BitextFormat, Protocol):
    def write(self, bitexts: Sequence[Bitext], out: TextIO) -> None:
        """Write all bitexts (one per document and target language) to ``out``."""
        ...


@runtime_checkable
class Reader(BitextFormat, Protocol):
    def read(self, path: str | Path) -> list[Bitext]:
        """All bitexts in the file at ``path``; UserError naming the file if it is not
        one of this format."""
        ...


# --------------------------------------------------------------------------- writing


def paragraph_units(
    bitext: Bitext,
) -> Iterator[tuple[int, ParagraphKind, list[AlignedSegment], str]]:
    """``(paragraph, kind, segments, before)`` for each paragraph of a bitext, in order.

    ``segments`` are its aligned segments; ``kind`` is ``paragraph`` for a paragraph the
    document does not list; ``before`` is the document's text before its first segment
    for the first paragraph, else empty.
    """
    doc = bitext.document
    by_paragraph: dict[int, list[AlignedSegment]] = {}
    for aligned in bitext:
        by_paragraph.setdefault(aligned.segment.paragraph, []).append(aligned)
    kinds = {p.index: p.kind for p in doc.paragraphs}
    for position, (paragraph, segments) in enumerate(by_paragraph.items()):
        before = doc.before if position == 0 else ""
        yield paragraph, kinds.get(paragraph, "paragraph"), segments, before


def target_languages(bitexts: Sequence[Bitext]) -> list[str]:
    seen: list[str] = []
    for bitext in bitexts:
        if bitext.target_lang not in seen:
            seen.append(bitext.target_lang)
    return seen


def require_one_target(bitexts: Sequence[Bitext], what: str, suffix: str) -> None:
    """A file format that holds one target language (PO, XLIFF 2): UserError otherwise."""
    langs = target_languages(bitexts)
    if len(langs) > 1:
        raise UserError(
            _("{what} holds one target language, not {count} ({languages})").format(
                what=what, count=len(langs), languages=", ".join(langs)
            ),
            hint=_(
                "translate into one language per output file (--to {lang} -o "
                "story.{lang}{suffix}), or use --format tmx for all at once"
            ).format(lang=langs[0], suffix=suffix),
        )
    sources = {b.source_lang for b in bitexts}
    if len(sources) > 1:
        raise UserError(
            _("{what} holds one source language, not {count} ({languages})").format(
                what=what, count=len(sources), languages=", ".join(sorted(sources))
            ),
            hint=_("write one file per source language"),
        )
