"""The Markdown table for tickets, checked by parsing it back with a CommonMark+tables
parser (markdown-it-py, a dependency already)."""

from __future__ import annotations

import io

from markdown_it import MarkdownIt

from formats_sample import bitext, plain_bitext
from translate import formats


def write(bitexts) -> str:
    out = io.StringIO()
    formats.get("md").write(bitexts, out)
    return out.getvalue()


def rows(text: str) -> list[list[str]]:
    """Table rows as the rendered HTML of each cell (GFM tables, as GitHub/GitLab do)."""
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)
    table: list[list[str]] = []
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            table.append([])
        elif token.type == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            table[-1].append(md.renderer.renderInline(token.children, md.options, {}))
    return table


def test_registered():
    assert formats.get("md").name == "md"
    assert formats.for_path("ticket.md").name == "md"


def test_one_row_per_segment_two_columns():
    text = write([bitext("es")])
    table = rows(text)
    assert table[0] == ["English", "Spanish"]
    assert len(table) == 1 + len(bitext("es").segments)
    assert all(len(r) == 2 for r in table)
    # "|" inside a sentence stays inside its cell
    assert table[4] == [
        "<strong>Aliyev</strong>'s aide said &quot;yes&quot; | maybe.",
        "El asesor de <strong>Aliyev</strong> dijo &quot;sí&quot; | quizá.",
    ]
    assert table[6][0].startswith("<strong>Araghchi</strong> ⚠")
    assert "Glossary terms: 4 enforced, 1 corrected, 1 missing." in text
    assert "- ⚠ missing in segment 6: Araghchi → Araghchi (`araghchi`)" in text


def test_plain_text_is_shown_literally_and_rtl_is_isolated():
    from translate.articles import parse_text

    doc = parse_text("Use *not* <b>bold</b> & a_b | c\\d.\n", "en", "odd.en.txt")
    odd = bitext("fa", doc, {0: ("از *نه* <b>bold</b> استفاده کن | ج.", [], ())})
    table = rows(write([odd]))
    assert table[1][0] == "Use *not* &lt;b&gt;bold&lt;/b&gt; &amp; a_b | c\\d."
    assert table[1][1] == "\u2068از *نه* &lt;b&gt;bold&lt;/b&gt; استفاده کن | ج.\u2069"


def test_code_blocks_and_several_bitexts():
    text = write([bitext("fa"), plain_bitext()])
    assert text.count("\n### ") + text.startswith("### ") == 2
    table = rows(text.split("\n### ")[0])
    assert table[5][1] == "<em>(not translated)</em>"
    assert "x &lt; y &amp;&amp; z" in table[5][0]
    assert "Unknown words: maybe." in text


def test_terms_already_bold_in_markdown_are_not_wrapped_again():
    from translate.articles import parse_markdown

    doc = parse_markdown("**BAKU** — Baku hosts.\n", "en", "bold.en.md")
    table = {
        0: (
            "**BAKÚ** — Bakú acoge.",
            [
                ("baku", "place", "BAKU", "BAKÚ", "enforced"),
                ("baku", "place", "Baku", "Bakú", "enforced"),
            ],
            (),
        )
    }
    text = write([bitext("es", doc, table)])
    assert "****" not in text
    assert rows(text)[1] == [
        "<strong>BAKU</strong> — <strong>Baku</strong> hosts.",
        "<strong>BAKÚ</strong> — <strong>Bakú</strong> acoge.",
    ]
