"""Reading articles: decoding errors users can act on, and Documents that reassemble."""

from __future__ import annotations

import io
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translate.articles import load_article, parse_markdown, parse_text
from translate.document import Document
from translate.errors import UserError


def check(doc: Document) -> None:
    """The invariants every Document must hold, whatever the input."""
    assert doc.reassemble() == doc.text
    segments = doc.segments
    assert [s.index for s in segments] == list(range(len(segments)))
    assert [p.index for p in doc.paragraphs] == list(range(len(doc.paragraphs)))
    for p in doc.paragraphs:
        assert p.segments
        assert all(s.paragraph == p.index for s in p.segments)
    for s in segments:
        assert s.source
        assert doc.text[s.start : s.end] == s.source
        assert s.source == s.source.strip()
        prev = 0
        for a, b in s.keep:
            assert prev <= a < b <= len(s.source)
            prev = b


def seg(doc: Document) -> list[tuple[str, str]]:
    return [(p.kind, s.source) for p in doc.paragraphs for s in p.segments]


def keeps(doc: Document) -> list[list[str]]:
    return [[s.source[a:b] for a, b in s.keep] for s in doc.segments]


# ---------------------------------------------------------------- properties

MD_BITS = st.sampled_from(
    [
        "# ",
        "## ",
        "- ",
        "* ",
        "1. ",
        "2) ",
        "> ",
        ">",
        "    ",
        "  ",
        "\t",
        "```",
        "~~~",
        "`",
        "``",
        "[",
        "]",
        "](",
        ")",
        "(",
        "![",
        "<",
        ">",
        "<b>",
        "</b>",
        "<div>",
        "<http://x.org>",
        "*",
        "_",
        "**",
        "|",
        "---",
        "===",
        "\\",
        "&amp;",
        "[ref]: /u",
        "Mr. ",
        "5 Oct. ",
        "word",
        "Word",
        "ab",
        ".",
        "!",
        "?",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\u00a0",
        "\ufeff",
        "\x00",
        "é",
        "این",
        "«",
        "»",
        '"',
    ]
)
MARKDOWNISH = st.lists(MD_BITS, max_size=40).map("".join)
LANGS = st.sampled_from(["en", "fa", "ru", "de", "az"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), LANGS)
def test_plain_text_any_input_reassembles(text: str, lang: str) -> None:
    check(parse_text(text, lang, "t"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), LANGS)
def test_markdown_any_input_reassembles(text: str, lang: str) -> None:
    check(parse_markdown(text, lang, "t"))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWNISH, LANGS)
def test_markdownish_input_reassembles(text: str, lang: str) -> None:
    check(parse_markdown(text, lang, "t"))
    check(parse_text(text, lang, "t"))


# ---------------------------------------------------------------- plain text


def test_plain_text_paragraphs_and_sentences() -> None:
    text = (
        "Title line\n\nMr. Smith came on 5 Oct. He left.\nIt wraps\nhere. End.\n\n\n  Last one.\n"
    )
    doc = parse_text(text, "en", "a.txt")
    check(doc)
    assert doc.format == "text" and doc.name == "a.txt" and doc.lang == "en"
    assert [[s.source for s in p.segments] for p in doc.paragraphs] == [
        ["Title line"],
        ["Mr. Smith came on 5 Oct.", "He left.", "It wraps\nhere.", "End."],
        ["Last one."],
    ]
    assert doc.segments[0].after == "\n\n"
    assert doc.segments[-1].after == "\n"
    assert doc.segments[3].start == text.index("It wraps")


def test_plain_text_crlf_and_leading_space() -> None:
    text = "\r\n  One. Two.\r\n\r\nThree\r\nfour.\r\n"
    doc = parse_text(text, "en", "a.txt")
    check(doc)
    assert doc.before == "\r\n  "
    assert [s.source for s in doc.segments] == ["One.", "Two.", "Three\r\nfour."]
    assert len(doc.paragraphs) == 2


def test_plain_text_separator_line_is_not_translatable() -> None:
    doc = parse_text("Hello there.\n\n* * *\n\nBye now.", "en", "a")
    check(doc)
    assert [s.translatable for s in doc.segments] == [True, False, True]


# ---------------------------------------------------------------- markdown


def test_markdown_heading_marker_is_not_in_the_source() -> None:
    doc = parse_markdown("# Big *news* today ##\n\nBody text. More.\n", "en", "a.md")
    check(doc)
    assert doc.format == "markdown"
    assert doc.before == "# "
    assert seg(doc) == [
        ("heading", "Big *news* today"),
        ("paragraph", "Body text."),
        ("paragraph", "More."),
    ]
    assert doc.segments[0].after == " ##\n\n"


def test_markdown_setext_heading() -> None:
    doc = parse_markdown("Big news\n========\n\nText.", "en", "a.md")
    check(doc)
    assert seg(doc) == [("heading", "Big news"), ("paragraph", "Text.")]
    assert doc.segments[0].after == "\n========\n\n"


