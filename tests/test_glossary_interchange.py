"""Glossary interchange: TBX and PO readers/writers and ``translate glossary convert``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, glossary_content, need_schema, run_cli, write_file
from translate.errors import UserError
from translate.glossary import load_glossary, save_glossary
from translate.glossary.model import Concept, Glossary, LangTerms
from translate.glossary.po_format import dump_po, parse_po
from translate.glossary.tabular_format import parse_tabular
from translate.glossary.tbx_format import decode_id, dump_tbx, encode_id, parse_tbx
from translate.glossary.yaml_format import dump_yaml, parse_yaml

CAUCASUS = ROOT / "glossaries" / "caucasus.yaml"
SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "schemas"
TBX_RNG = SCHEMAS / "tbx" / "TBXcoreStructV03.rng"

SMALL = """\
glossary:
  name: small
  description: Edge cases
  languages: [en, es, ru]
entries:
  - id: "1984"
    type: other
    case_sensitive: false
    note: |-
      First line
      second line & <markup> "quoted"
    terms:
      en: {preferred: Nineteen Eighty-Four, admitted: ["1984"], deprecated: [Ninteen Eighty Four]}
      es: 1984
  - id: amir-abdollahian
    type: person
    terms:
      en:
        preferred: Hossein Amir-Abdollahian
        admitted: [Amir-Abdollahian]
        deprecated: [Amir Abdollahiyan]
      ru:
        preferred: Хосейн Амир Абдоллахиян
        forms: [Хосейна Амира Абдоллахияна, Хосейну Амиру Абдоллахияну]
  - id: "a b:c_x0041_"
    type: organisation
    terms: {es: Bakú "la ciudad", ru: Баку}
"""


def grammar_content(glossary: Glossary, langs: tuple[str, ...] | None = None) -> list[tuple]:
    """The fields beyond the terms: class, keep, and per language grammar and contexts."""
    return [
        (
            c.id,
            c.word_class,
            c.keep,
            {
                lang: (
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
            },
        )
        for c in glossary
        if langs is None or langs[0] in c.terms
    ]


def pair_content(glossary: Glossary, source: str, target: str) -> list[tuple]:
    """What a pair format can hold: concepts with a source term, the pair's languages."""
    out = []
    for c in glossary_content(glossary):
        terms = {lang: t for lang, t in c[4].items() if lang in (source, target)}
        if source in terms:
            out.append((*c[:4], terms))
    return out


@pytest.fixture(scope="module")
def caucasus() -> Glossary:
    return load_glossary(CAUCASUS)


def _relaxng():
    etree = pytest.importorskip("lxml.etree", reason="lxml (test extra) validates TBX")
    need_schema(TBX_RNG)
    return etree, etree.RelaxNG(etree.parse(str(TBX_RNG)))


# -- TBX ---------------------------------------------------------------------------------


def test_tbx_round_trip_keeps_caucasus(caucasus: Glossary, tmp_path: Path) -> None:
    assert any(c.terms[lang].forms for c in caucasus for lang in c.terms)
    assert any(not c.case_sensitive for c in caucasus)
    path = tmp_path / "caucasus.tbx"
    save_glossary(caucasus, path)
    back = load_glossary(path)
    assert glossary_content(back) == glossary_content(caucasus)
    # grammar, contexts and keep-as-is entries too
    assert any(c.keep for c in caucasus) and any(c.word_class != "proper" for c in caucasus)
    assert any(t.form_tags for c in caucasus for t in c.terms.values())
    assert any(t.gender for c in caucasus for t in c.terms.values())
    assert any(t.not_before and t.not_after for c in caucasus for t in c.terms.values())
    assert grammar_content(back) == grammar_content(caucasus)
    assert (back.name, back.description) == (caucasus.name, caucasus.description)
    assert back.languages == caucasus.languages
    # and on to YAML: the same glossary as the shipped one
    again = parse_yaml(dump_yaml(back))
    assert glossary_content(again) == glossary_content(caucasus)
    assert grammar_content(again) == grammar_content(caucasus)


def test_tbx_round_trip_edge_cases() -> None:
    glossary = parse_yaml(SMALL, "small.yaml")
    text = dump_tbx(glossary)
    assert 'id="_x0031_984"' in text
    back = parse_tbx(text, "small.tbx")
    assert glossary_content(back) == glossary_content(glossary)
    assert back.concepts[0].note == 'First line\nsecond line & <markup> "quoted"'


