"""Inline markup that wraps words: lifted before the engine, put back on the same words.

Bold, emphasis and links (``<b>…</b>``, ``**…**``, ``[…](url)``) wrap words, and an
engine reorders words: "The <em>new</em> pipeline" is "La tubería <em>nueva</em>".  A
wrap left where it stood lands on another word, so wraps never reach the engine.  The
segment's keep spans say where markup is; :func:`lift` pairs opening and closing markup
(by tag name in HTML, by delimiter in Markdown) and removes each pair, remembering which
words it covered; the engine translates the bare sentence; :func:`place` puts each pair
around the target words that translate the covered ones, using

1. the glossary: a wrap around a term goes around the term's target form;
2. the words themselves, where they come out unchanged (names, numbers);
3. the engine's word alignment (:class:`Aligner`: Apertium's word-bound blanks, the
   attention of an Argos model).

A wrap that none of these places is dropped and reported as an issue of the segment
(``needs-review``), never appended somewhere else.  Markup that wraps nothing, unpaired
markup, code spans and references stay keep spans, passed through in place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from translate.document import SourceText, Span
from translate.markup import TRANSPARENT

Link = tuple[Span, Span]
"""A source word's span and the span of a target word it translates into."""

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>")
_DELIMITERS = frozenset({"*", "**", "***", "_", "__", "___", "~~"})
_WORD = re.compile(r"\w+(?:['’.-]\w+)*")


@runtime_checkable
class Aligner(Protocol):
    """An engine that can say which target words translate which source words."""

    def align(self, pairs: Sequence[tuple[str, str]], source: str, target: str) -> list[list[Link]]:
        """For each (source text, its translation), the word links between them."""
        ...


@dataclass(frozen=True)
class Wrap:
    """A pair of markup pieces around ``text[start:end]`` of the bare text."""

    open: str
    close: str
    start: int
    end: int


@dataclass(frozen=True)
class Lifted:
    """A text without its wrapping markup: what the engine gets."""

    text: str
    keep: tuple[Span, ...]
    wraps: tuple[Wrap, ...]

    def source_text(self) -> SourceText:
        return SourceText(self.text, self.keep)


def _pieces(text: str, keep: Sequence[Span]) -> list[Span]:
    """Keep spans, a run of adjacent tags (``<b><i>``) split into one span per tag."""
    out: list[Span] = []
    for start, end in sorted(keep):
        chunk = text[start:end]
        tags = list(_TAG.finditer(chunk))
        if len(tags) > 1 and "".join(m.group(0) for m in tags) == chunk:
            out += [(start + m.start(), start + m.end()) for m in tags]
        else:
            out.append((start, end))
    return out


def _role(piece: str) -> tuple[str, str] | None:
    """("open" | "close" | "toggle", key) for markup that can wrap words, else None."""
    if piece in _DELIMITERS:
        return "toggle", piece
    if piece in ("[", "!["):
        return "open", "link"
    if piece.startswith(("](", "][")) or piece == "]":
        return "close", "link"
    m = _TAG.fullmatch(piece)
    if m and m.group(2).lower() in TRANSPARENT and not m.group(3):
        return ("close" if m.group(1) else "open"), m.group(2).lower()
    return None


def pairs(text: str, keep: Sequence[Span]) -> list[tuple[Span, Span]]:
    """Opening and closing markup that belong together, outermost first.

    >>> t = "The <b><i>new</i></b> **plan** [here](u)"
    >>> [(t[a:b], t[c:d]) for (a, b), (c, d) in pairs(t, [(4, 10), (13, 21), (22, 24),
    ...     (28, 30), (31, 32), (36, 40)])]
    [('<b>', '</b>'), ('<i>', '</i>'), ('**', '**'), ('[', '](u)')]
    """
    stack: list[tuple[str, Span]] = []
    found: list[tuple[Span, Span]] = []
    for span in _pieces(text, keep):
        role = _role(text[span[0] : span[1]])
        if role is None:
            continue
        kind, key = role
        if kind == "open" or (kind == "toggle" and not any(k == key for k, _ in stack)):
            stack.append((key, span))
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == key:
                found.append((stack[depth][1], span))
                del stack[depth:]
                break
    return sorted(found)


