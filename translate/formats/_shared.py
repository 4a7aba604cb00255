"""Helpers the bitext formats share: XML text escaping, term spans, packed term fields,
and rebuilding :class:`~translate.document.Bitext` objects from what a reader found.

Private to :mod:`translate.formats`; writers still know only the bitext.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Sequence

from translate import __version__
from translate.document import (
    TERM_STATUSES,
    AlignedSegment,
    Bitext,
    Document,
    Paragraph,
    ParagraphKind,
    Segment,
    TermHit,
)
from translate.errors import UserError
from translate.i18n import _

TOOL = "Dragoman"
VERSION = __version__
PARAGRAPH_KINDS: frozenset[str] = frozenset(
    ("paragraph", "heading", "list_item", "quote", "code", "table", "html")
)

# --------------------------------------------------------------------------- XML out

# Characters XML 1.0 cannot carry at all (not even as character references).
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def xml_text(text: str) -> str:
    """Character data: ``& < >`` escaped, CR kept as a reference (a parser would turn a
    literal CR into LF), characters XML cannot hold replaced by U+FFFD."""
    text = INVALID_XML.sub(REPLACEMENT, text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def xml_attr(text: str) -> str:
    """An attribute value for double quotes; whitespace kept as references so that
    attribute-value normalisation does not turn line breaks and tabs into spaces."""
    return (
        xml_text(text)
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\t", "&#9;")
    )


def attrs(**values: str | None) -> str:
    """`` name="value"`` pairs for the values that are not None; ``xml_lang`` becomes
    ``xml:lang`` and a ``__`` in a name a ``:`` (``its__termConfidence``)."""
    out = []
    for name, value in values.items():
        if value is None:
            continue
        name = "xml:lang" if name == "xml_lang" else name.replace("__", ":").replace("_", "-")
        out.append(f' {name}="{xml_attr(str(value))}"')
    return "".join(out)


# --------------------------------------------------------------------------- terms


def pack(*fields: str) -> str:
    """Fields joined with ``|``; a ``|`` or ``\\`` inside a field is escaped with ``\\``."""
    return "|".join(f.replace("\\", "\\\\").replace("|", "\\|") for f in fields)


def unpack(value: str) -> list[str]:
    """The inverse of :func:`pack`."""
    fields, current, i = [], [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            current.append(value[i + 1])
            i += 2
            continue
        if ch == "|":
            fields.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    fields.append("".join(current))
    return fields


def pack_term(term: TermHit) -> str:
    """``id|source|target|status|type`` (the TMX ``x-term`` prop, the XLIFF 1.2 mrk comment)."""
    return pack(term.id, term.source, term.target, term.status, term.type)


def unpack_term(value: str, glossary: str = "") -> TermHit | None:
    """A term from :func:`pack_term`, or None when the value is not one."""
    fields = unpack(value)
    if len(fields) < 4 or fields[3] not in TERM_STATUSES or not fields[0]:
        return None
    return TermHit(
        id=fields[0],
        type=fields[4] if len(fields) > 4 else "",
        source=fields[1],
        target=fields[2],
        status=fields[3],  # type: ignore[arg-type]
        glossary=glossary,
    )


Span = tuple[int, int, TermHit]


def _find(
    text: str, needle: str, taken: list[tuple[int, int]], start: int = 0
) -> tuple[int, int] | None:
    """First occurrence of ``needle`` (exact, else ignoring case) not overlapping ``taken``."""
    if not needle:
        return None
    for pattern in (re.escape(needle), "(?i)" + re.escape(needle)):
        for found in re.finditer(pattern, text[start:]):
            a, b = found.start() + start, found.end() + start
            if all(b <= x or a >= y for x, y in taken):
                return a, b
    return None


def source_spans(text: str, terms: Sequence[TermHit]) -> list[Span]:
    """Where each term is in a source segment: its recorded offsets when they fit,
    else its first free occurrence.  Non-overlapping, sorted."""
    taken: list[tuple[int, int]] = []
    spans: list[Span] = []
    for term in terms:
        where: tuple[int, int] | None = None
        if (
            0 <= term.start < term.end <= len(text)
            and text[term.start : term.end] == term.source
            and all(term.end <= x or term.start >= y for x, y in taken)
        ):
            where = (term.start, term.end)
        else:
            where = _find(text, term.source, taken)
        if where is not None:
            taken.append(where)
            spans.append((where[0], where[1], term))
    return sorted(spans, key=lambda s: s[0])


PLACED: frozenset[str] = frozenset(("enforced", "corrected"))
"""Statuses of a term whose target form is in the translation; a ``missing`` term is
not, and an ``ambiguous`` one kept the engine's rendering (the form may be absent, or
stand for another occurrence), so neither is marked in a target."""


def target_spans(text: str, terms: Sequence[TermHit]) -> list[Span]:
    """Where each placed (enforced or corrected) term's target form is in the translation."""
    taken: list[tuple[int, int]] = []
    spans: list[Span] = []
    for term in terms:
        if term.status not in PLACED:
            continue
        where = _find(text, term.target, taken)
        if where is not None:
            taken.append(where)
            spans.append((where[0], where[1], term))
    return sorted(spans, key=lambda s: s[0])


