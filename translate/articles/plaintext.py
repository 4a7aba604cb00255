"""Plain-text articles, and the assembly of a :class:`Document` shared by all formats.

A plain-text paragraph is a run of non-blank lines; blank (or whitespace-only) lines
separate paragraphs.  A single line break inside a paragraph is wrapping, not a
sentence end: sentences may run across it, and the break stays in the segment's
``source`` (or in ``after`` when it falls between sentences), so offsets stay exact.

Format parsers describe the article as :class:`Piece` objects (future segments) in the
coordinates of a *normalized* copy of the text (``\\r\\n`` and ``\\r`` become ``\\n``, a
leading BOM a space, NUL the replacement character, which is what markdown-it wants);
:func:`build_document` maps them back to the original text and fills in ``before`` and
every ``after`` from the text between segments, so ``reassemble()`` is exact whatever
the parser did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from translate.document import Document, DocumentBuilder, ParagraphKind, Span
from translate.segment import split_sentences

__all__ = ["TextArticle", "parse_text", "Piece", "Normalized", "normalize", "build_document"]


@dataclass
class Piece:
    """A future segment: ``[start, end)`` and ``keep`` in normalized coordinates."""

    block: int
    kind: ParagraphKind
    start: int
    end: int
    keep: list[Span] = field(default_factory=list)
    translatable: bool = True


@dataclass(frozen=True)
class Normalized:
    """``norm`` is what parsers read; ``orig[i]`` is where ``norm[i]`` is in the text.

    Every non-whitespace character of ``norm`` stands for exactly one character of the
    original text (``\\r\\n`` -> ``\\n`` is the only change of length, and it is all
    whitespace), so spans that start and end on non-whitespace map back exactly.
    """

    text: str
    norm: str
    orig: tuple[int, ...] | None  # None: norm is text

    def start(self, i: int) -> int:
        return i if self.orig is None else self.orig[i]

    def end(self, i: int) -> int:
        """Original position right after normalized character ``i - 1``."""
        return i if self.orig is None else self.orig[i - 1] + 1


def normalize(text: str) -> Normalized:
    norm = text
    if norm.startswith("\ufeff"):
        norm = " " + norm[1:]
    if "\x00" in norm:
        norm = norm.replace("\x00", "\ufffd")
    if "\r" not in norm:
        return Normalized(text, norm, None)
    out: list[str] = []
    orig: list[int] = []
    i, n = 0, len(norm)
    while i < n:
        c = norm[i]
        if c == "\r":
            out.append("\n")
            if i + 1 < n and norm[i + 1] == "\n":
                i += 1
            orig.append(i)
        else:
            out.append(c)
            orig.append(i)
        i += 1
    orig.append(n)
    return Normalized(text, "".join(out), tuple(orig))


def _clean_keeps(keeps: list[Span], length: int) -> tuple[Span, ...]:
    spans = sorted((max(0, a), min(length, b)) for a, b in keeps)
    merged: list[Span] = []
    for a, b in spans:
        if b <= a:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return tuple(merged)


def _has_words(source: str, keep: tuple[Span, ...]) -> bool:
    """True when something outside the keep spans is a letter (worth translating)."""
    pos = 0
    for a, b in (*keep, (len(source), len(source))):
        if any(c.isalpha() for c in source[pos:a]):
            return True
        pos = b
    return False


def build_document(
    text: str, lang: str, name: str, fmt: str, norm: Normalized, pieces: list[Piece]
) -> Document:
    """The :class:`Document` for ``pieces``; pieces out of order or empty are dropped
    (their text then travels in the neighbouring ``after``), so the invariants hold
    for any parser output."""
    placed: list[tuple[Piece, int, int, tuple[Span, ...]]] = []
    last_end = 0
    for p in pieces:
        if p.end <= p.start or p.start < 0 or p.end > len(norm.norm):
            continue
        s, e = norm.start(p.start), norm.end(p.end)
        if s < last_end or e <= s:
            continue
        source = text[s:e]
        if not source.strip() or source[0].isspace() or source[-1].isspace():
            continue
        keep = _clean_keeps(
            [(norm.start(a) - s, norm.end(b) - s) for a, b in p.keep if b > a], e - s
        )
        placed.append((p, s, e, keep))
        last_end = e

    builder = DocumentBuilder(
        name, lang, before=text[: placed[0][1]] if placed else text, format=fmt
    )
    # a paragraph is a run of pieces of one block, of the kind of its last piece
    starts = [i for i, (p, *_) in enumerate(placed) if i == 0 or p.block != placed[i - 1][0].block]
    ends = [*starts[1:], len(placed)] if starts else []
    kinds = {start: placed[end - 1][0].kind for start, end in zip(starts, ends, strict=True)}
    for i, (p, s, e, keep) in enumerate(placed):
        if i in kinds:
            builder.paragraph(kinds[i])
        source = text[s:e]
        builder.add(
            source,
            text[e : placed[i + 1][1]] if i + 1 < len(placed) else text[e:],
            keep=keep,
            translatable=p.translatable and _has_words(source, keep),
        )
    return builder.build()


# A paragraph break: a line break, then one or more whitespace-only lines.
_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


def sentence_pieces(
    norm: str, start: int, end: int, lang: str, block: int, kind: ParagraphKind
) -> list[Piece]:
    """One piece per sentence of ``norm[start:end]``."""
    return [
        Piece(block, kind, start + a, start + b) for a, b in split_sentences(norm[start:end], lang)
    ]


def parse_text(text: str, lang: str, name: str = "article") -> Document:
    """Segment a plain-text article (``text`` is kept as is, offsets index it)."""
    norm = normalize(text)
    pieces: list[Piece] = []
    pos = 0
    block = 0
    for m in [*_BREAK.finditer(norm.norm), None]:
        end = m.start() if m else len(norm.norm)
        found = sentence_pieces(norm.norm, pos, end, lang, block, "paragraph")
        if found:
            pieces.extend(found)
            block += 1
        if m:
            pos = m.end()
    return build_document(text, lang, name, "text", norm, pieces)


class TextArticle:
    """Plain text: paragraphs separated by blank lines (also what an unknown extension is)."""

    name = "text"
    aliases = ("txt", "plain", "plaintext")
    extensions = (".txt", ".text")

    def parse(self, text: str, lang: str, name: str = "article") -> Document:
        return parse_text(text, lang, name)
