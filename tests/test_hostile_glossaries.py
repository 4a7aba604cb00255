"""Glossaries from outside the building (issue 14): small files with huge costs, and
terms that are no names.  Each case through the real CLI: ``translate glossary lint``
reports it with file and line; ``translate article`` refuses with one line and exit 2,
writing nothing, or (a term of punctuation) leaves the text alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli, write_file
from translate.errors import GlossaryError
from translate.glossary import load_glossary
from translate.glossary.matcher import Matcher
from translate.glossary.model import Concept, Glossary, LangTerms
from translate.glossary.normalize import MAX_TERM_LENGTH

HEADER = "glossary:\n  name: hostile\nentries:\n"

ALIAS_BOMB = HEADER + (
    '  - id: a\n    terms:\n      en: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    "      es: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "      fr: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "      de: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "      ru: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
)


def one_line_refusal(result, *parts: str) -> str:
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert err.count("\n") == 1 and err.startswith("translate: error: "), err
    assert "Traceback" not in err
    for part in parts:
        assert part in err, err
    return err


def article(tmp_path: Path, glossary: Path, text: str = "Talks in Baku ended.\n"):
    source = write_file(tmp_path, "story.en.txt", text)
    out = tmp_path / "story.es.txt"
    result = run_cli(
        "article", str(source), "--to", "es", "--engine", "apertium", "--glossary",
        str(glossary), "-o", str(out),
    )  # fmt: skip
    return result, out


def lint(*paths: Path):
    return run_cli("glossary", "lint", *map(str, paths))


# -------------------------------------------------------------- YAML structure


def test_an_alias_bomb_is_refused_at_its_anchor(tmp_path: Path) -> None:
    path = write_file(tmp_path, "bomb.yaml", ALIAS_BOMB)
    result, out = article(tmp_path, path)
    one_line_refusal(result, f"{path}:6: ", "aliases (*name) are not allowed")
    assert not out.exists()
    result = lint(path)
    assert result.returncode == 1
    assert f"{path}:6: error: YAML aliases (*name) are not allowed" in result.stdout.decode()


def test_an_anchor_used_once_and_a_star_in_a_term_are_fine(tmp_path: Path) -> None:
    path = write_file(
        tmp_path,
        "ok.yaml",
        HEADER + "  - id: a\n    terms: &t {en: '*NSYNC', es: '*NSYNC &Co'}\n",
    )
    assert load_glossary(path).concepts[0].terms["es"].preferred == "*NSYNC &Co"


@pytest.mark.parametrize(
    "body",
    [
        "  - id: deep\n    note: " + "[" * 5000 + "]" * 5000 + "\n",
        "  - id: deep\n    note: " + "{a: " * 3000 + "b" + "}" * 3000 + "\n",
        "".join("  " * (i + 1) + "- \n" for i in range(2000)),
    ],
    ids=["flow-lists", "flow-mappings", "block-lists"],
)
def test_deep_nesting_is_one_line_not_a_recursion_error(tmp_path: Path, body: str) -> None:
    path = write_file(tmp_path, "deep.yaml", HEADER + body)
    result, out = article(tmp_path, path)
    one_line_refusal(result, f"{path}:", "nesting depth")
    assert not out.exists()
    result = lint(path)
    assert result.returncode == 1 and "Traceback" not in result.stderr.decode()
    assert "nesting depth" in result.stdout.decode()


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path: Path) -> None:
    text = HEADER + (
        "  - id: baku\n    terms: {en: Baku, es: Bakú}\n"
        '  - id: "ganja\n    terms:\n      en: Ganja\n      es: Ganyá\n'
        "  - id: shusha\n    terms: {en: Shusha, es: Shushá}\n"
    )
    path = write_file(tmp_path, "quote.yaml", text)
    result, _ = article(tmp_path, path)
    one_line_refusal(result, f"{path}:6: ", "quoted scalar")
    assert f"{path}:6: error: " in lint(path).stdout.decode()


# -------------------------------------------------------------- terms


def test_a_megabyte_term_is_refused_and_linted(tmp_path: Path) -> None:
    huge = "Baku" * 250_000
    yaml_path = write_file(tmp_path, "huge.yaml", HEADER + f"  - id: huge\n    terms:\n      en: Baku\n      es: {huge}\n")  # fmt: skip
    tsv_path = write_file(tmp_path, "huge.tsv", f"en\tes\nGanja\tGanyá\n{huge}\tBakú\n")
    for path, line in ((yaml_path, 7), (tsv_path, 3)):
        result, out = article(tmp_path, path)
        one_line_refusal(result, f"{path}:{line}: ", f"terms are at most {MAX_TERM_LENGTH}")
        assert not out.exists()
        assert huge not in result.stderr.decode()
        result = lint(path)
        assert result.returncode == 1
        out_text = result.stdout.decode()
        assert f"{path}:{line}: error: a term of 1000000 characters" in out_text
        assert len(out_text) < 2000  # the term itself is not printed


def test_a_term_at_the_cap_is_fine(tmp_path: Path) -> None:
    name = ("Kara " * 60)[: MAX_TERM_LENGTH - 1] + "x"
    path = write_file(tmp_path, "long.tsv", f"en\tes\n{name}\tKara\n")
    glossary = load_glossary(path)
    assert Matcher(glossary, "en").find(f"In {name} today")[0].surface == name


def test_punctuation_terms_fail_lint(tmp_path: Path) -> None:
    path = write_file(
        tmp_path,
        "dots.yaml",
        HEADER + "  - id: dots\n    terms:\n      en: '...'\n      es: París\n"
        "  - id: baku\n    terms:\n      en: {preferred: Baku, admitted: ['—']}\n      es: Bakú\n",
    )
    result = lint(path)
    assert result.returncode == 1
    out = result.stdout.decode()
    assert f"{path}:6: error: term '...' of 'dots' (en) has no letter or digit" in out
    assert f"{path}:10: error: term '—' of 'baku' (en) has no letter or digit" in out


def test_punctuation_terms_never_rewrite_text(apertium_eng_spa, tmp_path: Path) -> None:
    path = write_file(tmp_path, "dots.tsv", "en\tes\n...\tParis\n&\ty\nBaku\tBakú\n")
    report = tmp_path / "report.json"
    source = write_file(tmp_path, "story.en.txt", "Wait... Baku & Ganja met.\n")
    result = run_cli(
        "article", str(source), "--to", "es", "--engine", "apertium", "--glossary",
        str(path), "--format", "jsonl",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    target = " ".join(r["target"] for r in rows)
    assert "Paris" not in target and "Bakú" in target
    assert [t["id"] for r in rows for t in r["terms"]] == ["baku"]
    assert not report.exists()


def test_the_matcher_skips_what_lint_refuses() -> None:
    glossary = Glossary(
        name="g",
        concepts=[
            Concept(id="dots", terms={"en": LangTerms("...")}),
            Concept(id="huge", terms={"en": LangTerms("Baku" * 1000)}),
            Concept(id="baku", terms={"en": LangTerms("Baku")}),
        ],
    )
    matcher = Matcher(glossary, "en")
    assert [m.concept.id for m in matcher.find("Wait... Baku" + "Baku" * 999)] == []
    assert [m.concept.id for m in matcher.find("Wait... in Baku.")] == ["baku"]


def test_load_glossary_names_the_cap(tmp_path: Path) -> None:
    path = write_file(tmp_path, "g.tsv", "en\tes\n" + "x" * 300 + "\ty\n")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert caught.value.line == 2 and str(MAX_TERM_LENGTH) in caught.value.message
