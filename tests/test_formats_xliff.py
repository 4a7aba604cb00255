"""XLIFF 2.1 and 1.2: valid against the OASIS schemas, read back the same, safe input."""

from __future__ import annotations

import io
from xml.etree import ElementTree as ET

import pytest

from conftest import need_schema
from formats_sample import SCHEMAS, bitext, key, plain_bitext
from translate import formats
from translate.errors import UserError
from translate.formats import xliff, xliff12

X2 = "{urn:oasis:names:tc:xliff:document:2.0}"
X1 = "{urn:oasis:names:tc:xliff:document:1.2}"
GLS = "{urn:oasis:names:tc:xliff:glossary:2.0}"
XML_NS = "http://www.w3.org/XML/1998/namespace"


def write(name: str, bitexts) -> str:
    out = io.StringIO()
    formats.get(name).write(bitexts, out)
    return out.getvalue()


def need_schemas():
    need_schema(SCHEMAS)
    return pytest.importorskip("lxml.etree")


@pytest.fixture(scope="module")
def xliff21_schema():
    return build_xliff21_schema()


def build_xliff21_schema():
    """XLIFF 2.1 core with the Glossary, Metadata and ITS modules, via the OASIS catalog."""
    etree = need_schemas()
    folder = SCHEMAS / "xliff2.1"
    catalog = etree.parse(str(folder / "catalog.xml")).getroot()
    uris = {
        u.get("name"): (folder / u.get("uri")).as_uri()
        for u in catalog.iter("{urn:oasis:names:tc:entity:xmlns:xml:catalog}uri")
    }
    wanted = (
        "urn:oasis:names:tc:xliff:document:2.0",
        "urn:oasis:names:tc:xliff:glossary:2.0",
        "urn:oasis:names:tc:xliff:metadata:2.0",
        "http://www.w3.org/2005/11/its",
    )
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{uris[ns]}"/>' for ns in wanted)
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    return etree.XMLSchema(etree.fromstring(driver.encode(), base_url=folder.as_uri() + "/"))


@pytest.fixture(scope="module")
def xliff12_schema():
    return build_xliff12_schema()


def build_xliff12_schema():
    """XLIFF 1.2 strict; its import of http://www.w3.org/2001/xml.xsd is resolved to the
    local informative copy (no network)."""
    etree = need_schemas()
    local_xml = SCHEMAS / "xliff2.1" / "informativeCopiesOf3rdPartySchemas" / "w3c" / "xml.xsd"

    class Local(etree.Resolver):
        def resolve(self, url, pubid, context):
            if url == "http://www.w3.org/2001/xml.xsd":
                return self.resolve_filename(str(local_xml), context)
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    return etree.XMLSchema(
        etree.parse(str(SCHEMAS / "xliff" / "xliff-core-1.2-strict.xsd"), parser)
    )


def validate(schema, text: str) -> None:
    from lxml import etree

    doc = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(doc), schema.error_log.filter_from_errors()


# ------------------------------------------------------------------------------ XLIFF 2.1


def test_registered():
    assert formats.get("xliff").name == "xliff"
    assert formats.for_path("story.fa.xlf").name == "xliff"
    assert formats.for_path("story.fa.xliff").name == "xliff"
    assert formats.get("xliff12").name == "xliff12"
    assert formats.get("xliff12").extensions == ()  # only by --format


@pytest.mark.parametrize(
    "make", [lambda: [bitext("fa")], lambda: [plain_bitext()]], ids=["fa", "ar"]
)
def test_xliff21_valid_against_core_and_modules(xliff21_schema, make):
    validate(xliff21_schema, write("xliff", make()))


def test_xliff21_schema_check_is_real(xliff21_schema):
    from lxml import etree

    broken = write("xliff", [bitext("fa")]).replace('state="initial"', 'state="machine"', 1)
    assert not xliff21_schema.validate(etree.fromstring(broken.encode()))