def test_tbx_output_validates_against_core_schema(caucasus: Glossary) -> None:
    etree, schema = _relaxng()
    for glossary in (caucasus, parse_yaml(SMALL, "small.yaml"), Glossary(name="empty")):
        document = etree.fromstring(dump_tbx(glossary).encode("utf-8"))
        assert schema.validate(document), schema.error_log
        assert document.get("type") == "TBX-Basic" and document.get("style") == "dca"


def test_tbx_mapping_is_tbx_basic(caucasus: Glossary) -> None:
    """Only TBX-Basic data categories and picklist values are written."""
    etree, _ = _relaxng()
    document = etree.fromstring(dump_tbx(caucasus).encode("utf-8"))
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    statuses = {
        e.text for e in document.iterfind(".//t:termNote[@type='administrativeStatus']", ns)
    }
    assert statuses == {
        "preferredTerm-admn-sts",
        "admittedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
    }
    types = {e.get("type") for e in document.iter("{urn:iso:std:iso:30042:ed-2}termNote")}
    assert types == {
        "administrativeStatus",
        "termType",
        "partOfSpeech",
        "grammaticalGender",
        "grammaticalNumber",
    }
    parts = {e.text for e in document.iterfind(".//t:termNote[@type='partOfSpeech']", ns)}
    assert parts == {"properNoun", "adjective", "noun"}
    assert {e.text for e in document.iterfind(".//t:termNote[@type='termType']", ns)} == {"variant"}
    fields = {e.text for e in document.iterfind(".//t:descrip[@type='subjectField']", ns)}
    assert fields <= {"person", "place", "organisation"}
    for entry in document.iterfind(".//t:descrip[@type='subjectField']", ns):
        assert entry.getparent().tag.endswith("conceptEntry")


@pytest.mark.parametrize(
    "concept_id", ["1984", "baku", "a b", "x:y", "_x0041_", "баку", "-lead", ".dot", "a\u00b7b"]
)
def test_tbx_id_escaping_is_reversible(concept_id: str) -> None:
    name = encode_id(concept_id)
    assert decode_id(name) == concept_id
    assert ":" not in name and " " not in name and not name[0].isdigit() and name[0] not in "-."


