"""Protect, restore and check glossary terms around an engine call.

The pipeline calls, per document and language pair:

1. :meth:`TermEnforcer.plan` on each source segment: the terms the matcher finds, minus
   occurrences ruled out (keep-as-is phrases, negative contexts), with given names
   ("Chad Ferris") kept verbatim and ordinary words at a sentence start ("Turkey
   sandwiches ...") flagged for a look at the plain translation;
2. the engine on the plain segments where that helps (rule-based engines: always, so
   that a name the engine already renders right is left to the engine's own grammar,
   and so that stand-ins can be told from the article's own words);
3. :meth:`TermEnforcer.review` with that plain output: a flagged word the engine took
   as an ordinary word is ``ambiguous`` and left alone; a term already right is not
   carried;
4. :meth:`TermEnforcer.protect` and one engine call on the texts with marks (carrier
   names of the term's grammar, or placeholders);
5. :meth:`TermEnforcer.restore`: each mark is replaced by the form of the term that
   agrees with what the engine made of the mark (a demonym carrier's "italianas" gives
   "armenias"), the article before it is made to agree (:mod:`agreement`), and a term
   the engine lost is post-corrected;
6. :meth:`TermEnforcer.stand_ins`: an output holding a carrier that is not in the source
   or the plain translation, a private-use character or U+FFFD is never published: the
   pipeline falls back to the plain translation, corrected (:meth:`correct`).

Every occurrence ends ``enforced``, ``corrected``, ``ambiguous`` or ``missing``, and a
final count of the target forms in the text keeps the report from claiming more than
the text holds.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import regex

from translate.document import (
    AlignedSegment,
    Segment,
    SourceText,
    Span,
    TermHit,
    TermStatus,
    Translation,
)
from translate.glossary import agreement, compounds
from translate.glossary.ambiguity import (
    SENTENCE_START,
    WORD,
    given_name_surname,
    is_headline,
    ordinary_word_here,
)
from translate.glossary.grammar import Tag, form_tag, pick_form, suffix_tag, term_tag, word_class
from translate.glossary.markers import Mark, Marker, Want
from translate.glossary.matcher import Match, Matcher, find_terms
from translate.glossary.model import Concept, Glossary, LangTerms
from translate.glossary.normalize import term_key
from translate.inline import Link, aligned_span, lift, words
from translate.languages import is_all_caps, upper
from translate.markup import markup_view

_BAD_CHARS = regex.compile(r"[\uE000-\uF8FF\U000F0000-\U000FFFFD\U00100000-\U0010FFFD\uFFFD]")
_LEAD = regex.compile(r"^[\s\p{P}\p{S}]*")
State = Literal["carry", "plain", "ambiguous", "given-name"]


@dataclass
class Slot:
    """One term occurrence being carried through the engine."""

    match: Match
    target: str
    tag: Tag = Tag()
    demonym: bool = False
    number: str | None = None
    """Number of the source occurrence ("Armenians": plural)."""
    state: State = "carry"
    flagged: bool = False
    """An ordinary word at a sentence start: decided by the plain translation."""
    note: str = ""
    mark: Mark | None = None
    origin: Match | None = None
    """The occurrence in the original source, where a compound was rewritten."""

    @property
    def concept(self) -> Concept:
        return self.match.concept

    @property
    def source(self) -> Match:
        return self.origin or self.match


@dataclass
class Protected:
    segment: Segment
    text: SourceText
    slots: list[Slot] = field(default_factory=list)
    plain: SourceText = SourceText("")
    """The segment without marks, with keep-as-is phrases verbatim and ordinary words
    lower-cased where a capital would read as a name."""
    recapitalise: bool = False
    """The segment's first word was lower-cased for the engine: capitalise the output."""

    @property
    def sent(self) -> str:
        """The plain text as the engine gets it: without its wrapping markup (the
        pipeline lifts it), which is the text word links refer to."""
        return lift(self.plain.text, self.plain.keep).text


