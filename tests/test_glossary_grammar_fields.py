"""The grammar, context and keep-as-is fields of the glossary model in every format:
TBX and PO carry them (round trips), CSV/TSV say they lose them, the docs' examples
parse, and the word lists behind ``translate glossary lint``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, need_schema, run_cli, write_file
from translate.errors import UserError
from translate.glossary import load_glossary, save_glossary, wordlists
from translate.glossary.model import Glossary
from translate.glossary.po_format import dump_po, parse_po
from translate.glossary.tbx_format import dump_tbx, parse_tbx
from translate.glossary.yaml_format import dump_yaml, parse_yaml

CAUCASUS = ROOT / "glossaries" / "caucasus.yaml"
DOCS = ROOT / "docs" / "glossary-format.md"
TBX_RNG = (
    Path(__file__).resolve().parents[2] / "shared" / "schemas" / "tbx" / "TBXcoreStructV03.rng"
)
NS = {"t": "urn:iso:std:iso:30042:ed-2"}

FIELDS = """\
glossary:
  name: fields
  languages: [en, es, ca, ru]
entries:
  - id: turkey
    type: place
    terms:
      en:
        preferred: Turkey
        admitted: [Türkiye]
        common_word: true
        given_name: false
        not_before: [sandwiches, turkey breast, "/\\\\s*(?:dinner|roast)\\\\b/"]
        not_after: [roast, "Thanksgiving & <Co>"]
      es: {preferred: Turquía, gender: f, number: sg}
  - id: armenian
    type: other
    class: demonym
    terms:
      en: {preferred: Armenian, forms: [Armenians]}
      es: {preferred: armenio, forms: {f.sg: armenia, m.pl: armenios, f.pl: armenias}}
      ca: {preferred: armeni, forms: {f.sg: armènia, pl: [armenis, armènies]}}
  - id: baku-declaration
    type: other
    class: demonym
    terms:
      en: {preferred: Baku Declaration, class: proper, given_name: true}
      es: {preferred: Declaración de Bakú, class: common, gender: f}
      ru: {preferred: Бакинская декларация, gender: f, number: sg, forms: {f.sg: [Бакинской декларации]}}
  - id: tehran-times
    type: organisation
    keep: true
    case_sensitive: false
    terms:
      en: {preferred: Tehran Times, common_word: false}
