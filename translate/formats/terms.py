"""Term hits in bitext files: their public shape, packed into one field, and where they
sit in a segment's text (for marking them up, and for placing them again on reading).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from translate.document import TERM_STATUSES, TermHit

__all__ = [
    "PLACED",
    "Span",
    "pack",
    "pack_term",
    "render_marked",
    "source_spans",
    "target_spans",
    "term_dicts",
    "term_summary",
    "unpack",
    "unpack_term",
]


def term_dicts(terms: Sequence[TermHit]) -> list[dict[str, str]]:
    """The public shape of a term hit (the JSONL contract: id, source, target, status)."""
    return [
        {"id": t.id, "type": t.type, "source": t.source, "target": t.target, "status": t.status}
        for t in terms
    ]


def term_summary(terms: Sequence[TermHit]) -> str:
    """One-line summary of term hits for tabular and text formats."""
    return "; ".join(f"{t.source} → {t.target} [{t.status}]" for t in terms)


# --------------------------------------------------------------------------- packed


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
        status=fields[3],
        glossary=glossary,
    )


# --------------------------------------------------------------------------- spans

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