@dataclass
class Restored:
    target: str
    hits: list[TermHit]
    lost: bool
    unknown_words: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()

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
        self.glossary = glossary
        self.matcher = Matcher(glossary, source)
        self.concepts = {c.id: c for c in glossary}
        self.marker = marker
        self._target_matcher: Matcher | None = None
        self._same_name: dict[str, str] | None = None
        self.rule_based = marker is not None and bool(marker.stand_ins())
        self._places = [c for c in glossary if c.type == "place" and not c.keep]

    # -- finding -------------------------------------------------------------------
    def _found(
        self, segment: Segment, excluded: list[Match] | None = None
    ) -> tuple[list[tuple[Match, str]], list[Span]]:
        """(terms with their target form, spans of keep-as-is phrases); occurrences
        ruled out by context go to ``excluded``."""
        found = []
        kept: list[Span] = []
        # Formatting tags inside a name ("<b>Amir</b>-Abdollahian") are looked through.
        view = markup_view(segment.source, segment.keep)
        text, keep = (view.text, view.opaque) if view else (segment.source, segment.keep)
        ruled_out: list[Match] = []
        matches = self.matcher.find(text, ruled_out)
        if excluded is not None:
            excluded += view.remap(ruled_out) if view else ruled_out
        for match in view.remap(matches) if view else matches:
            if any(match.start < e and s < match.end for s, e in keep):
                continue
            if match.concept.keep:
                kept.append((match.start, match.end))
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
        return found, kept

    # -- plan ----------------------------------------------------------------------
    def plan(self, segment: Segment) -> Protected:
        """The terms of a segment and how each will travel (see the module docstring)."""
        excluded: list[Match] = []
        found, kept = self._found(segment, excluded)
        original = segment
        back = _identity
        origins: dict[int, Match] = {}
        rewrites = compounds.find(
            segment.source, [m for m, _ in found] + excluded, self._places, self.source
        )
        if rewrites:  # "the Russian-led alliance" -> "the alliance led by Russia"
            edits = [(r.start, r.end, r.new) for r in rewrites]
            text, moved, inserted = _edit(segment.source, edits, segment.keep)
            segment = replace(segment, source=text, keep=tuple(moved))
            back = _offsets_back(edits)
            excluded = []
            found, kept = self._found(segment, excluded)
            for (a, b), rewrite in zip(
                inserted, sorted(rewrites, key=lambda r: r.start), strict=True
            ):
                for match, _ in found:
                    if a <= match.start < b:
                        origins[id(match)] = rewrite.original
        headline = is_headline(segment.source)
        # A word the glossary rules out ("Turkey sandwiches") is given to the engine in
        # lower case at a sentence start, or the engine reads the capital as the name.
        source = segment.source
        lowered = [
            m.start
            for m in excluded
            if m.surface[:1].isupper()
            and not is_all_caps(m.surface)
            and (headline or SENTENCE_START.search(source[: m.start]))
        ]
        for pos in lowered:
            source = source[:pos] + source[pos].lower() + source[pos + 1 :]
        slots = []
        for match, target in found:
            concept = match.concept
            terms = concept.terms[self.target]
            demonym = word_class(concept, self.source, self.target) == "demonym"
            source_terms = concept.terms.get(self.source)
            slot = Slot(match, target, demonym=demonym)
            slot.origin = origins.get(id(match)) or replace(
                match, start=back(match.start), end=back(match.end)
            )
            slot.number = _source_number(match, source_terms, self.source, demonym)
            slot.tag = Tag(None, slot.number) if demonym else term_tag(terms, self.target)
            if demonym and slot.number:
                slot.target = _cased(pick_form(terms, self.target, slot.tag, True), target)
            surname = given_name_surname(segment.source, match, source_terms, self.matcher)
            if surname:
                # Carried as a person and put back as written: the glossary's place
                # name must not replace someone's first name.
                slot.state = "given-name"
                slot.target = match.surface
                slot.tag = Tag()
                slot.note = f"taken as a given name (followed by {surname!r})"
            elif ordinary_word_here(segment.source, match, source_terms, headline):
                slot.flagged = True
            slots.append(slot)
        plain = SourceText(source, tuple(sorted({*segment.keep, *kept})))
        first = _LEAD.match(segment.source)
        recapitalise = first is not None and first.end() in lowered
        return Protected(original, plain, slots, plain, recapitalise)

    def wants_plain(self, protected: Protected) -> bool:
        """Whether a plain translation of the segment is needed before protecting."""
        if not protected.slots:
            return True
        return self.rule_based or any(s.flagged for s in protected.slots)

    def review(self, protected: Protected, plain: Translation) -> None:
        """Decide flagged words and skip terms the engine already renders right."""
        counts: dict[str, int] = {}
        for slot in protected.slots:
            if slot.state == "given-name":
                continue
            terms = slot.concept.terms[self.target]
            if slot.flagged and not self._treated_as_name(plain.text, slot):
                slot.state = "ambiguous"
                slot.note = "an ordinary word here: the engine did not take it as the name"
                continue
            if not self.rule_based or slot.demonym or slot.state != "carry":
                # A demonym rides on an inflected carrier even where the engine knows
                # it: eng-cat writes "diplomàtics d'armeni", "diplomàtics italians".
                continue
            if set(slot.match.surface.split()) & set(plain.unknown_words):
                continue  # copied as an unknown word: the grammar around it is broken
            key = slot.concept.id
            if key not in counts:
                counts[key] = len(
                    find_terms(
                        plain.text,
                        _cases(terms.accepted(), self.target),
                        slot.concept.case_sensitive,
                    )
                )
            if counts[key] > 0:
                counts[key] -= 1
                slot.state = "plain"

    def _treated_as_name(self, text: str, slot: Slot) -> bool:
        terms = slot.concept.terms[self.target]
        names = [*terms.recognised(), slot.match.surface]
        source_terms = slot.concept.terms.get(self.source)
        if source_terms is not None:
            names += source_terms.recognised()
        return bool(find_terms(text, _cases(names, self.target), False))

    def carry_all(self, protected: Protected) -> bool:
        """Carry the names left to the engine too; False when there were none."""
        plain = [s for s in protected.slots if s.state == "plain"]
        for slot in plain:
            slot.state = "carry"
        for slot in protected.slots:
            slot.mark = None
        return bool(plain)

    # -- protect -------------------------------------------------------------------
    def protect(self, protected: Protected) -> SourceText | None:
        """The segment with marks for the terms to carry; None when none needs one."""
        carry = [s for s in protected.slots if s.state in ("carry", "given-name")]
        if self.marker is None or not carry:
            return None
        segment = protected.segment
        wants = [Want(s.target, _kind(s), s.tag, s.number) for s in carry]
        for slot, mark in zip(carry, self.marker.assign(segment.source, wants), strict=True):
            slot.mark = mark
        edits = [(s.match.start, s.match.end, s.mark.text) for s in carry if s.mark]
        if not edits:
            return None
        source, keep = protected.plain.text, protected.plain.keep
        view = markup_view(source, keep)
        if view:  # tags inside a term are moved next to its mark
            text, moved = view.edit(edits)
        else:
            text, moved, _ = _edit(source, edits, keep)
        protected.text = SourceText(text, tuple(moved))
        return protected.text

    # -- restore -------------------------------------------------------------------
    def restore(self, protected: Protected, output: Translation) -> Restored:
        """Swap each mark in the output for the form of the term that fits.

        A mark the engine mangled (Apertium eng-cat glues "Athens's" into
        "Atenesha") is looked for approximately; a slot still unplaced makes the
        segment ``lost``, and the pipeline then uses the plain translation.
        """
        text = output.text
        edits: list[tuple[int, int, str]] = []
        taken: list[tuple[int, int]] = []
        placed: dict[int, TermHit] = {}
        grammar: list[tuple[int, Slot, str]] = []
        for n, slot in enumerate(protected.slots):
            if slot.mark is None or slot.state not in ("carry", "given-name"):
                continue
            span = _first_free(text, list(slot.mark.expect), taken, case_sensitive=False)
            if span is None:
                continue
            taken.append(span)
            form = self._form_for(slot, text[span[0] : span[1]])
            form = _capitalised_at_start(text, span[0], form)
            edits.append((span[0], span[1], form))
            grammar.append((span[0], slot, form))
            status: TermStatus = "ambiguous" if slot.state == "given-name" else "enforced"
            placed[n] = self._hit(slot, status, note=slot.note)
        text, _, taken = _edit(text, edits)
        text, taken = self._agree(text, edits, taken, grammar)
        hits: list[TermHit] = []
        for n, slot in enumerate(protected.slots):
            if n in placed:
                hits.append(placed[n])
                continue
            expected = list(slot.mark.expect) if slot.mark else []
            text, hit = self._settle(text, slot, taken, extra=expected)
            hits.append(hit)
        hits = self._verify(text, hits)
        lost = any(h.status == "missing" for h in hits)
        return Restored(text, hits, lost, output.unknown_words, output.issues)

    def _form_for(self, slot: Slot, found: str) -> str:
        """The term's form for what the engine made of its mark."""
        if slot.mark is not None and slot.mark.forms:
            tag = slot.mark.forms.get(found.casefold())
            if tag is not None:
                terms = slot.concept.terms[self.target]
                return _cased(pick_form(terms, self.target, tag, True), slot.target)
        return slot.target

    def _agree(
        self,
        text: str,
        edits: list[tuple[int, int, str]],
        taken: list[tuple[int, int]],
        grammar: list[tuple[int, Slot, str]],
    ) -> tuple[str, list[tuple[int, int]]]:
        """Articles before the placed terms made to agree, right to left.

        ``taken`` are the spans of the placed forms in text order, as ``_edit`` gives.
        """
        if self.target not in agreement.LANGUAGES:
            return text, taken
        placed = sorted(grammar, key=lambda g: g[0])
        spans = list(taken)
        for k in reversed(range(len(placed))):
            _, slot, form = placed[k]
            if slot.state == "given-name":
                continue
            start = spans[k][0]
            text, shift = self._fix_article(text, start, slot, form)
            if shift:
                spans = [(a + shift, b + shift) if a >= start else (a, b) for a, b in spans]
        return text, spans

    def _fix_article(self, text: str, start: int, slot: Slot, form: str) -> tuple[str, int]:
        """The article right before a term made to agree with it.

        A demonym right after an article is a noun ("los armenios"), so its form's
        grammar applies; after a noun it is an adjective, and nothing precedes it.
        """
        if self.target not in agreement.LANGUAGES:
            return text, 0
        terms = slot.concept.terms[self.target]
        tag = form_tag(terms, form.lower() if slot.demonym else form, self.target, slot.demonym)
        if not (tag.gender or tag.number):
            tag = slot.tag
        if not (tag.gender or tag.number) and self.target != "ca":
            return text, 0  # nothing known; Catalan still elides by the first letter
        return agreement.fix_before(text, start, form, tag, self.target)

    # -- correct -------------------------------------------------------------------
    def correct(
        self,
        protected: Protected,
        output: Translation,
        reason: str = "",
        links: Sequence[Link] = (),
    ) -> Restored:
        """Post-correct a translation made without marks (the plain path).

        ``links`` are the engine's word links between the text it was given and its
        output: a name the engine mangled beyond recognition ("Pezeshkian" ->
        "Pezeskiano") is found where the source name's words went.
        """
        text = output.text
        if _BAD_CHARS.search(text):
            text = _BAD_CHARS.sub("", text)
            reason = reason or "the engine wrote replacement or private-use characters"
        respelled: dict[int, str] = {}
        if links:
            text, respelled = self._respell_aligned(protected, text, links)
        hits: list[TermHit] = []
        taken: list[tuple[int, int]] = []
        for n, slot in enumerate(protected.slots):
            text, hit = self._settle(text, slot, taken)
            if n in respelled and hit.status == "corrected":
                note = (
                    f"engine wrote {respelled[n]!r} (found by alignment)"
                    if respelled[n]
                    else "engine dropped it; put where its neighbours went (alignment)"
                )
                hit = replace(hit, note=note)
            if reason and hit.status != "ambiguous":
                hit = replace(hit, note="; ".join(n for n in (hit.note, reason) if n))
            hits.append(hit)
        hits = self._verify(text, hits)
        return Restored(text, hits, False, output.unknown_words, output.issues)

    def unexplained(self, protected: Protected, restored: Restored) -> Restored:
        """Flag glossary forms the output has more often than the source has their
        concept: a model that repeats or invents a name ("Georgia Georgia Georgia") is
        an issue for an editor, not something the report may pass over."""
        if self._target_matcher is None:
            # the glossary itself where its ids are distinct (a merged one's are), so
            # that a cached glossary's target matcher comes from the cache too
            distinct = len(self.concepts) == len(self.glossary)
            self._target_matcher = Matcher(
                self.glossary if distinct else list(self.concepts.values()), self.target
            )
        matcher = self._target_matcher
        found = [
            m
            for m in matcher.find(restored.target)
            if m.variant in ("preferred", "form")
            and not (m.surface.islower() and len(m.surface) < 4)
        ]
        if not found:
            return restored
        name = self._name_of()
        allowed = Counter(name.get(h.id, h.id) for h in restored.hits if h.status != "missing")
        allowed.update(  # a name spelled alike in both languages ("Armenia")
            name[m.concept.id]
            for m in matcher.find(protected.segment.source)
            if m.variant in ("preferred", "form")
        )
        seen: Counter[str] = Counter(name[m.concept.id] for m in found)
        issues = []
        for key, count in seen.items():
            if count > allowed[key]:
                surfaces = ", ".join(
                    repr(f)
                    for f in dict.fromkeys(m.surface for m in found if name[m.concept.id] == key)
                )
                issues.append(
                    f"{surfaces}: {count}× where the source names it {allowed[key]}×; "
                    "the engine repeated or invented it"
                )
        if not issues:
            return restored
        return replace(restored, issues=restored.issues + tuple(issues))

    def _name_of(self) -> dict[str, str]:
        """Concept id -> one id for every concept written alike in the target.

        Two glossaries may hold one country under different source names (a desk's
        "Turkey" beside CLDR's "Türkiye"), both "Turquía" in Spanish: the output's
        "Turquía" is then explained by either, and counting it per concept would call it
        invented."""
        if self._same_name is None:
            owner: dict[str, str] = {}
            name: dict[str, str] = {}
            for cid, concept in self.concepts.items():
                terms = concept.terms.get(self.target)
                forms = terms.accepted() if terms is not None else []
                keys = [term_key(f, case_sensitive=False) for f in forms if f]
                first = next((owner[k] for k in keys if k in owner), cid)
                name[cid] = first
                for k in keys:
                    owner.setdefault(k, first)
            self._same_name = name
        return self._same_name

    def wants_alignment(self, protected: Protected, plain: str) -> bool:
        """Whether word links could help to correct this plain translation: some term
        occurs more often in the source than its target forms in the output."""
        wanted = Counter(
            s.concept.id for s in protected.slots if s.state not in ("ambiguous", "given-name")
        )
        for cid, count in wanted.items():
            concept = self.concepts[cid]
            forms = _cases(concept.terms[self.target].accepted(), self.target)
            if len(find_terms(plain, forms, concept.case_sensitive)) < count:
                return True
        return False

    def _respell_aligned(
        self, protected: Protected, text: str, links: Sequence[Link]
    ) -> tuple[str, dict[int, str]]:
        """Put the source surface back where the engine's rendering of a term is not
        recognisable, so that correction finds and replaces it like any rendering."""
        sent = protected.sent
        have: dict[str, int] = {}
        edits: list[tuple[int, int, str]] = []
        respelled: dict[int, str] = {}
        right: list[tuple[int, int]] = []
        cursor = 0
        for n, slot in enumerate(protected.slots):
            surface = slot.match.surface
            pos = sent.find(surface, cursor)
            if pos < 0:
                continue
            cursor = pos + len(surface)
            if slot.state in ("ambiguous", "given-name"):
                continue
            concept = slot.concept
            if concept.id not in have:
                accepted = _cases(concept.terms[self.target].accepted(), self.target)
                recognised = [*accepted, surface]
                found = find_terms(text, recognised, concept.case_sensitive)
                have[concept.id] = len(found)
                # the renderings already right belong to other occurrences: never respelled
                right.extend(found)
            if have[concept.id] > 0:
                have[concept.id] -= 1
                continue
            likes = [surface, slot.target, *concept.terms[self.target].recognised()]
            aligned = aligned_span(pos, pos + len(surface), links)
            span = None if isinstance(aligned, str) else _likest(text, aligned, likes)
            if span is not None and any(a < span[1] and span[0] < b for a, b in right):
                span = None
            if span is None:
                # attention pointed at other words (never overwrite them), or at none.
                # A close spelling of a form anywhere ("unión europea") is the rendering;
                # else the engine dropped the name, which goes where its neighbours went.
                near = _fuzzy(text, likes, [(a, b) for a, b, _ in edits] + right)
                if near is not None:
                    if not any(a < near[1] and near[0] < b for a, b, _ in edits):
                        edits.append((near[0], near[1], surface))
                        respelled[n] = text[near[0] : near[1]]
                    continue
                at = _insertion_point(pos, pos + len(surface), words(sent), links)
                if at is None or any(a < at < b for a, b, _ in edits):
                    continue
                edits.append((at, at, surface))
                respelled[n] = ""
                continue
            was = text[span[0] : span[1]]
            if any(a < span[1] and span[0] < b for a, b, _ in edits):
                continue
            edits.append((span[0], span[1], surface))
            respelled[n] = was
        for start, end, surface in sorted(edits, reverse=True):
            if start == end:  # an insertion, between words
                surface = (" " if start and not text[start - 1].isspace() else "") + surface
                surface += " " if start < len(text) and text[start].isalnum() else ""
            text = text[:start] + surface + text[end:]
        return text, respelled

    def _settle(
        self, text: str, slot: Slot, taken: list[tuple[int, int]], extra: Sequence[str] = ()
    ) -> tuple[str, TermHit]:
        if slot.state == "ambiguous":
            return text, self._hit(slot, "ambiguous", note=slot.note)
        if slot.state == "given-name":
            # Written as in the source; a glossary form the engine put there goes back.
            terms = slot.concept.terms[self.target]
            span = _first_free(text, [slot.target], taken, case_sensitive=True)
            if span is None:
                wrong = [*terms.recognised(), *extra]
                span = _first_free(text, wrong, taken, case_sensitive=True)
                if span is not None:
                    text, moved, inserted = _edit(text, [(*span, slot.target)], taken)
                    taken[:] = moved + inserted
            elif span is not None:
                taken.append(span)
            return text, self._hit(slot, "ambiguous", note=slot.note)
        return self._post_correct(text, slot, taken, extra)

    def _post_correct(
        self, text: str, slot: Slot, taken: list[tuple[int, int]], extra: Sequence[str] = ()
    ) -> tuple[str, TermHit]:
        """Place one term in ``text`` by correction; ``taken`` is updated in place.

        Looks for, in order: the preferred or a declared form (the engine got it
        right, and its form is kept); the source form, admitted or deprecated renderings
        and ``extra`` strings (a carrier); then a near spelling of any of those.
        """
        terms = slot.concept.terms[self.target]
        cs = slot.concept.case_sensitive
        span = _first_free(text, _cases(terms.accepted(), self.target), taken, case_sensitive=cs)
        if span is not None:
            # The engine's own form is kept; its article is still made to agree
            # (eng-cat writes "el OSCE").
            text, shift = self._fix_article(text, span[0], slot, text[span[0] : span[1]])
            taken[:] = [(a + shift, b + shift) if a >= span[0] else (a, b) for a, b in taken]
            taken.append((span[0] + shift, span[1] + shift))
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
        form = slot.target
        if is_all_caps(was) and len(was) > 1:
            form = upper(form, self.target)
        form = _capitalised_at_start(text, span[0], form)
        text, moved, inserted = _edit(text, [(span[0], span[1], form)], taken)
        text, shift = self._fix_article(text, inserted[0][0], slot, form)
        if shift:
            start = inserted[0][0]
            moved = [(a + shift, b + shift) if a >= start else (a, b) for a, b in moved]
            inserted = [(a + shift, b + shift) for a, b in inserted]
        taken[:] = moved + inserted
        return text, self._hit(slot, "corrected", f"engine wrote {was!r}")

    # -- check ---------------------------------------------------------------------
    def stand_ins(
        self, protected: Protected, text: str, plain: str | None = None
    ) -> tuple[str, ...]:
        """Stand-ins in an output: private-use characters, U+FFFD, and carrier
        renderings that neither the source nor (when given) the plain translation has."""
        found = [f"U+{ord(c):04X}" for c in dict.fromkeys(_BAD_CHARS.findall(text))]
        if self.marker is None:
            return tuple(found)
        source = protected.segment.source
        for rendering, name in self.marker.stand_ins().items():
            if not _glued(text, rendering):
                continue
            if _glued(source, rendering) or _glued(source, name):
                continue
            if plain is not None and _glued(plain, rendering):
                continue
            if any(find_terms(rendering, s.target.split(), False) for s in protected.slots):
                continue  # "Armenia": the term itself, not a stand-in
            found.append(rendering)
        return tuple(found)

    def _verify(self, text: str, hits: list[TermHit]) -> list[TermHit]:
        """Count accepted forms per concept; occurrences beyond the count are missing."""
        by_concept: dict[str, int] = {}
        checked = []
        for hit in hits:
            if hit.status in ("missing", "ambiguous"):
                checked.append(hit)
                continue
            concept = self.concepts[hit.id]
            if hit.id not in by_concept:
                accepted = _cases(concept.terms[self.target].accepted(), self.target)
                by_concept[hit.id] = len(find_terms(text, accepted, concept.case_sensitive))
            if by_concept[hit.id] > 0:
                by_concept[hit.id] -= 1
                checked.append(hit)
            else:
                checked.append(
                    replace(hit, status="missing", note="not found in the output on checking")
                )
        return checked

    def _hit(self, slot: Slot, status: TermStatus, note: str = "") -> TermHit:
        return TermHit(
            id=slot.concept.id,
            type=slot.concept.type,
            source=slot.source.surface,
            target=slot.target,
            status=status,
            start=slot.source.start,
            end=slot.source.end,
            glossary=slot.concept.glossary,
            note=note,
        )


