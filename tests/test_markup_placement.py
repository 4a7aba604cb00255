"""Bold, emphasis and links stay on their words when the engine reorders them.

Unit tests of :mod:`translate.inline` with explicit word links, a property test of the
lift/place round trip, and end-to-end runs through the real CLI and CMS hook with
Apertium, whose reorderings (adjective after noun, possessive to "del", a dateline
turned around) are what an editor sees.
"""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from conftest import run_cli
from translate.inline import Wrap, lift, pairs, place


def spans_of(text: str, *pieces: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for piece in pieces:
        start = text.index(piece, pos)
        out.append((start, start + len(piece)))
        pos = start + len(piece)
    return out


# ---------------------------------------------------------------- pairing and lifting


def test_adjacent_tags_are_paired_one_by_one() -> None:
    text = "The <b><i>minister</i></b> said."
    lifted = lift(text, spans_of(text, "<b><i>", "</i></b>"))
    assert lifted.text == "The minister said."
    assert [(w.open, w.close, lifted.text[w.start : w.end]) for w in lifted.wraps] == [
        ("<b>", "</b>", "minister"),
        ("<i>", "</i>", "minister"),
    ]


def test_unpaired_or_empty_markup_stays_in_place() -> None:
    text = "A <br> stray </em> and <b></b> `code` here."
    keep = spans_of(text, "<br>", "</em>", "<b>", "</b>", "`code`")
    lifted = lift(text, keep)
    assert lifted.wraps == () and lifted.text == text
    assert pairs("x ** y", [(2, 4)]) == []


def test_markdown_links_and_emphasis_pair() -> None:
    text = "See [the report](http://x) and **the *new* plan**."
    keep = spans_of(text, "[", "](http://x)", "**", "*", "*", "**")
    lifted = lift(text, keep)
    assert lifted.text == "See the report and the new plan."
    assert [(w.open, lifted.text[w.start : w.end]) for w in lifted.wraps] == [
        ("[", "the report"),
        ("**", "the new plan"),
        ("*", "new"),
    ]


# ---------------------------------------------------------------- placing


def test_a_reordered_adjective_keeps_its_emphasis() -> None:
    bare = "The new pipeline"
    links = [((0, 3), (0, 2)), ((4, 7), (11, 16)), ((8, 16), (3, 10))]
    out, issues = place("La tubería nueva", [Wrap("<em>", "</em>", 4, 7)], bare, links)
    assert out == "La tubería <em>nueva</em>" and issues == ()


def test_a_term_is_wrapped_whole_by_its_target_form() -> None:
    bare = "TEHRAN — Iran said."
    out, issues = place(
        "Irán — de Teherán dijo.", [Wrap("**", "**", 0, 6)], bare, [], [("TEHRAN", "Teherán")]
    )
    assert out == "Irán — de **Teherán** dijo." and issues == ()


def test_markup_that_cannot_be_placed_is_an_issue_not_moved() -> None:
    bare = "The red house fell."
    wraps = [Wrap("<b>", "</b>", 4, 7)]
    out, issues = place("La casa cayó.", wraps, bare, [((8, 13), (3, 7))])
    assert out == "La casa cayó."
    assert len(issues) == 1 and "<b>" in issues[0] and "'red'" in issues[0]
    # words of the wrap split by a word from outside it
    links = [((4, 7), (0, 3)), ((8, 13), (8, 13)), ((14, 17), (4, 7))]
    out, issues = place("one two three", [Wrap("*", "*", 4, 13)], "The abc house def", links)
    assert out == "one two three"
    assert len(issues) == 1 and "split by other words" in issues[0]


def test_crossing_wraps_are_refused() -> None:
    # "a" comes out as "x z", "b" as "z y": the second wrap would cross the first
    links = [((0, 1), (0, 1)), ((0, 1), (2, 3)), ((2, 3), (2, 3)), ((2, 3), (4, 5))]
    wraps = [Wrap("<b>", "</b>", 0, 1), Wrap("<i>", "</i>", 2, 3)]
    out, issues = place("x z y", wraps, "a b", links)
    assert out == "<b>x z</b> y"
    assert len(issues) == 1 and "cross" in issues[0]


WORD = st.text(alphabet="abcdefghij", min_size=1, max_size=6)


@given(st.lists(WORD, min_size=1, max_size=8), st.data())
def test_lift_then_place_on_the_same_words_gives_the_text_back(words, data) -> None:
    """With the identity alignment (an engine that copies), markup comes back exactly."""
    wrapped = data.draw(st.sets(st.integers(0, len(words) - 1)))
    tags = data.draw(st.sampled_from([("<b>", "</b>"), ("**", "**"), ("[", "](u)")]))
    pieces, keep, pos = [], [], 0
    for i, word in enumerate(words):
        if i:
            pieces.append(" ")
            pos += 1
        if i in wrapped:
            keep.append((pos, pos + len(tags[0])))
            pieces.append(tags[0] + word + tags[1])
            pos += len(tags[0]) + len(word)
            keep.append((pos, pos + len(tags[1])))
            pos += len(tags[1])
        else:
            pieces.append(word)
            pos += len(word)
    text = "".join(pieces)
    lifted = lift(text, keep)
    assert lifted.text == " ".join(words)
    bare_words = list(re.finditer(r"\w+", lifted.text))
    links = [(m.span(), m.span()) for m in bare_words]
    out, issues = place(lifted.text, lifted.wraps, lifted.text, links)
    assert out == text and issues == ()


# ---------------------------------------------------------------- the real thing

ARTICLE = """\
**TEHRAN** — Iran said on Monday that the *new* pipeline was ready.

The **minister**'s plan was [the big report](https://example.com/r) of the week.

The Convention on the [Legal Status of the Caspian Sea](https://example.com/c) article was signed.
"""


def translate_jsonl(path, *args: str) -> list[dict]:
    result = run_cli(
        "article",
        str(path),
        "--engine",
        "apertium",
        "-g",
        "glossaries/caucasus.yaml",
        "-f",
        "jsonl",
        *args,
    )
    assert result.returncode in (0, 1), result.stderr
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_markdown_markup_follows_apertium_reordering(apertium_eng_spa, tmp_path) -> None:
    article = tmp_path / "story.md"
    article.write_text(ARTICLE, encoding="utf-8")
    rows = translate_jsonl(article, "--to", "es")
    targets = [r["target"] for r in rows]
    assert targets[0].startswith("Irán — de **TEHERÁN** dijo")  # the bold dateline
    assert "la tubería *nueva*" in targets[0]  # adjective after its noun
    assert "El plan del **ministro**" in targets[1]  # the possessive turned around
    assert "[el informe grande](https://example.com/r)" in targets[1]
    # Apertium puts "article" between the words of the link: not placed, flagged
    assert "](https://example.com/c)" not in targets[2] and "[" not in targets[2]
    assert len(rows[2]["issues"]) == 1 and "split" in rows[2]["issues"][0]
    assert "issues" not in rows[0] and "issues" not in rows[1]


def test_an_unplaced_tag_fails_strict_and_is_in_the_report(apertium_eng_spa, tmp_path) -> None:
    article = tmp_path / "story.md"
    article.write_text(ARTICLE, encoding="utf-8")
    report = tmp_path / "report.json"
    result = run_cli(
        "article",
        str(article),
        "--to",
        "es",
        "--engine",
        "apertium",
        "-f",
        "jsonl",
        "--strict",
        "--report",
        str(report),
    )
    assert result.returncode == 1
    issues = json.loads(report.read_text(encoding="utf-8"))["pairs"][0]["issues"]
    assert [i["segment"] for i in issues] == [2]


def test_html_markup_follows_apertium_reordering(apertium_eng_spa, tmp_path) -> None:
    page = tmp_path / "story.html"
    page.write_text(
        "<p>The <em>new</em> pipeline of the <b><i>minister</i></b> opened.</p>\n",
        encoding="utf-8",
    )
    rows = translate_jsonl(page, "--to", "es")
    target = rows[0]["target"]
    assert target.startswith("La tubería <em>nueva</em> ") and target.endswith(" abrió.")
    assert re.search(r"<b><i>ministr[oa]</i></b>", target), target


def test_cms_hook_keeps_markup_on_its_words(apertium_eng_spa) -> None:
    payload = {
        "id": "a1",
        "language": "en",
        "body": "<p><strong>TEHRAN</strong> — The <em>new</em> pipeline opened.</p>\n"
        '<p>The Convention on the <a href="https://example.com/c">Legal Status of the '
        "Caspian Sea</a> article was signed.</p>\n",
        "body_format": "html",
        "targets": ["es"],
        "glossaries": ["caucasus"],
    }
    result = run_cli("hook", "--engine", "apertium", stdin=json.dumps(payload).encode())
    assert result.returncode == 0, result.stderr
    es = json.loads(result.stdout)["translations"]["es"]
    assert "<strong>Teherán</strong>" in es["body"] or "<strong>TEHERÁN</strong>" in es["body"]
    assert "La tubería <em>nueva</em> abrió." in es["body"]
    assert es["status"] == "needs-review"
    assert [r["reason"] for r in es["review"]] == ["markup"]
    assert "<a " not in es["body"] and "</a>" not in es["body"]