def test_xliff21_structure():
    root = ET.fromstring(write("xliff", [bitext("fa")]).encode())
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.1", "en", "fa")
    file = root.find(f"{X2}file")
    assert (file.get("original"), file.get("srcDir"), file.get("trgDir")) == (
        "caspian.en.md",
        "ltr",
        "rtl",
    )
    units = file.findall(f"{X2}unit")
    assert len(units) == 4  # one per paragraph
    assert [len(u.findall(f"{X2}segment")) for u in units] == [1, 3, 1, 1]
    code = units[2]
    assert code.get("translate") == "no" and code.get("type") == "dragoman:code"
    assert code.find(f"{X2}segment").get("state") == "final"
    seg = units[1].findall(f"{X2}segment")[1]
    # machine output is not a reviewed translation: "initial", with a subState saying why
    assert (seg.get("state"), seg.get("subState")) == ("initial", "dragoman:mt")
    source_marks = seg.findall(f"{X2}source/{X2}mrk")
    target_marks = seg.findall(f"{X2}target/{X2}mrk")
    assert [(m.get("type"), m.text) for m in source_marks] == [
        ("term", "Baku"),
        ("term", "Tbilisi"),
    ]
    assert [m.text for m in target_marks] == ["باکو", "تفلیس"]
    assert [m.get("id") for m in source_marks] == [m.get("id") for m in target_marks]
    assert source_marks[0].get("{http://www.w3.org/2005/11/its}termConfidence") == "1"
    entries = units[1].findall(f"{GLS}glossary/{GLS}glossEntry")
    assert [(e.find(f"{GLS}term").text, e.find(f"{GLS}translation").text) for e in entries] == [
        ("BAKU", "باکو"),
        ("Tbilisi", "تفلیس"),
        ("Aliyev", "علی‌اف"),
    ]
    assert entries[1].get("ref") == "#" + source_marks[1].get("id")
    missing = units[3].find(f"{X2}segment")
    assert missing.get("subState") == "dragoman:term-missing"
    assert "عراقچی" in units[3].find(f"{X2}notes/{X2}note").text


def test_xliff21_round_trip_is_exact(tmp_path):
    for original in (bitext("fa"), plain_bitext()):
        path = tmp_path / "out.xlf"
        path.write_text(write("xliff", [original]), encoding="utf-8")
        (back,) = xliff.read(path)
        assert key(back) == key(original)
        # control character via <cp/>, CR via &#13;, "# " before and breaks via <ignorable>
        assert back.document.text == original.document.text
        assert back.document.before == original.document.before
        assert back.document.format == original.document.format
        assert [p.kind for p in back.document.paragraphs] == [
            p.kind for p in original.document.paragraphs
        ]
        assert (back.source_lang, back.target_lang, back.engine) == (
            "en",
            original.target_lang,
            "apertium",
        )
        assert [t.glossary for t in back.terms] == [t.glossary for t in original.terms]


def test_xliff21_text_before_the_first_segment(tmp_path):
    text = write("xliff", [bitext("fa")])
    assert '<ignorable id="before"><source xml:space="preserve"># </source></ignorable>' in text
    path = tmp_path / "old.xlf"  # what earlier versions wrote: the id is not read
    path.write_text(text.replace('id="before"', 'id="lead"'), encoding="utf-8")
    (back,) = xliff.read(path)
    assert back.document.before == "# " and back.document.text == bitext("fa").document.text


def test_xliff21_holds_one_target_language():
    with pytest.raises(UserError) as err:
        write("xliff", [bitext("fa"), bitext("es")])
    assert "one target language" in str(err.value) and "\n" not in str(err.value)
    assert formats.get("xliff").WRITES_ONE_TARGET


def test_xliff21_several_documents_one_language():
    from translate.articles import parse_text

    other = bitext(
        "fa",
        parse_text("Baku.\n", "en", "second.txt"),
        {0: ("باکو.", [("baku", "place", "Baku", "باکو", "enforced")], ())},
    )
    root = ET.fromstring(write("xliff", [bitext("fa"), other]).encode())
    assert [f.get("id") for f in root.findall(f"{X2}file")] == ["f1", "f2"]


FOREIGN_21 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="fa-IR">
  <file id="f1">
    <unit id="1">
      <segment><source>Hello <pc id="1">world</pc><ph id="2" equiv="!"/></source>
        <target>سلام <pc id="1">دنیا</pc></target></segment>
      <segment><source>Second.</source></segment>
    </unit>
    <group id="g"><unit id="2"><segment><source>Bye.</source><target>خداحافظ.</target></segment></unit></group>
  </file>
