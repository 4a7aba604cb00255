"""QA of existing translations (translate.qa): alignment, counting, unknown names."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.glossary import load_glossary
from translate.glossary.matcher import Matcher
from translate.qa import Checker, check_texts, unknown_names

GLOSSARY = """\
glossary: {name: desk}
entries:
  - id: baku
    type: place
    terms:
      en: Baku
      es: {preferred: Bakú, deprecated: [Baku]}
  - id: tehran
    type: place
    terms:
      en: Tehran
      es: {preferred: Teherán, admitted: [Teheran], deprecated: [Tehrán]}
  - id: aliyev
    type: person
    terms:
      en: {preferred: Ilham Aliyev, admitted: [Aliyev]}
      es: {preferred: Ilham Alíev, forms: [Alíev], deprecated: [Ilham Aliyev, Aliyev]}
  - id: pezeshkian
    type: person
    terms:
      en: Pezeshkian
      es: Pezeshkián
"""


@pytest.fixture(scope="module")
def glossary(tmp_path_factory):
    path = tmp_path_factory.mktemp("g") / "desk.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return load_glossary(path)


@pytest.fixture
def checker(glossary) -> Checker:
    return Checker(glossary)


def kinds(result) -> list[tuple[str, str, int]]:
    return sorted((v.kind, v.concept, v.count) for _, v in result.violations)


def test_clean_translation_is_ok(checker) -> None:
    result = checker.check_texts(
        "Ministers met in Baku. Ilham Aliyev spoke.",
        "Los ministros se reunieron en Bakú. Ilham Alíev habló.",
        "en",
        "es",
    )
    assert result.ok and result.alignment == "sentence"
    assert [u.level for u in result.units] == ["sentence", "sentence"]


def test_missing_preferred_form_and_deprecated_rendering(checker) -> None:
    result = checker.check_texts(
        "Ministers met in Baku.\n\nThe talks moved to Tehran.",
        "Los ministros se reunieron en la capital.\n\nLas conversaciones pasaron a Tehrán.",
        "en",
        "es",
    )
    assert not result.ok
    assert kinds(result) == [("deprecated", "tehran", 1), ("missing", "baku", 1)]
    missing = next(v for u, v in result.violations if v.kind == "missing")
    unit = next(u for u, v in result.violations if v.kind == "missing")
    assert (missing.expected, missing.source, unit.paragraph, unit.target_line) == (
        "Bakú",
        "Baku",
        0,
        1,
    )
    deprecated = next((u, v) for u, v in result.violations if v.kind == "deprecated")
    assert deprecated[1].found == "Tehrán" and deprecated[1].expected == "Teherán"
    assert deprecated[0].target_line == 3
    text = result.to_text()
    assert 'missing "Bakú" for "Baku"' in text and 'deprecated "Tehrán": write "Teherán"' in text


def test_counts_occurrences(checker) -> None:
    result = checker.check_texts(
        "Baku said Baku would host it.", "Bakú dijo que la ciudad lo acogería.", "en", "es"
    )
    [(_, v)] = result.violations
    assert (v.kind, v.count, v.source_count, v.target_count) == ("missing", 1, 2, 1)


def test_admitted_variant_is_not_the_preferred_form(checker) -> None:
    result = checker.check_texts("Tehran spoke.", "Teheran habló.", "en", "es")
    [(_, v)] = result.violations
    assert v.kind == "missing" and v.found == "Teheran" and v.expected == "Teherán"
    assert "found admitted" in v.describe()


def test_a_declared_form_counts_as_the_preferred_form(checker) -> None:
    assert checker.check_texts("Aliyev spoke.", "Alíev habló.", "en", "es").ok


def test_a_deprecated_rendering_is_reported_once(checker) -> None:
    result = checker.check_texts("Ilham Aliyev spoke.", "Ilham Aliyev habló.", "en", "es")
    assert kinds(result) == [("deprecated", "aliyev", 1)]


def test_merged_sentences_fall_back_to_the_paragraph(checker) -> None:
    source = "Ministers met in Baku on Sunday. They flew to Tehran later. The talks ended."
    target = "Los ministros se reunieron en Bakú el domingo y volaron a Teherán. Las conversaciones terminaron."
    result = checker.check_texts(source, target, "en", "es")
    [unit] = result.units
    assert unit.level == "paragraph" and "sentence counts differ" in unit.reason
    assert result.ok  # Tehran is in the merged sentence: not misaligned into a false alarm
    assert result.alignment == "paragraph" and result.notes


def test_split_sentence_falls_back_and_still_finds_a_real_miss(checker) -> None:
    source = "Ministers met in Baku on Sunday and flew to Tehran. It ended."
    target = "Los ministros se reunieron el domingo. Luego volaron a Teherán. Terminó."
    result = checker.check_texts(source, target, "en", "es")
    [unit] = result.units
    assert unit.level == "paragraph"
    assert kinds(result) == [("missing", "baku", 1)]


def test_equal_counts_but_shifted_sentences_are_not_misaligned(checker) -> None:
    # Same number of sentences, but the translator merged the first two and split the
    # third: sentence-by-sentence pairing would pair Baku with Tehran's sentence.
    source = "Ministers met in Baku. They later flew to Tehran. The talks ended on a high note for all of them."
    target = (
        "Los ministros se reunieron en Bakú y después volaron a Teherán. "
        "Las conversaciones terminaron. Todos quedaron contentos."
    )
    result = checker.check_texts(source, target, "en", "es")
    assert [u.level for u in result.units] == ["paragraph"]
    assert "line up" in result.units[0].reason
    assert result.ok


def test_different_paragraph_counts_check_the_whole_document(checker) -> None:
    source = "Ministers met in Baku.\n\nThey flew to Tehran.\n\nIt ended."
    target = "Los ministros se reunieron en Bakú y volaron a Tehrán.\n\nTerminó."
    result = checker.check_texts(source, target, "en", "es")
    assert result.alignment == "document"
    assert "paragraph counts differ (source 3, translation 2)" in result.notes[0]
    [unit] = result.units
    assert unit.level == "document"
    assert kinds(result) == [("deprecated", "tehran", 1)]
    assert "whole document" in result.to_text()


def test_markdown_code_and_front_matter_are_not_paragraphs(checker) -> None:
    source = "---\ntitle: Baku\n---\n# Talks in Baku\n\n```\nBaku\n```\n\nThey met in [Tehran](https://x/Baku).\n"
    target = (
        "# Conversaciones en Bakú\n\n```\nBaku\n```\n\nSe reunieron en [Teherán](https://x/Baku).\n"
    )
    result = checker.check_texts(source, target, "en", "es", fmt="markdown")
    assert result.alignment == "sentence" and len(result.units) == 2
    assert result.ok


def test_markdown_heading_with_deprecated_form(checker) -> None:
    source = "# Talks in Baku\n\nThey met.\n"
    target = "# Conversaciones en Baku\n\nSe reunieron.\n"
    result = checker.check_texts(source, target, "en", "es", fmt="markdown")
    assert kinds(result) == [("deprecated", "baku", 1)]
    assert result.violations[0][0].target_line == 1


def test_datelines_in_capitals(checker) -> None:
    ok = checker.check_texts(
        "BAKU, 5 Oct. — Talks began.", "BAKÚ, 5 oct. — Empezaron las conversaciones.", "en", "es"
    )
    assert ok.ok
    bad = checker.check_texts(
        "BAKU, 5 Oct. — Talks began.", "BAKU, 5 oct. — Empezaron las conversaciones.", "en", "es"
    )
    [(_, v)] = bad.violations
    assert v.expected == "BAKÚ"


def test_unknown_names_keep_false_positives_low(glossary) -> None:
    source = (
        "Officials met in Baku on Monday. President Masoud Pezeshkian met Hakan Fidan "
        "and the Organisation of Islamic Cooperation. The talks, said Jeyhun Bayramov, "
        "went well. Turkey's Hakan Fidan agreed. In March the Bank of England spoke. "
        "NATO did not. Baku and the National Iranian Oil Company disagreed."
    )
    matcher = Matcher(glossary, "en")
    from translate.segment import split_sentences

    sentences = [source[a:b] for a, b in split_sentences(source, "en")]
    names = unknown_names(sentences, matcher, "en")
    assert names == [
        "Hakan Fidan",
        "Organisation of Islamic Cooperation",
        "Jeyhun Bayramov",
        "Bank of England",
        "National Iranian Oil Company",
    ]
    # NATO starts its sentence, Masoud sits next to the known Pezeshkian, President
    # and March are common words, Officials and The start sentences.


def test_unknown_names_skip_headlines_and_words_used_in_lower_case(glossary) -> None:
    matcher = Matcher(glossary, "en")
    assert unknown_names(["Ministers Meet In Baku As Talks Resume"], matcher, "en") == []
    lower = frozenset({"sea"})
    assert unknown_names(["They sailed the Caspian Sea."], matcher, "en", lowercase=lower) == [
        "Caspian Sea"
    ]
    assert unknown_names(["Talks on the Sea went on."], matcher, "en", lowercase=lower) == []
    assert unknown_names(["Die Gespräche in Berlin."], Matcher(glossary, "de"), "de") == []


def test_unknown_names_in_a_result(checker) -> None:
    result = checker.check_texts(
        "Ministers met in Baku with Hakan Fidan.",
        "Los ministros se reunieron en Bakú con Hakan Fidan.",
        "en",
        "es",
    )
    assert result.ok and dict(result.unknown_names()) == {"Hakan Fidan": 1}
    data = result.to_dict()
    assert data["unknown_names"] == [{"name": "Hakan Fidan", "count": 1}]
    assert data["ok"] is True and data["counts"] == {"missing": 0, "deprecated": 0}


def test_check_texts_function_and_json_shape(glossary) -> None:
    result = check_texts(
        "Baku.", "Baku.", glossary, "en", "es", source_name="a.en.txt", target_name="a.es.txt"
    )
    data = result.to_dict()
    assert data["source"] == "a.en.txt" and data["translation"] == "a.es.txt"
    [problem] = data["problems"]
    assert problem["level"] == "sentence" and problem["target_line"] == 1
    assert problem["violations"] == [
        {
            "kind": "deprecated",
            "concept": "baku",
            "type": "place",
            "expected": "Bakú",
            "count": 1,
            "found": "Baku",
        }
    ]


def test_the_example_article_against_a_faithful_translation(glossary) -> None:
    """The shipped example, hand-translated with merged sentences: no false alarms."""
    root = Path(__file__).resolve().parent.parent
    source = (root / "examples/baku-talks.en.txt").read_text(encoding="utf-8")
    paragraphs = source.split("\n\n")
    # a "translation" that keeps every glossary name in its preferred Spanish form
    target = "\n\n".join(
        p.replace("Baku", "Bakú")
        .replace("Tehran", "Teherán")
        .replace("Ilham Aliyev", "Ilham Alíev")
        .replace("Aliyev", "Alíev")
        .replace("BAKU", "BAKÚ")
        .replace("Pezeshkian", "Pezeshkián")
        for p in paragraphs
    )
    result = Checker(glossary).check_texts(source, target, "en", "es")
    assert result.ok, result.to_text()


def test_word_lists_are_package_data_and_cldr(glossary) -> None:
    """The words that are capitalised without being names are data files shipped in
    the package (translate/qa/data), and English days and months come from CLDR."""
    from importlib import resources

    from translate.qa import names

    data = resources.files("translate.qa").joinpath("data")
    files = {entry.name for entry in data.iterdir()}
    assert {"connectors.txt", "title_small.txt", "not_names.en.txt"} <= files
    lists = names._lists()
    assert {"minister", "officials", "presidente"} <= lists.common
    assert {"monday", "september", "sept", "may"} <= lists.common  # CLDR (Babel)
    assert "#" not in "".join(lists.common | lists.connectors | lists.title_small)
    assert {"of", "al", "bin", "von"} <= lists.connectors
    assert {"to", "in", "amid"} <= lists.title_small
    matcher = Matcher(glossary, "en")
    assert unknown_names(["On Tuesday Sept talks began with Ulla Kask."], matcher, "en") == [
        "Ulla Kask"
    ]


def test_qa_is_a_package_with_the_old_public_api() -> None:
    import translate.qa as qa

    assert set(qa.__all__) == {
        "Checker",
        "CheckResult",
        "Unit",
        "Violation",
        "check_texts",
        "unknown_names",
    }
    for name in qa.__all__:
        assert getattr(qa, name).__module__.startswith("translate.qa.")
    # the module-level check_documents / check_bitext were unused: the Checker has them
    assert not hasattr(qa, "check_documents") and not hasattr(qa, "check_bitext")
    assert callable(qa.Checker.check_documents) and callable(qa.Checker.check_bitext)


# ---------------------------------------------------------------- waivers


def test_waivers_are_read_from_comments_and_front_matter() -> None:
    from translate.qa.waivers import find_waivers

    text = (
        "---\ntitle: x\ndragoman-allow: [Baku, 'ilham-aliyev']\n---\n"
        "Para <!-- dragoman: allow  Ilham Aliyev ,Tbilisi -->\n"
        "<!-- DRAGOMAN: allow-file Tehran -->\n"
        "<!-- dragoman: allow -->\n"  # names nothing: not a waiver
        "<!-- a comment -->\n"
    )
    waivers = find_waivers(text)
    assert [(w.names, w.scope, w.line) for w in waivers] == [
        (("Baku", "ilham-aliyev"), "file", 3),
        (("Ilham Aliyev", "Tbilisi"), "unit", 5),
        (("Tehran",), "file", 6),
    ]
    assert waivers[1].offset == text.index("<!-- dragoman: allow  Ilham")


def test_front_matter_is_not_yaml_evaluated() -> None:
    """An alias or a tag is a name like any other: nothing is expanded or built."""
    from translate.qa.waivers import find_waivers

    text = "---\na: &x [1, 2]\ndragoman-allow: *x\nb: !!python/object:os.system ls\n---\nBody\n"
    assert [w.names for w in find_waivers(text)] == [("*x",)]
    assert find_waivers("no front matter\ndragoman-allow: [Baku]\n") == []


def test_apply_waivers_moves_only_covered_violations() -> None:
    from translate.qa.results import Unit, Violation
    from translate.qa.waivers import Waiver, apply_waivers

    baku = Violation("missing", "baku", "place", "Bakú", source="Baku", source_count=1)
    tbilisi = Violation("deprecated", "tbilisi", "place", "Tiflis", found="Tbilisi")
    units = [
        Unit(0, "sentence", "a", "b", violations=(baku, tbilisi)),
        Unit(1, "sentence", "c", "d", violations=(baku,)),
    ]
    waiver = Waiver(("BAKU",), "unit", 1, 5)
    out, unused = apply_waivers(units, [(0, 10), (11, 20)], [waiver, Waiver(("x",), "file", 2, 0)])
    assert out[0].violations == (tbilisi,) and [w.violation for w in out[0].waived] == [baku]
    assert out[1].violations == (baku,) and out[1].waived == ()
    assert [w.names for w in unused] == [("x",)]
    # a deprecated rendering is named by what was found, too
    out, unused = apply_waivers(units, [(0, 10), (11, 20)], [Waiver(("Tbilisi",), "file", 1, 0)])
    assert out[0].violations == (baku,) and unused == []