"""


def content(glossary: Glossary, langs: tuple[str, ...] | None = None) -> list[tuple]:
    """Everything a concept says, the new fields included, without file positions."""
    out = []
    for c in glossary:
        terms = {
            lang: (
                t.preferred,
                t.admitted,
                t.deprecated,
                t.forms,
                t.gender,
                t.number,
                t.word_class,
                t.form_tags,
                t.not_before,
                t.not_after,
                t.common_word,
                t.given_name,
            )
            for lang, t in c.terms.items()
            if langs is None or lang in langs
        }
        if langs is None or langs[0] in terms:
            out.append((c.id, c.type, c.case_sensitive, c.note, c.word_class, c.keep, terms))
    return out


@pytest.fixture(scope="module")
def fields() -> Glossary:
    return parse_yaml(FIELDS, "fields.yaml")


@pytest.fixture(scope="module")
def caucasus() -> Glossary:
    return load_glossary(CAUCASUS)


def test_the_sample_uses_every_field(fields: Glossary) -> None:
    turkey, armenian, declaration, times = fields
    assert turkey.terms["en"].not_before[2] == "/\\s*(?:dinner|roast)\\b/"
    assert turkey.terms["en"].not_after == ["roast", "Thanksgiving & <Co>"]
    assert (turkey.terms["en"].common_word, turkey.terms["en"].given_name) == (True, False)
    assert armenian.terms["ca"].form_tags == {"armènia": "f.sg", "armenis": "pl", "armènies": "pl"}
    assert declaration.word_class_in("en") == "proper" and declaration.word_class == "demonym"
    assert times.keep and times.terms["en"].common_word is False


# -- TBX ---------------------------------------------------------------------------------


def test_tbx_round_trip_keeps_every_field(fields: Glossary) -> None:
    back = parse_tbx(dump_tbx(fields), "fields.tbx")
    assert content(back) == content(fields)
    assert content(parse_yaml(dump_yaml(back))) == content(fields)


def test_tbx_writes_tbx_basic_categories_and_notes(fields: Glossary) -> None:
    etree = pytest.importorskip("lxml.etree", reason="lxml (test extra) reads the TBX")
    document = etree.fromstring(dump_tbx(fields).encode("utf-8"))

    def term_sec(concept: str, lang: str, term: str):
        [found] = document.xpath(
            f"//t:conceptEntry[@id='{concept}']/t:langSec[@xml:lang='{lang}']"
            f"/t:termSec[t:term='{term}']",
            namespaces=NS,
        )
        return {
            "notes": [n.text for n in found.iterfind("t:note", NS)],
            **{n.get("type"): n.text for n in found.iterfind("t:termNote", NS)},
        }

    turkey_en = term_sec("turkey", "en", "Turkey")
    assert turkey_en["partOfSpeech"] == "properNoun"
    assert turkey_en["notes"] == [
        "not-before: sandwiches",
        "not-before: turkey breast",
        "not-before: /\\s*(?:dinner|roast)\\b/",
        "not-after: roast",
        "not-after: Thanksgiving & <Co>",
        "common-word",
        "given-name: false",
    ]
    assert term_sec("turkey", "en", "Türkiye")["notes"] == []  # on the preferred term only
    turkey_es = term_sec("turkey", "es", "Turquía")
    assert (turkey_es["grammaticalGender"], turkey_es["grammaticalNumber"]) == (
        "feminine",
        "singular",
    )
    armenias = term_sec("armenian", "es", "armenias")
    assert (armenias["partOfSpeech"], armenias["termType"]) == ("adjective", "variant")
    assert (armenias["grammaticalGender"], armenias["grammaticalNumber"]) == ("feminine", "plural")
    armenis = term_sec("armenian", "ca", "armenis")
    assert armenis["grammaticalNumber"] == "plural" and "grammaticalGender" not in armenis
    assert "grammaticalGender" not in term_sec("armenian", "es", "armenio")  # undeclared
    assert term_sec("baku-declaration", "es", "Declaración de Bakú")["partOfSpeech"] == "noun"
    # the first language overrides the concept's class: a note says the concept's own
    concept_notes = {
        entry.get("id"): [n.text for n in entry.iterfind("t:note", NS)]
        for entry in document.iterfind(".//t:conceptEntry", NS)
    }
    assert concept_notes["baku-declaration"] == ["class: demonym"]
    assert concept_notes["armenian"] == []  # its first language says it
    assert concept_notes["tehran-times"] == ["case-insensitive", "keep-as-is"]


def _relaxng():
    etree = pytest.importorskip("lxml.etree", reason="lxml (test extra) validates TBX")
    need_schema(TBX_RNG)
    return etree, etree.RelaxNG(etree.parse(str(TBX_RNG)))


def test_tbx_with_the_new_fields_validates(fields: Glossary, caucasus: Glossary) -> None:
    etree, schema = _relaxng()
    for glossary in (fields, caucasus):
        document = etree.fromstring(dump_tbx(glossary).encode("utf-8"))
        assert schema.validate(document), schema.error_log
    # only TBX-Basic picklist values
    document = etree.fromstring(dump_tbx(caucasus).encode("utf-8"))
    values = {}
    for note in document.iter("{urn:iso:std:iso:30042:ed-2}termNote"):
        values.setdefault(note.get("type"), set()).add(note.text)
    assert values["partOfSpeech"] == {"properNoun", "adjective", "noun"}
    assert values["grammaticalGender"] <= {"masculine", "feminine", "neuter"}
    assert values["grammaticalNumber"] == {"singular", "plural"}


def test_caucasus_yaml_tbx_yaml_keeps_every_field(caucasus: Glossary, tmp_path: Path) -> None:
    assert any(c.keep for c in caucasus) and any(c.word_class == "demonym" for c in caucasus)
    assert any(t.form_tags for c in caucasus for t in c.terms.values())
    assert any(t.not_before for c in caucasus for t in c.terms.values())
    tbx, yaml = tmp_path / "caucasus.tbx", tmp_path / "caucasus.yaml"
    result = run_cli("glossary", "convert", str(CAUCASUS), str(tbx))
    assert (result.returncode, result.stderr) == (0, b"")
    result = run_cli("glossary", "convert", str(tbx), str(yaml))
    assert (result.returncode, result.stderr) == (0, b"")
    assert content(load_glossary(tbx)) == content(caucasus)
    assert content(load_glossary(yaml)) == content(caucasus)


def test_tbx_from_other_tools_grammar() -> None:
    text = """<?xml version="1.0"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
  <termEntry id="caspian-sea">
    <langSet xml:lang="en"><tig><term>Caspian Sea</term>
      <termNote type="partOfSpeech">properNoun</termNote></tig></langSet>
    <langSet xml:lang="es"><tig><term>mar Caspio</term>
      <termNote type="partOfSpeech">noun</termNote>
      <termNote type="grammaticalGender">masculine</termNote>
      <termNote type="grammaticalNumber">singular</termNote>
      <note>not-after: el</note><note>a remark</note></tig></langSet>
    <langSet xml:lang="ru"><tig><term>Каспийское море</term>
      <termNote type="partOfSpeech">verb</termNote>
      <termNote type="grammaticalGender">other</termNote></tig></langSet>
  </termEntry>
