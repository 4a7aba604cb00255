from __future__ import annotations

import unicodedata

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translate.glossary.matcher import Matcher, find_terms, normalize_text, term_key
from translate.glossary.model import Concept, Glossary, LangTerms


def concept(cid: str, lang: str = "en", case_sensitive: bool = True, **terms) -> Concept:
    preferred = terms.pop("preferred")
    return Concept(
        id=cid,
        type="other",
        terms={lang: LangTerms(preferred=preferred, **terms)},
        case_sensitive=case_sensitive,
    )


def found(matcher: Matcher, text: str) -> list[tuple[str, str, str]]:
    return [(m.concept.id, m.surface, m.variant) for m in matcher.find(text)]


@pytest.fixture(scope="module")
def en() -> Matcher:
    glossary = Glossary(
        name="t",
        concepts=[
            concept("iran", preferred="Iran"),
            concept(
                "amir-abdollahian",
                preferred="Hossein Amir-Abdollahian",
                admitted=["Amir-Abdollahian"],
                deprecated=["Amir Abdollahiyan"],
            ),
            concept("azerbaijan", preferred="Azerbaijan"),
            concept("un", preferred="United Nations", case_sensitive=False),
            concept("o-brien", preferred="O'Brien"),
            concept("tehran", preferred="Tehran"),
            concept("tehran-times", preferred="Tehran Times"),
        ],
    )
    return Matcher(glossary, "en")


def test_finds_terms_with_offsets_into_original(en: Matcher) -> None:
    text = "In Tehran, Iran said."
    matches = en.find(text)
    assert [(m.start, m.end) for m in matches] == [(3, 9), (11, 15)]
    for m in matches:
        assert text[m.start : m.end] == m.surface


def test_word_boundaries(en: Matcher) -> None:
    assert found(en, "Iranian officials") == []
    assert found(en, "pro-Iranian") == []
    assert found(en, "Iran2") == []
    assert found(en, "anti-Iran protests") == [("iran", "Iran", "preferred")]
    assert found(en, "(Iran)") == [("iran", "Iran", "preferred")]


def test_possessives_stay_outside_the_match(en: Matcher) -> None:
    text = "Azerbaijan’s envoy met Iran's minister and Iranʼs too."
    matches = en.find(text)
    assert [m.surface for m in matches] == ["Azerbaijan", "Iran", "Iran"]
    assert text[matches[0].end :].startswith("’s")
    assert text[matches[1].end :].startswith("'s")


def test_hyphen_space_nbsp_variants(en: Matcher) -> None:
    for text in (
        "Hossein Amir-Abdollahian",
        "Hossein Amir Abdollahian",
        "Hossein\u00a0Amir\u2011Abdollahian",
        "Hossein  Amir - Abdollahian",
        "Hossein\nAmir-\nAbdollahian",
    ):
        assert found(en, text) == [("amir-abdollahian", text, "preferred")], text


def test_apostrophe_variants(en: Matcher) -> None:
    assert found(en, "O’Brien said") == [("o-brien", "O’Brien", "preferred")]
    assert found(en, "Oʼbrien said") == []  # case-sensitive


def test_longest_match_first(en: Matcher) -> None:
    assert found(en, "the Tehran Times reported") == [("tehran-times", "Tehran Times", "preferred")]
    assert found(en, "Amir-Abdollahian and Hossein Amir-Abdollahian") == [
        ("amir-abdollahian", "Amir-Abdollahian", "admitted"),
        ("amir-abdollahian", "Hossein Amir-Abdollahian", "preferred"),
    ]


def test_variant_reported(en: Matcher) -> None:
    assert found(en, "Amir Abdollahiyan spoke") == [
        ("amir-abdollahian", "Amir Abdollahiyan", "deprecated")
    ]