def test_markdown_list_items() -> None:
    text = "Intro.\n\n- First item. Two.\n- Second\n  item.\n\n1. Numbered one.\n"
    doc = parse_markdown(text, "en", "a.md")
    check(doc)
    assert seg(doc) == [
        ("paragraph", "Intro."),
        ("list_item", "First item."),
        ("list_item", "Two."),
        ("list_item", "Second\n  item."),
        ("list_item", "Numbered one."),
    ]
    assert doc.segments[0].after == "\n\n- "
    assert doc.segments[3].after == "\n\n1. "
    assert len(doc.paragraphs) == 4


def test_markdown_quote_markers_are_kept() -> None:
    doc = parse_markdown("> A quote that\n> wraps. Second.\n", "en", "a.md")
    check(doc)
    assert doc.before == "> "
    assert seg(doc) == [("quote", "A quote that\n> wraps."), ("quote", "Second.")]
    assert keeps(doc) == [[">"], []]


def test_markdown_code_html_table_are_one_untranslatable_segment() -> None:
    text = (
        "Before.\n\n```python\nprint('a. B')\n```\n\n    indented. Code\n\n"
        "<div>\nraw. HTML\n</div>\n\n| a | b |\n|---|---|\n| 1. X | 2 |\n\nAfter.\n"
    )
    doc = parse_markdown(text, "en", "a.md")
    check(doc)
    assert seg(doc) == [
        ("paragraph", "Before."),
        ("code", "```python\nprint('a. B')\n```"),
        ("code", "indented. Code"),
        ("html", "<div>\nraw. HTML\n</div>"),
        ("table", "| a | b |\n|---|---|\n| 1. X | 2 |"),
        ("paragraph", "After."),
    ]
    assert [s.translatable for s in doc.segments] == [True, False, False, False, False, True]


def test_markdown_inline_keep_spans() -> None:
    text = (
        'See `code. Here` and [the. Report](http://x.org/a.b "T") now. '
        "Also ![a photo](pic.png), <http://auto.org> and <b>bold</b>. Done.\n"
    )
    doc = parse_markdown(text, "en", "a.md")
    check(doc)
    assert [s.source for s in doc.segments] == [
        'See `code. Here` and [the. Report](http://x.org/a.b "T") now.',
        "Also ![a photo](pic.png), <http://auto.org> and <b>bold</b>.",
        "Done.",
    ]
    # a link's "[" and "](...)" are kept apart: together they wrap the link text
    assert keeps(doc) == [
        ["`code. Here`", "[", '](http://x.org/a.b "T")'],
        ["![", "](pic.png)", "<http://auto.org>", "<b>", "</b>"],
        [],
    ]


def test_markdown_emphasis_delimiters_are_keep_spans() -> None:
    doc = parse_markdown("The **new** *plan* of __ours__, and 2 * 3 = 6.\n", "en", "a.md")
    check(doc)
    assert keeps(doc) == [["**", "**", "*", "*", "__", "__"]]


def test_markdown_reference_links_and_definitions() -> None:
    doc = parse_markdown("A [ref link][r] here.\n\n[r]: http://example.com\n", "en", "a.md")
    check(doc)
    assert [s.source for s in doc.segments] == ["A [ref link][r] here."]
    assert keeps(doc) == [["[", "][r]"]]
    assert doc.segments[0].after == "\n\n[r]: http://example.com\n"


def test_markdown_front_matter_and_rule() -> None:
    doc = parse_markdown("---\ntitle: X\n---\n\nText.\n\n***\n\nMore.\n", "en", "a.md")
    check(doc)
    assert seg(doc) == [
        ("code", "---\ntitle: X\n---"),
        ("paragraph", "Text."),
        ("paragraph", "More."),
    ]
    assert doc.segments[1].after == "\n\n***\n\n"


def test_markdown_crlf_offsets() -> None:
    text = "# Title\r\n\r\n> Quote\r\n> goes on.\r\n\r\n- item `x`\r\n"
    doc = parse_markdown(text, "en", "a.md")
    check(doc)
    assert [s.source for s in doc.segments] == ["Title", "Quote\r\n> goes on.", "item `x`"]
    assert keeps(doc) == [[], [">"], ["`x`"]]


def test_markdown_persian() -> None:
    doc = parse_markdown("## خبر مهم\n\nاین یک جمله است. این جمله دوم است؟\n", "fa", "a.md")
    check(doc)
    assert seg(doc) == [
        ("heading", "خبر مهم"),
        ("paragraph", "این یک جمله است."),
        ("paragraph", "این جمله دوم است؟"),
    ]


# ---------------------------------------------------------------- files


