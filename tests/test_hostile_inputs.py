"""Hostile and odd input through the real CLI (issue 14): devices, pipes and huge files,
UTF-16 without a byte-order mark, HTML and Word on standard input, and terminal escapes
in an article.  Each refusal is one line naming the input, exit 2, no traceback."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

EXAMPLE = "examples/baku-talks.en.txt"


def refused(result, *words: str) -> str:
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    for word in words:
        assert word in err, err
    return err


# -- resources ------------------------------------------------------------------------


def test_dev_zero_is_refused_at_once() -> None:
    refused(run_cli("article", "/dev/zero", "--to", "es"), "/dev/zero", "not a regular file")


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path) -> None:
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    refused(run_cli("article", str(fifo), "--to", "es"), str(fifo), "not a regular file")


def test_a_glossary_that_is_a_device_is_refused() -> None:
    result = run_cli("article", EXAMPLE, "--to", "es", "-g", "/dev/zero")
    assert result.returncode == 2 and "Traceback" not in result.stderr.decode()
    assert "/dev/zero" in result.stderr.decode()


def big_article(tmp_path: Path, megabytes: float) -> Path:
    line = "The talks in Baku went on for a long time and nobody left the room.\n"
    path = tmp_path / "big.en.txt"
    path.write_text(line * int(megabytes * (1 << 20) / len(line) + 1), encoding="utf-8")
    return path


def test_a_file_over_the_limit_is_refused_with_the_way_to_raise_it(tmp_path) -> None:
    big = big_article(tmp_path, 1.5)
    env = {"DRAGOMAN_MAX_INPUT_MB": "1"}
    refused(
        run_cli("article", str(big), "--to", "es", env=env),
        str(big),
        "larger than 1 MB",
        "--max-input-mb",
    )
    # the same on standard input, where no size is known beforehand
    refused(
        run_cli("article", "-", "--to", "es", stdin=big.read_bytes(), env=env),
        "<stdin>",
        "larger than 1 MB",
    )


def test_the_flag_overrides_the_environment_in_either_place(tmp_path) -> None:
    big = big_article(tmp_path, 1.5)
    out = tmp_path / "out.jsonl"
    env = {"DRAGOMAN_MAX_INPUT_MB": "1"}
    for args in (
        ["article", str(big), "--max-input-mb", "2"],
        ["--max-input-mb", "2", "article", str(big)],
    ):
        # accepted by the reader: the run then fails in the Word parser, after the read
        result = run_cli(*args, "--to", "es", "--input-format", "docx", "-o", str(out), env=env)
        assert result.returncode == 2
        assert "larger than" not in result.stderr.decode()
        assert "big.en.txt" in result.stderr.decode()
    refused(run_cli("article", str(big), "--to", "es", "--max-input-mb", "1"), "larger than 1 MB")
    refused(run_cli("--max-input-mb", "0", "article", EXAMPLE, "--to", "es"), "--max-input-mb")
    refused(
        run_cli("article", EXAMPLE, "--to", "es", env={"DRAGOMAN_MAX_INPUT_MB": "lots"}),
        "DRAGOMAN_MAX_INPUT_MB",
    )


def test_the_limit_in_dragoman_toml_yields_to_the_environment_and_the_flag(tmp_path) -> None:
    big = big_article(tmp_path, 1.5)
    out = tmp_path / "out.jsonl"
    config = tmp_path / "dragoman.toml"
    config.write_text("max_input_mb = 1\n", encoding="utf-8")
    docx = ("--to", "es", "--input-format", "docx", "-o", str(out))
    refused(run_cli("article", str(big), *docx, cwd=tmp_path), str(big), "larger than 1 MB")
    # the environment, then the flag, win over the file; a larger limit in the file
    # lets the read through (the run then fails in the Word parser, after the read)
    config_2 = ("max_input_mb = 2\n", {}, ())
    for text, env, flag in (
        ("max_input_mb = 1\n", {"DRAGOMAN_MAX_INPUT_MB": "2"}, ()),
        ("max_input_mb = 1\n", {"DRAGOMAN_MAX_INPUT_MB": "1"}, ("--max-input-mb", "2")),
        config_2,
    ):
        config.write_text(text, encoding="utf-8")
        result = run_cli("article", str(big), *flag, *docx, cwd=tmp_path, env=env)
        assert result.returncode == 2
        assert "larger than" not in result.stderr.decode()
        assert "big.en.txt" in result.stderr.decode()
    config.write_text("max_input_mb = 2\n", encoding="utf-8")
    refused(
        run_cli("article", str(big), *docx, cwd=tmp_path, env={"DRAGOMAN_MAX_INPUT_MB": "1"}),
        "larger than 1 MB",
    )
    config.write_text('max_input_mb = "lots"\n', encoding="utf-8")
    refused(
        run_cli("article", str(big), *docx, cwd=tmp_path),
        f"{config}: max_input_mb: must be a positive number of megabytes",
    )
    assert not out.exists()


def test_the_size_limit_is_in_help() -> None:
    assert "--max-input-mb" in run_cli("article", "--help").stdout.decode()


def test_the_limit_covers_every_reader(tmp_path) -> None:
    from translate import inputs
    from translate.errors import FormatError, GlossaryError

    inputs.set_max_input_mb(1)
    try:
        big = big_article(tmp_path, 1.2)
        with pytest.raises(FormatError, match="larger than 1 MB"):
            inputs.read_text(big)
        glossary = tmp_path / "g.yaml"
        glossary.write_bytes(big.read_bytes())
        from translate.glossary import load_glossary

        with pytest.raises(GlossaryError, match="larger than 1 MB"):
            load_glossary(glossary)
    finally:
        inputs.set_max_input_mb(None)


# -- encodings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "named"),
    [
        ("Talks in Baku began on Sunday.\n", "utf-16-le", "UTF-16LE"),
        ("Переговоры в Баку начались в воскресенье.\n", "utf-16-be", "UTF-16BE"),
        ("مذاکرات در باکو آغاز شد.\n", "utf-16-le", "UTF-16LE"),
    ],
)
def test_utf16_without_a_bom_is_named_not_called_binary(tmp_path, text, encoding, named) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode(encoding))
    err = refused(run_cli("article", str(path), "--to", "es"), str(path), named, "save it as UTF-8")
    assert "binary" not in err


def test_a_utf16_glossary_without_a_bom_is_named(tmp_path) -> None:
    glossary = tmp_path / "g.tsv"
    glossary.write_bytes("en\tes\nBaku\tBakú\n".encode("utf-16-le"))
    refused(run_cli("article", EXAMPLE, "--to", "es", "-g", str(glossary)), "UTF-16LE")


def test_real_binary_is_still_binary(tmp_path) -> None:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)))
    refused(run_cli("article", str(png), "--to", "es"), "binary")


# -- formats on standard input -----------------------------------------------------------


def test_help_says_how_to_read_html_from_stdin() -> None:
    usage = " ".join(run_cli("article", "--help").stdout.decode().split())
    assert "html" in usage and "standard input" in usage


def test_html_on_stdin_keeps_its_tags(apertium_eng_spa) -> None:
    page = b"<p>The talks in <b>Baku</b> began.</p>\n"
    result = run_cli(
        "article", "-", "--to", "es", "--input-format", "html", "-f", "jsonl", stdin=page
    )
    assert result.returncode == 0, result.stderr.decode()
    (row,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert row["before"] == "<p>" and row["after"] == "</p>\n"
    assert "<b>" in row["target"] and "<p>" not in row["target"]
    document = run_cli(
        "article", "-", "--to", "es", "--input-format", "html", "--output-kind", "document",
        stdin=page,
    )  # fmt: skip
    assert document.returncode == 0, document.stderr.decode()
    assert document.stdout.decode().startswith("<p>") and "<b>" in document.stdout.decode()


def test_word_on_stdin_as_bitext_and_as_a_document(apertium_eng_spa, tmp_path) -> None:
    pytest.importorskip("docx")
    from test_office_documents import make_docx, paragraphs

    source = tmp_path / "story.en.docx"
    make_docx(source)
    data = source.read_bytes()
    bitext = run_cli(
        "article", "-", "--to", "es", "--input-format", "docx", "-f", "jsonl", stdin=data
    )
    assert bitext.returncode == 0, bitext.stderr.decode()
    rows = [json.loads(line) for line in bitext.stdout.decode().splitlines()]
    assert any("Bak" in r["target"] for r in rows)
    out = tmp_path / "story.es.docx"
    spool = tmp_path / "spool"
    spool.mkdir()
    document = run_cli(
        "article", "-", "--to", "es", "--input-format", "docx", "--output-kind", "document",
        "-o", str(out), stdin=data, env={"TMPDIR": str(spool)},
    )  # fmt: skip
    assert document.returncode == 0, document.stderr.decode()
    assert paragraphs(out)[0][0][0].startswith("Charlas")
    assert list(spool.iterdir()) == []  # the copy of standard input is gone


# -- terminal escapes -------------------------------------------------------------------

HOSTILE = "Talks \x1b]0;OWNED\x07 in Baku.\x1b[2J\n"


def on_a_terminal(*args: str) -> bytes:
    """What the CLI writes to a terminal (stdout and stderr both on one pty)."""
    exe = Path(sys.executable).with_name("translate")
    master, slave = pty.openpty()
    env = {**os.environ, "LANGUAGE": "", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    process = subprocess.Popen(
        [str(exe), *args], stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, cwd=ROOT, env=env
    )
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    process.wait(timeout=120)
    os.close(master)
    assert process.returncode == 0, out.decode(errors="replace")
    return out


def test_escapes_are_shown_not_obeyed_on_a_terminal(apertium_eng_spa, tmp_path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    shown = on_a_terminal("article", str(article), "--to", "es", "--report", "-")
    assert b"\x1b" not in shown and b"\x07" not in shown
    text = shown.decode()
    assert "␛]0;OWNED␇" in text  # in the side-by-side view
    assert "Baku" in text and "apertium" in text  # and the report came too


def test_escapes_reach_a_pipe_and_a_file_as_they_are(apertium_eng_spa, tmp_path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    piped = run_cli("article", str(article), "--to", "es", "--output-kind", "document")
    assert piped.returncode == 0, piped.stderr.decode()
    assert b"\x1b]0;" in piped.stdout
    out = tmp_path / "out.jsonl"
    assert run_cli("article", str(article), "--to", "es", "-o", str(out)).returncode == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert "\x1b]0;OWNED\x07" in rows[0]["source"]


def test_an_error_quoting_the_input_is_shown_on_a_terminal(tmp_path) -> None:
    from translate.terminal import visible

    assert visible("g.yaml:3: bad term '\x1b[2J'") == "g.yaml:3: bad term '␛[2J'"
    assert visible("a\r\nb\rc\x9b") == "a\r\nb␍c\ufffd"
