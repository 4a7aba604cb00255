"""Alignment of a plain source and its translation into units that are checked alone.

Chosen so that a unit is never misaligned:

1. **Paragraphs.**  The prose paragraphs of both sides (code blocks, raw HTML, front
   matter and paragraphs without a letter are left out on both sides, see
   :func:`prose`) are paired in order when both sides have the same number.  If the
   counts differ (a paragraph was merged, split, added or dropped), the whole document
   is checked as ONE unit (the checker says so in the result's ``notes``).
2. **Sentences.**  Inside a paired paragraph, sentences are paired
   (:func:`sentence_pairs`) when both sides have the same number of sentences AND the
   pairing is consistent: every glossary concept and every number occurs in each
   target sentence as often as in its source sentence whenever it does so in the
   paragraph as a whole, and no sentence pair is far longer or shorter than the
   paragraph's length ratio allows.  Otherwise (a translator merged two sentences and
   split another, say) the paragraph is one unit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import regex

from translate.document import Document, Paragraph, Segment
from translate.glossary.matcher import Matcher
from translate.i18n import _

_SKIPPED_KINDS = frozenset({"code", "html"})
_DIGITS = regex.compile(r"\d+")
_LETTER = regex.compile(r"\p{L}")


def prose(doc: Document) -> list[Paragraph]:
    """Paragraphs that carry translatable prose (tables included: terms count there)."""
    return [
        p
        for p in doc.paragraphs
        if p.kind not in _SKIPPED_KINDS and any(_LETTER.search(s.source) for s in p.segments)
    ]


def sentence_pairs(
    sp: Paragraph, tp: Paragraph, source: Matcher, target: Matcher
) -> tuple[list[tuple[Segment, Segment]] | None, str]:
    """The sentences of two paired paragraphs, paired; or None and the reason why the
    paragraphs are to be checked whole.  ``source`` and ``target`` match the glossary
    in each side's language."""
    ss, ts = list(sp.segments), list(tp.segments)
    if len(ss) != len(ts):
        return None, _("sentence counts differ (source {source}, translation {target})").format(
            source=len(ss), target=len(ts)
        )
    if len(ss) == 1:
        return list(zip(ss, ts, strict=True)), ""
    # Anchors: glossary concepts (any rendering, either language) and numbers.
    src_anchors = [_anchors(s.source, source, None) for s in ss]
    tgt_anchors = [_anchors(t.source, target, source) for t in ts]
    total_src = sum(src_anchors, Counter())
    total_tgt = sum(tgt_anchors, Counter())
    for key in set(total_src) | set(total_tgt):
        whole = abs(total_src[key] - total_tgt[key])
        parts = sum(abs(a[key] - b[key]) for a, b in zip(src_anchors, tgt_anchors, strict=True))
        if parts > whole:
            return None, _("sentences do not line up ({anchor!r} moves between sentences)").format(
                anchor=key[1]
            )
    # Lengths: a sentence pair far off the paragraph's ratio is misaligned.
    s_len = sum(len(s.source) for s in ss)
    t_len = sum(len(t.source) for t in ts)
    ratio = t_len / s_len if s_len else 1.0
    for s, t in zip(ss, ts, strict=True):
        longer = max(len(s.source), len(t.source))
        if longer < 40:
            continue
        expected = len(s.source) * ratio
        if expected <= 0 or not (0.5 <= len(t.source) / expected <= 2.0):
            return None, _("sentence lengths do not line up")
    return list(zip(ss, ts, strict=True)), ""


def _anchors(text: str, matcher: Matcher, extra: Matcher | None) -> Counter:
    """Concepts (any rendering) and numbers in ``text``: what must stay in a sentence.

    In a target sentence the source-language renderings count too (a name left
    untranslated is still there), where they do not overlap a target-language match.
    """
    counts: Counter = Counter()
    spans: list[tuple[int, int]] = []
    for m in matcher.find(text):
        counts[("concept", m.concept.id)] += 1
        spans.append((m.start, m.end))
    if extra is not None:
        for m in extra.find(text):
            if not any(m.start < b and a < m.end for a, b in spans):
                counts[("concept", m.concept.id)] += 1
    for d in _DIGITS.finditer(text):
        counts[("number", d.group())] += 1
    return counts


def span_text(doc: Document, segs: Sequence[Segment]) -> str:
    """The text of a unit: its segments as the document writes them (paragraphs
    joined by a blank line)."""
    if not segs:
        return ""
    if len({s.paragraph for s in segs}) == 1:
        return doc.text[segs[0].start : segs[-1].end]
    by_para: dict[int, list[Segment]] = {}
    for s in segs:
        by_para.setdefault(s.paragraph, []).append(s)
    return "\n\n".join(doc.text[p[0].start : p[-1].end] for p in by_para.values())


def first_line(doc: Document, segs: Sequence[Segment]) -> int | None:
    """The line (from 1) on which a unit starts."""
    if not segs:
        return None
    return doc.text.count("\n", 0, segs[0].start) + 1
