"""The quality benchmark's metrics (benchmarks/metrics.py) on tiny hand-made texts."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ROOT
from translate.articles import parse_markdown, parse_text
from translate.document import AlignedSegment, Bitext
from translate.glossary.matcher import Matcher
from translate.glossary.model import Concept, LangTerms

pytest.importorskip("sacrebleu")

_spec = importlib.util.spec_from_file_location("bench_metrics", ROOT / "benchmarks" / "metrics.py")
metrics = importlib.util.module_from_spec(_spec)
sys.modules["bench_metrics"] = metrics
_spec.loader.exec_module(metrics)


def concept(
    cid: str, en: str, es: LangTerms | str, ca: LangTerms | str | None = None, **kw
) -> Concept:
    terms = {"en": LangTerms(en), "es": es if isinstance(es, LangTerms) else LangTerms(es)}
    if ca is not None:
        terms["ca"] = ca if isinstance(ca, LangTerms) else LangTerms(ca)
    return Concept(cid, terms=terms, **kw)


GLOSSARY = [
    concept("baku", "Baku", "Bakú", "Bakú"),
    concept("turkey", "Turkey", "Turquía", "Turquia"),
    concept("iran", "Iran", "Irán", "Iran"),
    concept("chad", "Chad", "Chad", "Txad"),
    concept("india", "India", "India", "Índia"),
    concept("armenia", "Armenia", "Armenia", "Armènia"),
    concept(
        "eu",
        "European Union",
        LangTerms("Unión Europea", gender="f"),
        LangTerms("Unió Europea", gender="f"),
    ),
    concept(
        "nl",
        "Netherlands",
        LangTerms("Países Bajos", gender="m", number="pl"),
        LangTerms("Països Baixos", gender="m", number="pl"),
    ),
    # es gender declared wrong on purpose (see the untrusted-grammar test)
    concept(
        "summit",
        "Caspian summit",
        LangTerms("cumbre del Caspio", gender="m"),
        LangTerms("cimera del Caspi", gender="f"),
        word_class="common",
        case_sensitive=False,
    ),
    concept(
        "pipeline",
        "BTC pipeline",
        LangTerms("oleoducto Bakú-Tiflis-Ceyhan", gender="m"),
        word_class="common",
        case_sensitive=False,
    ),
    concept(
        "armenian",
        "Armenian",
        LangTerms(
            "armenio",
            forms=["armenia", "armenios", "armenias"],
            form_tags={"armenia": "f.sg", "armenios": "m.pl", "armenias": "f.pl"},
        ),
        LangTerms(
            "armeni",
            forms=["armènia", "armenis", "armènies"],
            form_tags={"armènia": "f.sg", "armenis": "m.pl", "armènies": "f.pl"},
        ),
        word_class="demonym",
    ),
    concept(
        "russian",
        "Russian",
        LangTerms(
            "ruso",
            forms=["rusa", "rusos", "rusas"],
            form_tags={"rusa": "f.sg", "rusos": "m.pl", "rusas": "f.pl"},
        ),
        # untagged "rus": the -s rule reads it as a plural; "russos" holds m.pl
        LangTerms(
            "rus",
            forms=["russa", "russos", "russes"],
            form_tags={"russa": "f.sg", "russos": "m.pl", "russes": "f.pl"},
        ),
        word_class="demonym",
    ),
    concept(
        "iranian",
        "Iranian",
        LangTerms("iraní", forms=["iraníes"], form_tags={"iraníes": "pl"}),
        word_class="demonym",
    ),
    Concept("times", terms={"en": LangTerms("Tehran Times")}, keep=True),
]


@pytest.fixture(scope="module")
def es():
    return metrics.TargetForms(GLOSSARY, "es")


@pytest.fixture(scope="module")
def ca():
    return metrics.TargetForms(GLOSSARY, "ca")


def bitext(source: str, targets: list[str], lang: str = "es") -> Bitext:
    document = parse_text(source, "en")
    assert len(document.segments) == len(targets), [s.source for s in document.segments]
    aligned = tuple(
        AlignedSegment(segment=s, target=t) for s, t in zip(document.segments, targets, strict=True)
    )
    return Bitext(
        document=document, source_lang="en", target_lang=lang, engine="test", segments=aligned
    )


# -- target forms ----------------------------------------------------------------------


def test_variants_capitalise_proper_nouns_and_lower_demonyms(es) -> None:
    assert es.variants("baku") == ["Bakú", "BAKÚ"]
    assert "cumbre del Caspio" in es.variants("summit") and "Cumbre del Caspio" in es.variants(
        "summit"
    )
    assert {"armenio", "Armenio", "armenias", "Armenias"} <= set(es.variants("armenian"))
    assert "times" not in es.concepts  # keep-as-is entries have no target form


def test_count_is_leftmost_longest_over_all_concepts(es) -> None:
    text = "El oleoducto Bakú-Tiflis-Ceyhan sale de Bakú. BAKÚ, 5 oct."
    assert es.count(text) == {"pipeline": 1, "baku": 2}
    assert es.count_concept(text, "baku") == 3  # one concept at a time: inside the pipeline too


# -- paragraphs ------------------------------------------------------------------------


def test_paragraphs_of_text_and_markdown() -> None:
    text = parse_text("One line\nwrapped. Two.\n\nThree.\n", "en")
    assert metrics.paragraph_texts(text) == ["One line\nwrapped. Two.", "Three."]
    md = parse_markdown("# Title\n\nText.\n\n- one\n- two\n", "en")
    assert len(metrics.paragraph_texts(md)) == 4
    b = bitext("Talks in Baku. More talks.\n\nEnd.\n", ["Charlas en Bakú.", "Más charlas.", "Fin."])
    assert metrics.hypothesis_paragraphs(b) == ["Charlas en Bakú. Más charlas.", "Fin."]


# -- term success ----------------------------------------------------------------------


def test_term_success_counts_only_terms_the_reference_confirms(es) -> None:
    source = (
        "Turkey sandwiches ran out in Baku. Iran and Iran met.\n\n"
        "Turkey said no. The Tehran Times said so.\n"
    )
    b = bitext(
        source,
        [
            "Los bocadillos de Turquía se acabaron en Bakú.",  # Turkey: not a term here
            "Irán e Irán se reunieron.",
            "Ankara dijo que no.",  # the Turkey of this paragraph is a term, and missed
            "El Tehran Times lo dijo.",  # a keep-as-is entry: not counted
        ],
    )
    references = [
        "Se acabaron los bocadillos de pavo en Bakú. Irán se reunió con Irán.",
        "Turquía dijo que no. Lo dijo el Tehran Times.",
    ]
    score = metrics.term_success(b, Matcher(GLOSSARY, "en"), es, references)
    assert (score.ok, score.expected, score.not_a_term) == (3, 4, 1)
    assert score.misses == [(2, "turkey")]
    assert score.rate == pytest.approx(0.75)


def test_term_success_needs_one_occurrence_per_source_occurrence(es) -> None:
    b = bitext("Baku and Baku.\n", ["Bakú y la capital."])
    score = metrics.term_success(b, Matcher(GLOSSARY, "en"), es, ["Bakú y Bakú."])
    assert (score.ok, score.expected) == (1, 2)


def test_term_success_ignores_verbatim_spans(es) -> None:
    document = parse_markdown("Talks in `Baku` and Baku.\n", "en")
    aligned = tuple(
        AlignedSegment(segment=s, target="Charlas en `Baku` y Bakú.") for s in document.segments
    )
    b = Bitext(document=document, source_lang="en", target_lang="es", engine="t", segments=aligned)
    score = metrics.term_success(b, Matcher(GLOSSARY, "en"), es, ["Charlas en `Baku` y Bakú."])
    assert (score.ok, score.expected, score.not_a_term) == (1, 1, 0)


# -- false positives -------------------------------------------------------------------


def test_false_positives_are_forms_beyond_the_reference_per_paragraph(es) -> None:
    hyps = ["Bocadillos de Turquía en Bakú y Bakú.", "Chad Ferris habló.", "Irán."]
    refs = ["Bocadillos de pavo en Bakú.", "Chad Ferris habló.", "Irán e Irán."]
    assert metrics.false_positives(hyps, refs, es) == {"turkey": 1, "baku": 1}


def test_false_positives_count_a_nested_name_once(es) -> None:
    hyps = ["El oleoducto Bakú-Tiflis-Ceyhan."]
    assert metrics.false_positives(hyps, ["El oleoducto Bakú-Tiflis-Ceyhan."], es) == {}
    assert metrics.false_positives(hyps, ["El oleoducto BTC."], es) == {"pipeline": 1}


def test_false_positives_need_aligned_paragraphs(es) -> None:
    with pytest.raises(ValueError):
        metrics.false_positives(["a", "b"], ["a"], es)


# -- agreement -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, errors",
    [
        ("Habló la Unión Europea.", 0),
        ("Habló el Unión Europea.", 1),
        ("Lo dijo un Unión Europea y una Unión Europea.", 1),
        ("Llegaron los Países Bajos y del Países Bajos.", 1),
        ("Vino la Países Bajos.", 1),  # gender and number: one error
        ("Lo vio la armenio; lo vieron las armenias y el armenio.", 1),
        ("Lo vio el iraní y la iraní; los iraníes y el iraníes.", 1),
        ("El oleoducto Bakú-Tiflis-Ceyhan; la oleoducto Bakú-Tiflis-Ceyhan.", 1),
        ("El Irán y la India.", 0),  # single words: grammar unknown, nothing judged
        (
            "Habló la\nUnión Europea. El, Unión Europea.",
            0,
        ),  # a break is fine, punctuation is not a determiner
    ],
)
def test_spanish_agreement(es, text: str, errors: int) -> None:
    found = metrics.agreement_errors(text, es)
    assert len(found) == errors, found


@pytest.mark.parametrize(
    "text, errors",
    [
        ("l'Iran, de l'Iran, a l'Índia", 0),
        ("el Iran", 1),
        ("del Iran i al Iran i pel Iran", 3),
        ("la Índia", 1),
        ("d'Armènia i de Txad", 0),
        ("de Armènia", 1),
        ("d'Txad", 1),
        ("l'Txad", 1),
        ("la Unió Europea", 0),
        ("l'Unió Europea", 1),
        ("el rus, un rus, els russos, la russa, les russes", 0),
        ("els rus", 1),
        ("els armenis i l'armeni, les armènies", 0),
        ("l'Països Baixos", 1),
        ("els Països Baixos", 0),
        ("el cimera del Caspi", 1),
        ("la cimera del Caspi", 0),
    ],
)
def test_catalan_agreement_and_elision(ca, text: str, errors: int) -> None:
    found = metrics.agreement_errors(text, ca)
    assert len(found) == errors, found


def test_typographic_apostrophe_is_an_elision(ca) -> None:
    assert metrics.agreement_errors("d’Txad", ca)[0].determiner == "d'"
    assert metrics.agreement_errors("l’Iran", ca) == []


def test_grammar_a_reference_contradicts_is_not_checked(es) -> None:
    # The glossary says masculine; the reference says feminine.
    assert len(metrics.agreement_errors("la cumbre del Caspio", es)) == 1
    untrusted = metrics.untrusted_grammar(["Acabó la cumbre del Caspio."], es)
    assert list(untrusted) == ["summit"]
    doubted = metrics.doubted(untrusted)
    assert doubted == {"summit": {"gender"}}
    assert (
        metrics.agreement_errors("la cumbre del Caspio y el cumbre del Caspio", es, doubted) == []
    )
    assert (
        len(metrics.agreement_errors("los cumbre del Caspio", es, doubted)) == 1
    )  # number still checked


def test_agreement_is_not_judged_for_other_languages() -> None:
    ru = metrics.TargetForms([Concept("x", terms={"ru": LangTerms("Баку")})], "ru")
    assert metrics.agreement_errors("el Баку", ru) == []


# -- chrF ------------------------------------------------------------------------------


def test_chrf() -> None:
    assert metrics.chrf(
        "La cumbre se celebró en Bakú.", "La cumbre se celebró en Bakú."
    ) == pytest.approx(100)
    assert metrics.chrf("xyz", "La cumbre se celebró en Bakú.") < 10
    both = metrics.corpus_chrf(["La cumbre.", "xyz"], ["La cumbre.", "En Bakú."])
    assert 0 < both < 100
    assert metrics.corpus_chrf([], []) == 0.0