def test_load_by_extension(tmp_path) -> None:
    md = tmp_path / "story.md"
    md.write_text("# Title\n\nBody.\n", encoding="utf-8")
    doc = load_article(str(md), "en")
    assert doc.format == "markdown" and doc.name == str(md)
    assert doc.before == "# "
    txt = tmp_path / "story.txt"
    txt.write_text("# Title\n\nBody.\n", encoding="utf-8")
    doc = load_article(str(txt), "en", name="story")
    assert doc.format == "text" and doc.name == "story"
    assert doc.segments[0].source == "# Title"
    assert load_article(str(txt), "en", fmt="markdown").format == "markdown"


def test_bom_is_dropped(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfHello there.\n")
    doc = load_article(str(path), "en")
    assert doc.text == "Hello there.\n"
    assert doc.segments[0].source == "Hello there."


def test_stdin(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Hi there. Bye.")))
    doc = load_article("-", "en")
    assert doc.name == "<stdin>"
    assert [s.source for s in doc.segments] == ["Hi there.", "Bye."]


def test_invalid_utf8_names_file_and_line(tmp_path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("First line.\nSecond line.\nCaf\u00e9 noir.\n".encode("latin-1"))
    with pytest.raises(UserError) as err:
        load_article(str(path), "en")
    assert err.value.line == 3
    message = str(err.value)
    assert message.startswith(f"{path}:3: ")
    assert "UTF-8" in message and "save it as UTF-8" in message
    assert "0xe9" in message and "column 4" in message


def test_binary_file(tmp_path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(UserError, match="looks like a binary file, not an article"):
        load_article(str(path), "en")


def test_utf16_file(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Hello.".encode("utf-16"))
    with pytest.raises(UserError, match=r"UTF-16.*save it as UTF-8"):
        load_article(str(path), "en")


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  \n", b"\xef\xbb\xbf\n"])
def test_empty_file(tmp_path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(UserError, match="is empty, nothing to translate") as err:
        load_article(str(path), "en")
    assert str(path) in str(err.value)


def test_markdown_with_nothing_but_a_rule_is_empty(tmp_path) -> None:
    path = tmp_path / "rule.md"
    path.write_text("---\n", encoding="utf-8")
    with pytest.raises(UserError, match="is empty, nothing to translate"):
        load_article(str(path), "en")


def test_missing_file_and_directory(tmp_path) -> None:
    missing = tmp_path / "nope.md"
    with pytest.raises(UserError, match="no such file") as err:
        load_article(str(missing), "en")
    assert str(err.value).startswith(str(missing))
    with pytest.raises(UserError, match="is a directory") as err:
        load_article(str(tmp_path), "en")
    assert str(tmp_path) in str(err.value)


def test_unknown_format(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Hi.", encoding="utf-8")
    with pytest.raises(UserError, match="unknown article format"):
        load_article(str(path), "en", fmt="rtf")


# ---------------------------------------------------------------- the Document builder


def test_document_builder_keeps_the_offsets() -> None:
    from translate.document import DocumentBuilder

    builder = DocumentBuilder("story", "en", before="\ufeff# ", format="markdown")
    builder.paragraph("heading")
    builder.add("Talks in Baku", "\n\n")
    builder.paragraph("list_item")  # no segments: left out
    builder.paragraph("paragraph")
    builder.add("Ministers met `code`.", " ", keep=((15, 19),))
    builder.add("```", "\n", translatable=False)
    doc = builder.build()
    check(doc)
    assert doc.text == "\ufeff# Talks in Baku\n\nMinisters met `code`. ```\n"
    assert (doc.name, doc.lang, doc.before, doc.format) == ("story", "en", "\ufeff# ", "markdown")
    assert [(p.index, p.kind, len(p.segments)) for p in doc.paragraphs] == [
        (0, "heading", 1),
        (1, "paragraph", 2),
    ]
    assert [(s.keep, s.translatable) for s in doc.segments] == [
        ((), True),
        (((15, 19),), True),
        ((), False),
    ]


def test_the_translation_as_a_document_of_its_own() -> None:
    """pipeline.as_document (the next step of a pivot) builds on the source's layout."""
    from translate.document import AlignedSegment, Bitext
    from translate.pipeline import as_document

    source = parse_markdown("# Baku talks\n\nThe envoy met `Aliyev` today. Fine.\n", "en", "a.md")
    targets = ["Charlas en Bakú", "El enviado se reunió con `Aliyev` hoy.", "Bien."]
    aligned = tuple(AlignedSegment(s, t) for s, t in zip(source.segments, targets, strict=True))
    doc = as_document(Bitext(source, "en", "es", "test", aligned))
    check(doc)
    assert doc.text == "# Charlas en Bakú\n\nEl enviado se reunió con `Aliyev` hoy. Bien.\n"
    assert (doc.lang, doc.before, doc.format) == ("es", "# ", "markdown")
    assert [p.kind for p in doc.paragraphs] == [p.kind for p in source.paragraphs]
    assert keeps(doc) == keeps(source)
