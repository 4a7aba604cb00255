"""Issue 14: the CMS hook under hostile input, through the real ``translate hook`` with
real Apertium eng-spa; and the markup a translation may carry in every document it
rebuilds (HTML, Markdown)."""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, run_cli
from translate.articles.html import decode_references
from translate.editorial.cms import translate_article
from translate.editorial.glossary_access import resolve_glossary
from translate.errors import UserError
from translate.markup import foreign_markup_escaped

HOSTILE = """\
entries:
  - id: baku
    type: place
    terms:
      en: Baku
      es: "<script>alert(1)</script>Bakú"
  - id: ilham-aliyev
    type: person
    terms:
      en: Ilham Aliyev
      es: "Ilham <img src=x onerror=alert(2)>Alíev"
"""


def payload(**fields) -> dict:
    return {"id": "a1", "language": "en", "targets": ["es"], "body": "<p>Talks.</p>", **fields}


def one_line_error(result) -> str:
    err = result.stderr.decode()
    assert result.returncode == 2, (result.stdout, err)
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err and result.stdout == b""
    return err


def raw_hook(data: bytes, *args: str, cwd: Path | None = None):
    return run_cli("hook", "--engine", "apertium", *args, stdin=data, cwd=cwd)


def _with_meta(meta_json: str) -> bytes:
    return (
        '{"id": "a1", "language": "en", "targets": ["es"], "body": "<p>Talks.</p>", '
        f'"meta": {meta_json}}}'
    ).encode()


# -- hostile JSON ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, message",
    [
        (_with_meta('{"n": ' + "9" * 5000 + "}"), "an integer of 5000 digits (at most 64)"),
        (_with_meta("[" * 100_000 + "]" * 100_000), "nested deeper than 64 levels"),
        (_with_meta('{"n": ' + "[" * 70 + "]" * 70 + "}"), "$.meta.n[0]...: nested deeper"),
        (_with_meta('{"x": "\\ud800"}'), "$.meta.x: a lone surrogate (\\ud800) is not text"),
        (
            b'{"id": "a1", "language": "en", "targets": ["es"], "body": "<p>\\udc00</p>"}',
            "$.body: a lone surrogate (\\udc00) is not text",
        ),
        (_with_meta('{"x": NaN}'), "NaN is not JSON"),
        (_with_meta('{"x": -Infinity}'), "-Infinity is not JSON"),
    ],
    ids=["5000-digits", "deep-100000", "deep-70", "surrogate-meta", "surrogate-body", "nan", "inf"],
)
def test_hostile_json_is_one_line_and_exit_2(apertium_eng_spa, data: bytes, message: str) -> None:
    err = one_line_error(raw_hook(data))
    assert err.startswith("translate: error: stdin: ") and message in err


def test_the_json_size_is_bounded(apertium_eng_spa) -> None:
    big = json.dumps(payload(body="<p>" + "Talks in Baku. " * 1000 + "</p>")).encode()
    err = one_line_error(raw_hook(big, "--max-bytes", "4096"))
    assert "stdin: is over 4096 bytes, the most the hook reads" in err
    assert raw_hook(big, "--max-bytes", str(len(big))).returncode == 0


def test_nan_from_a_python_cms_is_refused_not_echoed() -> None:
    with pytest.raises(UserError, match=r"\$\.meta\.score: nan is not JSON"):
        translate_article(payload(meta={"score": math.nan}), engine="apertium")


def test_the_output_is_always_valid_json(apertium_eng_spa) -> None:
    result = raw_hook(_with_meta('{"big": 1e308, "small": -0.0, "n": 123456789012345678901234}'))
    assert result.returncode == 0, result.stderr.decode()
    out = json.loads(result.stdout, parse_constant=lambda c: pytest.fail(f"{c} in the output"))
    assert out["meta"] == {"big": 1e308, "small": -0.0, "n": 123456789012345678901234}


