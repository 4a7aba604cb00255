"""Translated documents: the article itself, in its own format, one file per language.

Through the real CLI with Apertium: the layout of the source (headings, lists, blank
lines, markup) comes back around the translation, ``-o`` patterns name one file per
language, a report lands beside each, and the old bitext outputs stay reachable.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT, run_cli

STORY = """\
---
slug: baku-talks
---
# Talks in Baku

**BAKU** — The *new* pipeline opened on Monday.

- Officials met in Tehran.
- The minister's plan was approved.
"""


def _bad(result, *needles: str) -> None:
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert len(err.strip().splitlines()) == 1, err
    for needle in needles:
        assert needle in err, err


def test_a_pattern_writes_one_document_per_language(
    apertium_eng_spa, apertium_eng_cat, tmp_path
) -> None:
    source = tmp_path / "story.en.md"
    source.write_text(STORY, encoding="utf-8")
    (tmp_path / "out").mkdir()
    result = run_cli(
        "article",
        str(source),
        "--to",
        "es,ca",
        "--engine",
        "apertium",
        "-g",
        "glossaries/caucasus.yaml",
        "-o",
        str(tmp_path / "out" / "{stem}.{lang}{ext}"),
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "story.ca.md",
        "story.ca.report.json",
        "story.es.md",
        "story.es.report.json",
    ]
    es = (tmp_path / "out" / "story.es.md").read_text(encoding="utf-8")
    lines = es.splitlines()
    assert len(lines) == len(STORY.splitlines())
    assert lines[:3] == ["---", "slug: baku-talks", "---"]  # front matter kept
    assert lines[3].startswith("# ") and "Bakú" in lines[3]
    assert lines[5].startswith("**BAKÚ** — ") and "tubería *nueva*" in lines[5]
    assert lines[7].startswith("- ") and "Teherán" in lines[7] and lines[8].startswith("- ")
    report = json.loads((tmp_path / "out" / "story.es.report.json").read_text(encoding="utf-8"))
    assert report["pairs"][0]["target_lang"] == "es" and report["pairs"][0]["missing"] == 0


def test_an_output_named_like_a_translation_is_a_document(apertium_eng_spa, tmp_path) -> None:
    source = tmp_path / "story.en.md"
    source.write_text(STORY, encoding="utf-8")
    out = tmp_path / "story.es.md"
    assert run_cli("article", str(source), "--to", "es", "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("---\nslug: baku-talks\n---\n# ")
    # the bilingual table stays available, by kind or by a name without a language
    table = tmp_path / "table.md"
    assert run_cli("article", str(source), "--to", "es", "-o", str(table)).returncode == 0
    assert "| English | Spanish |" in table.read_text(encoding="utf-8")
    assert (
        run_cli(
            "article", str(source), "--to", "es", "--output-kind", "bitext", "-o", str(out)
        ).returncode
        == 0
    )
    assert "| English | Spanish |" in out.read_text(encoding="utf-8")


def test_html_document_keeps_its_markup(apertium_eng_spa, tmp_path) -> None:
    source = tmp_path / "page.en.html"
    source.write_text(
        '<!doctype html>\n<html lang="en"><body>\n<h1>Talks in <em>Baku</em></h1>\n'
        '<p>The <b>new</b> pipeline <a href="/x">opened</a> today.</p>\n</body></html>\n',
        encoding="utf-8",
    )
    result = run_cli(
        "article",
        str(source),
        "--to",
        "es",
        "--output-kind",
        "document",
        "-g",
        "glossaries/caucasus.yaml",
    )
    assert result.returncode == 0, result.stderr
    page = result.stdout.decode()
    assert page.startswith('<!doctype html>\n<html lang="es"><body>')
    assert "<h1>" in page and "<em>Bakú</em>" in page
    assert "tubería <b>nueva</b>" in page and '<a href="/x">' in page


def test_document_mistakes_are_one_line(tmp_path) -> None:
    source = tmp_path / "story.en.md"
    source.write_text(STORY, encoding="utf-8")
    _bad(
        run_cli(
            "article",
            str(source),
            "--to",
            "es,ca",
            "--output-kind",
            "document",
            "-o",
            str(tmp_path / "story.x.md"),
        ),
        "{lang}",
    )
    _bad(run_cli("article", str(source), "--to", "es", "-o", str(tmp_path / "{nope}.md")), "{nope}")
    _bad(
        run_cli("article", str(source), "--to", "es", "--output-kind", "document", "-f", "tmx"),
        "--output-kind bitext",
    )
    _bad(
        run_cli(
            "article", str(source), "--to", "es", "-f", "tmx", "-o", str(tmp_path / "{lang}.tmx")
        ),
        "{lang}",
    )
    assert not list(Path(tmp_path).glob("*.tmx")) and not (tmp_path / "story.x.md").exists()


def test_the_shipped_example_as_a_document(apertium_eng_spa, tmp_path) -> None:
    out = tmp_path / "caspian-summit.es.md"
    result = run_cli(
        "article", str(ROOT / "examples" / "caspian-summit.en.md"), "--to", "es", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.count("\n") == (ROOT / "examples" / "caspian-summit.en.md").read_text(
        encoding="utf-8"
    ).count("\n")
