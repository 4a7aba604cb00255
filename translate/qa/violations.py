"""Counting glossary terms in an aligned unit, and the violations that follow.

Counting is done with the glossary matcher (:mod:`translate.glossary.matcher`): in the
target, all renderings of all concepts compete leftmost-longest, so "Ilham Alíev"
counts for the full name and not also for the surname.  Every glossary term of the
source must appear in the target in its preferred form (or a declared word form), as
many times as in the source; deprecated renderings must not appear at all.  An
occurrence written in a deprecated rendering is reported once, as ``deprecated``;
``missing`` counts the occurrences of which the target has no rendering at all (or
only an admitted variant).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from translate.document import Segment
from translate.glossary.matcher import Match, Matcher
from translate.glossary.model import Concept
from translate.qa.results import Violation


def source_matches(matcher: Matcher, segs: Sequence[Segment]) -> list[Match]:
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
            m
            for m in matches
            if not m.concept.keep
            and not given_name_surname(seg.source, m, m.concept.terms.get(matcher.lang), matcher)
        )
    return found


def target_matches(matcher: Matcher, texts: Sequence[str | Segment]) -> list[Match]:
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


def _outside_keep(match: Match, seg: Segment) -> bool:
    return not any(match.start < e and s < match.end for s, e in seg.keep)


def count_violations(
    source_matches: list[Match], target_matches: list[Match], target_lang: str
) -> list[Violation]:
    """The violations of a unit, from the term matches of its source and its target."""
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
