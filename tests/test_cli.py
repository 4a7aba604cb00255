"""The real ``translate`` command end to end, with the real Apertium engine."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, run_cli

EXAMPLE = "examples/baku-talks.en.txt"
GLOSSARY = "glossaries/caucasus.yaml"


def test_example_article_in_spanish(apertium_eng_spa) -> None:
    result = run_cli("article", EXAMPLE, "--from", "en", "--to", "es", "--glossary", GLOSSARY)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "Bakú" in out and "Hosein Amir Abdolahian" in out and "Nagorno Karabaj" in out
    assert "*Baku" not in out


def test_jsonl_for_two_languages_aligns_and_reassembles(
    apertium_eng_spa, apertium_eng_cat, tmp_path
) -> None:
    out = tmp_path / "out.jsonl"
    result = run_cli(
        "article",
        "examples/caspian-summit.en.md",
        "--to",
        "es,ca",
        "--engine",
        "apertium",
        "--glossary",
        GLOSSARY,
        "--format",
        "jsonl",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    article = (ROOT / "examples/caspian-summit.en.md").read_text(encoding="utf-8")
    for lang in ("es", "ca"):
        rows = [r for r in records if r["target_lang"] == lang]
        assert [r["segment"] for r in rows] == list(range(len(rows)))
        rebuilt = rows[0].get("before", "") + "".join(r["source"] + r["after"] for r in rows)
        assert rebuilt == article
        for r in rows:
            assert {
                "doc",
                "paragraph",
                "source_lang",
                "target_lang",
                "source",
                "target",
                "terms",
            } <= r.keys()
            assert all(
                t["status"] in ("enforced", "corrected", "ambiguous", "missing") for t in r["terms"]
            )
        baku = [t for r in rows for t in r["terms"] if t["id"] == "baku"]
        assert baku and all(t["target"] == ("Bakú") for t in baku)
        assert all(
            t["target"] in r["target"] for r in rows for t in r["terms"] if t["status"] != "missing"
        )


def test_stdin_with_a_desk_tsv_glossary(apertium_eng_spa, tmp_path) -> None:
    desk = tmp_path / "desk.tsv"
    desk.write_text(
        "en\tes\nZangezur corridor\tcorredor de Zangezur\nBaku\tBakú\n", encoding="utf-8"
    )
    story = "The Zangezur corridor was discussed in Baku. Baku's envoy agreed.\n"
    result = run_cli(
        "article",
        "-",
        "--from",
        "en",
        "--to",
        "es",
        "--glossary",
        str(desk),
        "--format",
        "tsv",
        stdin=story.encode(),
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines[0].split("\t")[:7] == [
        "doc",
        "paragraph",
        "segment",
        "source_lang",
        "target_lang",
        "source",
        "target",
    ]
    targets = [line.split("\t")[6] for line in lines[1:]]
    assert "corredor de Zangezur" in targets[0] and "Bakú" in targets[0]
    assert "enviado de Bakú" in targets[1]


def test_report_json_lists_every_term(apertium_eng_spa, tmp_path) -> None:
    report = tmp_path / "r.json"
    result = run_cli(
        "article",
        EXAMPLE,
        "--to",
        "es",
        "-g",
        GLOSSARY,
        "--report",
        str(report),
        "-o",
        str(tmp_path / "out.tsv"),
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    [pair] = data["pairs"]
    assert (
        pair["occurrences"]
        == (pair["enforced"] + pair["corrected"] + pair["ambiguous"] + pair["missing"])
        > 40
    )
    assert any(u["word"] == "invitee" for u in pair["unknown_words"])


def test_glossary_lint_of_the_shipped_glossary_is_clean() -> None:
    result = run_cli("glossary", "lint", GLOSSARY)
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()


def test_languages_names_pairs(apertium_eng_spa) -> None:
    result = run_cli("languages")
    assert result.returncode == 0
    assert "en-es" in result.stdout.decode() and "Spanish" in result.stdout.decode()


def test_help_does_not_import_torch() -> None:
    code = (
        "import sys\nfrom translate.cli import main\n"
        "try:\n main(['--help'])\nexcept SystemExit:\n pass\n"
        "print('torch' in sys.modules, 'argostranslate.translate' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False False")


# -- bad input: one line on stderr, exit 2, no traceback, no partial output -----------


def _bad(result, *needles: str) -> str:
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for needle in needles:
        assert needle in err, err
    return err


def test_invalid_utf8_names_file_and_line(tmp_path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"First line.\nSecond line caf\xe9.\n")
    _bad(run_cli("article", str(bad), "--to", "es"), f"{bad}:2", "UTF-8")


def test_binary_empty_and_missing_files(tmp_path) -> None:
    binary = tmp_path / "a.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    _bad(run_cli("article", str(binary), "--to", "es"), str(binary), "binary")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    _bad(run_cli("article", str(empty), "--to", "es"), str(empty), "empty")
    _bad(run_cli("article", str(tmp_path / "nope.txt"), "--to", "es"), "nope.txt")


def test_input_format_choices_come_from_the_article_registry(apertium_eng_spa, tmp_path) -> None:
    from translate.articles import ARTICLE_FORMATS

    usage = run_cli("article", "--help").stdout.decode()
    assert "--input-format {" + ",".join(ARTICLE_FORMATS.names()) + "}" in usage
    page = tmp_path / "page.txt"  # not .html: the flag decides
    page.write_text("<p>Talks in <b>Baku</b>.</p>\n", encoding="utf-8")
    result = run_cli("article", str(page), "--to", "es", "--input-format", "html", "-f", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    (row,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert (row["source"], row.get("before"), row["after"]) == (
        "Talks in <b>Baku</b>.",
        "<p>",
        "</p>\n",
    )
    _bad(run_cli("article", str(page), "--to", "es", "--input-format", "rtf"), "invalid choice")


def test_unknown_language_and_missing_pair(apertium_eng_spa) -> None:
    _bad(run_cli("article", EXAMPLE, "--to", "xx-nonsense"), "xx")
    _bad(
        run_cli("article", EXAMPLE, "--to", "ja", "--engine", "apertium"),
        "no apertium package provides it",
    )
    _bad(
        run_cli("article", EXAMPLE, "--to", "gl", "--engine", "apertium"),
        "apt-get install apertium-en-gl",
    )


def test_malformed_glossary_gives_its_line(tmp_path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("entries:\n  - id: baku\n    terms: [unclosed\n", encoding="utf-8")
    _bad(run_cli("article", EXAMPLE, "--to", "es", "-g", str(broken)), f"{broken}:")


def test_unwritable_output_leaves_nothing_behind(tmp_path) -> None:
    target = tmp_path / "missing-dir" / "out.jsonl"
    _bad(run_cli("article", EXAMPLE, "--to", "es", "-o", str(target)), "missing-dir")
    assert not target.parent.exists()


def test_failed_run_does_not_clobber_existing_output(tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    _bad(run_cli("article", str(tmp_path / "nope.txt"), "--to", "es", "-o", str(out)))
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]