def lift(text: str, keep: Sequence[Span] = ()) -> Lifted:
    """The text without the markup of :func:`pairs` (pairs around no word stay kept)."""
    chosen = [(o, c) for o, c in pairs(text, keep) if _WORD.search(text[o[1] : c[0]]) is not None]
    removed = sorted(span for pair in chosen for span in pair)
    if not removed:
        return Lifted(text, tuple(keep), ())

    def moved(pos: int) -> int:
        return pos - sum(min(e, pos) - s for s, e in removed if s < pos)

    bare = "".join(
        text[a:b]
        for a, b in zip(
            [0] + [e for _, e in removed], [s for s, _ in removed] + [len(text)], strict=True
        )
    )
    inside = set(removed)
    rest = []
    for start, end in _pieces(text, keep):
        if (start, end) in inside:
            continue
        if any(s < end and start < e for s, e in removed):  # part of a merged run
            continue
        rest.append((moved(start), moved(end)))
    wraps = tuple(
        Wrap(text[o[0] : o[1]], text[c[0] : c[1]], moved(o[1]), moved(c[0])) for o, c in chosen
    )
    return Lifted(bare, tuple(rest), wraps)


def words(text: str) -> list[Span]:
    return [m.span() for m in _WORD.finditer(text)]


def _unique(haystack: str, needle: str) -> Span | None:
    if not needle:
        return None
    found = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack)]
    return (found[0], found[0] + len(needle)) if len(found) == 1 else None


def aligned_span(start: int, end: int, links: Sequence[Link]) -> Span | str:
    """The target span of the words linked to the source words in ``[start, end)``, or
    why there is none (no linked word, or a word from elsewhere in between)."""
    linked = sorted({t for s, t in links if s[0] < end and start < s[1] and t[1] > t[0]})
    if not linked:
        return "no target word translates it"
    first, last = linked[0][0], linked[-1][1]
    outside = {t for s, t in links if not (s[0] < end and start < s[1])}
    if any(first <= t[0] and t[1] <= last for t in outside if t not in linked):
        return "its words are split by other words in the translation"
    return first, last


def _whole_terms(span: Span, target: str, forms: Sequence[str]) -> Span:
    """``span`` grown so that no glossary form is cut by the markup."""
    start, end = span
    for form in forms:
        for m in re.finditer(re.escape(form), target) if form else ():
            if m.start() < start < m.end():
                start = m.start()
            if m.start() < end < m.end():
                end = m.end()
    return start, end


def place(
    target: str,
    wraps: Sequence[Wrap],
    bare_source: str,
    links: Sequence[Link] = (),
    terms: Sequence[tuple[str, str]] = (),
) -> tuple[str, tuple[str, ...]]:
    """``target`` with each wrap around the words that translate its words, and the
    wraps that could not be placed (as reasons for an editor).

    ``terms`` are (source, target form) of the glossary terms in the segment.
    """
    placed: list[tuple[Span, Wrap]] = []
    issues: list[str] = []
    for wrap in wraps:
        inner = bare_source[wrap.start : wrap.end].strip()
        form = dict(terms).get(inner)
        spellings = [form, form.upper(), form[:1].upper() + form[1:]] if form else []
        span = next((s for s in (_unique(target, f) for f in spellings) if s), None)
        span = span or _unique(target, inner)
        where: Span | str = span if span else aligned_span(wrap.start, wrap.end, links)
        if not isinstance(where, str):
            where = _whole_terms(where, target, [f for _, f in terms])
        if isinstance(where, str):
            issues.append(f"markup {wrap.open}…{wrap.close} around {inner!r}: {where}")
            continue
        clash = next(
            (
                other
                for span2, other in placed
                if span2[0] < where[1]
                and where[0] < span2[1]
                and not (span2[0] <= where[0] and where[1] <= span2[1])
                and not (where[0] <= span2[0] and span2[1] <= where[1])
            ),
            None,
        )
        if clash is not None:
            issues.append(
                f"markup {wrap.open}…{wrap.close} around {inner!r}: it would cross "
                f"{clash.open}…{clash.close} in the translation"
            )
            continue
        placed.append((where, wrap))
    # at one position: closings before openings, inner closings and outer openings first
    events: list[tuple[int, int, int, int, str]] = []
    for idx, ((start, end), wrap) in enumerate(placed):
        events.append((start, 1, start - end, idx, wrap.open))
        events.append((end, 0, end - start, -idx, wrap.close))
    out: list[str] = []
    pos = 0
    for at, _kind, _size, _idx, piece in sorted(events):
        out += [target[pos:at], piece]
        pos = at
    out.append(target[pos:])
    return "".join(out), tuple(issues)