def test_case(en: Matcher) -> None:
    assert found(en, "iran") == []
    assert found(en, "IRan") == []
    # all capitals is how wire datelines write names ("IRAN, 5 Oct."): found
    assert found(en, "IRAN") == [("iran", "IRAN", "preferred")]
    assert found(en, "the UNITED NATIONS and the united nations") == [
        ("un", "UNITED NATIONS", "preferred"),
        ("un", "united nations", "preferred"),
    ]


def test_cyrillic_and_forms() -> None:
    glossary = Glossary(
        name="t",
        concepts=[
            concept(
                "aa",
                lang="ru",
                preferred="Хосейн Амир Абдоллахиян",
                forms=["Хосейна Амира Абдоллахияна"],
            ),
            concept("baku", lang="ru", preferred="Баку"),
        ],
    )
    matcher = Matcher(glossary, "rus")
    assert found(matcher, "визит Хосейна Амира-Абдоллахияна в Баку.") == [
        ("aa", "Хосейна Амира-Абдоллахияна", "form"),
        ("baku", "Баку", "preferred"),
    ]
    assert found(matcher, "бакинский, Бакуы") == []


def test_azerbaijani_letters_and_turkic_case() -> None:
    glossary = Glossary(
        name="t",
        concepts=[
            concept("az", lang="az", preferred="Azərbaycan"),
            concept("baku", lang="az", preferred="Bakı"),
            concept("iran", lang="az", preferred="İran", case_sensitive=False),
        ],
    )
    matcher = Matcher(glossary, "az-Latn")
    assert found(matcher, "Azərbaycan və Bakı") == [
        ("az", "Azərbaycan", "preferred"),
        ("baku", "Bakı", "preferred"),
    ]
    assert found(matcher, "Bakıda, Azərbaycanın") == []  # inside inflected words
    assert found(matcher, "İran'ın və İRAN, iran") == [
        ("iran", "İran", "preferred"),
        ("iran", "İRAN", "preferred"),
        ("iran", "iran", "preferred"),
    ]
    assert found(matcher, "IRAN") == []  # Turkic: I is dotless ı, not i


def test_persian_zwnj_and_arabic_variants() -> None:
    glossary = Glossary(
        name="t",
        concepts=[
            concept("iran", lang="fa", preferred="ایران"),
            concept("zarif", lang="fa", preferred="محمدجواد ظریف"),
        ],
    )
    matcher = Matcher(glossary, "fa")
    assert found(matcher, "ایران‌ها") == []  # ZWNJ inside a word
    assert found(matcher, "ایرانی") == []
    assert found(matcher, "در ایران است") == [("iran", "ایران", "preferred")]
    # ZWNJ inside the name is ignored; Arabic yeh is Persian yeh; harakat ignored.
    assert found(matcher, "محمد‌جواد ظريف") == [("zarif", "محمد‌جواد ظريف", "preferred")]
    text = "إلى ايرانَ."
    assert [m.surface for m in matcher.find(text)] == ["ايرانَ"]


def test_decomposed_accents_are_composed() -> None:
    glossary = Glossary(name="t", concepts=[concept("baku", lang="es", preferred="Bakú")])
    matcher = Matcher(glossary, "es")
    text = "en Baku\u0301 hoy"
    assert [(m.start, m.end) for m in matcher.find(text)] == [(3, 8)]
    assert found(matcher, "en Baku hoy") == []


def test_ties_prefer_preferred_then_later_concept() -> None:
    glossary = Glossary(
        name="t",
        concepts=[
            concept("a", preferred="Alpha", admitted=["Georgia"]),
            concept("b", preferred="Georgia"),
            concept("c", preferred="Georgia"),
        ],
    )
    assert found(Matcher(glossary, "en"), "Georgia") == [("c", "Georgia", "preferred")]


def test_language_keys_are_normalised() -> None:
    glossary = Glossary(
        name="t",
        concepts=[Concept(id="baku", terms={"az-Latn": LangTerms("Bakı")})],
    )
    assert found(Matcher(glossary, "aze"), "Bakı") == [("baku", "Bakı", "preferred")]


