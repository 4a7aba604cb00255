"""Crashes the fuzzer found (tests/fuzz_crashes), each through the real CLI (issue 14):
a TBX naming an encoding that does not exist, YAML and JSON nested a thousand deep, a
JSON Lines record and a CMS payload that ``json.loads`` lets through or overflows on.
Each is one line naming the file, exit 2, no traceback."""

from __future__ import annotations

import pytest

from conftest import run_cli

GLOSSARY = "glossaries/caucasus.yaml"
DEEP = 5000


def refused(result, *words: str) -> str:
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    for word in words:
        assert word in err, err
    return err


def test_a_tbx_naming_an_unknown_encoding_is_refused_naming_the_file(tmp_path) -> None:
    tbx = tmp_path / "desk.tbx"
    tbx.write_bytes(
        b'<?xml version="1.0" encoding="TF-8"?>\n'
        b'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">'
        b"<text><body/></text></tbx>"
    )
    refused(run_cli("glossary", "convert", str(tbx), str(tmp_path / "out.tsv")), str(tbx), "TF-8")
    assert not (tmp_path / "out.tsv").exists()
    lint = run_cli("glossary", "lint", str(tbx))
    assert lint.returncode == 1 and "unknown encoding: TF-8" in lint.stdout.decode()


@pytest.mark.parametrize("ext", [".yaml", ".yml"])
def test_yaml_nested_a_thousand_deep_is_one_line(tmp_path, ext) -> None:
    deep = tmp_path / f"deep{ext}"
    deep.write_text("entries: " + "[" * DEEP + "]" * DEEP + "\n", encoding="utf-8")
    refused(
        run_cli("glossary", "convert", str(deep), str(tmp_path / "out.tsv")),
        f"{deep}:1: invalid YAML",
        "nesting depth",
    )


@pytest.mark.parametrize(
    ("record", "words"),
    [
        ('{"doc": ' + "[" * DEEP + "]" * DEEP + "}", "nested deeper than 200 levels"),
        ('{"doc": ' + "9" * 5000 + "}", "4300 digits"),
        ('{"doc": NaN}', "NaN is not JSON"),
        ('{"doc": 1e999}', "$.doc: inf is not JSON"),
        ('{"doc": "\\ud800"}', "$.doc: a lone surrogate (\\ud800) is not text"),
    ],
    ids=["deep", "digits", "nan", "overflow", "surrogate"],
)
def test_a_hostile_jsonl_record_is_refused_with_its_line(tmp_path, record, words) -> None:
    for ext in (".jsonl", ".ndjson"):
        bad = tmp_path / f"bitext{ext}"
        bad.write_text('{"doc": "a", "paragraph": 0}\n\n' + record + "\n", encoding="utf-8")
        refused(run_cli("check", str(bad), "-g", GLOSSARY), f"{bad}:3: ", words)


def test_a_cms_payload_nested_a_thousand_deep_is_one_line() -> None:
    body = (
        '{"id": "a", "language": "en", "targets": ["es"], "body": "x", "meta": '
        + "[" * DEEP
        + "]" * DEEP
        + "}"
    ).encode()
    refused(run_cli("hook", stdin=body), "stdin", "nested deeper than 64 levels")


def test_wire_jsonl_nested_a_thousand_deep_stops_batch_before_any_output(tmp_path) -> None:
    wire = tmp_path / "wire.jsonl"
    wire.write_text(
        '{"id": "w1", "language": "en", "body": "Talks in Baku.", "format": "text"}\n'
        '{"id": "w2", "body": "x", "meta": ' + "[" * DEEP + "]" * DEEP + "}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_cli("batch", "--to", "es", "--engine", "apertium", str(wire), "-o", str(out))
    refused(result, f"{wire}:2: JSON nested deeper than 200 levels")
    assert not out.exists()
