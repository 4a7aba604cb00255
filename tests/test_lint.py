from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from translate.glossary import wordlists
from translate.glossary.lint import LintIssue, format_issues, lint

WORDS = "turkey\nchad\nchina\nus\na\nb\nsplit\nJordan\n"


@pytest.fixture(autouse=True)
def small_word_list(tmp_path_factory, monkeypatch) -> None:
    """The module's tests read a small word list, not whatever the system has."""
    path = tmp_path_factory.getbasetemp() / "words"
    path.write_text(WORDS, encoding="utf-8")
    monkeypatch.setenv(wordlists.WORD_LIST_ENV, str(path))


GOOD = """\
glossary:
  name: good
entries:
  - id: baku
    type: place
    terms: {en: Baku, es: Bakú, az: Bakı}
  - id: amir-abdollahian
    type: person
    terms:
      en: {preferred: Hossein Amir-Abdollahian, admitted: [Amir-Abdollahian]}
      es: {preferred: Hosein Amir Abdolahian, deprecated: [Amir-Abdollahian]}
"""


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def kinds(issues: list[LintIssue]) -> list[tuple[int | None, str, str]]:
    return [(i.line, i.severity, i.code) for i in issues]


def test_clean_glossary(tmp_path: Path) -> None:
    assert lint([write(tmp_path, "good.yaml", GOOD)]) == []


def test_issue_format() -> None:
    issue = LintIssue("g.yaml", 3, "error", "duplicate-id", "duplicate id 'x' (first at line 1)")
    assert issue.format() == "g.yaml:3: error: duplicate id 'x' (first at line 1)"
    assert str(issue) == issue.format()
    assert LintIssue("g.yaml", None, "warning", "x", "m").format() == "g.yaml: warning: m"
    assert format_issues([issue]) == issue.format() + "\n"


def test_problems_in_one_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bad.yaml",
        """\
entries:
  - id: baku
    type: place
    terms:
      en: Baku
      xx: Foo
      es: {preferred: Bakú, admitted: [Baku, "", Bakú], deprecated: [Baku]}
  - id: baku
    type: place
    terms: {en: Bakı}
  - id: Baku City
    terms:
      en: {preferred: Baku city, admitted: [Baku]}
""",
    )
    issues = lint([path])
    assert kinds(issues) == [
        (6, "error", "unknown-language"),
        (7, "warning", "empty-term"),
        (7, "warning", "duplicate-term"),
        (7, "error", "deprecated-conflict"),
        (8, "error", "duplicate-id"),
        (11, "warning", "id-format"),
        (13, "error", "term-conflict"),
    ]
    assert all(i.path == path for i in issues)
    by_code = {i.code: i.message for i in issues}
    assert "'xx'" in by_code["unknown-language"]
    assert "first at line 2" in by_code["duplicate-id"]
    assert (
        "'Baku' in 'baku' (es) is listed both as admitted and as deprecated"
        == by_code["deprecated-conflict"]
    )
    assert by_code["term-conflict"] == (
        "'Baku' (en) is claimed by 'baku' (line 5) and 'Baku City' (line 13)"
    )


def test_term_conflict_uses_matcher_equivalence(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.yaml",
        """\
entries:
  - id: a
    terms: {en: Amir-Abdollahian}
  - id: b
    terms: {en: {preferred: B, deprecated: [Amir Abdollahian]}}
  - id: c
    terms: {en: AMIR ABDOLLAHIAN}
  - id: d
    case_sensitive: false
    terms: {en: amir abdollahian}
""",
    )
    issues = lint([path])
    assert kinds(issues) == [
        (5, "error", "term-conflict"),
        (10, "warning", "shared-term"),
        (10, "error", "term-conflict"),
        (10, "warning", "shared-term"),
    ]
    # 'c' differs in case from case-sensitive 'a' and 'b': no conflict there, but
    # case-insensitive 'd' conflicts with all three
    assert issues[1].message == (
        "'amir abdollahian' (en) is the preferred term of both 'a' (line 3) and 'd' "
        "(line 10); in en source text it is read as 'd'"
    )
    assert "claimed by 'b' (line 5) and 'd' (line 10)" in issues[2].message
    assert "both 'c' (line 7) and 'd' (line 10)" in issues[3].message
    # with English as the source language, a shared preferred term is ambiguous
    assert (
        kinds(lint([path], source_lang="en"))
        == [(5, "error", "term-conflict")] + [(10, "error", "term-conflict")] * 3
    )


