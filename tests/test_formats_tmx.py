"""TMX 1.4b: valid against the official DTD, read back the same, safe against XML attacks."""

from __future__ import annotations

import io

import pytest

from conftest import need_schema
from formats_sample import SCHEMAS, bitext, key, plain_bitext
from translate import formats
from translate.errors import UserError
from translate.formats import tmx


def write(bitexts) -> str:
    out = io.StringIO()
    formats.get("tmx").write(bitexts, out)
    return out.getvalue()


def test_registered_by_name_and_extension():
    assert formats.get("tmx").name == "tmx"
    assert formats.for_path("memory.TMX").name == "tmx"


def test_valid_against_the_tmx_14b_dtd():
    etree = pytest.importorskip("lxml.etree")
    dtd_path = need_schema(SCHEMAS / "tmx" / "tmx14.dtd")
    dtd = etree.DTD(str(dtd_path))
    root = etree.fromstring(write([bitext("fa"), bitext("es"), plain_bitext()]).encode("utf-8"))
    assert dtd.validate(root), dtd.error_log.filter_from_errors()


def test_header_and_units():
    from xml.etree import ElementTree as ET

    root = ET.fromstring(write([bitext("fa")]).encode())
    header = root.find("header").attrib
    assert header == {
        "creationtool": "Dragoman",
        "creationtoolversion": header["creationtoolversion"],
        "segtype": "sentence",
        "o-tmf": "Dragoman",
        "adminlang": "en",
        "srclang": "en",
        "datatype": "plaintext",
    }
    tus = root.findall("body/tu")
    assert len(tus) == len(bitext("fa").segments)
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [t.get(lang) for t in tus[0].findall("tuv")] == ["en", "fa"]  # no invented region
    props = {(p.get("type"), p.text) for p in tus[2].findall("prop")}
    assert {("x-doc", "caspian.en.md"), ("x-paragraph", "1"), ("x-segment", "2")} <= props
    assert ("x-term", "tbilisi|Tbilisi|تفلیس|enforced|place") in props
    assert (
        tus[2].find("tuv[2]/seg").text
        == "— وزیران روز <on Sunday> در باکو و تفلیس دیدار کردند & گفتگو."
    )


def test_several_languages_and_sources_in_one_file():
    text = write([bitext("fa"), bitext("es")])
    assert text.count("<tu ") == 2 * len(bitext("fa").segments)
    assert 'xml:lang="es"' in text and 'xml:lang="fa"' in text


def test_round_trip(tmp_path):
    original = [bitext("fa"), bitext("es")]
    path = tmp_path / "out.tmx"
    path.write_text(write(original), encoding="utf-8")
    back = tmx.read(path)
    assert [(b.document.name, b.source_lang, b.target_lang, b.engine) for b in back] == [
        ("caspian.en.md", "en", "fa", "apertium"),
        ("caspian.en.md", "en", "es", "apertium"),
    ]
    for before, after in zip(original, back, strict=True):
        assert key(after) == key(before)
        assert after.document.text == before.document.text  # before + source + after
        assert after.document.format == "markdown"
        assert [p.kind for p in after.document.paragraphs] == [
            p.kind for p in before.document.paragraphs
        ]
        assert [a.unknown_words for a in after] == [a.unknown_words for a in before]
        for a in after:  # offsets of terms point into the source again
            assert all(a.segment.source[t.start : t.end] == t.source for t in a.terms)


def test_text_before_the_first_segment_is_x_before_and_x_leading_still_reads(tmp_path):
    original = bitext("es")
    assert original.document.before == "# "
    text = write([original])
    assert text.count('<prop type="x-before"># </prop>') == 1 and "x-leading" not in text
    path = tmp_path / "new.tmx"
    path.write_text(text, encoding="utf-8")
    (back,) = tmx.read(path)
    assert back.document.before == "# " and back.document.text == original.document.text
    # what earlier versions wrote
    path = tmp_path / "old.tmx"
    path.write_text(text.replace('"x-before"', '"x-leading"'), encoding="utf-8")
    (back,) = tmx.read(path)
    assert back.document.before == "# " and back.document.text == original.document.text