def test_empty_inputs() -> None:
    matcher = Matcher(Glossary(name="empty"), "en")
    assert matcher.find("anything") == []
    assert Matcher(Glossary(name="t", concepts=[concept("x", preferred="X")]), "en").find("") == []
    assert find_terms("text", [], True) == []
    assert find_terms("text", ["", "  "], True) == []


def test_find_terms() -> None:
    text = "Amir-Abdollahian met Hossein Amir Abdollahian in Iran’s capital"
    spans = find_terms(text, ["Amir Abdollahian", "Hossein Amir-Abdollahian"], True)
    assert [text[s:e] for s, e in spans] == ["Amir-Abdollahian", "Hossein Amir Abdollahian"]
    assert find_terms(text, ["iran"], False) == [(49, 53)]
    assert find_terms(text, ["iran"], True) == []
    assert find_terms("Iranian", ["Iran"], True) == []


def test_find_variants_of_one_concept() -> None:
    aa = Concept(
        id="aa",
        terms={
            "en": LangTerms("Hossein Amir-Abdollahian"),
            "es": LangTerms(
                "Hosein Amir Abdolahian",
                admitted=["Amir Abdolahian"],
                deprecated=["Amir-Abdollahian", "Hossein Amir-Abdollahian"],
            ),
        },
    )
    matcher = Matcher(Glossary(name="t", concepts=[aa]), "en")
    target = "Hossein Amir-Abdollahian y Amir Abdolahian; Hosein Amir Abdolahian"
    wrong = matcher.find_variants(target, aa, ("admitted", "deprecated"), lang="es")
    assert [(m.surface, m.variant) for m in wrong] == [
        ("Hossein Amir-Abdollahian", "deprecated"),
        ("Amir Abdolahian", "admitted"),
    ]
    right = matcher.find_variants(target, aa, lang="es")
    assert [(m.surface, m.variant) for m in right] == [("Hosein Amir Abdolahian", "preferred")]


def test_term_key() -> None:
    assert term_key("Amir-Abdollahian") == term_key("Amir Abdollahian")
    assert term_key("O’Brien") == term_key("O'Brien")
    assert term_key("UN", case_sensitive=False) == term_key("un", case_sensitive=False)
    assert term_key("UN") != term_key("un")


def test_hundred_thousand_terms() -> None:
    # No timing assertion: this only shows that 100k terms build and match.
    glossary = Glossary(
        name="big",
        concepts=[
            Concept(
                id=f"c{i}", terms={"en": LangTerms(f"Term{i:06d}" + (" Ridge" if i % 2 else ""))}
            )
            for i in range(100_000)
        ],
    )
    matcher = Matcher(glossary, "en")
    assert len(matcher) == 100_000
    text = "Near Term099999 Ridge and Term012344, not Term0123456 or Term012345."
    assert found(matcher, text) == [
        ("c99999", "Term099999 Ridge", "preferred"),
        ("c12344", "Term012344", "preferred"),
    ]


# -- properties ------------------------------------------------------------------------

ALPHABET = "abcxyzABəğıöşüçİЖжбаایرن‌ -‑'’.,\u00a0\n1"
WORD = regex.compile(r"[\p{L}\p{M}\p{N}_]")
INVISIBLE = "\u200c"


def is_word(ch: str) -> bool:
    return bool(WORD.match(ch))


def visible(text: str, pos: int, step: int) -> str | None:
    while 0 <= pos < len(text):
        if text[pos] != INVISIBLE:
            return text[pos]
        pos += step
    return None


def on_boundary(text: str, start: int, end: int) -> bool:
    before, after = visible(text, start - 1, -1), visible(text, end, 1)
    left = before is None or not (is_word(before) and is_word(text[start]))
    right = after is None or not (is_word(after) and is_word(text[end - 1]))
    return left and right


