"""Glossaries: read any supported format into the concept model, merge several.

Formats are chosen by extension (:data:`GLOSSARY_FORMATS`): ``.yaml``/``.yml`` (the
native format, docs/glossary-format.md), ``.tsv`` and ``.csv`` (pair and
multi-language tables, see :mod:`translate.glossary.tabular_format`), ``.tbx`` (TBX, see
:mod:`translate.glossary.tbx_format`) and ``.po`` (a gettext pair, see
:mod:`translate.glossary.po_format`).  Each format is a small class in its module (the
protocol is :class:`translate.glossary.base.GlossaryFormat`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from translate.errors import GlossaryError
from translate.glossary.base import GlossaryFormat
from translate.glossary.model import (
    Concept,
    Glossary,
    LangTerms,
    Report,
    Reporter,
    check_glossary_file,
    check_terms,
    merge,
    paused_gc,
)
from translate.i18n import _
from translate.registry import Lazy, Registry

__all__ = [
    "Concept",
    "Glossary",
    "LangTerms",
    "FORMATS",
    "GLOSSARY_FORMATS",
    "GlossaryFormat",
    "glossary_format",
    "load_glossary",
    "load_glossaries",
    "load_glossaries_or_none",
    "save_glossary",
    "merge",
]


GLOSSARY_FORMATS: Registry[GlossaryFormat] = Registry(
    "glossary",
    (
        Lazy("translate.glossary.yaml_format:YamlFormat", "yaml", (".yaml", ".yml")),
        Lazy("translate.glossary.tabular_format:TabularFormat", "tabular", (".tsv", ".csv")),
        Lazy("translate.glossary.tbx_format:TbxFormat", "tbx", (".tbx",)),
        Lazy("translate.glossary.po_format:PoFormat", "po", (".po",)),
    ),
)
"""Every glossary format.  Each class lives in its module, which is imported when a file
of its format is read or written (declared here, so that reading a YAML glossary does
not import the TBX and PO code)."""

FORMATS: dict[str, str] = GLOSSARY_FORMATS.names_by_extension()
"""Extension -> format name (``.csv`` -> ``tabular``): the extensions a glossary may have."""


def glossary_format(path: str | Path) -> GlossaryFormat:
    """The format of ``path``'s extension; GlossaryError naming the extensions if none."""
    suffix = Path(path).suffix.lower()
    fmt = GLOSSARY_FORMATS.for_path(path) if suffix else None
    if fmt is None:
        raise GlossaryError(
            _("unknown glossary format {suffix!r}").format(suffix=suffix or _("(no extension)")),
            path=path,
            hint=_("glossaries are .yaml/.yml, .tsv, .csv, .tbx or .po files"),
        )
    return fmt


def load_glossary(
    path: str | Path,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    report: Report | None = None,
) -> Glossary:
    """Read one glossary file, choosing the format by extension.

    ``source_lang``/``target_lang`` are the pair of a headerless TSV/CSV (ignored
    otherwise).  Raises :class:`GlossaryError` (with path and line) for a missing, empty,
    non-UTF-8 or malformed file; ``report`` collects problems instead where reading can
    go on (see :class:`translate.glossary.model.Reporter`).
    """
    check_glossary_file(path)
    with paused_gc():
        glossary = glossary_format(path).read(
            path, source_lang=source_lang, target_lang=target_lang, report=report
        )
    check_terms(glossary, Reporter(path, report))
    return glossary


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
    fingerprint = _fingerprint(paths, source_lang, target_lang)
    if fingerprint is not None:
        from translate.glossary import cache

        with paused_gc():
            cached = cache.load("glossary", fingerprint)
        if isinstance(cached, Glossary) and cached.fingerprint == fingerprint:
            return cached
    glossaries = [load_glossary(p, source_lang=source_lang, target_lang=target_lang) for p in paths]
    if len(glossaries) == 1 and len({c.id for c in glossaries[0]}) == len(glossaries[0]):
        # One glossary whose ids are distinct merges into itself: no copy (a copy of
        # 100,000 concepts cost a second and a sixth of the memory).
        merged = glossaries[0]
    else:
        with paused_gc():
            merged = merge(glossaries, source_lang=source_lang)
    if len(glossaries) == 1:
        merged.name = glossaries[0].name
        merged.path = glossaries[0].path
        merged.description = glossaries[0].description
    if fingerprint is not None:
        from translate.glossary import cache

        merged.fingerprint = fingerprint
        cache.store("glossary", fingerprint, merged)
    return merged


CACHE_FROM_BYTES = 256 * 1024
"""Glossaries smaller than this together are read afresh each time: a few thousand
terms read in a blink, and the cache is for the large ones (CLDR names merged with
agency lists), where reading and compiling take seconds."""


def _fingerprint(
    paths: Sequence[str | Path], source_lang: str | None, target_lang: str | None
) -> str | None:
    """The cache key of reading ``paths`` together (see :mod:`translate.glossary.cache`),
    or None when they are small or one cannot be read (reading it again says why)."""
    from translate import inputs
    from translate.errors import UserError

    try:  # sizes first: a small glossary (the usual case) is not read twice
        if sum(Path(p).stat().st_size for p in paths) < CACHE_FROM_BYTES:
            return None
    except OSError:
        return None
    parts: list[str | bytes] = ["glossaries", source_lang or "", target_lang or ""]
    total = 0
    for path in paths:
        try:  # bounded like every input: /dev/zero would never end
            data = inputs.read_bytes(path)
        except UserError:
            return None
        total += len(data)
        parts += [str(path), data]
    if total < CACHE_FROM_BYTES:
        return None
    from translate.glossary import cache

    return cache.key(*parts)


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
    glossary_format(path).write(glossary, path, languages)
