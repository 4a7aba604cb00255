"""Protect, restore and check glossary terms around an engine call.

The pipeline calls, per document and language pair:

1. :meth:`TermEnforcer.protect` on each source segment: terms found by the matcher are
   replaced by marks the engine carries (carrier names or placeholders);
2. the engine, once, on all protected texts;
3. :meth:`TermEnforcer.restore`: each mark found in the output is replaced by the
   preferred target form (status ``enforced``); a mark the engine lost leaves the
   segment for a retry;
4. :meth:`TermEnforcer.correct` on a plain (unprotected) translation of the segments
   whose marks were lost: renderings the engine produced (the source form, admitted or
   deprecated target forms, a near spelling) are replaced (``corrected``), and what
   cannot be placed is reported ``missing``.

Every term occurrence ends with one of the three statuses; nothing is dropped silently.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Sequence

import regex

from translate.markup import markup_view
from translate.document import AlignedSegment, Segment, TermHit
from translate.engines.base import SourceText, Translation
from translate.glossary.marks import Mark, Marker
from translate.glossary.matcher import Match, Matcher, find_terms
from translate.glossary.model import Concept, Glossary
from translate.languages import is_all_caps, upper

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[-‐‑'’][\p{L}\p{M}\p{N}]+)*")


@dataclass
class Slot:
    """One term occurrence being carried through the engine."""

    match: Match
    target: str
    mark: Mark | None = None

    @property
    def concept(self) -> Concept:
        return self.match.concept


@dataclass
class Protected:
    segment: Segment
    text: SourceText
    slots: list[Slot] = field(default_factory=list)


@dataclass
class Restored:
    target: str
    hits: list[TermHit]
    lost: bool
    unknown_words: tuple[str, ...] = ()

    @property
    def missing(self) -> int:
        return sum(1 for h in self.hits if h.status == "missing")


class TermEnforcer:
    """Glossary enforcement for one glossary and one language pair."""

    def __init__(
        self,
        glossary: Glossary,
        source: str,
        target: str,
        marker: Marker | None = None,
    ) -> None:
        self.source = source
        self.target = target
        self.matcher = Matcher(glossary, source)
        self.concepts = {c.id: c for c in glossary}
        self.marker = marker

    # -- finding -------------------------------------------------------------------
    def matches(self, segment: Segment) -> list[tuple[Match, str]]:
        """Terms in the segment that have a target form, outside verbatim spans."""
        found = []
        # Formatting tags inside a name ("<b>Amir</b>-Abdollahian") are looked through.
        view = markup_view(segment.source, segment.keep)
        text, keep = (view.text, view.opaque) if view else (segment.source, segment.keep)
        matches = self.matcher.find(text)
        for match in view.remap(matches) if view else matches:
            if any(match.start < e and s < match.end for s, e in keep):
                continue
            terms = match.concept.terms.get(self.target)
            if terms is None or not terms.preferred:
                continue  # the glossary has no form for this language: nothing to enforce
            target = terms.preferred
            source_terms = match.concept.terms.get(self.source)
            written = source_terms.recognised() if source_terms else []
            if is_all_caps(match.surface) and match.surface not in written:
                target = upper(target, self.target)  # a dateline: "BAKU," -> "BAKÚ,"
            found.append((match, target))
        return found

    # -- protect -------------------------------------------------------------------
    def protect(self, segment: Segment) -> Protected:
        slots = [Slot(m, t) for m, t in self.matches(segment)]
        if self.marker is None or not slots:
            return Protected(segment, SourceText(segment.source, segment.keep), slots)
        marks = self.marker.assign_typed(
            segment.source, [s.target for s in slots], [s.concept.type for s in slots]
        )
        for slot, mark in zip(slots, marks):
            slot.mark = mark
        edits = [(s.match.start, s.match.end, s.mark[0]) for s in slots if s.mark]
        view = markup_view(segment.source, segment.keep)
        if view:  # tags inside a term are moved next to its mark
            text, keep = view.edit(edits)
        else:
            text, keep, _ = _edit(segment.source, edits, segment.keep)
        return Protected(segment, SourceText(text, tuple(keep)), slots)

    # -- restore -------------------------------------------------------------------
    def restore(self, protected: Protected, output: Translation) -> Restored:
        """Swap each mark in the output for the preferred form.

        A mark the engine mangled (Apertium eng-cat glues "Athens's" into
        "Atenesha") is looked for approximately; a slot still unplaced makes the
        segment ``lost``, and the pipeline then tries a plain translation as well.
        """
        text = output.text
        edits: list[tuple[int, int, str]] = []
        taken: list[tuple[int, int]] = []
        placed: dict[int, TermHit] = {}
        for n, slot in enumerate(protected.slots):
            if slot.mark is None:
                continue
            span = _first_free(text, list(slot.mark[1]), taken, case_sensitive=False)
            if span is not None:
                taken.append(span)
                edits.append((span[0], span[1], slot.target))
                placed[n] = self._hit(slot, "enforced")
        text, _, taken = _edit(text, edits)
        hits: list[TermHit] = []
        for n, slot in enumerate(protected.slots):
            if n in placed:
                hits.append(placed[n])
                continue
            expected = list(slot.mark[1]) if slot.mark else []
            text, hit = self._post_correct(text, slot, taken, extra=expected)
            hits.append(hit)
        hits = self._verify(text, hits)
        lost = any(h.status == "missing" for h in hits)
        return Restored(text, hits, lost, output.unknown_words)

    # -- correct -------------------------------------------------------------------
    def correct(self, protected: Protected, output: Translation) -> Restored:
        """Post-correct a translation made without marks; the fallback path."""
        text = output.text
        hits: list[TermHit] = []
        taken: list[tuple[int, int]] = []
        for slot in protected.slots:
            text, hit = self._post_correct(text, slot, taken)
            hits.append(hit)
        hits = self._verify(text, hits)
        return Restored(text, hits, False, output.unknown_words)

    def _post_correct(
        self, text: str, slot: Slot, taken: list[tuple[int, int]], extra: Sequence[str] = ()
    ) -> tuple[str, TermHit]:
        """Place one term in ``text`` by correction; ``taken`` is updated in place.

        Looks for, in order: the preferred or a declared form (the engine got it
        right); the source form, admitted or deprecated renderings and ``extra``
        strings (a carrier); then a near spelling of any of those.
        """
        terms = slot.concept.terms[self.target]
        cs = slot.concept.case_sensitive
        span = _first_free(text, terms.accepted(), taken, case_sensitive=cs)
        if span is not None:
            taken.append(span)
            return text, self._hit(slot, "enforced", "engine produced the preferred form")
        wrong = [*terms.deprecated, *terms.admitted, slot.match.surface, *extra]
        source_terms = slot.concept.terms.get(self.source)
        if source_terms is not None:
            wrong += source_terms.recognised()
        span = _first_free(text, wrong, taken, case_sensitive=cs)
        if span is None:
            span = _fuzzy(text, [slot.match.surface, *extra], taken)
        if span is None:
            return text, self._hit(slot, "missing", "no rendering of the term in the output")
        was = text[span[0] : span[1]]
        text, moved, inserted = _edit(text, [(span[0], span[1], slot.target)], taken)
        taken[:] = moved + inserted
        return text, self._hit(slot, "corrected", f"engine wrote {was!r}")

    # -- check ---------------------------------------------------------------------
    def _verify(self, text: str, hits: list[TermHit]) -> list[TermHit]:
        """Count accepted forms per concept; occurrences beyond the count are missing."""
        by_concept: dict[str, int] = {}
        checked = []
        for hit in hits:
            if hit.status == "missing":
                checked.append(hit)
                continue
            concept = self.concepts[hit.id]
            if hit.id not in by_concept:
                accepted = concept.terms[self.target].accepted()
                accepted += [upper(t, self.target) for t in accepted]
                by_concept[hit.id] = len(find_terms(text, accepted, concept.case_sensitive))
            if by_concept[hit.id] > 0:
                by_concept[hit.id] -= 1
                checked.append(hit)
            else:
                checked.append(_replace(hit, "missing", "not found in the output on checking"))
        return checked

    def _hit(self, slot: Slot, status: str, note: str = "") -> TermHit:
        return TermHit(
            id=slot.concept.id,
            type=slot.concept.type,
            source=slot.match.surface,
            target=slot.target,
            status=status,  # type: ignore[arg-type]
            start=slot.match.start,
            end=slot.match.end,
            glossary=slot.concept.glossary,
            note=note,
        )


def align(protected: Protected, restored: Restored, engine: str) -> AlignedSegment:
    return AlignedSegment(
        segment=protected.segment,
        target=restored.target,
        terms=tuple(restored.hits),
        unknown_words=restored.unknown_words,
        engine=engine,
    )


def _replace(hit: TermHit, status: str, note: str) -> TermHit:
    from dataclasses import replace

    return replace(hit, status=status, note=note)  # type: ignore[arg-type]


def _edit(
    text: str, edits: Sequence[tuple[int, int, str]], spans: Sequence[tuple[int, int]] = ()
) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """Apply non-overlapping edits ``(start, end, new)``.

    Returns the new text, ``spans`` moved with the edits (a span an edit overlaps is
    dropped) and the spans of the inserted texts.
    """
    out: list[str] = []
    pos = shift = 0
    inserted: list[tuple[int, int]] = []
    moves: list[tuple[int, int]] = []
    ordered = sorted(edits)
    for start, end, new in ordered:
        out.append(text[pos:start])
        inserted.append((start + shift, start + shift + len(new)))
        out.append(new)
        shift += len(new) - (end - start)
        moves.append((end, shift))
        pos = end
    out.append(text[pos:])

    def moved(offset: int) -> int:
        applied = 0
        for boundary, cumulative in moves:
            if offset >= boundary:
                applied = cumulative
        return offset + applied

    kept = [
        (moved(s), moved(e))
        for s, e in spans
        if not any(s < end and start < e for start, end, _ in ordered)
    ]
    return "".join(out), kept, inserted


def _first_free(
    text: str, terms: list[str], taken: list[tuple[int, int]], *, case_sensitive: bool
) -> tuple[int, int] | None:
    """The leftmost occurrence of any of ``terms`` not overlapping a taken span."""
    for start, end in sorted(find_terms(text, [t for t in terms if t], case_sensitive)):
        if not any(start < b and a < end for a, b in taken):
            return start, end
    return None


def _fuzzy(
    text: str, references: Sequence[str], taken: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """A run of words with a close spelling to a reference (transliteration drift,
    a carrier glued to a neighbour).  Ratio above 0.8, best match wins."""
    words = list(_WORD.finditer(text))
    best, best_ratio = None, 0.8
    for reference in references:
        width = len(reference.split())
        for i in range(len(words) - width + 1):
            start, end = words[i].start(), words[i + width - 1].end()
            if any(start < b and a < end for a, b in taken):
                continue
            ratio = difflib.SequenceMatcher(
                None, text[start:end].casefold(), reference.casefold()
            ).ratio()
            if ratio > best_ratio:
                best, best_ratio = (start, end), ratio
    return best