def test_round_trip_keeps_cr_and_marks_control_characters(tmp_path):
    original = plain_bitext()
    path = tmp_path / "plain.tmx"
    path.write_text(write([original]), encoding="utf-8")
    (back,) = tmx.read(path)
    # XML cannot carry U+000C at all: it comes back as U+FFFD, everything else exactly
    assert back.document.text == original.document.text.replace("\x0c", "\ufffd")
    assert "\r\n" in back.document.text


def test_field_separator_inside_a_term_is_escaped(tmp_path):
    from dataclasses import replace

    base = bitext("es")
    first = base.segments[3]
    odd = replace(first.terms[0], source="Aliyev", target="Ali|yev \\ X")
    changed = replace(
        base, segments=(*base.segments[:3], replace(first, terms=(odd,)), *base.segments[4:])
    )
    path = tmp_path / "pipe.tmx"
    path.write_text(write([changed]), encoding="utf-8")
    (back,) = tmx.read(path)
    assert back.segments[3].terms[0].target == "Ali|yev \\ X"


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OtherTool" creationtoolversion="1" segtype="sentence" o-tmf="x"
          adminlang="en-US" srclang="en-US" datatype="html"/>
  <body>
    <tu>
      <tuv xml:lang="fa-IR"><seg>سلام <bpt i="1">&lt;b&gt;</bpt>دنیا<ept i="1">&lt;/b&gt;</ept></seg></tuv>
      <tuv xml:lang="en-US"><seg>Hello <bpt i="1">&lt;b&gt;</bpt>world<ept i="1">&lt;/b&gt;</ept></seg></tuv>
      <tuv xml:lang="es-ES"><seg>Hola <hi type="x">mundo</hi></seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en-US"><seg>Bye &amp; thanks.</seg></tuv>
      <tuv xml:lang="es-ES"><seg>Adiós y gracias.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_reads_a_tmx_from_another_tool(tmp_path):
    path = tmp_path / "memory.tmx"
    path.write_text(FOREIGN, encoding="utf-8")
    back = tmx.read(path)
    assert [(b.document.name, b.source_lang, b.target_lang) for b in back] == [
        ("memory.tmx", "en", "fa"),
        ("memory.tmx", "en", "es"),
    ]
    fa, es = back
    assert [(a.segment.source, a.target) for a in fa] == [("Hello world", "سلام دنیا")]
    assert [(a.segment.source, a.target) for a in es] == [
        ("Hello world", "Hola mundo"),
        ("Bye & thanks.", "Adiós y gracias."),
    ]
    assert [a.segment.paragraph for a in es] == [0, 1]
    assert es.document.reassemble() == es.document.text


BOMB = """<?xml version="1.0"?>
<!DOCTYPE tmx [
  <!ENTITY a "aaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&c;</seg></tuv></tu></body></tmx>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&secret;</seg></tuv></tu></body></tmx>
"""


@pytest.mark.parametrize("payload", [BOMB, XXE], ids=["billion-laughs", "xxe"])
def test_xml_attacks_are_a_one_line_user_error(tmp_path, payload):
    path = tmp_path / "evil.tmx"
    path.write_text(payload, encoding="utf-8")
    with pytest.raises(UserError) as err:
        tmx.read(path)
    message = str(err.value)
    assert "\n" not in message and "evil.tmx" in message and "unsafe XML" in message


def test_broken_and_wrong_files_are_user_errors(tmp_path):
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx><body><tu>", encoding="utf-8")
    with pytest.raises(UserError, match=r"broken\.tmx:1: is not well-formed XML"):
        tmx.read(broken)
    other = tmp_path / "other.tmx"
    other.write_text("<html/>", encoding="utf-8")
    with pytest.raises(UserError, match="not a TMX file"):
        tmx.read(other)
    with pytest.raises(UserError, match="no such file"):
        tmx.read(tmp_path / "missing.tmx")