</body></text></martif>"""
    [concept] = parse_tbx(text, "other.tbx")
    assert concept.word_class == "proper"  # the first language's part of speech
    assert concept.terms["es"].word_class == "common"
    assert (concept.terms["es"].gender, concept.terms["es"].number) == ("m", "sg")
    assert concept.terms["es"].not_after == ["el"]
    # values outside the mapping are ignored, not guessed
    ru = concept.terms["ru"]
    assert (ru.word_class, ru.gender, ru.number) == (None, None, None)


# -- PO ----------------------------------------------------------------------------------


def test_po_carries_the_fields_in_extracted_comments(fields: Glossary) -> None:
    text = dump_po(fields, ["en", "es"])
    for line in (
        "#. en not_before: sandwiches",
        "#. en not_before: /\\s*(?:dinner|roast)\\b/",
        "#. en not_after: Thanksgiving & <Co>",
        "#. en common_word: true",
        "#. en given_name: false",
        "#. es gender: f",
        "#. es number: sg",
        "#. class: demonym",
        "#. en form: Armenians",
        "#. es form f.pl: armenias",
        "#. en class: proper",
        "#. es class: common",
        "#. keep",
    ):
        assert line + "\n" in text, line


@pytest.mark.parametrize("pair", [("en", "es"), ("en", "ca"), ("es", "ru"), ("en", "ru")])
def test_po_round_trip_keeps_every_field(fields: Glossary, caucasus: Glossary, pair) -> None:
    for glossary in (fields, caucasus):
        back = parse_po(dump_po(glossary, list(pair)), "pair.po")
        assert content(back) == content(glossary, pair)


def test_po_with_the_new_fields_passes_msgfmt(
    fields: Glossary, caucasus: Glossary, tmp_path: Path
) -> None:
    if shutil.which("msgfmt") is None:
        if os.environ.get("CI"):
            pytest.fail("msgfmt (gettext) is not installed")
        pytest.skip("msgfmt not installed: apt-get install gettext")
    for name, glossary, pair in (("f", fields, ["en", "es"]), ("c", caucasus, ["en", "ca"])):
        path = tmp_path / f"{name}.po"
        save_glossary(glossary, path, pair)
        result = subprocess.run(
            ["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True
        )
        assert (result.returncode, result.stderr) == (0, "")


PO_BAD = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: es\\n"
"X-Source-Language: en\\n"

#. class: adverb
#. es gender: x
#. es form q.z: armenias
#. en common_word: maybe
#. fa gender: f
msgctxt "armenian"
msgid "Armenian"
msgstr "armenio"
"""


def test_po_bad_values_are_reported() -> None:
    issues: list[tuple] = []
    glossary = parse_po(PO_BAD, "bad.po", report=lambda *issue: issues.append(issue))
    assert [(i[1], i[2]) for i in issues] == [
        ("error", "bad-value"),
        ("error", "bad-value"),
        ("error", "bad-tag"),
        ("error", "wrong-type"),
        ("warning", "ignored-comment"),
    ]
    assert all(i[0] == 7 for i in issues)  # the entry's first line
    [concept] = glossary
    assert (concept.word_class, concept.terms["es"].gender, concept.terms["es"].forms) == (
        "proper",
        None,
        [],
    )
    with pytest.raises(UserError, match="'class' is 'adverb'"):
        parse_po(PO_BAD, "bad.po")


