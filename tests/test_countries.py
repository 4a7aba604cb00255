"""translate glossary cldr: the country/territory glossary generated from CLDR."""

from __future__ import annotations

import pytest

from conftest import ROOT, run_cli
from translate.commands.glossary_cldr import build, territory_codes
from translate.glossary import load_glossaries, load_glossary
from translate.glossary.yaml_format import dump_yaml

SHIPPED = ROOT / "glossaries" / "countries.yaml"
SHIPPED_LANGS = "en,es,ca,fa,az,ru,ar"


def test_only_countries_and_territories() -> None:
    codes = territory_codes()
    assert {"AZ", "IR", "AM", "GE", "RU", "ES", "XK", "PS", "HK"} <= set(codes)
    assert not {"001", "150", "419", "EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"} & set(codes)
    assert all(len(c) == 2 and c.isalpha() and c.isupper() for c in codes)
    assert 240 <= len(codes) <= 270


def test_concepts_are_named_in_each_locale() -> None:
    glossary = build("en,es,fa,az,ru,ar")
    assert glossary.generated and glossary.languages == ["en", "es", "fa", "az", "ru", "ar"]
    az = glossary.get("country-az")
    assert az is not None and az.type == "place"
    assert {lang: t.preferred for lang, t in az.terms.items()} == {
        "en": "Azerbaijan",
        "es": "Azerbaiyán",
        "fa": "جمهوری آذربایجان",
        "az": "Azərbaycan",
        "ru": "Азербайджан",
        "ar": "أذربيجان",
    }
    assert glossary.get("country-ir").terms["fa"].preferred == "ایران"
    assert glossary.get("country-eu") is None and glossary.get("country-001") is None


def test_any_babel_locale_and_normalised_codes() -> None:
    glossary = build("en, sr-Latn, de-CH, fa-IR")
    assert glossary.languages == ["en", "sr-Latn", "de", "fa"]
    assert glossary.get("country-de").terms["sr-Latn"].preferred == "Nemačka"
    with pytest.raises(Exception, match="both 'fa'"):
        build("fa,fa-IR")


def test_shipped_glossary_is_the_generated_one_and_loads(tmp_path) -> None:
    shipped = load_glossary(SHIPPED)
    assert shipped.generated
    fresh = build(SHIPPED_LANGS)
    assert [c.id for c in shipped] == [c.id for c in fresh]
    assert {c.id: {k: t.preferred for k, t in c.terms.items()} for c in shipped} == {
        c.id: {k: t.preferred for k, t in c.terms.items()} for c in fresh
    }, (
        "regenerate: translate glossary cldr --langs en,es,ca,fa,az,ru,ar -o glossaries/countries.yaml"
    )
    # round trip through the YAML writer keeps the generated flag
    again = tmp_path / "again.yaml"
    again.write_text(dump_yaml(shipped), encoding="utf-8")
    assert load_glossary(again).generated


def test_desk_glossary_given_after_overrides_a_name() -> None:
    merged = load_glossaries([SHIPPED, ROOT / "glossaries" / "caucasus.yaml"], source_lang="en")
    baku_country = [
        c for c in merged if c.terms.get("en") and c.terms["en"].preferred == "Azerbaijan"
    ]
    assert len(baku_country) == 1  # one concept, not two competing ones


def test_cli_writes_atomically_and_lint_is_clean(tmp_path) -> None:
    out = tmp_path / "countries.yaml"
    result = run_cli("glossary", "cldr", "--langs", "en,es", "-o", str(out), env={"LANGUAGE": "en"})
    assert result.returncode == 0, result.stderr.decode()
    text = out.read_text(encoding="utf-8")
    assert "generated: true" in text and "- id: country-az" in text
    assert "countries and territories" in result.stderr.decode()
    assert [p.name for p in tmp_path.iterdir()] == ["countries.yaml"]  # no temporary file left
    lint = run_cli("glossary", "lint", str(out), env={"LANGUAGE": "en"})
    assert lint.returncode == 0, lint.stdout.decode() + lint.stderr.decode()
    missing = run_cli(
        "glossary", "cldr", "-o", str(tmp_path / "no" / "x.yaml"), env={"LANGUAGE": "en"}
    )
    assert missing.returncode == 2 and b"folder does not exist" in missing.stderr
