"""Properties of matching and enforcement over any text (issue 14), each one able to fail:

- matches never overlap, and of the candidates the leftmost, then the longest, wins
  (checked against a brute-force reading of the matching rules);
- protect -> an engine that copies -> restore changes nothing but the terms;
- every occurrence of a term in the source has exactly one status in the report.
"""

from __future__ import annotations

import itertools
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translate import languages
from translate.articles import parse_text
from translate.engines.base import DirectRoute, Pair, TermMarking, Translation
from translate.glossary.matcher import Matcher, _title_case
from translate.glossary.model import Concept, Glossary, LangTerms
from translate.glossary.normalize import (
    APOSTROPHES,
    IGNORABLE,
    has_letter_or_digit,
    normalize_text,
    term_forms,
)
from translate.pipeline import Translator

# ------------------------------------------------------------------ the reference


def is_word(ch: str) -> bool:
    return ch not in APOSTROPHES and (unicodedata.category(ch)[0] in "LMN" or ch == "_")


def no_space(ch: str) -> bool:
    return 0x4E00 <= ord(ch) <= 0x9FFF or 0x3040 <= ord(ch) <= 0x30FF


def neighbour(text: str, pos: int, step: int) -> str | None:
    while 0 <= pos < len(text):
        if text[pos] not in IGNORABLE:
            return text[pos]
        pos += step
    return None


def edge_ok(inner: str, outer: str | None) -> bool:
    """The rule as the matcher's docstring gives it."""
    if outer is None or not is_word(inner) or not is_word(outer):
        return True
    return no_space(inner) and no_space(outer)


def reference(glossary: Glossary, text: str) -> list[tuple[int, int]]:
    """Every occurrence of every rendering, by brute force, then leftmost-longest."""
    norm = normalize_text(text)
    candidates = []
    for concept in glossary:
        term = concept.terms["en"].preferred
        renderings = {term}
        if concept.case_sensitive:
            if not languages.is_all_caps(term):
                renderings.add(languages.upper(term, "en"))
            renderings.add(_title_case(term))
        for rendering in renderings:
            exact, folded = term_forms(rendering, False)
            if not folded or not has_letter_or_digit(folded):
                continue
            for ns in range(len(norm.folded) - len(folded) + 1):
                ne = ns + len(folded)
                if norm.folded[ns:ne] != folded:
                    continue
                if concept.case_sensitive and norm.exact[ns:ne] != exact:
                    continue
                start, end = norm.starts[ns], norm.ends[ne - 1]
                if not edge_ok(text[start], neighbour(text, start - 1, -1)):
                    continue
                if not edge_ok(text[norm.starts[ne - 1]], neighbour(text, end, 1)):
                    continue
                candidates.append((start, end))
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(set(candidates), key=lambda s: (s[0], -s[1])):
        if not chosen or start >= chosen[-1][1]:
            chosen.append((start, end))
    return chosen


ALPHABET = "abAB ə'’-.,\u200c\u00ad\u0301漢字1_"
terms_strategy = st.lists(
    st.text(alphabet=ALPHABET, min_size=1, max_size=6).filter(lambda t: t.strip()),
    min_size=1,
    max_size=6,
)


def glossary_of(terms: list[str], case_sensitive: bool) -> Glossary:
    return Glossary(
        name="p",
        concepts=[
            Concept(id=f"c{i}", terms={"en": LangTerms(t)}, case_sensitive=case_sensitive)
            for i, t in enumerate(terms)
        ],
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    terms=terms_strategy,
    text=st.text(alphabet=ALPHABET, max_size=50),
    case_sensitive=st.booleans(),
)
def test_leftmost_longest_without_overlap(
    terms: list[str], text: str, case_sensitive: bool
) -> None:
    glossary = glossary_of(terms, case_sensitive)
    found = [(m.start, m.end) for m in Matcher(glossary, "en").find(text)]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(found))
    assert found == reference(glossary, text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    terms=terms_strategy,
    filler=st.lists(st.sampled_from(["a", "b", "ab", "A", "1", "-", "'", "."]), max_size=30),
    case_sensitive=st.booleans(),
)
def test_terms_inserted_among_fillers(
    terms: list[str], filler: list[str], case_sensitive: bool
) -> None:
    """Texts rich in the terms themselves, where the longest-match choice matters."""
    pieces = [*filler, *terms, *terms[:2]]
    text = " ".join(pieces[(i * 7) % len(pieces)] for i in range(len(pieces)))
    glossary = glossary_of(terms, case_sensitive)
    assert [(m.start, m.end) for m in Matcher(glossary, "en").find(text)] == reference(
        glossary, text
    )


# ------------------------------------------------------------ through the pipeline


class Copying(DirectRoute):
    """An engine that gives every text back as it came."""

    name = "copying-property-test"
    term_marking: TermMarking = "carrier"

    def pairs(self):  # noqa: ANN201
        return [Pair("en", "es")]

    def missing_pair_hint(self, source: str, target: str) -> str:
        return ""

    def translate_batch(self, texts, source, target):  # noqa: ANN001, ANN201
        return [Translation(t.text) for t in texts]


NAMES = ["Zorvik", "Mela Tun", "Tun", "Karsa Del Orvo", "Orvo", "Kel"]
FILLERS = ["blim", "zog", "tarv", "quon", "zog,", "blim;", "tarv:"]
STATUSES = {"enforced", "corrected", "ambiguous", "missing"}


def name_glossary(names: list[str]) -> Glossary:
    return Glossary(
        name="p",
        concepts=[
            Concept(
                id=f"n{i}",
                type="place",
                terms={"en": LangTerms(name), "es": LangTerms(name.replace("o", "u") + "a")},
            )
            for i, name in enumerate(names)
        ],
    )


sentences = st.lists(
    st.lists(st.sampled_from(FILLERS + NAMES), min_size=1, max_size=12), min_size=1, max_size=4
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True),
    words=sentences,
    marking=st.sampled_from(["carrier", "placeholder"]),
)
def test_copying_engine_changes_nothing_but_the_terms(
    names: list[str], words: list[list[str]], marking: TermMarking
) -> None:
    text = " ".join("blim " + " ".join(sentence) + "." for sentence in words)
    glossary = name_glossary(names)
    engine = Copying()
    engine.term_marking = marking
    matcher = Matcher(glossary, "en")
    bitext = Translator(glossary).translate(parse_text(text, "en"), "es", engine=engine)
    for aligned in bitext.segments:
        source = aligned.segment.source
        matches = matcher.find(source)
        expected = source
        for match in reversed(matches):
            target = match.concept.terms["es"].preferred
            expected = expected[: match.start] + target + expected[match.end :]
        assert aligned.target == expected
        # every occurrence: exactly one status, at its place
        hits = sorted(aligned.terms, key=lambda h: h.start)
        assert [(h.id, h.start, h.end) for h in hits] == [
            (m.concept.id, m.start, m.end) for m in matches
        ]
        assert all(h.status in STATUSES for h in hits)
        # carriers and placeholders come back from a copy as they went
        assert all(h.status == "enforced" for h in hits)
