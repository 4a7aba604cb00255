"""Typed errors and exit codes (translate.errors): callers catch by type, not by message
text, and the CLI still prints one line and exits 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from translate import engines, languages
from translate.cli import main
from translate.errors import (
    EngineError,
    ExitCode,
    FormatError,
    GlossaryError,
    LanguageError,
    UserError,
)
from translate.glossary import load_glossary

TYPED = (GlossaryError, FormatError, LanguageError, EngineError)


def test_exit_codes_are_one_int_enum() -> None:
    assert (ExitCode.OK, ExitCode.PROBLEMS, ExitCode.USAGE) == (0, 1, 2)
    assert isinstance(ExitCode.USAGE, int) and int(ExitCode.INTERRUPTED) == 130


@pytest.mark.parametrize("kind", TYPED)
def test_typed_errors_are_user_errors_that_print_the_same(kind: type[UserError]) -> None:
    plain = UserError("bad\nthing", path=Path("g.yaml"), line=3, hint="fix it")
    typed = kind("bad\nthing", path=Path("g.yaml"), line=3, hint="fix it")
    assert isinstance(typed, UserError)
    assert str(typed) == str(plain) == "g.yaml:3: bad thing (fix it)"
    assert (typed.message, typed.path, typed.line, typed.hint) == (
        "bad\nthing",
        "g.yaml",
        3,
        "fix it",
    )
    assert str(kind("no file")) == "no file"


@pytest.mark.parametrize("code", ["xx-notalang", "klingonish", "", "  "])
def test_unknown_language_raises_language_error(code: str) -> None:
    with pytest.raises(LanguageError):
        languages.normalize(code)


def test_language_error_keeps_its_hint() -> None:
    with pytest.raises(LanguageError) as caught:
        languages.normalize("spanish")
    assert "'es'" in (caught.value.hint or "")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("bad.yaml", "entries: [\n  - id: x\n    terms: {en: A\n"),  # malformed YAML
        ("empty.yaml", "   \n"),
        ("bad.tsv", "only-one-column\n"),
        (
            "nolang.po",
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Baku"\nmsgstr "Bakú"\n',
        ),
        ("empty.tbx", ""),
    ],
)
def test_malformed_glossary_raises_glossary_error(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert caught.value.path == str(path)


def test_unreadable_glossary_raises_glossary_error(tmp_path: Path) -> None:
    from translate.glossary.model import read_glossary_text

    with pytest.raises(GlossaryError):
        read_glossary_text(tmp_path / "nowhere.yaml")
    with pytest.raises(GlossaryError):
        read_glossary_text(tmp_path)  # a directory
    (tmp_path / "latin1.yaml").write_bytes(b"entries: [caf\xe9]\n")
    with pytest.raises(GlossaryError) as caught:
        read_glossary_text(tmp_path / "latin1.yaml")
    assert caught.value.line == 1


def test_unknown_engine_raises_engine_error() -> None:
    with pytest.raises(EngineError):
        engines.load("no-such-engine")


def test_missing_apertium_pair_raises_engine_error(tmp_path: Path) -> None:
    from translate.engines.apertium import ApertiumEngine

    engine = ApertiumEngine(executable="no-such-apertium", modes_dirs=[str(tmp_path)])
    with pytest.raises(EngineError) as caught:
        engine.mode_for("en", "eo")
    assert "apertium" in (caught.value.hint or "")


class _NoPairs:
    name = "nopairs"

    def pairs(self) -> list:
        return []

    def missing_pair_hint(self, source: str, target: str) -> str:
        return f"install {source}-{target}"


def test_missing_engine_pair_raises_engine_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(engines._cache, "nopairs", _NoPairs())
    with pytest.raises(EngineError) as caught:
        engines.choose("nopairs", "en", "es")
    assert caught.value.hint == "install en-es"
    monkeypatch.setattr(engines, "available", lambda: ["nopairs"])
    with pytest.raises(EngineError):
        engines.choose(engines.AUTO, "en", "es")


def test_bitext_without_segments_into_the_language_raises_format_error(tmp_path: Path) -> None:
    import argparse
    import json

    from translate.commands import check

    record = {
        "doc": "a",
        "paragraph": 0,
        "segment": 0,
        "source_lang": "en",
        "target_lang": "es",
        "source": "Baku.",
        "target": "Bakú.",
        "terms": [],
    }
    bitext = tmp_path / "a.jsonl"
    bitext.write_text(json.dumps(record) + "\n", encoding="utf-8")
    args = argparse.Namespace(files=[str(bitext)], target="fr", source=None, glossary=[])
    with pytest.raises(FormatError) as caught:
        check._check_bitext(args, None)
    assert caught.value.path == str(bitext)


def test_main_prints_one_line_and_returns_usage(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "a.en.txt"
    source.write_text("Baku.\n", encoding="utf-8")
    code = main(["check", str(source), str(source), "--to", "xx-notalang", "--ui-lang", "en"])
    assert code == ExitCode.USAGE == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("translate: error: ")


@pytest.mark.parametrize(
    "args",
    [
        ("check", "a.en.txt", "a.es.txt", "--to", "xx-notalang"),  # LanguageError
        ("glossary", "convert", "{missing}", "out.yaml"),  # a plain UserError
        ("glossary", "cldr", "--langs", "tlh-notalocale"),  # LanguageError
        ("models", "install", "en", "es", "fr"),  # usage
    ],
)
def test_cli_exits_2_with_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    argv = [a.format(missing=tmp_path / "missing.yaml") for a in args]
    result = run_cli(*argv, cwd=tmp_path)
    stderr = result.stderr.decode()
    assert result.returncode == ExitCode.USAGE, stderr
    assert stderr.count("\n") == 1 and stderr.startswith("translate: error: "), stderr


def test_cli_exits_2_on_a_malformed_glossary(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries: [\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text("Baku.\n", encoding="utf-8")
    (tmp_path / "a.es.txt").write_text("Bakú.\n", encoding="utf-8")
    result = run_cli("check", "a.en.txt", "a.es.txt", "-g", str(bad), cwd=tmp_path)
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert stderr.count("\n") == 1 and str(bad) in stderr
