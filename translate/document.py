"""The plain data that moves through the pipeline, one way.

An article becomes a :class:`Document` (paragraphs of :class:`Segment` with offsets into
the original text), each segment becomes an :class:`AlignedSegment` once translated, and a
:class:`Bitext` holds the aligned segments of one document for one target language.
Writers only ever see a :class:`Bitext`; nothing here knows about engines or formats.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

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
    ``document.before``, gives the article back byte for byte.  ``keep`` are spans of
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
class Translation:
    """What an engine gives back for one text, and the words it did not know."""

    text: str
    unknown_words: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    """What the engine could not do right (verbatim text it could not place)."""


@dataclass(frozen=True)
class Paragraph:
    index: int
    kind: ParagraphKind
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Document:
    """A segmented article; ``name`` is what reports and JSONL call it (``doc``).

    ``before`` is the text before the first segment (a BOM, blank lines, a Markdown
    ``# ``): JSONL's ``before``, TMX's ``x-before``.  Build one with
    :class:`DocumentBuilder`, which keeps the offsets.
    """

    name: str
    lang: str
    text: str
    before: str
    paragraphs: tuple[Paragraph, ...]
    format: str = "text"

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(s for p in self.paragraphs for s in p.segments)

    def reassemble(self) -> str:
        """The article rebuilt from its segments: equals ``text`` by construction."""
        return self.before + "".join(s.source + s.after for s in self.segments)


class DocumentBuilder:
    """A :class:`Document` built segment by segment, the offsets kept for the caller.

    Give the text before the first segment, then for each paragraph call
    :meth:`paragraph` and :meth:`add` its segments in order, each with the exact text
    that follows it (``after``).  Segments are numbered in order, paragraphs too (a
    paragraph without segments is left out); ``start``/``end`` and the document's
    ``text`` follow from ``before + source + after``, so ``reassemble() == text``
    holds for whatever is added.

    >>> b = DocumentBuilder("story", "en", before="# ")
    >>> b.paragraph("heading")
    >>> b.add("Talks in Baku", "\\n\\n").start
    2
    >>> b.paragraph()
    >>> _ = b.add("Ministers met.", " ")
    >>> _ = b.add("They spoke.", "\\n")
    >>> doc = b.build()
    >>> doc.text
    '# Talks in Baku\\n\\nMinisters met. They spoke.\\n'
    >>> [(s.index, s.paragraph, s.start, s.end) for s in doc.segments]
    [(0, 0, 2, 15), (1, 1, 17, 31), (2, 1, 32, 43)]
    """

    def __init__(self, name: str, lang: str, *, before: str = "", format: str = "text") -> None:
        self.name = name
        self.lang = lang
        self.format = format
        self.before = before
        self._text: list[str] = [before]
        self._offset = len(before)
        self._index = 0
        self._paragraphs: list[Paragraph] = []
        self._kind: ParagraphKind = "paragraph"
        self._segments: list[Segment] = []

    def paragraph(self, kind: ParagraphKind = "paragraph") -> None:
        """Start a paragraph of ``kind``: the segments added next belong to it."""
        self._close()
        self._kind = kind

    def add(
        self,
        source: str,
        after: str = "",
        *,
        keep: tuple[Span, ...] = (),
        translatable: bool = True,
    ) -> Segment:
        """Append a segment to the current paragraph (the first call opens one)."""
        segment = Segment(
            index=self._index,
            paragraph=len(self._paragraphs),
            start=self._offset,
            end=self._offset + len(source),
            source=source,
            after=after,
            keep=tuple(keep),
            translatable=translatable,
        )
        self._segments.append(segment)
        self._text += (source, after)
        self._offset += len(source) + len(after)
        self._index += 1
        return segment

    def build(self) -> Document:
        """The document of everything added."""
        self._close()
        return Document(
            name=self.name,
            lang=self.lang,
            text="".join(self._text),
            before=self.before,
            paragraphs=tuple(self._paragraphs),
            format=self.format,
        )

    def _close(self) -> None:
        if self._segments:
            index = len(self._paragraphs)
            self._paragraphs.append(Paragraph(index, self._kind, tuple(self._segments)))
            self._segments = []


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
    issues: tuple[str, ...] = ()
    """What an editor must look at besides the terms (markup that could not be placed)."""


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
        return doc.before + "".join(a.target + a.segment.after for a in self.segments)

    @property
    def terms(self) -> tuple[TermHit, ...]:
        return tuple(t for a in self.segments for t in a.terms)
