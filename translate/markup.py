"""Reading a segment through its inline markup, for glossary matching.

A name can be split by formatting tags (``<b>Amir</b>-Abdollahian``) or written with
character references (``Baku&#8217;s``).  The matcher must see the text a reader sees,
and edits (marks replacing terms) must land back in the source with the tags kept well
formed.  This is core (enforcement uses it), independent of any article format: HTML
articles and raw inline HTML in Markdown both produce such ``keep`` spans.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from translate.document import Span

# Formatting elements: their tags do not break a word or a name ("<b>Amir</b>-Abdollahian").
TRANSPARENT = frozenset(
    """a abbr b bdi bdo big cite data del dfn em font i ins mark nobr s small span strike
    strong sub sup time tt u wbr""".split()
)

_ATTRS = r"""(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*/)*\s*"""
_TOKEN = re.compile(
    r"(?P<comment><!--.*?-->)"
    r"|(?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9:-]*)" + _ATTRS + r">)"
    r"|(?P<ref>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?)",
    re.S,
)

M = TypeVar("M")


@dataclass(frozen=True)
class MarkupView:
    """A segment's text as a reader sees it: formatting tags out, references resolved.

    ``text[i]`` stands for ``source[starts[i]:ends[i]]``; ``opaque`` are the keep spans
    that stay in ``text`` (code, verbatim elements, line breaks, images): a term must not
    overlap them.  ``tags`` are the tags taken out.
    """

    source: str
    keep: tuple[Span, ...]
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    opaque: tuple[Span, ...]
    tags: tuple[Span, ...]

    def span(self, start: int, end: int) -> Span:
        """The source span of ``text[start:end]`` (``end > start``)."""
        return self.starts[start], self.ends[end - 1]

    def remap(self, matches: Sequence[M]) -> list[M]:
        """Matches found in ``text`` (objects with ``start``/``end``) moved onto the
        source; their other fields (the surface as read) are kept."""
        out = []
        for m in matches:
            start, end = self.span(m.start, m.end)  # type: ignore[attr-defined]
            out.append(replace(m, start=start, end=end))  # type: ignore[type-var]
        return out

    def edit(self, edits: Sequence[tuple[int, int, str]]) -> tuple[str, list[Span]]:
        """Replace source spans ``(start, end, new)`` (terms) and return the new text and
        keep spans.  Tags inside a replaced span are moved out of it, in order: after
        the new text when the first of them closes an element (``<b>Amir</b>-Abdollahian``
        -> ``<b>MARK</b>``), else before it (``Amir-<b>Abdollahian</b>`` -> ``<b>MARK</b>``)."""
        out: list[str] = []
        keep: list[Span] = []
        cuts: list[Span] = []
        pos = 0
        length = 0
        for start, end, new in sorted(edits):
            out.append(self.source[pos:start])
            length += start - pos
            inner = [(a, b) for a, b in self.tags if start <= a and b <= end]
            tags = "".join(self.source[a:b] for a, b in inner)
            closing = bool(inner) and self.source.startswith("</", inner[0][0])
            new_tags: list[Span] = []
            offset = length + (len(new) if closing else 0)
            for a, b in inner:
                new_tags.append((offset, offset + b - a))
                offset += b - a
            out.append(new + tags if closing else tags + new)
            keep.extend(new_tags)
            cuts.append((start, end))
            length += len(new) + len(tags)
            pos = end
        out.append(self.source[pos:])
        text = "".join(out)
        # the old keep spans, minus the replaced ranges, moved by the edits
        for a, b in self.keep:
            pieces = [(a, b)]
            for s, e in cuts:
                pieces = [
                    part
                    for x, y in pieces
                    for part in ((x, min(y, s)), (max(x, e), y))
                    if part[1] > part[0]
                ]
            keep.extend((self._moved(x, edits), self._moved(y, edits)) for x, y in pieces)
        return text, _merge(keep)

    def _moved(self, offset: int, edits: Sequence[tuple[int, int, str]]) -> int:
        shift = 0
        for start, end, new in edits:
            if end <= offset:
                inner = sum(b - a for a, b in self.tags if start <= a and b <= end)
                shift += len(new) + inner - (end - start)
        return offset + shift


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _transparent(text: str) -> list[tuple[int, int, str, bool]] | None:
    """Tokens ``(start, end, reads_as, is_tag)`` of a keep span made only of formatting
    tags, comments and character references; None for anything else."""
    tokens = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            return None
        if m.group("ref"):
            value = html.unescape(m.group())
            if len(value) != 1 or value == m.group():
                return None
            tokens.append((m.start(), m.end(), value, False))
        else:
            if m.group("tag") and m.group("name").lower() not in TRANSPARENT:
                return None
            tokens.append((m.start(), m.end(), "", True))
        pos = m.end()
    return tokens


def markup_view(source: str, keep: Sequence[Span]) -> MarkupView | None:
    """The view of ``source`` with transparent keep spans taken out, or None when it
    has none (the source is then what a reader sees)."""
    if not keep or ("<" not in source and "&" not in source):
        return None
    removed: list[tuple[int, int, str]] = []
    tags: list[Span] = []
    opaque: list[Span] = []
    for a, b in keep:
        tokens = _transparent(source[a:b])
        if tokens is None:
            opaque.append((a, b))
            continue
        for s, e, value, is_tag in tokens:
            removed.append((a + s, a + e, value))
            if is_tag:
                tags.append((a + s, a + e))
    if not removed:
        return None
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for s, e, value in removed:
        chars.append(source[pos:s])
        starts.extend(range(pos, s))
        ends.extend(range(pos + 1, s + 1))
        if value:
            chars.append(value)
            starts.append(s)
            ends.append(e)
        pos = e
    chars.append(source[pos:])
    starts.extend(range(pos, len(source)))
    ends.extend(range(pos + 1, len(source) + 1))
    return MarkupView(
        source=source,
        keep=tuple(keep),
        text="".join(chars),
        starts=tuple(starts),
        ends=tuple(ends),
        opaque=tuple(opaque),
        tags=tuple(tags),
    )


# -- markup a translation may carry ------------------------------------------------------

MARKUP_FORMATS = frozenset({"html", "markdown", "docx", "odt"})
"""Document formats whose segments are markup (Word and OpenDocument paragraphs are
read as HTML of spans): a ``<`` in their translations starts a tag."""


_OPENS = re.compile(r"<(?=[A-Za-z/!?])")
"""A ``<`` that HTML (and Markdown's raw HTML) reads as the start of markup: a tag, an
end tag, a comment, a declaration or a processing instruction.  ``3 < 4`` is text."""


def foreign_markup_escaped(target: str, source: str, keep: Sequence[Span]) -> str:
    """``target`` with every ``<`` that would start markup escaped (``&lt;``), except
    those inside a copy of one of the source's ``keep`` spans.

    Why: a segment's translation is the engine's words, the glossary's forms and the
    source's own markup put back.  Only the last may be markup.  A glossary form
    ``<script>...`` (a hostile or careless glossary) or an engine that invents a tag
    would otherwise become live markup in the page; escaped, it reads as the text it
    is.  ``>`` and ``&`` cannot open an element and are left as they are (``AT&T``).
    Callers pass translatable segments only: an untranslatable one is its source.
    """
    starts = [m.start() for m in _OPENS.finditer(target)]
    if not starts:
        return target
    allowed = sorted({source[a:b] for a, b in keep if "<" in source[a:b]}, key=len, reverse=True)
    covered = bytearray(len(target))
    for text in allowed:
        start = target.find(text)
        while start != -1:
            covered[start : start + len(text)] = b"\x01" * len(text)
            start = target.find(text, start + len(text))
    foreign = [i for i in starts if not covered[i]]
    if not foreign:
        return target
    out = []
    pos = 0
    for i in foreign:
        out.append(target[pos:i])
        out.append("&lt;")
        pos = i + 1
    out.append(target[pos:])
    return "".join(out)
