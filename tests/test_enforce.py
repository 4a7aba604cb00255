"""Glossary enforcement through the real Apertium engine, and its fallback paths."""

from __future__ import annotations

from collections.abc import Sequence

from translate.articles import parse_text
from translate.engines.apertium import ApertiumEngine
from translate.engines.base import DirectRoute, SourceText, Translation
from translate.glossary.model import Concept, Glossary, LangTerms
from translate.pipeline import Translator


def concept(cid: str, kind: str, en: str, es: str, **extra: list[str]) -> Concept:
    return Concept(
        id=cid,
        type=kind,  # type: ignore[arg-type]
        terms={
            "en": LangTerms(en, admitted=extra.get("admitted", [])),
            "es": LangTerms(es, deprecated=extra.get("deprecated", [])),
        },
    )


GLOSSARY = Glossary(
    name="test",
    concepts=[
        concept("baku", "place", "Baku", "Bakú", deprecated=["Baku"]),
        concept("azerbaijan", "place", "Azerbaijan", "Azerbaiyán"),
        concept("zangezur", "place", "Zangezur", "Zanguezur"),
        concept(
            "aa",
            "person",
            "Hossein Amir-Abdollahian",
            "Hosein Amir Abdolahian",
            admitted=["Amir-Abdollahian"],
        ),
        concept("oic", "organisation", "OIC", "OCI"),
    ],
)


def translate(text: str, engine=None) -> list:
    doc = parse_text(text, "en", name="t")
    return list(Translator(GLOSSARY).translate(doc, "es", engine=engine or ApertiumEngine()))


def test_possessive_keeps_spanish_grammar(apertium_eng_spa) -> None:
    [seg] = translate("Azerbaijan’s envoy arrived in Baku.")
    assert "enviado de Azerbaiyán" in seg.target
    assert "Bakú" in seg.target
    assert [t.status for t in seg.terms] == ["enforced", "enforced"]


def test_name_as_modifier_keeps_word_order(apertium_eng_spa) -> None:
    """Raw Apertium writes "el *Zangezur pasillo"; a carrier keeps "el pasillo de ..."."""
    [seg] = translate("They discussed the Zangezur corridor.")
    assert "pasillo de Zanguezur" in seg.target
    assert seg.unknown_words == ()


def test_hyphen_and_space_variants_get_one_spelling(apertium_eng_spa) -> None:
    segs = translate(
        "Hossein Amir-Abdollahian spoke. Amir Abdollahian left. Amir-Abdollahian returned."
    )
    assert all("Hosein Amir Abdolahian" in s.target for s in segs)
    assert [t.status for s in segs for t in s.terms] == ["enforced"] * 3


def test_unknown_marks_never_reach_the_output(apertium_eng_spa) -> None:
    [seg] = translate("The OIC said the invitee hosted talks in Baku.")
    assert "*" not in seg.target and "#" not in seg.target
    assert "invitee" in seg.unknown_words
    assert "OCI" in seg.target


class DroppingEngine(DirectRoute):
    """An engine that loses every carrier name: exercises the fallback path only."""

    name = "dropping"
    term_marking = "carrier"

    def pairs(self):
        return []

    def missing_pair_hint(self, source: str, target: str) -> str:
        return ""

    def translate_batch(
        self, texts: Sequence[SourceText], source: str, target: str
    ) -> list[Translation]:
        out = []
        for t in texts:
            if t.text in ("Paris", "London", "John", "NATO"):
                out.append(Translation(t.text))  # calibration: carriers come back as-is
            else:
                words = [
                    w
                    for w in t.text.split()
                    if w.strip(".") not in ("Paris", "London", "John", "Mary", "NATO")
                ]
                out.append(Translation(" ".join(words)))
        return out


def test_lost_marks_fall_back_to_correction_then_missing() -> None:
    segs = translate("Talks in Baku ended. Envoys met in Zangezur.", DroppingEngine())
    # Without marks the engine echoes the source: "Baku" is corrected to the
    # preferred form; nothing is dropped silently.
    statuses = {t.id: t.status for s in segs for t in s.terms}
    assert statuses == {"baku": "corrected", "zangezur": "corrected"}
    assert "Bakú" in segs[0].target and "Zanguezur" in segs[1].target


class SilentEngine(DroppingEngine):
    def translate_batch(self, texts, source, target):
        return [Translation("Paris" if t.text == "Paris" else "...") for t in texts]


def test_term_the_engine_drops_is_reported_missing() -> None:
    [seg] = translate("Talks in Baku ended.", SilentEngine())
    assert [(t.id, t.status) for t in seg.terms] == [("baku", "missing")]


def test_dateline_in_capitals_keeps_capitals(apertium_eng_spa) -> None:
    segs = translate("BAKU, 5 Oct. (Wire) — The OIC met in Baku.")
    assert segs[0].target.startswith("BAKÚ, 5")
    assert [(t.id, t.target, t.status) for s in segs for t in s.terms][:2] == [
        ("baku", "BAKÚ", "enforced"),
        ("oic", "OCI", "enforced"),
    ]