</xliff>
"""


def test_xliff21_reads_another_tools_file(tmp_path):
    path = tmp_path / "other.xlf"
    path.write_text(FOREIGN_21, encoding="utf-8")
    (back,) = xliff.read(path)
    assert (back.source_lang, back.target_lang) == ("en", "fa")
    assert [(a.segment.paragraph, a.segment.source, a.target) for a in back] == [
        (0, "Hello world!", "سلام دنیا"),
        (0, "Second.", ""),
        (1, "Bye.", "خداحافظ."),
    ]
    assert back.document.reassemble() == back.document.text


def test_xliff_reader_reads_both_versions(tmp_path):
    path = tmp_path / "old.xlf"
    path.write_text(write("xliff12", [bitext("fa")]), encoding="utf-8")
    (back,) = xliff.read(path)
    assert key(back) == key(bitext("fa"))
    other = tmp_path / "other.xlf"
    other.write_text("<xliff version='1.0'/>", encoding="utf-8")
    with pytest.raises(UserError, match=r"other\.xlf: is not an XLIFF file"):
        xliff.read(other)


# ------------------------------------------------------------------------------ XLIFF 1.2


def test_xliff12_valid_against_strict_schema(xliff12_schema):
    # several target languages and documents share one XLIFF 1.2 file
    validate(xliff12_schema, write("xliff12", [bitext("fa"), bitext("es"), plain_bitext()]))


def test_xliff12_schema_check_is_real(xliff12_schema):
    from lxml import etree

    broken = write("xliff12", [bitext("fa")]).replace('state="translated"', 'state="machine"', 1)
    assert not xliff12_schema.validate(etree.fromstring(broken.encode()))


def test_xliff12_structure():
    root = ET.fromstring(write("xliff12", [bitext("fa")]).encode())
    file = root.find(f"{X1}file")
    assert (file.get("source-language"), file.get("target-language"), file.get("datatype")) == (
        "en",
        "fa",
        "x-markdown",
    )
    units = file.findall(f"{X1}body/{X1}trans-unit")
    assert len(units) == 4
    assert all(u.get(f"{{{XML_NS}}}space") == "preserve" for u in units)
    target = units[1].find(f"{X1}target")
    assert (target.get("state"), target.get("state-qualifier")) == ("translated", "leveraged-mt")
    segs = units[1].findall(f"{X1}seg-source/{X1}mrk")
    assert [(m.get("mtype"), m.get("mid")) for m in segs] == [
        ("seg", "1"),
        ("seg", "2"),
        ("seg", "3"),
    ]
    terms = segs[1].findall(f"{X1}mrk")
    assert [(t.get("mtype"), t.text, t.get("comment")) for t in terms] == [
        ("term", "Baku", "baku|Baku|باکو|enforced|place"),
        ("term", "Tbilisi", "tbilisi|Tbilisi|تفلیس|enforced|place"),
    ]
    assert units[2].get("translate") == "no"
    assert units[2].find(f"{X1}target").get("state") == "final"
    missing = units[3].find(f"{X1}target")
    assert missing.get("state") == "needs-review-translation"
    assert "Araghchi" in units[3].find(f"{X1}note").text


def test_xliff12_round_trip(tmp_path):
    original = [bitext("fa"), bitext("es"), plain_bitext()]
    path = tmp_path / "out.xliff12"
    path.write_text(write("xliff12", original), encoding="utf-8")
    back = xliff12.read(path)
    assert [(b.document.name, b.target_lang, b.engine) for b in back] == [
        ("caspian.en.md", "fa", "apertium"),
        ("caspian.en.md", "es", "apertium"),
        ("plain.en.txt", "ar", "apertium"),
    ]
    for before, after in zip(original, back, strict=True):
        expected = [
            tuple(f.replace("\x0c", "\ufffd") if isinstance(f, str) else f for f in row)
            for row in key(before)
        ]
        assert key(after) == expected
        assert after.document.format == before.document.format
    # the CR survives; U+000C cannot be carried by XML and becomes U+FFFD
    assert back[0].document.text == original[0].document.text
    assert back[2].document.text == original[2].document.text.replace("\x0c", "\ufffd")


def test_xliff12_originals_are_relative_and_unique(tmp_path, monkeypatch):
    """Two targets of one document (named by an absolute path) were two <file original>
    with the same absolute path: readers keyed units by it and their ids collided."""
    from dataclasses import replace

    from formats_sample import document

    monkeypatch.chdir(tmp_path)
    wire = replace(document(), name="/srv/wire/caspian.en.md")
    outside, twice = bitext("fa", doc=wire), bitext("es", doc=wire)
    inside = bitext("es", doc=replace(document(), name=str(tmp_path / "desk" / "caspian.en.md")))
    root = ET.fromstring(write("xliff12", [outside, twice, inside]).encode())
    originals = [f.get("original") for f in root.findall(f"{X1}file")]
    assert originals == ["caspian.en.md#fa", "caspian.en.md#es", "desk/caspian.en.md"]
    path = tmp_path / "out.xliff12"
    path.write_text(write("xliff12", [outside, twice, inside]), encoding="utf-8")
    back = xliff12.read(path)
    assert [(b.document.name, b.target_lang) for b in back] == [
        ("caspian.en.md", "fa"),
        ("caspian.en.md", "es"),
        ("desk/caspian.en.md", "es"),
    ]
    root = ET.fromstring(write("xliff", [outside]).encode())
    assert root.find(f"{X2}file").get("original") == "caspian.en.md"


def test_xliff12_reads_units_without_seg_source(tmp_path):
    path = tmp_path / "plain.xlf"
    path.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="ui.properties" source-language="en-GB" target-language="ar" datatype="plaintext">'
        "<body><trans-unit id='a'><source>Save &amp; close</source><target>حفظ وإغلاق</target></trans-unit>"
        "<group><trans-unit id='b'><source>Quit</source></trans-unit></group></body></file></xliff>",
        encoding="utf-8",
    )
    (back,) = xliff12.read(path)
    assert (back.source_lang, back.target_lang) == ("en", "ar")
    assert [(a.segment.source, a.target) for a in back] == [
        ("Save & close", "حفظ وإغلاق"),
        ("Quit", ""),
    ]


# ------------------------------------------------------------------------------ both


BOMB = """<?xml version="1.0"?>
<!DOCTYPE xliff [
  <!ENTITY a "aaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en"><file id="f"><unit id="u">
<segment><source>&c;</source></segment></unit></file></xliff>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x"
source-language="en" datatype="plaintext"><body><trans-unit id="1"><source>&secret;</source>
</trans-unit></body></file></xliff>
"""


@pytest.mark.parametrize("reader", [xliff.read, xliff12.read], ids=["2.1", "1.2"])
@pytest.mark.parametrize("payload", [BOMB, XXE], ids=["billion-laughs", "xxe"])
def test_xml_attacks_are_a_one_line_user_error(tmp_path, reader, payload):
    path = tmp_path / "evil.xlf"
    path.write_text(payload, encoding="utf-8")
    with pytest.raises(UserError) as err:
        reader(path)
    message = str(err.value)
    assert "\n" not in message and "evil.xlf" in message and "unsafe XML" in message


def test_segment_issues_are_notes_and_need_review(xliff21_schema, xliff12_schema):
    """Markup that could not be placed (a segment issue) reaches the translator."""
    from dataclasses import replace

    sample = bitext("fa")
    issue = "markup <b>…</b> around 'Baku': no target word translates it"
    first = replace(sample.segments[0], issues=(issue,))
    flagged = replace(sample, segments=(first, *sample.segments[1:]))
    x2 = write("xliff", [flagged])
    validate(xliff21_schema, x2)
    notes = [
        n for n in ET.fromstring(x2).iter(f"{X2}note") if n.get("category") == "dragoman-issue"
    ]
    assert [n.text for n in notes] == [issue]
    x1 = write("xliff12", [flagged])
    validate(xliff12_schema, x1)
    unit = next(ET.fromstring(x1).iter(f"{X1}trans-unit"))
    assert unit.find(f"{X1}target").get("state") == "needs-review-translation"
    assert issue in [n.text for n in unit.iter(f"{X1}note")]
