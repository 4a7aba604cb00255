"""Quality check of an existing translation (a person's or a machine's) against glossaries.

No engine is involved: the source and its translation are aligned, and in each aligned
*unit* every glossary term of the source must appear in the target in its preferred
form (or a declared word form), as many times as in the source; deprecated renderings
must not appear at all.  Names in the source that no glossary knows are listed for the
desk to add (they are not violations).

Alignment of a plain source and translation (text or Markdown, read with
:mod:`translate.articles`), chosen so that a unit is never misaligned:

1. **Paragraphs.**  The prose paragraphs of both sides (code blocks, raw HTML, front
   matter and paragraphs without a letter are left out on both sides) are paired in
   order when both sides have the same number.  If the counts differ (a paragraph was
   merged, split, added or dropped), the whole document is checked as ONE unit and the
   result says so in ``notes``: terms still count, positions are coarser.
2. **Sentences.**  Inside a paired paragraph, sentences are paired when both sides have
   the same number of sentences AND the pairing is consistent: every glossary concept
   and every number occurs in each target sentence as often as in its source sentence
   whenever it does so in the paragraph as a whole, and no sentence pair is far longer
   or shorter than the paragraph's length ratio allows.  Otherwise (a translator merged
   two sentences and split another, say) the paragraph is one unit.

A bitext (JSONL, TMX, XLIFF, PO) is aligned already: each of its segments is a unit.

Counting is done with the glossary matcher (:mod:`translate.glossary.matcher`): in the
target, all renderings of all concepts compete leftmost-longest, so "Ilham Alíev" counts
for the full name and not also for the surname.  An occurrence written in a deprecated
rendering is reported once, as ``deprecated``; ``missing`` counts the occurrences of
which the target has no rendering at all (or only an admitted variant).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Literal, Sequence

import regex

from translate.document import Bitext, Document, Paragraph, Segment
from translate.glossary.matcher import Match, Matcher
from translate.glossary.model import Concept, Glossary
from translate.i18n import _

__all__ = [
    "Checker",
    "CheckResult",
    "Unit",
    "Violation",
    "check_texts",
    "check_documents",
    "check_bitext",
    "unknown_names",
]

Level = Literal["sentence", "paragraph", "document", "segment"]
Kind = Literal["missing", "deprecated"]

_SKIPPED_KINDS = frozenset({"code", "html"})
_DIGITS = regex.compile(r"\d+")
_LETTER = regex.compile(r"\p{L}")


@dataclass(frozen=True)
class Violation:
    """A glossary rule a unit breaks.

    ``missing``: the source has ``source_count`` occurrences of the concept (written
    ``source``), the target only ``target_count`` in the preferred form or a declared
    form; ``count`` occurrences are missing (``found`` lists admitted renderings the
    target used instead, if any).  ``deprecated``: the target writes ``found``, a
    deprecated rendering, ``count`` times; ``expected`` is the preferred form.
    """

    kind: Kind
    concept: str
    type: str
    expected: str
    count: int = 1
    source: str = ""
    found: str = ""
    source_count: int = 0
    target_count: int = 0

    def to_dict(self) -> dict:
        data = {
            "kind": self.kind,
            "concept": self.concept,
            "type": self.type,
            "expected": self.expected,
            "count": self.count,
        }
        if self.kind == "missing":
            data.update(
                source=self.source,
                source_count=self.source_count,
                target_count=self.target_count,
            )
            if self.found:
                data["found"] = self.found
        else:
            data["found"] = self.found
        return data

    def describe(self) -> str:
        """One line for people: what is wrong and what to write."""
        if self.kind == "deprecated":
            text = _('deprecated "{found}": write "{expected}"').format(
                found=self.found, expected=self.expected
            )
            if self.count > 1:
                text += _(" ({count} times)").format(count=self.count)
            return text + f" [{self.concept}]"
        text = _('missing "{expected}" for "{source}"').format(
            expected=self.expected, source=self.source
        )
        if self.source_count > 1 or self.target_count:
            text += _(" (source {source}×, target {target}×)").format(
                source=self.source_count, target=self.target_count
            )
        if self.found:
            text += _(', found admitted "{found}"').format(found=self.found)
        return text + f" [{self.concept}]"


@dataclass(frozen=True)
class Unit:
    """An aligned stretch of source and target that is checked on its own."""

    index: int
    level: Level
    source: str
    target: str
    paragraph: int | None = None
    """Index of the source paragraph (among the prose paragraphs checked)."""
    source_line: int | None = None
    target_line: int | None = None
    segment: int | None = None
    """For bitext units: the segment index in the bitext."""
    sentence: int | None = None
    """For sentence units: the sentence's index in its paragraph."""
    violations: tuple[Violation, ...] = ()
    unknown_names: tuple[str, ...] = ()
    reason: str = ""
    """Why a paragraph was checked whole (sentence counts differ, ...)."""

    def label(self) -> str:
        """Where the unit is, for people (counted from 1)."""
        if self.level == "segment":
            return _("segment {n}").format(n=(self.segment or 0) + 1)
        if self.level == "document":
            return _("whole document")
        if self.level == "paragraph":
            return _("paragraph {n}").format(n=(self.paragraph or 0) + 1)
        return _("paragraph {n}, sentence {m}").format(
            n=(self.paragraph or 0) + 1, m=(self.sentence or 0) + 1
        )

    def to_dict(self) -> dict:
        data: dict = {"unit": self.index, "level": self.level}
        for key in ("paragraph", "sentence", "segment", "source_line", "target_line"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.reason:
            data["reason"] = self.reason
        data["source"] = self.source
        data["target"] = self.target
        data["violations"] = [v.to_dict() for v in self.violations]
        data["unknown_names"] = list(self.unknown_names)
        return data


@dataclass
class CheckResult:
    source_name: str
    target_name: str
    source_lang: str
    target_lang: str
    alignment: Literal["sentence", "paragraph", "document", "bitext"]
    """The coarsest alignment used: ``sentence`` when every unit is a sentence."""
    units: list[Unit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def violations(self) -> list[tuple[Unit, Violation]]:
        return [(u, v) for u in self.units for v in u.violations]

    @property
    def ok(self) -> bool:
        return not any(u.violations for u in self.units)

    def unknown_names(self) -> Counter:
        """Every name no glossary knows, with how often the source has it."""
        counts: Counter = Counter()
        for unit in self.units:
            counts.update(unit.unknown_names)
        return counts

    def counts(self) -> dict[str, int]:
        out = {"missing": 0, "deprecated": 0}
        for _unit, v in self.violations:
            out[v.kind] += v.count
        return out

    def to_dict(self) -> dict:
        levels = Counter(u.level for u in self.units)
        return {
            "source": self.source_name,
            "translation": self.target_name,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "alignment": self.alignment,
            "units": len(self.units),
            "unit_levels": dict(levels),
            "notes": list(self.notes),
            "ok": self.ok,
            "counts": self.counts(),
            "problems": [u.to_dict() for u in self.units if u.violations or u.unknown_names],
            "unknown_names": [
                {"name": n, "count": c} for n, c in self.unknown_names().most_common()
            ],
        }

    def to_text(self) -> str:
        lines: list[str] = []
        levels = Counter(u.level for u in self.units)
        shown = ", ".join(f"{n} {lvl}" for lvl, n in levels.items())
        lines.append(
            _("{target} ({source_lang} → {target_lang}, source {source}): {n} unit(s) ({levels})").format(
                target=self.target_name, source_lang=self.source_lang,
                target_lang=self.target_lang, source=self.source_name, n=len(self.units),
                levels=shown or "-",
            )
        )
        for note in self.notes:
            lines.append("  " + _("note: {note}").format(note=note))
        for unit in self.units:
            for v in unit.violations:
                where = self.target_name
                if unit.target_line is not None:
                    where += f":{unit.target_line}"
                lines.append(f"{where}: {unit.label()}: {v.describe()}")
        names = self.unknown_names()
        if names:
            listed = ", ".join(
                f"{n} ({c}×)" if c > 1 else n for n, c in sorted(names.items())
            )
            lines.append(
                "  " + _("names no glossary knows (for the desk to add): {names}").format(names=listed)
            )
        counts = self.counts()
        if self.ok:
            lines.append("  " + _("ok: no glossary violations"))
        else:
            lines.append(
                "  "
                + _("{total} violation(s): {missing} missing, {deprecated} deprecated").format(
                    total=counts["missing"] + counts["deprecated"],
                    missing=counts["missing"],
                    deprecated=counts["deprecated"],
                )
            )
        return "\n".join(lines) + "\n"


# -- the checker -----------------------------------------------------------------------


class Checker:
    """Checks translations against one glossary; matchers are built once per language."""

    def __init__(self, glossary: Glossary | Iterable[Concept]) -> None:
        self.concepts = list(glossary)
        self._matchers: dict[str, Matcher] = {}

    def matcher(self, lang: str) -> Matcher:
        if lang not in self._matchers:
            self._matchers[lang] = Matcher(self.concepts, lang)
        return self._matchers[lang]

    # -- public entry points ------------------------------------------------------
    def check_texts(
        self,
        source: str,
        target: str,
        source_lang: str,
        target_lang: str,
        *,
        fmt: str = "text",
        source_name: str = "source",
        target_name: str = "translation",
    ) -> CheckResult:
        from translate.articles import parse_article

        src_doc = parse_article(source, source_lang, fmt, source_name)
        tgt_doc = parse_article(target, target_lang, fmt, target_name)
        return self.check_documents(src_doc, tgt_doc)

    def check_documents(self, source: Document, target: Document) -> CheckResult:
        from translate import languages

        source_lang = languages.normalize(source.lang)
        target_lang = languages.normalize(target.lang)
        result = CheckResult(source.name, target.name, source_lang, target_lang, "sentence")
        lowercase = _lowercase_words(source.text)
        src_paras = _prose(source)
        tgt_paras = _prose(target)
        if len(src_paras) != len(tgt_paras):
            result.alignment = "document"
            result.notes.append(
                _(
                    "paragraph counts differ (source {source}, translation {target}): "
                    "checked the whole document as one unit"
                ).format(source=len(src_paras), target=len(tgt_paras))
            )
            src_segs = [s for p in src_paras for s in p.segments]
            tgt_segs = [s for p in tgt_paras for s in p.segments]
            result.units.append(
                self._unit(
                    0, "document", source, target, src_segs, tgt_segs, source_lang,
                    target_lang, lowercase,
                )
            )
            return result

        merged = 0
        for number, (sp, tp) in enumerate(zip(src_paras, tgt_paras)):
            pairs, reason = self._sentence_pairs(sp, tp, source_lang, target_lang)
            if pairs is None:
                merged += 1
                result.units.append(
                    self._unit(
                        len(result.units), "paragraph", source, target, list(sp.segments),
                        list(tp.segments), source_lang, target_lang, lowercase,
                        paragraph=number, reason=reason,
                    )
                )
                continue
            for n, (s, t) in enumerate(pairs):
                result.units.append(
                    self._unit(
                        len(result.units), "sentence", source, target, [s], [t],
                        source_lang, target_lang, lowercase, paragraph=number, sentence=n,
                    )
                )
        if merged:
            result.alignment = "paragraph"
            result.notes.append(
                _(
                    "{n} paragraph(s) checked whole: sentences merged, split or reordered "
                    "in the translation"
                ).format(n=merged)
            )
        return result

    def check_bitext(self, bitext: Bitext) -> CheckResult:
        from translate import languages

        source_lang = languages.normalize(bitext.source_lang)
        target_lang = languages.normalize(bitext.target_lang)
        doc = bitext.document
        name = doc.name
        target_name = bitext.meta.get("target_name") or f"{name} [{target_lang}]"
        result = CheckResult(name, target_name, source_lang, target_lang, "bitext")
        lowercase = _lowercase_words(doc.text)
        for aligned in bitext:
            seg = aligned.segment
            if not seg.translatable:
                continue
            violations, names = self._findings(
                [seg], [aligned.target], source_lang, target_lang, lowercase
            )
            result.units.append(
                Unit(
                    index=len(result.units),
                    level="segment",
                    source=seg.source,
                    target=aligned.target,
                    paragraph=seg.paragraph,
                    segment=seg.index,
                    violations=violations,
                    unknown_names=names,
                )
            )
        return result

    # -- alignment ------------------------------------------------------------------
    def _sentence_pairs(
        self, sp: Paragraph, tp: Paragraph, source_lang: str, target_lang: str
    ) -> tuple[list[tuple[Segment, Segment]] | None, str]:
        ss, ts = list(sp.segments), list(tp.segments)
        if len(ss) != len(ts):
            return None, _("sentence counts differ (source {source}, translation {target})").format(
                source=len(ss), target=len(ts)
            )
        if len(ss) == 1:
            return list(zip(ss, ts)), ""
        # Anchors: glossary concepts (any rendering, either language) and numbers.
        src_m = self.matcher(source_lang)
        tgt_m = self.matcher(target_lang)
        src_anchors = [_anchors(s.source, src_m, None) for s in ss]
        tgt_anchors = [_anchors(t.source, tgt_m, src_m) for t in ts]
        total_src = sum(src_anchors, Counter())
        total_tgt = sum(tgt_anchors, Counter())
        for key in set(total_src) | set(total_tgt):
            whole = abs(total_src[key] - total_tgt[key])
            parts = sum(abs(a[key] - b[key]) for a, b in zip(src_anchors, tgt_anchors))
            if parts > whole:
                return None, _("sentences do not line up ({anchor!r} moves between sentences)").format(
                    anchor=key[1]
                )
        # Lengths: a sentence pair far off the paragraph's ratio is misaligned.
        s_len = sum(len(s.source) for s in ss)
        t_len = sum(len(t.source) for t in ts)
        ratio = t_len / s_len if s_len else 1.0
        for s, t in zip(ss, ts):
            longer = max(len(s.source), len(t.source))
            if longer < 40:
                continue
            expected = len(s.source) * ratio
            if expected <= 0 or not (0.5 <= len(t.source) / expected <= 2.0):
                return None, _("sentence lengths do not line up")
        return list(zip(ss, ts)), ""

    def _unit(
        self,
        index: int,
        level: Level,
        source: Document,
        target: Document,
        src_segs: Sequence[Segment],
        tgt_segs: Sequence[Segment],
        source_lang: str,
        target_lang: str,
        lowercase: frozenset[str],
        paragraph: int | None = None,
        reason: str = "",
        sentence: int | None = None,
    ) -> Unit:
        violations, names = self._findings(
            src_segs, tgt_segs, source_lang, target_lang, lowercase
        )
        return Unit(
            index=index,
            level=level,
            source=_span_text(source, src_segs),
            target=_span_text(target, tgt_segs),
            paragraph=paragraph,
            sentence=sentence,
            source_line=_line(source, src_segs),
            target_line=_line(target, tgt_segs),
            violations=violations,
            unknown_names=names,
            reason=reason,
        )

    def _findings(
        self,
        src_segs: Sequence[Segment],
        targets: Sequence[str | Segment],
        source_lang: str,
        target_lang: str,
        lowercase: frozenset[str],
    ) -> tuple[tuple[Violation, ...], tuple[str, ...]]:
        """The violations of a unit and the names in its source no glossary knows."""
        src_m = self.matcher(source_lang)
        violations = _violations(
            _source_matches(src_m, src_segs),
            _target_matches(self.matcher(target_lang), targets),
            target_lang,
        )
        names = unknown_names(
            [_masked(s) for s in src_segs if s.translatable], src_m, source_lang,
            lowercase=lowercase,
        )
        return tuple(violations), tuple(names)


def check_texts(
    source: str,
    target: str,
    glossary: Glossary,
    source_lang: str,
    target_lang: str,
    *,
    fmt: str = "text",
    source_name: str = "source",
    target_name: str = "translation",
) -> CheckResult:
    """Check a translation given as text (``fmt``: ``text`` or ``markdown``)."""
    return Checker(glossary).check_texts(
        source, target, source_lang, target_lang, fmt=fmt, source_name=source_name,
        target_name=target_name,
    )


def check_documents(source: Document, target: Document, glossary: Glossary) -> CheckResult:
    return Checker(glossary).check_documents(source, target)


def check_bitext(bitext: Bitext, glossary: Glossary) -> CheckResult:
    return Checker(glossary).check_bitext(bitext)


# -- helpers ---------------------------------------------------------------------------


def _prose(doc: Document) -> list[Paragraph]:
    """Paragraphs that carry translatable prose (tables included: terms count there)."""
    return [
        p
        for p in doc.paragraphs
        if p.kind not in _SKIPPED_KINDS
        and any(_LETTER.search(s.source) for s in p.segments)
    ]


def _span_text(doc: Document, segs: Sequence[Segment]) -> str:
    if not segs:
        return ""
    if len({s.paragraph for s in segs}) == 1:
        return doc.text[segs[0].start : segs[-1].end]
    by_para: dict[int, list[Segment]] = {}
    for s in segs:
        by_para.setdefault(s.paragraph, []).append(s)
    return "\n\n".join(doc.text[p[0].start : p[-1].end] for p in by_para.values())


def _line(doc: Document, segs: Sequence[Segment]) -> int | None:
    if not segs:
        return None
    return doc.text.count("\n", 0, segs[0].start) + 1


def _masked(seg: Segment) -> str:
    """The segment with its keep spans (link targets, inline code) blanked out."""
    text = seg.source
    for a, b in reversed(seg.keep):
        text = text[:a] + "|" * (b - a) + text[b:]
    return text


def _outside_keep(match: Match, seg: Segment) -> bool:
    return not any(match.start < e and s < match.end for s, e in seg.keep)


def _source_matches(matcher: Matcher, segs: Sequence[Segment]) -> list[Match]:
    """Term occurrences a translation must render: not keep-as-is phrases, and not a
    name that is someone's first name here ("Chad Ferris")."""
    from translate.glossary.ambiguity import given_name_surname

    found: list[Match] = []
    for seg in segs:
        if not seg.translatable:
            # an untranslatable block (a table): the whole text counts, no keep spans
            matches = matcher.find(seg.source)
        else:
            matches = [m for m in matcher.find(seg.source) if _outside_keep(m, seg)]
        found.extend(
            m for m in matches
            if not m.concept.keep
            and not given_name_surname(seg.source, m, m.concept.terms.get(matcher.lang), matcher)
        )
    return found


def _target_matches(matcher: Matcher, texts: Sequence[str | Segment]) -> list[Match]:
    """Matches in target texts; for segments, outside their keep spans (link targets),
    and not a first name ("Georgia Kellaway" is not a deprecated "Georgia")."""
    from translate.glossary.ambiguity import given_name_surname

    found: list[Match] = []
    for item in texts:
        if isinstance(item, Segment):
            text = item.source
            matches = [m for m in matcher.find(text) if _outside_keep(m, item)]
        else:
            text = item
            matches = matcher.find(text)
        found.extend(m for m in matches if not given_name_surname(text, m, None, matcher))
    return found


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


def _violations(
    source_matches: list[Match], target_matches: list[Match], target_lang: str
) -> list[Violation]:
    from translate.languages import is_all_caps, upper

    src_count: Counter = Counter()
    surfaces: dict[str, str] = {}
    capitals: dict[str, bool] = {}
    concepts: dict[str, Concept] = {}
    for m in source_matches:
        terms = m.concept.terms.get(target_lang)
        if terms is None or not terms.preferred:
            continue  # the glossary has no form in this language: nothing to check
        src_count[m.concept.id] += 1
        surfaces.setdefault(m.concept.id, m.surface)
        concepts[m.concept.id] = m.concept
        if m.concept.id not in capitals:
            capitals[m.concept.id] = is_all_caps(m.surface) and not _written_caps(m)
    ok: Counter = Counter()
    admitted: dict[str, str] = {}
    deprecated: dict[tuple[str, str], int] = {}
    dep_by_concept: Counter = Counter()
    for m in target_matches:
        if m.concept.keep:
            continue  # "Tehran Times" in a translation: not a deprecated "Tehran"
        if m.variant in ("preferred", "form"):
            ok[m.concept.id] += 1
        elif m.variant == "admitted":
            admitted.setdefault(m.concept.id, m.surface)
        else:
            deprecated[(m.concept.id, m.surface)] = deprecated.get((m.concept.id, m.surface), 0) + 1
            dep_by_concept[m.concept.id] += 1
            concepts.setdefault(m.concept.id, m.concept)
    out: list[Violation] = []
    for cid, n in src_count.items():
        concept = concepts[cid]
        missing = n - ok[cid] - dep_by_concept[cid]
        if missing <= 0:
            continue
        expected = concept.terms[target_lang].preferred
        if capitals.get(cid):
            expected = upper(expected, target_lang)
        out.append(
            Violation(
                kind="missing",
                concept=cid,
                type=concept.type,
                expected=expected,
                count=missing,
                source=surfaces[cid],
                found=admitted.get(cid, ""),
                source_count=n,
                target_count=ok[cid],
            )
        )
    for (cid, surface), n in deprecated.items():
        concept = concepts[cid]
        expected = concept.terms[target_lang].preferred
        if is_all_caps(surface) and not is_all_caps(expected):
            expected = upper(expected, target_lang)
        out.append(
            Violation(
                kind="deprecated",
                concept=cid,
                type=concept.type,
                expected=expected,
                count=n,
                found=surface,
            )
        )
    return out


def _written_caps(m: Match) -> bool:
    """Whether the glossary itself writes the matched term in capitals ("OIC")."""
    from translate.languages import is_all_caps

    return is_all_caps(m.term)


# -- names no glossary knows -----------------------------------------------------------

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*|\d+")
_OPENING = set("\"“‘'«‹„‚([{¿¡")
_CONNECTORS = frozenset(
    "of de del della di da do dos das du des van von der den al el bin ibn bint".split()
)
_NO_CASE_NAMES = frozenset({"de", "lb"})  # German capitalises every noun

# Words that are capitalised without being names: function words (a sentence may
# start with them after a quote or a dash), titles and offices before a name, days and
# months.  Lower-case: compared case-insensitively.
_COMMON_EN = frozenset(
    """a an the and or but nor so yet if then than that this these those there here
    it its it's he she they we you i me him her them us our their his my your who whom
    whose which what when where why how all any both each few more most other some such
    no not only own same too very can will just should now also after before while
    since until because although though however meanwhile still even as at by for from
    in into of off on onto out over to under up with without about above across against
    along among around behind below beneath beside between beyond during inside near
    outside through throughout toward towards upon within is are was were be been being
    have has had do does did says said say according officials official sources source
    mr mrs ms dr sir lord lady madam president presidents prime minister ministers
    ministry foreign interior defence defense finance deputy vice chief secretary
    general secretary-general supreme leader king queen prince princess sheikh emir
    pope chancellor governor mayor senator ambassador envoy spokesman spokeswoman
    spokesperson commander gen col capt lt sgt maj adm parliament government state
    department office council committee speaker chairman chairwoman chair director
    head former late new old north south east west northern southern eastern western
    central monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december jan feb mar
    apr jun jul aug sep sept oct nov dec""".split()
)
_COMMON_OTHER = frozenset(
    """el la los las un una unos unas y o pero si que en de del al por para con sin
    sobre entre según tras durante desde hasta este esta estos estas ese esa eso
    le les du des et ou mais dans par pour avec sans sur selon après avant pendant
    il elle ils elles nous vous on ce cette ces lo li i il gli della delle nel nella
    els les amb per sense segons però
    presidente presidenta ministro ministra ministerio primer primera président
    ministre""".split()
)
_COMMON = _COMMON_EN | _COMMON_OTHER


def _lowercase_words(text: str) -> frozenset[str]:
    """Words the document writes in lower case somewhere: not names."""
    return frozenset(w.group() for w in _WORD.finditer(text) if w.group()[:1].islower())


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _common(word: str, lowercase: frozenset[str]) -> bool:
    low = word.lower()
    base = _strip_possessive(word)
    return (
        low in _COMMON
        or base.lower() in _COMMON
        or (not _is_acronym(base) and base.lower() in lowercase)
    )


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _strip_possessive(word: str) -> str:
    for tail in ("'s", "’s", "'", "’"):
        if word.endswith(tail) and len(word) > len(tail) + 1:
            return word[: -len(tail)]
    return word


def unknown_names(
    sentences: Sequence[str],
    matcher: Matcher,
    lang: str,
    *,
    lowercase: frozenset[str] = frozenset(),
) -> list[str]:
    """Capitalised word sequences in ``sentences`` that no glossary term covers.

    Built to keep false positives low: the first word of a sentence (or after an
    opening quote or a colon) is skipped unless it starts a longer name; common words,
    titles and words the document also writes in lower case are stripped from the
    front of a sequence (and a sequence of only such words is dropped); a single word
    right next to a glossary term ("Masoud" before a known "Pezeshkian") is dropped;
    Title Case lines (headlines) are skipped.  Connectors such as "of" and "al" may
    join capitalised words ("Bank of England").  Not for German, where every noun is
    capitalised.  Returns distinct names in order of appearance.
    """
    from translate import languages

    try:
        if languages.base(lang) in _NO_CASE_NAMES:
            return []
    except Exception:
        pass
    found: list[str] = []
    for sentence in sentences:
        for name in _names_in(sentence, matcher, lowercase):
            if name not in found:
                found.append(name)
    return found


def _names_in(sentence: str, matcher: Matcher, lowercase: frozenset[str]) -> list[str]:
    known = [(m.start, m.end) for m in matcher.find(sentence)]
    words = [w for w in _WORD.finditer(sentence) if not w.group().isdigit()]
    if not words:
        return []
    if _title_case(words):
        return []  # a Title Case headline: every content word is capitalised

    def in_known(w: regex.Match) -> bool:
        return any(w.start() < b and a < w.end() for a, b in known)

    def touches_known(start: int, end: int) -> bool:
        for a, b in known:
            if sentence[b:start].strip() == "" and b <= start:
                return True
            if sentence[end:a].strip() == "" and end <= a:
                return True
        return False

    def starts_sentence(i: int) -> bool:
        if i == 0:
            return True
        between = sentence[words[i - 1].end() : words[i].start()]
        stripped = between.strip()
        return bool(stripped) and (
            stripped[-1] in _OPENING or stripped.rstrip("\"“‘'«*_ ").endswith((":", "—", "–"))
            or stripped.endswith((".", "!", "?"))
        )

    # group capitalised words separated by single spaces (or a connector)
    runs: list[list[int]] = []
    current: list[int] = []
    i = 0
    while i < len(words):
        w = words[i]
        text = w.group()
        if _is_cap(text) and not in_known(w):
            if current and not _adjacent(sentence, words[current[-1]], w):
                runs.append(current)
                current = []
            current.append(i)
            i += 1
            continue
        if current and text in _CONNECTORS and _adjacent(sentence, words[current[-1]], w):
            # "Bank of England", "Status of the Caspian": a connector (and "the") joins
            # two capitalised words
            link = [i]
            if text == "of" and i + 1 < len(words) and words[i + 1].group() == "the":
                if _adjacent(sentence, w, words[i + 1]):
                    link.append(i + 1)
            nxt = link[-1] + 1
            if (
                nxt < len(words)
                and _is_cap(words[nxt].group())
                and not in_known(words[nxt])
                and _adjacent(sentence, words[link[-1]], words[nxt])
            ):
                current.extend(link)
                i = nxt
                continue
        if current:
            runs.append(current)
            current = []
        i += 1
    if current:
        runs.append(current)

    names: list[str] = []
    for run in runs:
        tokens = list(run)
        if starts_sentence(tokens[0]):
            first = words[tokens[0]].group()
            if len(tokens) == 1 or _common(first, lowercase):
                tokens = tokens[1:]
        # strip common words and connectors from the front, connectors from the end
        while tokens and (
            words[tokens[0]].group() in _CONNECTORS or _common(words[tokens[0]].group(), lowercase)
        ):
            tokens = tokens[1:]
        while tokens and words[tokens[-1]].group() in (*_CONNECTORS, "the"):
            tokens = tokens[:-1]
        if not tokens:
            continue
        texts = [words[t].group() for t in tokens]
        if all(_common(t, lowercase) or t in _CONNECTORS for t in texts):
            continue
        start, end = words[tokens[0]].start(), words[tokens[-1]].end()
        name = _strip_possessive(sentence[start:end])
        if len(tokens) == 1:
            if len(name) < 2 or touches_known(start, end):
                continue
        names.append(" ".join(name.split()))
    return names


def _title_case(words: Sequence[regex.Match]) -> bool:
    """At least three words, two capitalised, and the lower-case ones all short
    function words ("Caspian Leaders to Meet in Tehran")."""
    if len(words) < 3:
        return False
    lower = [w.group() for w in words if not _is_cap(w.group())]
    caps = len(words) - len(lower)
    return caps >= 2 and caps > len(lower) and all(w in _TITLE_SMALL for w in lower)


# Words Title Case leaves in lower case.
_TITLE_SMALL = frozenset(
    """a an the and or but nor for so yet as at by in of off on per to up via with from
    into over amid after before vs v de del la el y en""".split()
)


def _adjacent(text: str, a: regex.Match, b: regex.Match) -> bool:
    """Whether two words belong to one name: one space between them (no line break,
    no punctuation) and the first is not a possessive ("Turkey's Hakan Fidan")."""
    if _strip_possessive(a.group()) != a.group():
        return False
    return text[a.end() : b.start()] in (" ", "\u00a0")