TBX_V2 = """\
<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader>
    <fileDesc>
      <titleStmt><title>desk</title></titleStmt>
      <sourceDesc><p>Exported by a CAT tool</p></sourceDesc>
    </fileDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="c5">
        <descrip type="subjectField">Location</descrip>
        <note>Capital of Azerbaijan</note>
        <langSet xml:lang="en-US">
          <tig>
            <term>Baku</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>Baky</term>
            <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="en-GB">
          <ntig>
            <termGrp>
              <term>Bakou</term>
              <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
            </termGrp>
          </ntig>
        </langSet>
        <langSet xml:lang="es">
          <tig><term>Bakú</term></tig>
          <tig><term>Baku</term></tig>
        </langSet>
      </termEntry>
      <termEntry>
        <descrip type="subjectField">Geography</descrip>
        <langSet xml:lang="en">
          <tig>
            <term>Caspian Sea</term>
            <termNote type="normativeAuthorization">preferredTerm</termNote>
          </tig>
          <tig>
            <term>Caspian</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="ru"><tig><term>Каспийское море</term></tig></langSet>
        <langSet xml:lang="fa">
          <tig>
            <term>دریای خزر غلط</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </tig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""


def test_tbx_reads_tbx_basic_v2() -> None:
    issues: list[tuple] = []
    glossary = parse_tbx(TBX_V2, "desk.tbx", report=lambda *issue: issues.append(issue))
    assert (glossary.name, glossary.description) == ("desk", "Exported by a CAT tool")
    assert glossary.languages == ["en", "es", "ru"]
    baku, caspian = glossary.concepts
    assert (baku.id, baku.type, baku.note, baku.generated_id) == (
        "c5",
        "place",
        "Capital of Azerbaijan",
        False,
    )
    assert baku.line == 12
    # en-US and en-GB are one language; superseded and deprecated are both deprecated
    assert glossary_content(glossary)[0][4] == {
        "en": ("Baku", [], ["Baky", "Bakou"], []),
        "es": ("Bakú", ["Baku"], [], []),
    }
    assert baku.terms["en"].line_of("Bakou") == 28
    # no id: one is made from the first term; a second preferred term is a form
    assert (caspian.id, caspian.generated_id, caspian.type) == ("caspian-sea", True, "other")
    assert glossary_content(glossary)[1][4] == {
        "en": ("Caspian Sea", [], [], ["Caspian"]),
        "ru": ("Каспийское море", [], [], []),
    }
    codes = {issue[2] for issue in issues}
    assert codes == {"ignored-subject-field", "no-preferred"}


def test_tbx_reads_dct_style_and_namespaced_v3() -> None:
    text = """<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed:3.0"
     xmlns:min="http://www.tbxinfo.net/ns/min" xmlns:basic="http://www.tbxinfo.net/ns/basic">
  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="tehran">
      <min:subjectField>place</min:subjectField>
      <langSec xml:lang="en">
        <termSec><term>Tehran</term><min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus></termSec>
        <termSec><term>Teheran</term><min:administrativeStatus>deprecatedTerm-admn-sts</min:administrativeStatus></termSec>
      </langSec>
      <langSec xml:lang="es">
        <termSec><term>Teherán</term></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>"""
    glossary = parse_tbx(text, "dct.tbx")
    assert glossary_content(glossary) == [
        (
            "tehran",
            "place",
            True,
            "",
            {"en": ("Tehran", [], ["Teheran"], []), "es": ("Teherán", [], [], [])},
        )
    ]


def test_tbx_errors_are_one_line_with_line_numbers(tmp_path: Path) -> None:
    broken = write_file(tmp_path, "broken.tbx", "<tbx>\n<text>\n<body>\n</text>\n")
    with pytest.raises(UserError) as err:
        load_glossary(broken)
    assert err.value.line == 4 and "not well-formed" in str(err.value)
    other = write_file(tmp_path, "other.tbx", "<?xml version='1.0'?>\n<tmx/>")
    with pytest.raises(UserError, match="not a TBX file"):
        load_glossary(other)
    bad_lang = TBX_V2.replace('xml:lang="es"', 'xml:lang="zz-nonsense"')
    with pytest.raises(UserError) as err:
        parse_tbx(bad_lang, "bad.tbx")
    assert err.value.line == 33 and "zz" in str(err.value)


def test_tbx_rejects_duplicate_ids() -> None:
    glossary = Glossary(
        name="dup",
        concepts=[
            Concept(id="baku", terms={"en": LangTerms("Baku")}),
            Concept(id="baku", terms={"en": LangTerms("Bakı")}),
        ],
    )
    with pytest.raises(UserError, match="given twice"):
        dump_tbx(glossary)


BOMB = """<?xml version="1.0"?>
<!DOCTYPE tbx [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="x"><langSec xml:lang="en"><termSec><term>&d;</term></termSec>
</langSec></conceptEntry></body></text></tbx>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE tbx [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="x"><langSec xml:lang="en"><termSec><term>&secret;</term></termSec>
</langSec></conceptEntry></body></text></tbx>
"""


@pytest.mark.parametrize("name,text", [("bomb.tbx", BOMB), ("xxe.tbx", XXE)])
def test_cli_refuses_bomb_and_xxe(tmp_path: Path, name: str, text: str) -> None:
    source = write_file(tmp_path, name, text)
    out = write_file(tmp_path, "out.yaml", "previous content\n")
    result = run_cli("glossary", "convert", str(source), str(out))
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert stderr.count("\n") == 1 and "unsafe XML" in stderr and name in stderr
    assert "root:" not in stderr and "Traceback" not in stderr
    assert out.read_text() == "previous content\n"
    assert not list(tmp_path.glob(".out.yaml.*"))
    lint = run_cli("glossary", "lint", str(source))  # an unloadable file is a lint error
    assert lint.returncode == 1
    assert lint.stdout.decode().count("\n") == 1 and "unsafe XML" in lint.stdout.decode()


# -- PO ----------------------------------------------------------------------------------


@pytest.mark.parametrize("pair", [("en", "ru"), ("en", "es"), ("ru", "fa")])
def test_po_round_trip_keeps_the_pair(caucasus: Glossary, tmp_path: Path, pair) -> None:
    path = tmp_path / "pair.po"
    save_glossary(caucasus, path, list(pair))
    back = load_glossary(path)  # the pair comes from the header
    assert back.languages == list(pair)
    assert glossary_content(back) == pair_content(caucasus, *pair)
    assert grammar_content(back) == grammar_content(caucasus, pair)
    assert back.name == caucasus.name and back.description == caucasus.description


def test_po_round_trip_edge_cases() -> None:
    glossary = parse_yaml(SMALL, "small.yaml")
    back = parse_po(dump_po(glossary, ["es", "ru"]), "small.po")
    assert glossary_content(back) == pair_content(glossary, "es", "ru")
    # a concept without a target term is written untranslated and read back as such
    assert glossary_content(back)[0][4] == {"es": ("1984", [], [], [])}
    assert back.concepts[1].terms["es"].preferred == 'Bakú "la ciudad"'


def test_po_passes_msgfmt_check(caucasus: Glossary, tmp_path: Path) -> None:
    if shutil.which("msgfmt") is None:
        if os.environ.get("CI"):
            pytest.fail("msgfmt (gettext) is not installed")
        pytest.skip("msgfmt not installed: apt-get install gettext")
    for pair, glossary in ((["en", "ru"], caucasus), (["es", "ru"], parse_yaml(SMALL, "s.yaml"))):
        path = tmp_path / f"{pair[0]}-{pair[1]}.po"
        save_glossary(glossary, path, pair)
        result = subprocess.run(
            ["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""


def test_po_from_elsewhere_needs_the_pair(tmp_path: Path) -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#. type: place\nmsgid "Baku"\nmsgstr "Bakú"\n\n'
        '#, fuzzy\nmsgid "Tehran"\nmsgstr "Teherán"\n\n'
        'msgid "Baku"\nmsgstr "Bakú"\n\n'
        '#~ msgid "Old"\n#~ msgstr "Viejo"\n'
    )
    path = write_file(tmp_path, "desk.po", text)
    with pytest.raises(UserError, match="does not say its source and target language"):
        load_glossary(path)
    issues: list[tuple] = []
    glossary = load_glossary(
        path, source_lang="en", target_lang="es", report=lambda *issue: issues.append(issue)
    )
    assert [(c.id, c.generated_id, c.type) for c in glossary] == [
        ("baku", True, "place"),
        ("tehran", True, "other"),
        ("baku-2", True, "other"),
    ]
    assert glossary_content(glossary)[1][4] == {
        "en": ("Tehran", [], [], [])
    }  # fuzzy: not a decision
    assert [issue[2] for issue in issues] == ["fuzzy"]
    # the header wins over the caller, as for a TSV header row
    labelled = text.replace(
        'charset=UTF-8\\n"', 'charset=UTF-8\\n"\n"Language: ru\\n"\n"X-Source-Language: en\\n"'
    )
    assert load_glossary(
        write_file(tmp_path, "l.po", labelled), source_lang="en", target_lang="es"
    ).languages == ["en", "ru"]


def test_po_syntax_error_has_a_line(tmp_path: Path) -> None:
    path = write_file(tmp_path, "bad.po", 'msgid "a"\nmsgstr "b"\n\nthis is not po\n')
    with pytest.raises(UserError) as err:
        load_glossary(path, source_lang="en", target_lang="es")
    assert err.value.line == 4 and "invalid PO file" in str(err.value)


def test_po_needs_a_pair(caucasus: Glossary) -> None:
    with pytest.raises(UserError, match="one language pair"):
        dump_po(caucasus)


# -- convert (the real CLI) ----------------------------------------------------------------


def convert(*args: str):
    result = run_cli("glossary", "convert", *args)
    return result.returncode, result.stderr.decode()


def test_convert_yaml_tbx_yaml(caucasus: Glossary, tmp_path: Path) -> None:
    tbx, yaml = tmp_path / "c.tbx", tmp_path / "c.yaml"
    assert convert(str(CAUCASUS), str(tbx)) == (0, "")
    assert convert(str(tbx), str(yaml)) == (0, "")
    assert glossary_content(load_glossary(yaml)) == glossary_content(caucasus)
    lint = run_cli("glossary", "lint", str(tbx))
    assert lint.returncode == 0
    assert f"{tbx}:" in lint.stdout.decode()  # lint reads TBX, with lines


def test_convert_yaml_po_yaml(caucasus: Glossary, tmp_path: Path) -> None:
    po, yaml = tmp_path / "en-ru.po", tmp_path / "en-ru.yaml"
    code, err = convert(str(CAUCASUS), str(po), "--from", "en", "--to", "ru")
    assert code == 0
    assert err == (
        f"note: {po} keeps en→ru only: 5 other languages (es, ca, fa, az, ar) are not "
        "expressible in a PO glossary; 10 entries untranslated (no ru term)\n"
    )  # the demonyms, two common-noun phrases and the keep-as-is entries have no ru
    assert convert(str(po), str(yaml)) == (0, "")
    assert glossary_content(load_glossary(yaml)) == pair_content(caucasus, "en", "ru")


def test_convert_to_pair_tsv_notes_what_is_lost(caucasus: Glossary, tmp_path: Path) -> None:
    tsv = tmp_path / "out.tsv"
    code, err = convert(str(CAUCASUS), str(tsv), "--from", "en", "--to", "es")
    assert code == 0
    assert err.count("\n") == 1 and err.startswith(
        f"note: {tsv} keeps en→es preferred terms only: "
    )
    for lost in (
        "admitted/deprecated terms",
        "types",
        "notes",
        "ids",
        "5 other languages",
        "concepts' grammar (class, gender, number, form tags)",
        "concepts' contexts (not_before/not_after, common_word, given_name)",
        "2 keep-as-is flags",
    ):
        assert lost in err
    assert err.rstrip().endswith(
        "are not expressible in a pair TSV; left out: 2 concepts without both a en and a es term"
    )  # the keep-as-is entries have only their English term
    back = parse_tabular(tsv.read_text(encoding="utf-8"), tsv)
    assert back.languages == ["en", "es"]
    expected = [
        {"en": c.terms["en"].preferred, "es": c.terms["es"].preferred}
        for c in caucasus
        if "en" in c.terms and "es" in c.terms
    ]
    assert [{lang: t.preferred for lang, t in c.terms.items()} for c in back] == expected


def test_convert_tsv_and_csv(caucasus: Glossary, tmp_path: Path) -> None:
    headerless = write_file(tmp_path, "desk.tsv", "Baku\tBakú\nTehran\tTeherán\n")
    code, err = convert(str(headerless), str(tmp_path / "desk.yaml"))
    assert code == 2 and err.count("\n") == 1 and "--from" in err
    assert convert(str(headerless), str(tmp_path / "desk.yaml"), "--from", "en", "--to", "es") == (
        0,
        "",
    )
    desk = load_glossary(tmp_path / "desk.yaml")
    assert [(c.id, c.terms["es"].preferred) for c in desk] == [
        ("baku", "Bakú"),
        ("tehran", "Teherán"),
    ]
    # TSV -> TBX -> CSV: a pair to a multi-language table, nothing lost on the way
    assert convert(str(headerless), str(tmp_path / "desk.tbx"), "--from", "en", "--to", "es") == (
        0,
        "",
    )
    assert convert(str(tmp_path / "desk.tbx"), str(tmp_path / "desk.csv")) == (0, "")
    assert (tmp_path / "desk.csv").read_text(encoding="utf-8") == (
        "id,type,en,es\nbaku,other,Baku,Bakú\ntehran,other,Tehran,Teherán\n"
    )
    # multi-language CSV keeps ids, types, notes and case sensitivity
    csv = tmp_path / "all.csv"
    code, err = convert(str(CAUCASUS), str(csv))
    assert (
        code == 0
        and "admitted/deprecated terms and word forms" in err
        and "types" not in err.split("only:")[1]
    )
    table = load_glossary(csv)
    assert [(c.id, c.type, c.note, c.case_sensitive) for c in table] == [
        (c.id, c.type, c.note, c.case_sensitive) for c in caucasus
    ]
    assert [{lang: t.preferred for lang, t in c.terms.items()} for c in table] == [
        {lang: t.preferred for lang, t in c.terms.items()} for c in caucasus
    ]
    # with --from/--to a .csv is a pair CSV
    pair = tmp_path / "pair.csv"
    code, err = convert(str(CAUCASUS), str(pair), "--from", "en", "--to", "ca")
    assert code == 0 and "pair CSV" in err
    assert pair.read_text(encoding="utf-8").splitlines()[0] == "en,ca"


@pytest.mark.parametrize(
    "args,message",
    [
        (["{g}", "{t}/out.tsv"], "holds one language pair"),
        (["{g}", "{t}/out.po", "--from", "en"], "give both --from and --to"),
        (["{g}", "{t}/out.txt"], "unknown glossary format"),
        (["{t}/missing.yaml", "{t}/out.tbx"], "no such file"),
        (["{g}", "{t}/no/such/dir/out.tbx"], "folder does not exist"),
        (["{g}", "{t}/out.tsv", "--from", "en", "--to", "xx-bogus"], "xx"),
    ],
)
def test_convert_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    argv = [a.format(g=CAUCASUS, t=tmp_path) for a in args]
    code, err = convert(*argv)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("translate: error:") and message in err
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("out")]