def align(protected: Protected, restored: Restored, engine: str) -> AlignedSegment:
    target = restored.target
    if protected.recapitalise:
        lead = _LEAD.match(target)
        at = lead.end() if lead else 0
        target = target[:at] + target[at : at + 1].upper() + target[at + 1 :]
    return AlignedSegment(
        segment=protected.segment,
        target=target,
        terms=tuple(restored.hits),
        unknown_words=restored.unknown_words,
        engine=engine,
        issues=restored.issues,
    )


# -- helpers ---------------------------------------------------------------------------


ALIGNED_LIKENESS = 0.5
"""How alike (difflib ratio, case folded) the aligned words must be to the source name
or one of its target forms to be taken for its rendering.  Attention is a noisy guide:
"Azerbaijani" once attended to "ministros"; a mangled name stays alike ("Pezeskiano")."""


def _initial(text: str) -> str:
    import unicodedata

    first = unicodedata.normalize("NFD", text.strip()[:1].casefold())
    return first[:1]


def _insertion_point(
    start: int, end: int, source_words: Sequence[tuple[int, int]], links: Sequence[Link]
) -> int | None:
    """Where a dropped source span goes in the target: after the translation of the
    word before it, else before that of the word after it."""
    before = [w for w in source_words if w[1] <= start][-2:]
    after = [w for w in source_words if w[0] >= end][:2]
    for word in reversed(before):
        targets = [t for s, t in links if s == word]
        if targets:
            return max(t[1] for t in targets)
    for word in after:
        targets = [t for s, t in links if s == word]
        if targets:
            return min(t[0] for t in targets)
    return None


