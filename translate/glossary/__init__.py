"""Glossaries: read any supported format into the concept model, merge several.

Formats are chosen by extension: ``.yaml``/``.yml`` (the native format,
docs/glossary-format.md), ``.tsv`` and ``.csv`` (pair and multi-language tables, see
:mod:`translate.glossary.tabular_format`), ``.tbx`` (TBX, see
:mod:`translate.glossary.tbx_format`) and ``.po`` (a gettext pair, see
:mod:`translate.glossary.po_format`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

from translate.errors import UserError
from translate.glossary.model import Concept, Glossary, LangTerms, Report, merge
from translate.i18n import _

__all__ = [
    "Concept",
    "Glossary",
    "LangTerms",
    "FORMATS",
    "load_glossary",
    "load_glossaries",
    "load_glossaries_or_none",
    "save_glossary",
    "merge",
]

FORMATS = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".tsv": "tabular",
    ".csv": "tabular",
    ".tbx": "tbx",
    ".po": "po",
}


def _format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    kind = FORMATS.get(suffix)
    if kind is None:
        raise UserError(
            _("unknown glossary format {suffix!r}").format(suffix=suffix or _("(no extension)")),
            path=path,
            hint=_("glossaries are .yaml/.yml, .tsv, .csv, .tbx or .po files"),
        )
    return kind


def load_glossary(
    path: str | Path,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    report: Report | None = None,
) -> Glossary:
    """Read one glossary file, choosing the reader by extension.

    ``source_lang``/``target_lang`` are the pair of a headerless TSV/CSV (ignored
    otherwise).  Raises :class:`UserError` (with path and line) for a missing, empty,
    non-UTF-8 or malformed file; ``report`` collects problems instead where reading can
    go on (see :class:`translate.glossary.model.Reporter`).
    """
    file = Path(path)
    if not file.exists():
        raise UserError(
            _("glossary file not found"), path=path, hint=_("check the path given with --glossary")
        )
    if file.is_dir():
        raise UserError(_("is a directory, not a glossary file"), path=path)
    kind = _format(path)
    if kind == "yaml":
        from translate.glossary.yaml_format import read_yaml

        return read_yaml(path, report=report)
    if kind == "tbx":
        from translate.glossary.tbx_format import read_tbx

        return read_tbx(path, report=report)
    if kind == "po":
        from translate.glossary.po_format import read_po

        return read_po(path, source_lang=source_lang, target_lang=target_lang, report=report)
    from translate.glossary.tabular_format import read_tabular

    return read_tabular(path, source_lang=source_lang, target_lang=target_lang, report=report)


def load_glossaries(
    paths: Iterable[str | Path],
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> Glossary:
    """Read several glossaries and merge them; the one given LAST wins on conflict.

    See :func:`translate.glossary.model.merge` for what a conflict is (same id, or the
    same preferred term in the source language) and how it is resolved.
    """
    paths = list(paths)
    glossaries = [
        load_glossary(p, source_lang=source_lang, target_lang=target_lang) for p in paths
    ]
    merged = merge(glossaries, source_lang=source_lang)
    if len(glossaries) == 1:
        merged.name = glossaries[0].name
        merged.path = glossaries[0].path
        merged.description = glossaries[0].description
    return merged


def load_glossaries_or_none(
    paths: Sequence[str | Path],
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> Glossary:
    """:func:`load_glossaries`, or an empty glossary named ``none`` when ``paths`` is empty."""
    if not paths:
        return Glossary(name="none")
    return load_glossaries(paths, source_lang=source_lang, target_lang=target_lang)


def save_glossary(
    glossary: Glossary, path: str | Path, languages: Sequence[str] | None = None
) -> None:
    """Write a glossary in the format of ``path``'s extension.

    ``languages`` selects the columns of a tabular file (a ``.tsv`` needs two), the
    pair of a ``.po`` file, the first (root) language of a ``.tbx`` file.
    """
    kind = _format(path)
    if kind == "yaml":
        from translate.glossary.yaml_format import write_yaml

        write_yaml(glossary, path)
        return
    if kind == "tbx":
        from translate.glossary.tbx_format import write_tbx

        write_tbx(glossary, path, languages[0] if languages else None)
        return
    if kind == "po":
        from translate.glossary.po_format import write_po

        write_po(glossary, path, languages)
        return
    from translate.glossary.tabular_format import write_tabular

    write_tabular(glossary, path, languages)
