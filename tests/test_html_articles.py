"""HTML articles: segments that reassemble exactly, markup that survives a real Apertium
translation, untranslatable elements, and glossary names split by inline tags."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_cli
from test_articles import check
from translate.articles import detect_format, load_article, parse_html, parse_markdown
from translate.articles.html import HtmlArticle, as_written, decode_references
from translate.document import AlignedSegment, Bitext
from translate.engines.apertium import ApertiumEngine
from translate.glossary import load_glossaries
from translate.markup import _TOKEN, markup_view
from translate.outputs import document_text
from translate.pipeline import Translator

GLOSSARY = ROOT / "glossaries" / "caucasus.yaml"
TAG = re.compile(r"<[^<>]*>")


def tags(text: str) -> list[str]:
    return TAG.findall(text)


@pytest.fixture(scope="module")
def pipeline() -> Translator:
    return Translator(load_glossaries([GLOSSARY]))


def translate(pipeline: Translator, html: str):
    return pipeline.translate(parse_html(html, "en", "t.html"), "es", engine=ApertiumEngine())


# ---------------------------------------------------------------- properties

HTML_BITS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<h2>",
        "</h2>",
        "<li>",
        "</li>",
        "<ul>",
        "</ul>",
        "<td>",
        "<tr>",
        "<table>",
        "</table>",
        "<blockquote>",
        "</blockquote>",
        "<div>",
        "</div>",
        "<b>",
        "</b>",
        "<em>",
        "</em>",
        '<a href="/x?a=1&amp;b=2" title="A. B.">',
        "</a>",
        '<span class="notranslate">',
        '<span translate="no">',
        "</span>",
        "<span>",
        "<code>",
        "</code>",
        "<pre>",
        "</pre>",
        "<script>",
        "</script>",
        "<style>",
        "<br>",
        "<br/>",
        '<img alt="Baku. Today." src="x.png">',
        "<!-- c. -->",
        "<!DOCTYPE html>",
        "<![CDATA[x]]>",
        "<?php x ?>",
        "</>",
        "<",
        ">",
        "&",
        "&amp;",
        "&nbsp;",
        "&#8217;",
        "&#x41;",
        "&bogus;",
        "&amp",
        "Mr. ",
        "5 Oct. ",
        "Amir",
        "-",
        "Abdollahian",
        "Baku",
        "word",
        "Word",
        ".",
        "!",
        "?",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "\u00a0",
        "\ufeff",
        "\x00",
        "é",
        "این",
        "«",
        "»",
        '"',
        "'",
    ]
)
HTMLISH = st.lists(HTML_BITS, max_size=40).map("".join)
LANGS = st.sampled_from(["en", "fa", "de"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HTMLISH, LANGS)
def test_htmlish_input_reassembles(text: str, lang: str) -> None:
    doc = parse_html(text, lang, "t.html")
    check(doc)
    assert doc.format == "html"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), LANGS)
def test_any_text_reassembles(text: str, lang: str) -> None:
    check(parse_html(text, lang, "t.html"))


def tag_sequence(text: str, keep) -> list[str]:
    return [
        m.group()
        for a, b in keep
        for m in _TOKEN.finditer(text[a:b])
        if m.group("tag") or m.group("comment")
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HTMLISH)
def test_replacing_words_keeps_the_tag_sequence(text: str) -> None:
    """Whatever terms are replaced, the tags that were inside them come out in order."""
    for seg in parse_html(text, "en", "t.html").segments:
        view = markup_view(seg.source, seg.keep)
        if view is None:
            continue
        edits = [
            (*view.span(m.start(), m.end()), "X")
            for m in re.finditer(r"\w+(?:[- ]\w+)?", view.text)
            if not any(
                a < view.span(m.start(), m.end())[1] and view.span(m.start(), m.end())[0] < b
                for a, b in view.opaque
            )
        ]
        new, keep = view.edit(edits)
        assert tag_sequence(new, keep) == tag_sequence(seg.source, seg.keep)
        assert all(0 <= a < b <= len(new) for a, b in keep)
        # every "<" of the markup is still in a keep span (only references inside a
        # replaced name go, with the name)
        kept = "".join(new[a:b] for a, b in keep)
        assert kept.count("<") == "".join(seg.source[a:b] for a, b in seg.keep).count("<")


# ---------------------------------------------------------------- reading


def test_blocks_sentences_and_inline_tags() -> None:
    html = (
        "<!DOCTYPE html>\n<html><head><title>Talks</title><style>p {color: red}</style></head>\n"
        "<body><h1>Talks in <b>Baku</b></h1>\n"
        '<p>The envoy <a href="https://example.com/?a=1&amp;b=2" title="Mr. X">arrived</a>. '
        "He left.</p>\n<ul><li>One.<li>Two &amp; three.</ul>\n"
        "<blockquote><p>Quoted words.</p></blockquote>\n"
        "<table><tr><td>Cell text.<td>42</table>\n"
        '<figure><img src="a.png" alt="A picture."><figcaption>A caption.</figcaption></figure>\n'
        "<p>Line one<br>line two.</p></body></html>\n"
    )
    doc = parse_html(html, "en", "t.html")
    check(doc)
    got = [(p.kind, s.source, s.translatable) for p in doc.paragraphs for s in p.segments]
    assert got == [
        ("heading", "Talks", True),
        ("heading", "Talks in <b>Baku</b>", True),
        (
            "paragraph",
            'The envoy <a href="https://example.com/?a=1&amp;b=2" title="Mr. X">arrived</a>.',
            True,
        ),
        ("paragraph", "He left.", True),
        ("list_item", "One.", True),
        ("list_item", "Two &amp; three.", True),
        ("quote", "Quoted words.", True),
        ("table", "Cell text.", True),
        ("table", "42", False),
        ("paragraph", "A caption.", True),
        ("paragraph", "Line one", True),
        ("paragraph", "line two.", True),
    ]
    # the <br> splits the sentence but not the paragraph
    assert doc.segments[-1].paragraph == doc.segments[-2].paragraph
    # attributes (href, title, alt) are inside keep spans: never translated
    link = doc.segments[2]
    assert [link.source[a:b] for a, b in link.keep] == [
        '<a href="https://example.com/?a=1&amp;b=2" title="Mr. X">',
        "</a>",
    ]
    assert 'alt="A picture."' in doc.segments[8].after


def test_untranslatable_elements_are_not_segments_or_are_kept_whole() -> None:
    html = (
        '<p class="lead notranslate">Baku stays.</p>'
        '<div translate="no"><p>Nor this.</p></div>'
        "<pre>code. More code.</pre><script>var s = '<p>Baku</p>';</script>"
        '<p>Run <code>make. all</code> in <span translate="no">Baku</span> now.</p>'
    )
    doc = parse_html(html, "en", "t.html")
    check(doc)
    [seg] = doc.segments
    assert seg.source == 'Run <code>make. all</code> in <span translate="no">Baku</span> now.'
    assert [seg.source[a:b] for a, b in seg.keep] == [
        "<code>make. all</code>",
        '<span translate="no">Baku</span>',
    ]


def test_implied_end_tags_end_untranslatable_paragraphs() -> None:
    doc = parse_html('<p class="notranslate">Keep this.<p>Translate this.', "en", "t.html")
    check(doc)
    assert [s.source for s in doc.segments] == ["Translate this."]


def test_html_extension_is_detected(tmp_path) -> None:
    path = tmp_path / "story.html"
    path.write_text("<p>Hello <i>there</i>.</p>\n", encoding="utf-8")
    assert detect_format(str(path)) == "html" and detect_format("x.HTM") == "html"
    assert detect_format("x", "htm") == "html"
    doc = load_article(str(path), "en")
    assert doc.format == "html" and doc.segments[0].source == "Hello <i>there</i>."


def test_markup_view_projects_tags_and_references() -> None:
    source = "<b>Amir</b>-Abdollahian met Ilham&nbsp;Aliyev in <code>x</code>."
    doc = parse_html(f"<p>{source}</p>", "en", "t.html")
    [seg] = doc.segments
    view = markup_view(seg.source, seg.keep)
    assert view is not None
    assert view.text == "Amir-Abdollahian met Ilham\u00a0Aliyev in <code>x</code>."
    assert view.opaque == ((seg.source.index("<code>"), seg.source.index(".", -2)),)
    start = view.text.index("Amir")
    assert view.span(start, start + len("Amir-Abdollahian")) == (3, len("<b>Amir</b>-Abdollahian"))
    new, keep = view.edit([(3, len("<b>Amir</b>-Abdollahian"), "John")])
    assert new.startswith("<b>John</b> met")
    assert [new[a:b] for a, b in keep][:2] == ["<b>", "</b>"]


# ---------------------------------------------------------------- through Apertium


ARTICLE = (
    "<h1>Talks in <em>Baku</em></h1>\n"
    '<p>Foreign minister <b>Amir</b>-Abdollahian arrived in <a href="https://example.com/baku?x=1&amp;y=2" '
    'title="Baku talks">Baku</a> on Monday. He met Ilham&nbsp;Aliyev.</p>\n'
    "<ul><li>Hossein Amir-<strong>Abdollahian</strong> spoke.</li><li>The house is big.</li></ul>\n"
    '<p class="notranslate">Baku is written as is.</p>\n'
    '<p>The <span translate="no">Baku</span> office and the <code>Baku</code> tag.</p>\n'
    "<script>document.title = 'Baku';</script>\n"
)


def test_markup_survives_a_real_translation(apertium_eng_spa, pipeline) -> None:
    bitext = translate(pipeline, ARTICLE)
    out = bitext.target_text()
    assert tags(out) == tags(ARTICLE)
    assert '<a href="https://example.com/baku?x=1&amp;y=2" title="Baku talks">Bakú</a>' in out
    assert "<h1>" in out and "Bakú" in out and "Ilham Alíev" in out
    assert "*" not in out and "[" not in out


def test_untranslatable_content_is_kept_verbatim(apertium_eng_spa, pipeline) -> None:
    bitext = translate(pipeline, ARTICLE)
    out = bitext.target_text()
    assert '<p class="notranslate">Baku is written as is.</p>' in out
    assert '<span translate="no">Baku</span>' in out and "<code>Baku</code>" in out
    assert "<script>document.title = 'Baku';</script>" in out
    # the kept "Baku"s are no glossary hits; the translated ones are
    last = bitext.segments[-1]
    assert last.segment.source.startswith("The <span")
    assert last.terms == ()


def test_names_split_by_inline_tags_are_found_and_enforced(apertium_eng_spa, pipeline) -> None:
    bitext = translate(pipeline, ARTICLE)
    hits = [(t.id, t.source, t.status) for a in bitext for t in a.terms]
    assert ("amir-abdollahian-surname", "Amir-Abdollahian", "enforced") in hits
    assert ("amir-abdollahian", "Hossein Amir-Abdollahian", "enforced") in hits
    assert ("ilham-aliyev", "Ilham\u00a0Aliyev", "enforced") in hits
    out = bitext.target_text()
    # the tag that was inside the name now wraps the whole name
    assert "<b>Amir Abdolahian</b>" in out
    assert "<strong>Hosein Amir Abdolahian</strong>" in out
    assert "Abdollahian" not in out


def test_markdown_inline_html_names_are_found_too(apertium_eng_spa, pipeline) -> None:
    doc = parse_markdown("Minister <b>Amir</b>-Abdollahian left Baku.\n", "en", "t.md")
    [aligned] = pipeline.translate(doc, "es", engine=ApertiumEngine())
    assert "<b>Amir Abdolahian</b>" in aligned.target and "Bakú" in aligned.target


def test_cli_translates_an_html_file(apertium_eng_spa, tmp_path) -> None:
    story = tmp_path / "story.en.html"
    story.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_cli(
        "article",
        str(story),
        "--to",
        "es",
        "--engine",
        "apertium",
        "--glossary",
        str(GLOSSARY),
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    # a bitext holds the text as read: "Ilham&nbsp;Aliyev" is "Ilham\u00a0Aliyev" there
    sources = rows[0].get("before", "") + "".join(r["source"] + r["after"] for r in rows)
    decoded, references = decode_references(ARTICLE)
    assert sources == decoded and "Ilham\u00a0Aliyev" in sources
    assert references.restore(sources) == ARTICLE
    rebuilt = rows[0].get("before", "") + "".join(r["target"] + r["after"] for r in rows)
    assert tags(rebuilt) == tags(ARTICLE)


# ---------------------------------------------------------------- character references

REFERENCED = (
    "<h1>Aliyev&#8217;s plan for Baku</h1>\n"
    "<p>President Aliyev&#8217;s plan was welcomed in Baku &amp; Tbilisi on Monday. "
    "Officials said &ldquo;Azerbaijan&rdquo; would sign the <b>agreement</b> with "
    "Georgia&#8217;s government &lt;today&gt;.</p>\n"
)


def test_cli_reads_references_as_characters_and_writes_them_back(apertium_eng_spa, tmp_path):
    """``Aliyev&#8217;s`` is a possessive to the engine ("el plan de Alíev"), the names
    are enforced, and the translated file writes its references as the source did."""
    story = tmp_path / "story.en.html"
    story.write_text(REFERENCED, encoding="utf-8")
    out, report = tmp_path / "story.es.html", tmp_path / "report.json"
    args = ["--to", "es", "--engine", "apertium", "-g", str(GLOSSARY)]
    result = run_cli("article", str(story), *args, "-o", str(out), "--report", str(report))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    pair = json.loads(report.read_text(encoding="utf-8"))["pairs"][0]
    enforced = {t["id"]: t["enforced"] for t in pair["terms"]}
    assert pair["missing"] == pair["ambiguous"] == pair["corrected"] == 0, pair
    assert enforced == {"aliyev-surname": 2, "baku": 2, "tbilisi": 1, "azerbaijan": 1, "georgia": 1}
    assert {"s", "amp", "rsquo"}.isdisjoint(w["word"] for w in pair["unknown_words"])
    assert "plan de Alíev" in text and "gobierno de Georgia" in text  # possessives read
    assert "&#8217;s" not in text and "Alíev&" not in text
    # kept characters come back as the references they were; markup ones stay escaped
    assert "&ldquo;" in text and "&rdquo;" in text and "“" not in text and "”" not in text
    assert "&amp;" in text and "&lt;" in text and "&gt;" in text
    assert tags(text) == tags(REFERENCED)
    assert "Bakú" in text and "Tiflis" in text and "Azerbaiyán" in text


def test_cli_spanish_references_in_names_are_matched(apertium_eng_spa, tmp_path) -> None:
    """``Bak&uacute;`` and ``Al&iacute;ev`` are the glossary's Spanish names."""
    source = (
        "<p>El plan de Al&iacute;ev para Bak&uacute; &amp; Tiflis fue aprobado "
        "el lunes.</p>\n<p>Teher&aacute;n no dijo nada.</p>\n"
    )
    story = tmp_path / "story.es.html"
    story.write_text(source, encoding="utf-8")
    out, report = tmp_path / "story.en.html", tmp_path / "story.en.report.json"
    args = ["--to", "en", "--engine", "apertium", "-g", str(GLOSSARY), "-o", str(out)]
    result = run_cli("article", str(story), *args)
    assert result.returncode == 0, result.stderr
    pair = json.loads(report.read_text(encoding="utf-8"))["pairs"][0]
    text = out.read_text(encoding="utf-8")
    assert "Baku" in text and "Aliyev" in text and "Tehran" in text and "Tbilisi" in text
    assert "&amp;" in text and tags(text) == tags(source)
    assert "&uacute;" not in text and "Bakú" not in text
    enforced = {t["id"]: t["enforced"] for t in pair["terms"]}
    assert pair["missing"] == 0, pair
    assert {"baku", "tbilisi", "tehran"} <= set(enforced), pair
    assert {t["id"] for t in pair["terms"]} & {"ilham-aliyev", "aliyev-surname"}, pair


