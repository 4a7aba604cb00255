"""The neural path on a model that behaves like a real Argos package.

tests/fixtures/distilled-en-es.argosmodel (built by tools/distilled_argos_model/build.py)
is a small transformer distilled from Apertium eng-spa on ordinary English text: no
placeholder was in its training data and its SentencePiece model has no byte fallback,
so a private-use character is ``<unk>`` to it, as to a real package.  The copy-task
fixture proves only that a model taught to keep placeholders keeps them; these tests
check what Dragoman does with one that was not: it notices (``auto`` marking), carries
names by the model's own attention, keeps markup on its words, and leaves nothing of
its machinery in the text.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, argos_home, run_cli

FIXTURE = Path(
    os.environ.get(
        "DRAGOMAN_DISTILLED_MODEL", ROOT / "tests" / "fixtures" / "distilled-en-es.argosmodel"
    )
)
GLOSSARIES = ("-g", "glossaries/countries.yaml", "-g", "glossaries/caucasus.yaml")
PUA = re.compile(r"[\uE000-\uF8FF\uFFFD]|⁇")

ctranslate2 = pytest.importorskip("ctranslate2")
spm = pytest.importorskip("sentencepiece")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """argostranslate's folders under tmp_path, with the fixture installed by the CLI."""
    if not FIXTURE.is_file():
        pytest.fail(f"missing fixture {FIXTURE}: build it with tools/distilled_argos_model")
    env = argos_home(tmp_path)
    result = run_cli("models", "install", str(FIXTURE), env=env)
    assert result.returncode == 0, result.stderr
    return env


def _sentencepiece(tmp_path: Path):
    with zipfile.ZipFile(FIXTURE) as archive:
        name = next(n for n in archive.namelist() if n.endswith("sentencepiece.model"))
        path = tmp_path / "sp.model"
        path.write_bytes(archive.read(name))
    return spm.SentencePieceProcessor(model_file=str(path))


def test_it_is_like_a_real_package(tmp_path) -> None:
    """No byte fallback: a private-use character is unknown to the tokenizer."""
    assert FIXTURE.stat().st_size <= 15 * 1024 * 1024
    sp = _sentencepiece(tmp_path)
    assert sp.unk_id() in sp.encode("Talks in \ue000 ended.")
    assert not any(sp.id_to_piece(i).startswith("<0x") for i in range(sp.get_piece_size()))


def test_installed_by_argostranslate_it_translates(env) -> None:
    listed = run_cli("models", "list", env=env).stdout.decode()
    assert "en" in listed and "es" in listed
    out = run_cli(
        "article",
        "-",
        "--to",
        "es",
        "--engine",
        "argos",
        stdin=b"The minister said on Monday.\n",
        env=env,
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    assert "ministro" in text and "lunes" in text


def test_names_through_a_model_that_drops_placeholders(env, tmp_path) -> None:
    report = tmp_path / "report.json"
    result = run_cli(
        "article",
        "benchmarks/quality/pezeshkian-baku-rail.en.txt",
        "--to",
        "es",
        "--engine",
        "argos",
        *GLOSSARIES,
        "-f",
        "jsonl",
        "--report",
        str(report),
        env=env,
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert not [r["target"] for r in rows if PUA.search(r["target"])]
    pair = json.loads(report.read_text(encoding="utf-8"))["pairs"][0]
    placed = pair["enforced"] + pair["corrected"]
    assert placed / pair["occurrences"] >= 0.9, pair
    for row in rows:  # what the report says is there, is there
        for term in row["terms"]:
            if term["status"] in ("enforced", "corrected"):
                assert term["target"].casefold() in row["target"].casefold(), (term, row)


def test_markup_stays_on_its_words(env, tmp_path) -> None:
    article = tmp_path / "story.md"
    article.write_text(
        "**TEHRAN** — Iran said on Monday that the *new* pipeline was ready.\n",
        encoding="utf-8",
    )
    result = run_cli(
        "article",
        str(article),
        "--to",
        "es",
        "--engine",
        "argos",
        *GLOSSARIES,
        "-f",
        "jsonl",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    target = json.loads(result.stdout.decode().splitlines()[0])["target"]
    assert re.search(r"\*\*(Teherán|TEHERÁN)\*\*", target), target
    assert "tubería *nueva*" in target, target