def _likest(text: str, span: tuple[int, int], likes: Sequence[str]) -> tuple[int, int] | None:
    """The run of words inside ``span`` most like one of ``likes``, if alike enough."""
    import difflib

    inner = [(span[0] + a, span[0] + b) for a, b in words(text[span[0] : span[1]])]
    best: tuple[float, tuple[int, int]] | None = None
    for i in range(len(inner)):
        for j in range(i, min(len(inner), i + 8)):
            piece = text[inner[i][0] : inner[j][1]].casefold()
            # the same first letter (accents aside): "Los" is not a mangled "rusos"
            score = max(
                (
                    difflib.SequenceMatcher(None, piece, like.casefold()).ratio()
                    for like in likes
                    if like and _initial(like) == _initial(piece)
                ),
                default=0.0,
            )
            if best is None or score > best[0]:
                best = (score, (inner[i][0], inner[j][1]))
    if best is None or best[0] < ALIGNED_LIKENESS:
        return None
    return best[1]


def _source_number(match: Match, terms: LangTerms | None, lang: str, demonym: bool) -> str | None:
    """Number of the source occurrence, for choosing the target form."""
    if terms is None:
        return None
    tag = form_tag(terms, match.term or match.surface, lang, demonym)
    if tag.number:
        return tag.number
    if demonym:
        return suffix_tag(match.surface, lang).number
    return None