def test_shared_target_term_is_a_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.yaml",
        """\
entries:
  - id: oic-acronym
    type: organisation
    terms: {en: OIC, es: OCI, fa: سازمان همکاری اسلامی}
  - id: oic
    type: organisation
    terms: {en: Organisation of Islamic Cooperation, fa: سازمان همکاری اسلامی}
""",
    )
    assert kinds(lint([path])) == [(7, "warning", "shared-term")]
    assert kinds(lint([path], source_lang="fa")) == [(7, "error", "term-conflict")]


def test_unreadable_files_are_issues(tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.yaml", "entries:\n  - id: x\n    terms: {en: [a\n")
    missing = str(tmp_path / "missing.yaml")
    issues = lint([broken, missing])
    assert [(i.path, i.line, i.severity, i.code) for i in issues] == [
        (broken, 4, "error", "unreadable"),
        (missing, None, "error", "unreadable"),
    ]
    assert issues[1].format().startswith(f"{missing}: error: glossary file not found")


def test_structural_errors_all_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.yaml",
        """\
entries:
  - id: a
    type: city
    terms: {en: A}
  - terms: {en: B}
  - id: c
    terms: {en: {admitted: [C]}}
""",
    )
    assert kinds(lint([path])) == [
        (3, "error", "bad-type"),
        (5, "error", "missing-id"),
        (7, "error", "missing-preferred"),
    ]


def test_across_files(tmp_path: Path) -> None:
    shipped = write(tmp_path, "shipped.yaml", GOOD)
    desk = write(
        tmp_path,
        "desk.yaml",
        """\
entries:
  - id: baku
    type: place
    terms: {es: Baku}
  - id: hossein
    type: person
    terms: {en: Amir-Abdollahian}
""",
    )
    issues = lint([shipped, desk])
    assert [(i.path, i.line, i.severity, i.code) for i in issues] == [
        (desk, 2, "warning", "override"),
        (desk, 7, "warning", "term-conflict"),
    ]
    assert f"{shipped}:4" in issues[0].message
    assert issues[1].message == (
        f"'Amir-Abdollahian' (en) is claimed by 'amir-abdollahian' ({shipped}:10) "
        "and 'hossein' (line 7)"
    )


def test_tsv_override_and_languages(tmp_path: Path) -> None:
    shipped = write(tmp_path, "shipped.yaml", GOOD)
    desk = write(tmp_path, "desk.tsv", "Baku\tBaku\n")
    issues = lint([shipped, desk], source_lang="en", target_lang="es")
    assert kinds(issues) == [(1, "warning", "override")]
    issues = lint([desk])
    assert kinds(issues) == [(1, "error", "unreadable")]
    assert "--from" in issues[0].message


def test_tsv_problems(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "en\tqq\nBaku\tBakú\nIran\t\nBaku\tBaku\n")
    # the unknown column is left out, the rest is still checked
    assert kinds(lint([path])) == [(1, "error", "unknown-language"), (4, "error", "term-conflict")]
    path = write(tmp_path, "h.tsv", "en\tes\nBaku\tBakú\nIran\t\nBaku\tBaku\n")
    assert kinds(lint([path])) == [(3, "error", "empty-term"), (4, "error", "term-conflict")]


# -- ambiguous English names: common words and given names ------------------------------

AMBIGUOUS = """\
entries:
  - id: turkey
    type: place
    terms:
      en: {preferred: Turkey, admitted: [Türkiye]}
      es: Turquía
  - id: chad
    type: place
    terms: {en: Chad, fr: Tchad}
  - id: georgia
    type: place
    terms: {en: Georgia, es: Georgia}
  - id: israel
    type: place
    terms: {en: Israel}
  - id: jordan
    type: place
    terms:
      en: {preferred: Jordan, given_name: false}
  - id: china
    type: place
    terms:
      en: {preferred: China, not_before: [plates, cabinet]}
  - id: split
    type: place
    terms:
      en: {preferred: Split, common_word: false}
      es: {preferred: Split, admitted: [Turkey]}
  - id: us
    type: place
    terms: {en: US, es: EE. UU.}
  - id: tehran-times
    type: organisation
    keep: true
    terms: {en: Tehran Times}
"""


def test_common_words_and_given_names(tmp_path: Path) -> None:
    path = write(tmp_path, "g.yaml", AMBIGUOUS)
    issues = lint([path])
    assert kinds(issues) == [
        (5, "warning", "common-word"),
        (9, "warning", "common-word"),
        (9, "warning", "given-name"),
        (12, "warning", "given-name"),
    ]
    assert issues[0].message == (
        "'Turkey' (en) is also a common word ('turkey'): add not_before/not_after contexts "
        "or set common_word"
    )
    assert issues[2].message.startswith(
        "'Chad' (en) is also a frequent given name (as in 'Chad Smith'): set given_name"
    )
    # Israel is a rare given name in English-speaking countries; Jordan sets given_name
    # (and "Jordan" is only capitalised in the word list); China has contexts; Split
    # sets common_word; "Turkey" in Spanish is not checked; US is an acronym; the
    # keep-as-is entry needs no other language.


def test_explicit_flags_silence_the_warnings(tmp_path: Path) -> None:
    text = AMBIGUOUS.replace(
        "en: {preferred: Turkey,", "en: {preferred: Turkey, common_word: true,"
    )
    text = text.replace(
        "terms: {en: Chad,", "terms: {en: {preferred: Chad, not_after: [Lake], given_name: true},"
    )
    text = text.replace(
        "terms: {en: Georgia,", "terms: {en: {preferred: Georgia, given_name: false},"
    )
    assert lint([write(tmp_path, "g.yaml", text)]) == []


def test_contexts_do_not_settle_a_given_name(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.yaml",
        "entries:\n  - id: georgia\n    terms:\n      en: {preferred: Georgia, not_before: [Tech]}\n",
    )
    assert kinds(lint([path])) == [(4, "warning", "given-name")]


def test_keep_entry_needs_only_its_source_term(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.yaml",
        "entries:\n  - id: tehran-times\n    type: organisation\n    keep: true\n"
        "    terms: {en: Tehran Times}\n  - id: azal\n    keep: true\n"
        "    terms:\n      en: {preferred: AZAL}\n",
    )
    assert lint([path]) == []


def test_no_word_list_is_said_once(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(wordlists.WORD_LIST_ENV, str(tmp_path / "absent"))
    first = write(tmp_path, "a.yaml", AMBIGUOUS)
    second = write(tmp_path, "b.yaml", AMBIGUOUS.replace("id: ", "id: b-"))
    issues = lint([first, second])
    assert [(i.path, i.line, i.code) for i in issues if i.code == "no-word-list"] == [
        (first, None, "no-word-list")
    ]
    assert "apt-get install wamerican" in issues[0].message
    assert not any(i.code == "common-word" for i in issues)
    assert sum(i.code == "given-name" for i in issues) == 4  # the name list still works
    # nothing to check: no note
    only_acronyms = write(tmp_path, "c.yaml", "entries:\n  - id: us\n    terms: {en: US}\n")
    assert lint([only_acronyms]) == []


def test_cli_reports_them(tmp_path: Path) -> None:
    path = write(tmp_path, "g.yaml", AMBIGUOUS)
    result = run_cli("glossary", "lint", path)
    assert result.returncode == 0  # warnings only
    out = result.stdout.decode()
    assert f"{path}:5: warning: 'Turkey' (en) is also a common word ('turkey')" in out
    assert "4 warning(s)" in result.stderr.decode()
    result = run_cli("glossary", "lint", path, env={wordlists.WORD_LIST_ENV: ""})
    assert "apt-get install wamerican" in result.stdout.decode()


def test_shipped_glossaries_with_the_real_word_list(monkeypatch) -> None:
    monkeypatch.delenv(wordlists.WORD_LIST_ENV)
    if wordlists.common_words() is None:
        if os.environ.get("CI"):
            pytest.fail("wamerican is not installed (scripts/setup installs it)")
        pytest.skip("no word list: apt-get install wamerican")
    caucasus = str(ROOT / "glossaries" / "caucasus.yaml")
    countries = str(ROOT / "glossaries" / "countries.yaml")
    # caucasus.yaml settles its ambiguous names (Turkey, Georgia)
    assert not [i for i in lint([caucasus]) if i.code in ("common-word", "given-name")]
    # countries.yaml is generated: its ambiguous names are reported, and only a few
    issues = [i for i in lint([countries]) if i.code in ("common-word", "given-name")]
    names = {(i.code, i.message.split("'")[1]) for i in issues}
    assert {("given-name", "Georgia"), ("given-name", "Jordan"), ("given-name", "Chad")} == {
        n for n in names if n[0] == "given-name"
    }
    assert {("common-word", "Chad"), ("common-word", "China")} <= names
    assert len(issues) <= 15