# -- glossaries named by a request -----------------------------------------------------


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    folder = tmp_path / "glossaries"
    folder.mkdir()
    (folder / "caucasus.yaml").write_text(
        (ROOT / "glossaries/caucasus.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    secret = tmp_path / "private"
    secret.mkdir()
    (secret / "other-desk.yaml").write_text(HOSTILE, encoding="utf-8")
    (folder / "sneaky.yaml").symlink_to(secret / "other-desk.yaml")
    (tmp_path / "dragoman.toml").write_text(
        'source_lang = "en"\nglossary_dirs = ["glossaries"]\n', encoding="utf-8"
    )
    return tmp_path


@pytest.mark.parametrize(
    "ref",
    ["/etc/passwd", "private/other-desk.yaml", "glossaries/../private/other-desk.yaml", "sneaky"],
)
def test_a_service_reads_only_its_glossary_folders(apertium_eng_spa, desk: Path, ref: str) -> None:
    data = json.dumps(payload(glossaries=[ref])).encode()
    # glossary_dirs in the config confines the hook, --service or not
    for extra in ((), ("--service",)):
        err = one_line_error(raw_hook(data, *extra, cwd=desk))
        assert "$.glossaries[0]:" in err
        assert "refused" in err or "no glossary" in err
        assert "root:" not in err  # nothing of the file is shown


def test_a_service_still_reads_its_own_glossaries(apertium_eng_spa, desk: Path) -> None:
    body = "<p>Ministers met in Baku.</p>"
    for ref in ("caucasus", "glossaries/caucasus.yaml", str(desk / "glossaries/caucasus.yaml")):
        result = raw_hook(
            json.dumps(payload(body=body, glossaries=[ref])).encode(), "--service", cwd=desk
        )
        assert result.returncode == 0, result.stderr.decode()
        assert "Bakú" in json.loads(result.stdout)["translations"]["es"]["body"]


def test_resolve_glossary_confined_and_not(desk: Path) -> None:
    folders = [desk / "glossaries"]
    outside = str(desk / "private/other-desk.yaml")
    assert resolve_glossary("caucasus", folders, confined=True) == folders[0] / "caucasus.yaml"
    with pytest.raises(UserError, match="outside the glossary folders this service reads"):
        resolve_glossary(outside, folders, confined=True, where="$.glossaries[0]")
    with pytest.raises(UserError, match="no glossary 'sneaky'"):
        resolve_glossary("sneaky", folders, confined=True)  # a link out of the folder
    assert resolve_glossary(outside, folders, confined=False) == Path(outside)  # the desk's CLI


# -- markup injection: a hostile glossary ---------------------------------------------


class Tags(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)


def test_glossary_forms_never_become_markup_in_the_cms_body(apertium_eng_spa, tmp_path) -> None:
    glossary = tmp_path / "hostile.yaml"
    glossary.write_text(HOSTILE, encoding="utf-8")
    body = "<p>Ministers met in <b>Baku</b> on Sunday. Ilham Aliyev spoke in Baku.</p>"
    result = raw_hook(json.dumps(payload(body=body)).encode(), "--glossary", str(glossary))
    assert result.returncode == 0, result.stderr.decode()
    es = json.loads(result.stdout)["translations"]["es"]
    assert Tags(es["body"]).tags == ["p", "b"]  # the source's markup, nothing else
    assert "&lt;script>alert(1)&lt;/script>Bakú" in es["body"]
    assert "Ilham &lt;img src=x onerror=alert(2)>Alíev" in es["body"]
    for row in es["segments"]:
        if row["field"] == "body":
            assert "<script" not in row["target"] and "<img" not in row["target"]


@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_glossary_forms_never_become_markup_in_a_translated_document(
    apertium_eng_spa, tmp_path: Path, suffix: str
) -> None:
    glossary = tmp_path / "hostile.yaml"
    glossary.write_text(HOSTILE, encoding="utf-8")
    text = (
        "<p>Ministers met in <b>Baku</b> on Sunday. Ilham Aliyev spoke.</p>\n"
        if suffix == ".html"
        else "Ministers met in **Baku** on Sunday. Ilham Aliyev spoke in <i>Baku</i>.\n"
    )
    source = tmp_path / f"story.en{suffix}"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / f"story.es{suffix}"
    result = run_cli(
        "article", str(source), "--to", "es", "--engine", "apertium", "-g", str(glossary),
        "-o", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    written = out.read_text(encoding="utf-8")
    assert "<script" not in written and "<img" not in written
    assert "&lt;script>alert(1)&lt;/script>Bakú" in written
    assert Tags(written).tags == Tags(text).tags


@given(
    st.lists(
        st.sampled_from(
            ["<b>", "</b>", "Baku", " ", "<script>", "<", "&lt;", "x<y", "<i>", "3 < 4", "<!--"]
        ),
        max_size=12,
    ),
    st.lists(st.sampled_from(["<b>", "</b>", "<i>"]), max_size=3, unique=True),
)
def test_only_the_sources_markup_survives(pieces: list[str], allowed: list[str]) -> None:
    source = "".join(allowed) + "Baku"
    keep, pos = [], 0
    for tag in allowed:
        keep.append((pos, pos + len(tag)))
        pos += len(tag)
    target = "".join(pieces)
    out = foreign_markup_escaped(target, source, keep)
    # every "<" left that opens markup starts one of the source's tags; nothing else
    # changed ("3 < 4" is text and stays)
    for i, ch in enumerate(out):
        if ch == "<" and re.match(r"[A-Za-z/!?]", out[i + 1 : i + 2]):
            assert any(out.startswith(tag, i) for tag in allowed), out
    assert out.replace("&lt;", "<") == target.replace("&lt;", "<")
    if all(p in allowed or "<" not in p for p in pieces):
        assert out == target


# -- character references -------------------------------------------------------------


def test_character_references_read_as_characters_and_come_back_as_they_came(
    apertium_eng_spa,
) -> None:
    raw = "<p>Ilham Aliyev’s plan was discussed in Baku’s hall &amp; in Tehran.</p>"
    encoded = raw.replace("’", "&#8217;")

    def es(body: str) -> dict:
        result = raw_hook(json.dumps(payload(body=body, glossaries=["caucasus"])).encode())
        assert result.returncode == 0, result.stderr.decode()
        return json.loads(result.stdout)["translations"]["es"]

    plain, referenced = es(raw), es(encoded)
    # the possessive is one to the engine and the matcher: "El plan de Ilham Alíev"
    assert "de Ilham Alíev" in plain["body"] and "Aliyev" not in plain["body"]
    assert referenced["body"] == plain["body"].replace("’", "&#8217;")
    assert referenced["status"] == plain["status"] == "ok"
    terms = [t["id"] for row in referenced["segments"] for t in row["terms"]]
    assert terms == [t["id"] for row in plain["segments"] for t in row["terms"]]
    assert "ilham-aliyev" in terms
    assert "&amp;" in referenced["body"]  # markup-significant references stay
    assert [row["source"] for row in referenced["segments"]] == [
        row["source"].replace("’", "&#8217;") for row in plain["segments"]
    ]


REF_PIECES = ["a", " ", "Baku", "&#8217;", "&eacute;", "&amp;", "&lt;", "<b>", "</b>", "&nbsp;",
              "&#60;", '<a title="x&#8217;y">', "</a>", "<script>&#8217;</script>"]  # fmt: skip


@given(st.lists(st.sampled_from(REF_PIECES), max_size=20))
def test_references_decode_and_restore_byte_for_byte(pieces: list[str]) -> None:
    text = "".join(pieces)
    decoded, references = decode_references(text)
    assert references.restore(decoded) == text
    outside = decoded.replace('title="x&#8217;y"', "").replace("<script>&#8217;</script>", "")
    assert "&#8217;" not in outside and "&eacute;" not in outside and "&nbsp;" not in outside
    for kept in ("&amp;", "&lt;", "&#60;"):  # they would be markup: they stay references
        assert decoded.count(kept) == text.count(kept)


def test_a_character_written_both_ways_comes_back_one_way() -> None:
    decoded, references = decode_references("<p>Baku&rsquo;s and Aliyev&#8217;s</p>")
    assert decoded == "<p>Baku’s and Aliyev’s</p>"
    assert references.restore(decoded) == "<p>Baku&rsquo;s and Aliyev&rsquo;s</p>"
    decoded, references = decode_references("<p>Baku’s and Aliyev&#8217;s</p>")
    assert references.restore(decoded) == "<p>Baku’s and Aliyev’s</p>"  # raw once: raw


def test_markdown_keeps_its_own_markup_and_text_angle_brackets(apertium_eng_spa, tmp_path) -> None:
    """Only a translation's foreign markup is escaped: raw HTML blocks, comments,
    autolinks, code spans and a plain "3 < 4" come through as they were."""
    glossary = tmp_path / "hostile.yaml"
    glossary.write_text(HOSTILE, encoding="utf-8")
    text = (
        "# Talks in Baku\n\n"
        "See <https://example.com/a> and <b>Baku</b>, 3 < 4 and `a<b` here.\n\n"
        '<div class="x">\n<p>Raw block in Baku.</p>\n</div>\n\n'
        "<!-- a comment <x> -->\n\n"
        "A [link](https://e.com/?a<b) in Baku.\n"
    )
    source = tmp_path / "story.en.md"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "story.es.md"
    result = run_cli(
        "article", str(source), "--to", "es", "--engine", "apertium", "-g", str(glossary),
        "-o", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    written = out.read_text(encoding="utf-8")
    for kept in (
        "<https://example.com/a>",
        "3 < 4",
        "`a<b`",
        '<div class="x">\n<p>Raw block in Baku.</p>\n</div>',
        "<!-- a comment <x> -->",
        "(https://e.com/?a<b)",
    ):
        assert kept in written, (kept, written)
    assert "<b>&lt;script>alert(1)&lt;/script>Bakú</b>" in written
    assert "<script" not in written