terms_strategy = st.lists(
    st.text(alphabet="abəğıöşЖжбایرن -'", min_size=1, max_size=8).filter(lambda t: t.strip(" -'")),
    min_size=1,
    max_size=6,
)


def make_glossary(terms: list[str], case_sensitive: bool) -> Glossary:
    return Glossary(
        name="h",
        concepts=[
            Concept(id=f"c{i}", terms={"en": LangTerms(t)}, case_sensitive=case_sensitive)
            for i, t in enumerate(terms)
        ],
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(terms=terms_strategy, text=st.text(alphabet=ALPHABET, max_size=60), cs=st.booleans())
def test_matches_are_ordered_disjoint_on_boundaries(terms: list[str], text: str, cs: bool) -> None:
    matches = Matcher(make_glossary(terms, cs), "en").find(text)
    last_end = 0
    for m in matches:
        assert m.surface == text[m.start : m.end]
        assert last_end <= m.start < m.end <= len(text)
        last_end = m.end
        assert on_boundary(text, m.start, m.end)
        key = term_key(m.surface, case_sensitive=m.concept.case_sensitive)
        assert key == term_key(m.term, case_sensitive=m.concept.case_sensitive)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    terms=terms_strategy,
    index=st.integers(min_value=0),
    before=st.text(alphabet=ALPHABET, max_size=30),
    after=st.text(alphabet=ALPHABET, max_size=30),
)
def test_inserted_term_is_found(terms: list[str], index: int, before: str, after: str) -> None:
    term = terms[index % len(terms)]
    text = f"{before} {term} {after}"
    start = len(before) + 1 + (len(term) - len(term.lstrip(" -")))
    end = len(before) + 1 + len(term.rstrip(" -"))
    matches = Matcher(make_glossary(terms, True), "en").find(text)
    # Either the term itself or a longer/earlier term overlapping it was found.
    assert any(m.start < end and start < m.end for m in matches)
    alone = find_terms(text, [term], True)
    assert any(s < end and start < e for s, e in alone)


def reference_normalize(text: str) -> tuple[str, list[int]]:
    """Char-by-char model of the normalisation (for texts without combining marks)."""
    out, starts = [], []
    for i, ch in enumerate(text):
        if ch in "\u200c\u00ad":
            continue
        if ch.isspace() or ch in "-\u2010\u2011":
            if out and out[-1] == " ":
                continue
            out.append(" ")
        elif ch in "'’ʼ":
            out.append("'")
        else:
            out.append(ch)
        starts.append(i)
    return "".join(out), starts


@given(st.text(alphabet="ab ə-‑'’ʼ\u00a0\n\u200c\u00adЖ", max_size=40))
def test_normalize_text_matches_reference(text: str) -> None:
    norm = normalize_text(text)
    expected, starts = reference_normalize(text)
    assert norm.exact == expected
    assert list(norm.starts) == starts
    assert len(norm.folded) == len(norm.exact)
    assert unicodedata.normalize("NFC", norm.exact) == norm.exact


def test_terms_that_differ_only_by_a_trailing_apostrophe() -> None:
    """Terms such as "a b" and "a b'" come to one automaton pattern: each is still
    found as itself."""
    glossary = Glossary(
        name="g",
        concepts=[
            Concept(id="plain", terms={"en": LangTerms("Kara Bag")}),
            Concept(id="quoted", terms={"en": LangTerms("Kara Bag'")}),
            Concept(id="one", terms={"en": LangTerms("Tun")}),
            Concept(id="one-quoted", terms={"en": LangTerms("Tun'")}),
        ],
    )
    text = "Kara Bag' met Kara-Bag, Tun' and Tun."
    found = [(m.surface, m.concept.id) for m in Matcher(glossary, "en").find(text)]
    assert found == [
        ("Kara Bag'", "quoted"),
        ("Kara-Bag", "plain"),
        ("Tun'", "one-quoted"),
        ("Tun", "one"),
    ]