def render_marked(
    text: str,
    spans: Iterable[Span],
    escape: Callable[[str], str],
    mark: Callable[[str, TermHit, int], str],
) -> str:
    """``text`` escaped, each span replaced by ``mark(escaped span text, term, number)``."""
    out: list[str] = []
    pos = 0
    for number, (start, end, term) in enumerate(spans):
        out.append(escape(text[pos:start]))
        out.append(mark(escape(text[start:end]), term, number))
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def paragraph_units(
    bitext: Bitext,
) -> Iterator[tuple[int, ParagraphKind, list[AlignedSegment], str]]:
    """``(paragraph, kind, segments, leading)`` for each paragraph of a bitext, in order.

    ``segments`` are its aligned segments; ``kind`` is ``paragraph`` for a paragraph the
    document does not list; ``leading`` is the document's leading text for the first
    paragraph, else empty.
    """
    doc = bitext.document
    by_paragraph: dict[int, list[AlignedSegment]] = {}
    for aligned in bitext:
        by_paragraph.setdefault(aligned.segment.paragraph, []).append(aligned)
    kinds = {p.index: p.kind for p in doc.paragraphs}
    for position, (paragraph, segments) in enumerate(by_paragraph.items()):
        leading = doc.leading if position == 0 else ""
        yield paragraph, kinds.get(paragraph, "paragraph"), segments, leading


# --------------------------------------------------------------------------- checks


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


# --------------------------------------------------------------------------- reading


@dataclass
class Record:
    """One aligned segment as a reader found it; :func:`assemble` makes bitexts of them.

    ``after``/``leading`` None means the file did not say: a space between sentences of
    a paragraph, a blank line between paragraphs.  ``index`` is the number the file gave
    (informational: segments are numbered 0..n-1 in file order, as the writers do).
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
    leading: str | None = None
    format: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def _place_terms(source: str, terms: Sequence[TermHit]) -> tuple[TermHit, ...]:
    """Fill in ``start``/``end`` of terms read back from a file (offsets in the source)."""
    from dataclasses import replace

    placed = {id(t): (a, b) for a, b, t in source_spans(source, terms)}
    return tuple(
        replace(t, start=placed[id(t)][0], end=placed[id(t)][1]) if id(t) in placed else t
        for t in terms
    )


def assemble(records: Sequence[Record], engine: str = "") -> list[Bitext]:
    """Bitexts from records: one per (document, source, target language), in file order;
    each with a Document whose ``text`` is rebuilt from ``leading`` and ``source + after``."""
    groups: dict[tuple[str, str, str], list[Record]] = {}
    for record in records:
        groups.setdefault((record.doc, record.source_lang, record.target_lang), []).append(record)
    bitexts: list[Bitext] = []
    for (doc, source_lang, target_lang), group in groups.items():
        # paragraph numbers: as given, else one paragraph per record
        paragraph_of = [
            r.paragraph if r.paragraph is not None else n for n, r in enumerate(group)
        ]
        leading = next((r.leading for r in group if r.leading is not None), "") or ""
        fmt = next((r.format for r in group if r.format), "text")
        pieces: list[tuple[Record, int, str]] = []
        for n, record in enumerate(group):
            after = record.after
            if after is None:
                if n + 1 == len(group):
                    after = "\n"
                elif paragraph_of[n + 1] == paragraph_of[n]:
                    after = " "
                else:
                    after = "\n\n"
            pieces.append((record, paragraph_of[n], after))
        text_parts = [leading]
        offset = len(leading)
        segments: list[Segment] = []
        aligned: list[AlignedSegment] = []
        numbers: dict[int, int] = {}
        for n, (record, para, after) in enumerate(pieces):
            number = numbers.setdefault(para, len(numbers))
            segment = Segment(
                index=n,
                paragraph=number,
                start=offset,
                end=offset + len(record.source),
                source=record.source,
                after=after,
                translatable=record.translatable,
            )
            offset += len(record.source) + len(after)
            text_parts.append(record.source + after)
            segments.append(segment)
            aligned.append(
                AlignedSegment(
                    segment=segment,
                    target=record.target,
                    terms=_place_terms(record.source, record.terms),
                    unknown_words=tuple(record.unknown_words),
                    engine=record.engine or engine,
                )
            )
        paragraphs: list[Paragraph] = []
        for number in range(len(numbers)):
            segs = tuple(s for s in segments if s.paragraph == number)
            kind = next(r.kind for r, p, _ in pieces if numbers[p] == number)
            paragraphs.append(
                Paragraph(
                    index=number,
                    kind=kind if kind in PARAGRAPH_KINDS else "paragraph",  # type: ignore[arg-type]
                    segments=segs,
                )
            )
        document = Document(
            name=doc,
            lang=source_lang,
            text="".join(text_parts),
            leading=leading,
            paragraphs=tuple(paragraphs),
            format=fmt,
        )
        meta: dict[str, str] = {}
        for record in group:
            meta.update(record.meta)
        engines = [r.engine for r in group if r.engine]
        bitexts.append(
            Bitext(
                document=document,
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
