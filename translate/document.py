"""The plain data that moves through the pipeline, one way.

An article becomes a :class:`Document` (paragraphs of :class:`Segment` with offsets into
the original text), each segment becomes an :class:`AlignedSegment` once translated, and a
:class:`Bitext` holds the aligned segments of one document for one target language.
Writers only ever see a :class:`Bitext`; nothing here knows about engines or formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Literal

Span = tuple[int, int]
"""A half-open character range ``[start, end)``."""

ParagraphKind = Literal["paragraph", "heading", "list_item", "quote", "code", "table", "html"]
TermStatus = Literal["enforced", "corrected", "ambiguous", "missing"]
TERM_STATUSES: tuple[TermStatus, ...] = ("enforced", "corrected", "ambiguous", "missing")
"""``ambiguous``: the source word may not be the concept (a common word at the start of
a headline, a given name); the engine's rendering is kept for an editor to decide."""


@dataclass(frozen=True)
class Segment:
    """One sentence (or one untranslatable block) of the source article.

    ``start``/``end`` index the article text so that ``document.text[start:end] ==
    source``; ``after`` is the exact text up to the next segment (spaces, paragraph
    breaks, Markdown markers), so joining ``source + after`` over all segments, after
    ``document.leading``, gives the article back byte for byte.  ``keep`` are spans of
    ``source`` that must pass through untranslated (inline code, link targets, markup).
    """

    index: int
    paragraph: int
    start: int
    end: int
    source: str
    after: str = ""
    keep: tuple[Span, ...] = ()
    translatable: bool = True


@dataclass(frozen=True)
class SourceText:
    """A text to give an engine, with spans that must come out unchanged."""

    text: str
    keep: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    index: int
    kind: ParagraphKind
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Document:
    """A segmented article; ``name`` is what reports and JSONL call it (``doc``)."""

    name: str
    lang: str
    text: str
    leading: str
    paragraphs: tuple[Paragraph, ...]
    format: str = "text"

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(s for p in self.paragraphs for s in p.segments)

    def reassemble(self) -> str:
        """The article rebuilt from its segments: equals ``text`` by construction."""
        return self.leading + "".join(s.source + s.after for s in self.segments)


@dataclass(frozen=True)
class TermHit:
    """One occurrence of a glossary concept in a source segment and its fate.

    ``source`` is the text as found in the source; ``target`` the preferred target form
    the desk chose; ``found`` what the output holds at the end (equal to ``target`` unless
    the status is ``missing``); ``note`` says why, for the report.
    """

    id: str
    type: str
    source: str
    target: str
    status: TermStatus
    start: int = 0
    end: int = 0
    glossary: str = ""
    note: str = ""


@dataclass(frozen=True)
class AlignedSegment:
    segment: Segment
    target: str
    terms: tuple[TermHit, ...] = ()
    unknown_words: tuple[str, ...] = ()
    engine: str = ""


@dataclass(frozen=True)
class Bitext:
    """The aligned translation of one document into one language: what writers write."""

    document: Document
    source_lang: str
    target_lang: str
    engine: str
    segments: tuple[AlignedSegment, ...]
    meta: dict[str, str] = field(default_factory=dict)

    def __iter__(self) -> Iterator[AlignedSegment]:
        return iter(self.segments)

    def target_text(self) -> str:
        """The translated article with the source's layout (breaks, markers) kept."""
        doc = self.document
        return doc.leading + "".join(a.target + a.segment.after for a in self.segments)

    @property
    def terms(self) -> tuple[TermHit, ...]:
        return tuple(t for a in self.segments for t in a.terms)