def _glued(text: str, rendering: str) -> bool:
    """Whether ``rendering`` is in ``text`` as a word or glued to one on one side only
    (eng-cat writes "finançadaaParís" for "Paris-funded")."""
    if not rendering or rendering.casefold() not in text.casefold():
        return False
    flags = regex.IGNORECASE if rendering[:1].islower() else 0
    word = regex.escape(rendering)
    pattern = rf"(?<![\p{{L}}\p{{M}}]){word}|{word}(?![\p{{L}}\p{{M}}])"
    return bool(regex.search(pattern, text, flags))


def _identity(offset: int) -> int:
    return offset


def _offsets_back(edits: Sequence[tuple[int, int, str]]):  # noqa: ANN202
    """Offsets in an edited text mapped back to the original (inside an edit: its start)."""
    ordered = sorted(edits)

    def back(offset: int) -> int:
        shift = 0
        for start, end, new in ordered:
            new_start = start + shift
            if offset < new_start:
                break
            if offset < new_start + len(new):
                return start
            shift += len(new) - (end - start)
        return offset - shift

    return back


def _kind(slot: Slot) -> str:
    if slot.state == "given-name":
        return "person"
    return "demonym" if slot.demonym else slot.concept.type


def _cases(forms: Sequence[str], lang: str) -> list[str]:
    """Forms as written, in capitals (a dateline) and capitalised (a sentence start)."""
    out = list(forms)
    out += [upper(f, lang) for f in forms]
    out += [f[:1].upper() + f[1:] for f in forms if f[:1].islower()]
    return list(dict.fromkeys(out))


def _cased(form: str, like: str) -> str:
    if is_all_caps(like) and len(like) > 1:
        return form.upper()
    return form


def _capitalised_at_start(text: str, start: int, form: str) -> str:
    """A lower-case form ("mar Caspio", "armenios") gets a capital at a sentence start."""
    if form[:1].islower() and SENTENCE_START.search(text[:start]):
        return form[:1].upper() + form[1:]
    return form


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
    words = list(WORD.finditer(text))
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
