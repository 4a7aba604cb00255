"""Word and OpenDocument articles through the real CLI with Apertium: translated, with
run formatting on its words, and the rest of the file as it was."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from conftest import run_cli

docx = pytest.importorskip("docx")
GLOSSARY = "glossaries/caucasus.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def make_docx(path: Path) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading("Talks in Baku", level=1)
    p = document.add_paragraph("The ")
    p.add_run("new").bold = True
    p.add_run(" pipeline from ")
    p.add_run("Azerbaijan").italic = True
    p.add_run(" to Georgia opened on Monday.")
    linked = document.add_paragraph("See the report ")
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), "top")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "here"
    run.append(text)
    link.append(run)
    linked._p.append(link)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "The minister said."
    table.cell(0, 1).text = "Baku"
    document.save(str(path))


def paragraphs(path: Path) -> list[list[tuple[str, bool | None, bool | None]]]:
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    return [
        [(r.text, r.bold, r.italic) for r in Paragraph(p, document).runs]
        for p in document.element.body.iter(f"{W}p")
    ]


def test_word_runs_stay_on_their_words(apertium_eng_spa, tmp_path) -> None:
    source, out = tmp_path / "story.en.docx", tmp_path / "story.es.docx"
    make_docx(source)
    result = run_cli(
        "article", str(source), "--to", "es", "--engine", "apertium", "-g", GLOSSARY, "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    got = paragraphs(out)
    assert got[0] == [("Charlas en Bakú", None, None)]
    assert ("nueva", True, None) in got[1] and ("Azerbaiyán", None, True) in got[1]
    assert "".join(t for t, _, _ in got[1]).startswith("La tubería nueva de Azerbaiyán")
    assert got[2] == paragraphs(source)[2]  # a hyperlink: kept as it was
    assert got[3] == [("El ministro dijo.", None, None)] and got[4] == [("Bakú", None, None)]
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(out) as b:
        for name in a.namelist():
            if name != "word/document.xml":
                assert a.read(name) == b.read(name), name
    assert (tmp_path / "story.es.report.json").is_file()


def test_opendocument_spans_stay_on_their_words(apertium_eng_spa, tmp_path) -> None:
    pytest.importorskip("odf")
    from odf import text
    from odf.opendocument import OpenDocumentText, load
    from odf.style import Style, TextProperties

    source, out = tmp_path / "story.en.odt", tmp_path / "story.es.odt"
    document = OpenDocumentText()
    bold = Style(name="Bold", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    document.text.addElement(text.H(outlinelevel=1, text="Talks in Baku"))
    p = text.P()
    p.addText("The ")
    p.addElement(text.Span(stylename=bold, text="new"))
    p.addText(" pipeline to Georgia opened.")
    document.text.addElement(p)
    document.save(str(source))
    result = run_cli(
        "article", str(source), "--to", "es", "--engine", "apertium", "-g", GLOSSARY, "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    translated = load(str(out))
    heading, para = translated.text.childNodes[:2]
    assert str(heading) == "Charlas en Bakú"
    spans = [c for c in para.childNodes if c.nodeType == c.ELEMENT_NODE]
    assert [(str(s), s.getAttribute("stylename")) for s in spans] == [("nueva", "Bold")]
    assert str(para).startswith("La tubería nueva")


def test_a_broken_word_file_is_one_line(tmp_path) -> None:
    bad = tmp_path / "story.en.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = run_cli("article", str(bad), "--to", "es", "-o", str(tmp_path / "story.es.docx"))
    err = result.stderr.decode()
    assert result.returncode == 2 and len(err.strip().splitlines()) == 1, err
    assert str(bad) in err and "Word document" in err
    assert not (tmp_path / "story.es.docx").exists()


def test_batch_translates_word_files(apertium_eng_spa, tmp_path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    make_docx(src / "story.en.docx")
    out = tmp_path / "out"
    result = run_cli(
        "batch",
        str(src),
        "--to",
        "es",
        "--engine",
        "apertium",
        "-g",
        GLOSSARY,
        "-o",
        str(out),
        "--workers",
        "1",
    )
    assert result.returncode == 0, result.stderr
    assert paragraphs(out / "story.es.docx")[0] == [("Charlas en Bakú", None, None)]