# -- convert notes -------------------------------------------------------------------------


def test_csv_and_tsv_outputs_say_they_lose_grammar_contexts_and_keep(tmp_path: Path) -> None:
    source = write_file(tmp_path, "fields.yaml", FIELDS)
    csv = tmp_path / "all.csv"
    result = run_cli("glossary", "convert", str(source), str(csv))
    err = result.stderr.decode()
    assert result.returncode == 0 and err.count("\n") == 1
    assert (
        "3 concepts' grammar (class, gender, number, form tags), "
        "3 concepts' contexts (not_before/not_after, common_word, given_name) and "
        "1 keep-as-is flag are not expressible in a CSV glossary"
    ) in err
    tsv = tmp_path / "pair.tsv"
    result = run_cli("glossary", "convert", str(source), str(tsv), "--from", "en", "--to", "ru")
    err = result.stderr.decode()
    assert result.returncode == 0
    # in the pair: baku-declaration's ru grammar and en class, armenian's class; contexts
    # of turkey, baku-declaration (given_name) and tehran-times (common_word)
    assert "2 concepts' grammar" in err and "3 concepts' contexts" in err
    assert "1 keep-as-is flag" in err
    for out in ("x.tbx", "x.yaml"):  # these keep everything: no note
        result = run_cli("glossary", "convert", str(source), str(tmp_path / out))
        assert (result.returncode, result.stderr) == (0, b"")
    result = run_cli(
        "glossary", "convert", str(source), str(tmp_path / "x.po"), "--from", "en", "--to", "es"
    )
    assert "grammar" not in result.stderr.decode() and "keep-as-is" not in result.stderr.decode()


# -- the docs ------------------------------------------------------------------------------


def test_docs_yaml_examples_parse() -> None:
    text = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    entries = [b for b in blocks if b.startswith("  - id:")]
    assert len(entries) >= 3
    for block in entries:
        glossary = parse_yaml("entries:\n" + block, "docs.yaml")
        assert list(glossary)
    documented = "\n".join(blocks)
    for key in (
        "class:",
        "keep:",
        "gender:",
        "number:",
        "not_before:",
        "not_after:",
        "common_word:",
        "given_name:",
        "f.pl:",
    ):
        assert key in documented, key
    for word in (
        "ambiguous",
        "Chad Ferris",
        "ALL CAPS",
        "Title Case",
        "by their ending",
        "wamerican",
    ):
        assert word in text or word.lower() in text, word


# -- word lists ----------------------------------------------------------------------------


def test_given_names_are_frequent_ones_in_english_speaking_countries() -> None:
    if not wordlists.given_name_ratings():
        pytest.fail("gender-guesser's name dictionary is missing (a declared dependency)")
    assert wordlists.given_name_rating("Georgia") == 4  # the U.S.A. column
    assert wordlists.given_name_rating("chad") == 5
    for name in ("Georgia", "Jordan", "Chad", "Mark", "Victoria"):
        assert wordlists.is_given_name(name), name
    # listed, but rare in Great Britain, Ireland and the U.S.A.
    for name in ("Israel", "India", "Kenya", "Iran", "Erdoğan"):
        assert not wordlists.is_given_name(name), name
    assert not wordlists.is_given_name("Baku") and not wordlists.is_given_name("Georgia Tech")


def test_word_list_can_be_chosen_or_switched_off(tmp_path: Path, monkeypatch) -> None:
    words = write_file(tmp_path, "words", "turkey\nParis\nchad's\nsplit\n")
    monkeypatch.setenv(wordlists.WORD_LIST_ENV, str(words))
    assert wordlists.common_words() == frozenset({"turkey", "split"})
    assert wordlists.is_common_word("Turkey") and not wordlists.is_common_word("Paris")
    assert not wordlists.is_common_word("Turkey sandwiches")  # one word only
    monkeypatch.setenv(wordlists.WORD_LIST_ENV, "")
    assert wordlists.common_words() is None and not wordlists.is_common_word("Turkey")
    monkeypatch.setenv(wordlists.WORD_LIST_ENV, str(tmp_path / "missing"))
    assert wordlists.common_words() is None
