"""The one input layer (translate.inputs): every reader finds, decodes and reports on a
file the same way; one polib loader; XML parsed safely.  Each test runs the same case
through every reader that takes that kind of file."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from formats_sample import bitext
from translate import formats, inputs
from translate.articles import load_article
from translate.editorial.cms import read_payload
from translate.editorial.po_catalog import load_catalog
from translate.errors import FormatError, GlossaryError, UserError
from translate.formats import readers
from translate.glossary import load_glossary

pytestmark = pytest.mark.usefixtures("english_interface")

PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Language: es\\n"\n"X-Source-Language: en\\n"\n\n'
    'msgid "Baku"\nmsgstr "Bakú"\n'
)
YAML = "entries:\n  - id: baku\n    terms: {en: Baku, es: Bakú}\n"


def _jsonl() -> str:
    out = io.StringIO()
    formats.get("jsonl").write([bitext("es")], out)
    return out.getvalue()


def _tmx() -> str:
    out = io.StringIO()
    formats.get("tmx").write([bitext("es")], out)
    return out.getvalue()


# name -> (file name, UTF-8 content, read it)
READERS: dict[str, tuple[str, str, Callable[[Path], object]]] = {
    "article": ("a.en.txt", "Talks in Baku.\n", lambda p: load_article(str(p), "en")),
    "glossary": ("g.yaml", YAML, load_glossary),
    "po glossary": ("g.po", PO, load_glossary),
    "po catalog": ("c.po", PO, load_catalog),
    "po bitext": ("b.po", PO, readers.read),
    "jsonl bitext": ("b.jsonl", _jsonl(), readers.read),
}
"""Readers of text files; XML says its own encoding (see test_xml_decodes_itself)."""
READERS_AND_XML = {**READERS, "tmx bitext": ("b.tmx", _tmx(), readers.read)}
KIND = {"glossary": GlossaryError, "po glossary": GlossaryError}


@pytest.mark.parametrize("name", READERS)
def test_utf8_with_or_without_a_bom(tmp_path: Path, name: str) -> None:
    file_name, text, read = READERS[name]
    plain, bom = tmp_path / "plain", tmp_path / "bom"
    plain.mkdir()
    bom.mkdir()
    (plain / file_name).write_bytes(text.encode("utf-8"))
    (bom / file_name).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert read(plain / file_name) is not None
    assert read(bom / file_name) is not None


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("name", READERS)
def test_invalid_utf8_names_file_line_and_column(tmp_path: Path, name: str) -> None:
    file_name, text, read = READERS[name]
    line = _line_of(text, "Baku")
    data = text.encode("utf-8")
    at = data.index(b"Baku")
    path = tmp_path / file_name
    path.write_bytes(data[:at] + b"Bak\xfa" + data[at + 4 :])
    with pytest.raises(KIND.get(name, FormatError)) as caught:
        read(path)
    err = caught.value
    assert err.line == line, str(err)
    assert err.path == str(path)
    assert "is not valid UTF-8 (byte 0xfa at column " in err.message
    assert err.hint == "save it as UTF-8"


@pytest.mark.parametrize("name", READERS)
def test_utf16_is_refused(tmp_path: Path, name: str) -> None:
    file_name, text, read = READERS[name]
    path = tmp_path / file_name
    path.write_bytes(text.encode("utf-16"))
    with pytest.raises(KIND.get(name, FormatError), match="is UTF-16 text, not UTF-8"):
        read(path)


@pytest.mark.parametrize("name", [*READERS, "tmx bitext"])
def test_one_not_found_message(tmp_path: Path, name: str) -> None:
    file_name, _text, read = READERS_AND_XML[name]
    path = tmp_path / file_name
    with pytest.raises(KIND.get(name, FormatError)) as caught:
        read(path)
    expected = "glossary file not found" if "glossary" in name else "no such file"
    assert str(caught.value).startswith(f"{path}: {expected} (check the path")


@pytest.mark.parametrize("name", [*READERS, "tmx bitext"])
def test_one_directory_message(tmp_path: Path, name: str) -> None:
    file_name, _text, read = READERS_AND_XML[name]
    folder = tmp_path / file_name
    folder.mkdir()
    with pytest.raises(KIND.get(name, FormatError)) as caught:
        read(folder)
    assert str(caught.value) == f"{folder}: is a directory, not a file"


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Baku.\n", encoding="utf-8")
    glossary = tmp_path / "g.yaml"
    glossary.write_text(YAML, encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)  # what the input layer opens files with
    with pytest.raises(FormatError, match=r"a\.txt: cannot read it: permission denied$"):
        load_article(str(article), "en")
    with pytest.raises(GlossaryError, match=r"g\.yaml: cannot read it: permission denied$"):
        load_glossary(glossary)


def test_stdin_only_where_asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Hi.\n")))
    assert inputs.read_bytes("-", stdin=True) == b"Hi.\n"
    with pytest.raises(FormatError, match="no such file"):
        inputs.read_bytes("-")


def test_cms_payload_decodes_through_the_input_layer() -> None:
    assert read_payload(b'\xef\xbb\xbf{"id": "x"}') == {"id": "x"}
    with pytest.raises(FormatError) as caught:
        read_payload(b'{\n "id": "caf\xe9"}', "stdin")
    err = caught.value
    assert (err.path, err.line, err.hint) == ("stdin", 2, "send the article as UTF-8 JSON")
    assert "is not valid UTF-8 (byte 0xe9 at column 12)" in err.message


# ---------------------------------------------------------------- the polib loader


@pytest.mark.parametrize(
    ("read", "kind"),
    [(load_glossary, GlossaryError), (load_catalog, FormatError), (readers.read, FormatError)],
    ids=["glossary", "catalog", "bitext"],
)
def test_one_po_syntax_error(tmp_path: Path, read: Callable, kind: type[UserError]) -> None:
    path = tmp_path / "bad.po"
    path.write_text(PO + '\nmsgid "a"\nxyz "b"\n', encoding="utf-8")
    with pytest.raises(kind) as caught:
        read(path)
    assert str(caught.value) == (
        f"{path}:11: invalid PO file: syntax error (msgfmt -c shows the details)"
    )


def test_po_text_is_split_at_line_ends_only(tmp_path: Path) -> None:
    """A U+2028 or a form feed inside a msgid is text, as when polib reads the file."""
    path = tmp_path / "c.po"
    path.write_text(PO + '\nmsgid "one\u2028two\x0cthree"\nmsgstr ""\n', encoding="utf-8")
    catalog = load_catalog(path)
    assert [e.msgid for e in catalog] == ["Baku", "one\u2028two\x0cthree"]
    assert catalog.fpath == str(path) and catalog.wrapwidth == 78


def test_po_in_its_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "latin.po"
    text = PO.replace("charset=UTF-8", "charset=ISO-8859-1") + '\nmsgid "café"\nmsgstr ""\n'
    path.write_bytes(text.encode("latin-1"))
    catalog = load_catalog(path)
    assert catalog.encoding == "ISO-8859-1"
    assert [e.msgid for e in catalog] == ["Baku", "café"]


def test_po_template_charset_is_utf8(tmp_path: Path) -> None:
    path = tmp_path / "t.pot"
    path.write_text(PO.replace("charset=UTF-8", "charset=CHARSET") + '\nmsgid "Bakú"\nmsgstr ""\n')
    assert [e.msgid for e in inputs.load_po(path)] == ["Baku", "Bakú"]


# ---------------------------------------------------------------- XML


def test_bitext_xml_errors_are_format_errors(tmp_path: Path) -> None:
    evil = tmp_path / "evil.tmx"
    evil.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaa">]>\n<tmx>&a;</tmx>\n',
        encoding="utf-8",
    )
    with pytest.raises(FormatError, match="refused unsafe XML"):
        readers.read(evil)
    broken = tmp_path / "broken.xlf"
    broken.write_text("<xliff>\n<file>", encoding="utf-8")
    with pytest.raises(FormatError, match=r"broken\.xlf:2: is not well-formed XML"):
        readers.read(broken)


def test_xml_decodes_itself(tmp_path: Path) -> None:
    """XML says its encoding (CAT tools write UTF-16 TMX); the parser decodes it and
    reports a bad byte with its line."""
    text = _tmx()
    path = tmp_path / "b.tmx"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert readers.read(path)[0].document.text == bitext("es").document.text
    path.write_bytes(text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    assert readers.read(path)[0].document.text == bitext("es").document.text
    data = text.encode("utf-8")
    at = data.index(b"Baku")
    path.write_bytes(data[:at] + b"Bak\xfa" + data[at + 4 :])
    with pytest.raises(FormatError, match="is not well-formed XML") as caught:
        readers.read(path)
    assert caught.value.line == _line_of(text, "Baku")


# ---------------------------------------------------------------- JSONL lines


def test_jsonl_lines_end_at_newlines_only(tmp_path: Path) -> None:
    """A U+2028 in a segment is written raw (ensure_ascii=False) and must read back."""
    from translate.articles import parse_text
    from translate.document import AlignedSegment, Bitext

    doc = parse_text("One\u2028line in Baku.\n", "en", "story")
    aligned = tuple(AlignedSegment(s, s.source) for s in doc.segments)
    out = io.StringIO()
    formats.get("jsonl").write([Bitext(doc, "en", "es", "copy", aligned)], out)
    assert "\u2028" in out.getvalue()
    path = tmp_path / "b.jsonl"
    path.write_text(out.getvalue(), encoding="utf-8")
    (back,) = readers.read(path)
    assert back.document.text == doc.text
    assert [a.segment.source for a in back] == [s.source for s in doc.segments]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"a": ' + "[" * 5000 + "]" * 5000 + "}", "nested deeper than 200"),
        ("1" * 5000, "4300 digits"),
        ('{"meta": {"x": NaN}}', "NaN is not JSON"),
        ('{"x": -Infinity}', "-Infinity"),
        ('["\\ud800"]', "lone surrogate"),
        ('{"x": 1,\n "y": }', "line 2, column"),
    ],
)
def test_parse_json_refuses_what_json_loads_lets_through_or_crashes_on(
    text: str, words: str
) -> None:
    with pytest.raises(FormatError) as caught:
        inputs.parse_json(text, "payload.json", line=None)
    assert str(caught.value).startswith("payload.json: ") and words in str(caught.value)


def test_parse_json_takes_ordinary_json_and_names_the_line_of_a_jsonl_record() -> None:
    assert inputs.parse_json('{"a": [1, "[[[", {"b": "\\u00e9"}]}', "x") == {
        "a": [1, "[[[", {"b": "é"}]
    }
    with pytest.raises(FormatError) as caught:
        inputs.parse_json("{bad", "x.jsonl", line=7)
    assert caught.value.line == 7 and "line 7, column 2" in str(caught.value)
