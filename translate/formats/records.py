"""Reader assembly: what a bitext reader found, one :class:`Record` per aligned segment,
made back into :class:`~translate.document.Bitext` objects by :func:`assemble`; and the
small conversions readers share (language codes, numbers, paragraph kinds).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from translate.document import (
    AlignedSegment,
    Bitext,
    DocumentBuilder,
    ParagraphKind,
    TermHit,
)
from translate.errors import UserError
from translate.formats.terms import source_spans

__all__ = ["PARAGRAPH_KINDS", "Record", "assemble", "kind_of", "lang_code", "to_int"]

PARAGRAPH_KINDS: frozenset[str] = frozenset(
    ("paragraph", "heading", "list_item", "quote", "code", "table", "html")
)


@dataclass
class Record:
    """One aligned segment as a reader found it; :func:`assemble` makes bitexts of them.

    ``after``/``before`` None means the file did not say: a space between sentences of
    a paragraph, a blank line between paragraphs (``before``: nothing).  ``index`` is
    the number the file gave (informational: segments are numbered 0..n-1 in file
    order, as the writers do).
    """

    doc: str
    source_lang: str
    target_lang: str
    source: str
    target: str
    paragraph: int | None = None
    index: int | None = None
    after: str | None = None
    kind: str = "paragraph"
    translatable: bool = True
    terms: list[TermHit] = field(default_factory=list)
    unknown_words: tuple[str, ...] = ()
    engine: str = ""
    before: str | None = None
    format: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def _place_terms(source: str, terms: Sequence[TermHit]) -> tuple[TermHit, ...]:
    """Fill in ``start``/``end`` of terms read back from a file (offsets in the source)."""
    placed = {id(t): (a, b) for a, b, t in source_spans(source, terms)}
    return tuple(
        replace(t, start=placed[id(t)][0], end=placed[id(t)][1]) if id(t) in placed else t
        for t in terms
    )


def assemble(records: Sequence[Record], engine: str = "") -> list[Bitext]:
    """Bitexts from records: one per (document, source, target language), in file order;
    each with a Document built from ``before`` and ``source + after``
    (:class:`~translate.document.DocumentBuilder`).  A paragraph is a run of records
    with the same paragraph number."""
    groups: dict[tuple[str, str, str], list[Record]] = {}
    for record in records:
        groups.setdefault((record.doc, record.source_lang, record.target_lang), []).append(record)
    bitexts: list[Bitext] = []
    for (doc, source_lang, target_lang), group in groups.items():
        # paragraph numbers: as given, else one paragraph per record
        paragraph_of = [r.paragraph if r.paragraph is not None else n for n, r in enumerate(group)]
        before = next((r.before for r in group if r.before is not None), "") or ""
        fmt = next((r.format for r in group if r.format), "text")
        builder = DocumentBuilder(doc, source_lang, before=before, format=fmt)
        aligned: list[AlignedSegment] = []
        for n, record in enumerate(group):
            after = record.after
            if after is None:
                if n + 1 == len(group):
                    after = "\n"
                elif paragraph_of[n + 1] == paragraph_of[n]:
                    after = " "
                else:
                    after = "\n\n"
            if n == 0 or paragraph_of[n] != paragraph_of[n - 1]:
                builder.paragraph(kind_of(record.kind))
            segment = builder.add(record.source, after, translatable=record.translatable)
            aligned.append(
                AlignedSegment(
                    segment=segment,
                    target=record.target,
                    terms=_place_terms(record.source, record.terms),
                    unknown_words=tuple(record.unknown_words),
                    engine=record.engine or engine,
                )
            )
        meta: dict[str, str] = {}
        for record in group:
            meta.update(record.meta)
        engines = [r.engine for r in group if r.engine]
        bitexts.append(
            Bitext(
                document=builder.build(),
                source_lang=source_lang,
                target_lang=target_lang,
                engine=engines[0] if engines else engine,
                segments=tuple(aligned),
                meta=meta,
            )
        )
    return bitexts


def kind_of(value: str | None) -> ParagraphKind:
    return value if value in PARAGRAPH_KINDS else "paragraph"  # type: ignore[return-value]


def lang_code(code: str | None, fallback: str = "und") -> str:
    """A language code from a file, in Dragoman's canonical form where CLDR knows it."""
    from translate.languages import normalize

    if not code or code.strip() in ("*all*", ""):
        return fallback
    try:
        return normalize(code)
    except UserError:
        return code.strip()


def to_int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
