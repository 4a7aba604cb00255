"""One Translator for every entry point, and one configuration read by all of them."""

from __future__ import annotations

import json

from conftest import run_cli, write_file
from translate.articles import parse_text
from translate.engines.apertium import ApertiumEngine
from translate.glossary.model import Concept, Glossary, LangTerms
from translate.pipeline import Translator

BAKU = Glossary(
    name="t",
    concepts=[
        Concept(id="baku", type="place", terms={"en": LangTerms("Baku"), "es": LangTerms("Bakú")})
    ],
)
STORY = "BAKU, 5 October 2023 (Desk) - Talks resumed in Baku.\n"


class Counting(ApertiumEngine):
    """Apertium that counts its calls (calibration included)."""

    calls = 0

    def translate_batch(self, texts, source, target):  # type: ignore[no-untyped-def]
        Counting.calls += 1
        return super().translate_batch(texts, source, target)


def test_calibration_and_engine_choice_happen_once_per_pair(apertium_eng_spa) -> None:
    engine = Counting()
    translator = Translator(BAKU, engine)
    docs = [parse_text(f"Talks {n} resumed in Baku.", "en", name=f"d{n}") for n in range(3)]
    bitexts = [b for [b] in translator.translate_stream(docs, ["es"])]
    assert all("Bakú" in b.target_text() for b in bitexts)
    # one calibration, then at most three calls per document (plain, marked, retry)
    assert Counting.calls <= 1 + 3 * len(docs)
    assert len(translator._enforcers) == 1


def test_dates_are_localised_by_the_translator(apertium_eng_spa) -> None:
    translator = Translator(BAKU, "apertium", localize_dates=True)
    bitext = translator.translate(parse_text(STORY, "en", name="s"), "es")
    assert "5 de octubre de 2023" in bitext.target_text()


def _project(tmp_path, glossary_target: str = "Bakú", extra: str = "") -> None:
    write_file(tmp_path, "desk.tsv", f"en\tes\nBaku\t{glossary_target}\n")
    write_file(
        tmp_path,
        "dragoman.toml",
        'source_lang = "en"\ntarget_langs = ["es"]\nglossaries = ["desk.tsv"]\n'
        f'engine = "apertium"\nlocalize_dates = true\n{extra}',
    )
    write_file(tmp_path, "story.en.txt", STORY)


def test_article_reads_the_configuration(apertium_eng_spa, tmp_path) -> None:
    _project(tmp_path)
    result = run_cli("article", "story.en.txt", "--format", "jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    target = "".join(r["target"] for r in rows)
    assert rows[0]["target_lang"] == "es"  # target_langs from the config
    assert "BAKÚ" in target and "Bakú" in target  # the config's glossary
    assert "5 de octubre de 2023" in target  # localize_dates from the config


def test_flags_win_over_the_configuration(apertium_eng_spa, apertium_eng_cat, tmp_path) -> None:
    _project(tmp_path)
    write_file(tmp_path, "other.tsv", "en\tes\nBaku\tBacú\n")
    result = run_cli(
        "article",
        "story.en.txt",
        "--to",
        "ca",
        "--glossary",
        "other.tsv",
        "--format",
        "jsonl",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["target_lang"] for r in rows} == {"ca"}
    # other.tsv has no Catalan: no term is enforced, and the config's Spanish is not used
    assert all(r["terms"] == [] for r in rows)


def test_cms_hook_reads_the_configuration(apertium_eng_spa, tmp_path) -> None:
    _project(tmp_path)
    payload = {
        "id": "a1",
        "language": "en",
        "headline": "Talks resume in Baku",
        "targets": ["es"],
        "body": "<p>BAKU, 5 October 2023 (Desk) - Talks resumed in Baku.</p>",
    }
    result = run_cli("hook", "-", stdin=json.dumps(payload).encode(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    es = json.loads(result.stdout)["translations"]["es"]
    assert "Bakú" in es["body"] and "5 de octubre de 2023" in es["body"]


def test_po_reads_the_configuration(apertium_eng_spa, tmp_path) -> None:
    _project(tmp_path, glossary_target="Bacú")
    write_file(
        tmp_path,
        "es.po",
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'
        'msgid "Talks resumed in Baku."\nmsgstr ""\n',
    )
    result = run_cli("po", "es.po", "--to", "es", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Bacú" in result.stdout.decode("utf-8")
