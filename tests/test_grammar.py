"""Grammar around names: tags and derivation, articles made to agree, contexts, case."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.glossary.agreement import fix_before
from translate.glossary.grammar import Tag, parse_tag, pick_form, suffix_tag, term_tag
from translate.glossary.matcher import Matcher
from translate.glossary.model import LangTerms
from translate.glossary.yaml_format import parse_yaml


@pytest.mark.parametrize(
    ("lang", "before", "term", "tag", "after"),
    [
        ("es", "miembros del ", "Unión Europea", Tag("f", "sg"), "miembros de la "),
        ("es", "viajó al ", "Unión Europea", Tag("f", "sg"), "viajó a la "),
        ("es", "El ", "Países Bajos", Tag("m", "pl"), "Los "),
        ("es", "en la ", "corredor de Zanguezur", Tag("m", "sg"), "en el "),
        ("es", "a la ", "corredor de Zanguezur", Tag("m", "sg"), "al "),
        ("es", "una ", "oleoducto", Tag("m", "sg"), "un "),
        ("ca", "del ", "Azerbaidjan", Tag(), "de l'"),
        ("ca", "de l'", "Caucas", Tag(), "del "),
        ("ca", "La ", "Cos de la Guàrdia", Tag("m", "sg"), "El "),
        ("ca", "de ", "Armènia", Tag(), "d'"),
        ("ca", "d'", "Bakú", Tag(), "de "),
        ("ca", "a la ", "OSCE", Tag("f", "sg"), "a l'"),
        ("ca", "de l'", "Unió Europea", Tag("f", "sg"), "de la "),
        ("ca", "dels ", "Països Baixos", Tag("m", "pl"), "dels "),
        ("ca", "el ", "estats riberencs", Tag("m", "pl"), "els "),
    ],
)
def test_article_agrees_with_the_term(
    lang: str, before: str, term: str, tag: Tag, after: str
) -> None:
    text, shift = fix_before(before + term + " x", len(before), term, tag, lang)
    assert text == after + term + " x"
    assert shift == len(after) - len(before)


def test_unknown_gender_keeps_the_engines_article() -> None:
    text, _ = fix_before("la Bakú", 3, "Bakú", Tag(), "es")
    assert text == "la Bakú"


@given(
    st.text(max_size=30),
    st.sampled_from(["Unión Europea", "Países Bajos", "Armènia", "Bakú"]),
    st.sampled_from([Tag("f", "sg"), Tag("m", "pl"), Tag()]),
    st.sampled_from(["es", "ca"]),
)
def test_only_the_text_before_the_term_changes(head: str, term: str, tag: Tag, lang: str) -> None:
    text, shift = fix_before(head + term + "!", len(head), term, tag, lang)
    assert text.endswith(term + "!")
    assert len(text) == len(head) + shift + len(term) + 1
    # what changed is a short determiner region at the end of ``head``
    kept = text[: len(head) + shift]
    common = 0
    while common < min(len(kept), len(head)) and kept[common] == head[common]:
        common += 1
    assert len(head) - common <= 12


def test_tags_parse_and_suffixes_derive() -> None:
    assert parse_tag("f.pl") == Tag("f", "pl")
    assert parse_tag("pl") == Tag(None, "pl")
    assert parse_tag("x.pl") is None
    assert suffix_tag("armenias", "es") == Tag("f", "pl")
    assert suffix_tag("georgianes", "ca") == Tag("f", "pl")
    assert suffix_tag("Armenians", "en").number == "pl"


def test_phrase_grammar_is_derived_where_reliable() -> None:
    assert term_tag(LangTerms("Países Bajos"), "es") == Tag("m", "pl")
    assert term_tag(LangTerms("Guardia Revolucionaria"), "es") == Tag("f", "sg")
    assert term_tag(LangTerms("corredor de Zanguezur"), "es") == Tag("m", "sg")
    assert term_tag(LangTerms("cumbre del Caspio"), "es").gender is None  # declare it
    assert term_tag(LangTerms("Bakú"), "es") == Tag()  # one word: unknown
    assert term_tag(LangTerms("cumbre del Caspio", gender="f"), "es").gender == "f"


def test_demonym_form_follows_the_wanted_grammar() -> None:
    terms = LangTerms(
        "azerbaidjanès",
        forms=["azerbaidjanesa", "azerbaidjanesos", "azerbaidjaneses"],
        form_tags={"azerbaidjanesa": "f.sg", "azerbaidjanesos": "m.pl", "azerbaidjaneses": "f.pl"},
    )
    assert pick_form(terms, "ca", Tag("m", "pl"), True) == "azerbaidjanesos"
    assert pick_form(terms, "ca", Tag("m", "sg"), True) == "azerbaidjanès"
    assert pick_form(terms, "ca", Tag("f", "pl"), True) == "azerbaidjaneses"
    spanish = LangTerms("iraní", forms=["iraníes"], form_tags={"iraníes": "pl"})
    assert pick_form(spanish, "es", Tag("f", "pl"), True) == "iraníes"
    assert pick_form(spanish, "es", Tag("f", "sg"), True) == "iraní"


GLOSSARY = parse_yaml(
    """
glossary: {name: t}
entries:
  - id: turkey
    type: place
    terms:
      en: {preferred: Turkey, not_before: [sandwiches, '/breasts?/'], not_after: [roast]}
      es: Turquía
  - id: btc
    type: other
    terms:
      en: Baku-Tbilisi-Ceyhan Pipeline Company
      es: Compañía del Oleoducto Bakú-Tiflis-Ceyhan
  - id: lachin
    type: place
    terms:
      en: Lachin corridor
      es: corredor de Lachín
"""
)


def test_negative_contexts_rule_out_an_occurrence() -> None:
    matcher = Matcher(GLOSSARY, "en")
    found = [m.surface for m in matcher.find("Turkey sandwiches ran out. Turkey said no.")]
    assert found == ["Turkey"]
    assert matcher.find("The roast Turkey. Turkey breast. TURKEY BREASTS.") == []
    excluded: list = []
    matcher.find("Turkey sandwiches", excluded)
    assert [m.surface for m in excluded] == ["Turkey"]


def test_title_case_and_capitals_of_multiword_terms_match() -> None:
    matcher = Matcher(GLOSSARY, "en")
    assert [m.concept.id for m in matcher.find("Talks Stall Over Lachin Corridor")] == ["lachin"]
    assert [m.concept.id for m in matcher.find("LACHIN CORRIDOR REOPENS")] == ["lachin"]
    assert matcher.find("the lachin corridor") == []  # a case-sensitive name in lower case