# decode -> encode without the engine gives the file back byte for byte, whatever mix of
# forms (raw, named, decimal, hexadecimal) a character is written in
REF_FORMS = ["&#8217;", "&rsquo;", "&#x2019;", "’"]
PIECES = ["Aliyev", "Bak", "s", " ", ". ", "<p>", "</p>", "<b>", "</b>", "<em>", "</em>",
          "&amp;", "&lt;", "&gt;", "&#38;", "&eacute;", "&uacute;", "&#8220;", "&#x201D;",
          "&nbsp;", "&hellip;", "&#039;", "&quot;", "<code>&#8217;</code>", "<br>", "\n",
          "<h2>", "</h2>", "Tbilisi", "café", "Bakú", "“", "'", '"', "&#97;", "&#8217;",
          '<a title="it&#8217;s Bakú’s">', "</a>", "<script>var s = 'it’s';</script>",
          "<!-- it’s -->", "&&#35;8217;"]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from(REF_FORMS))
def test_reading_and_writing_back_without_the_engine_gives_the_input(pieces, apostrophe):
    text = "".join(p.replace("&#8217;", apostrophe) if p != "&#8217;" else p for p in pieces)
    document = HtmlArticle().parse(text, "en", "t.html")
    check(document)
    outside = re.sub(r"<code>.*?</code>|<a [^>]*>", "", document.text)
    assert "&eacute;" not in outside and "&#8217;" not in outside and "&rsquo;" not in outside
    for kept in ("&amp;", "&lt;", "&gt;", "&#38;", "&#97;", "&#35;"):
        assert document.text.count(kept) == text.count(kept)
    assert as_written(document, document.text) == text
    identity = Bitext(
        document,
        "en",
        "es",
        "identity",
        tuple(AlignedSegment(s, s.source) for s in document.segments),
    )
    assert document_text(identity) == text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_any_text_reads_and_reassembles(text: str) -> None:
    document = HtmlArticle().parse(text, "en", "t.html")
    check(document)
    if "&" not in text:
        assert document.text == text


MD_REFERENCED = (
    "# Aliyev&#8217;s plan for Baku\n\n"
    "Aliyev&#8217;s government met in Baku with &ldquo;Tbilisi&rdquo; officials, "
    "and `Bak&uacute;` stayed code.\n"
)


def test_cli_markdown_references_are_characters_to_the_engine(apertium_eng_spa, tmp_path):
    """CommonMark reads ``&#8217;`` in text as the character: so does the matcher and
    the engine (the possessive is read, no "s" or "rsquo" unknown word), and the
    translated Markdown writes each reference back as the source did."""
    story = tmp_path / "story.en.md"
    story.write_text(MD_REFERENCED, encoding="utf-8")
    out, report = tmp_path / "story.es.md", tmp_path / "report.json"
    args = ["--to", "es", "--engine", "apertium", "-g", str(GLOSSARY)]
    result = run_cli("article", str(story), *args, "-o", str(out), "--report", str(report))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    pair = json.loads(report.read_text(encoding="utf-8"))["pairs"][0]
    enforced = {t["id"]: t["enforced"] for t in pair["terms"]}
    assert enforced == {"aliyev-surname": 2, "baku": 2, "tbilisi": 1}, pair
    assert {"s", "rsquo", "ldquo"}.isdisjoint(w["word"] for w in pair["unknown_words"])
    assert "de Alíev" in text and "&#8217;s" not in text
    assert "&ldquo;" in text and "&rdquo;" in text and "“" not in text
    assert "`Bak&uacute;`" in text  # code is kept as it was written


MD_PIECES = [*PIECES, "`&eacute;`", "**", "# ", "\n\n", "[Baku](http://a?b=1&amp;c=&#8217;)", "* "]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MD_PIECES), max_size=30), st.sampled_from(REF_FORMS))
def test_markdown_read_and_written_back_is_the_input(pieces, apostrophe) -> None:
    """With no engine, a Markdown article read with its references as characters and
    written back (as a document, through an identity translation) is the input."""
    from translate.articles import ARTICLE_FORMATS

    text = "".join(p.replace("&#8217;", apostrophe) if p != "&#8217;" else p for p in pieces)
    document = ARTICLE_FORMATS.get("markdown").parse(text, "en", "t.md")
    check(document)
    assert as_written(document, document.text) == text
    identity = Bitext(
        document,
        "en",
        "es",
        "identity",
        tuple(AlignedSegment(s, s.source) for s in document.segments),
    )
    assert document_text(identity) == text
