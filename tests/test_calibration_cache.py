"""The carrier calibration kept on disk: the same output with and without it, one file
per engine version and pair in the user's cache folder, and a broken file ignored."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT, run_cli
from translate.calibration import cache_dir, calibrate
from translate.engines.apertium import ApertiumEngine
from translate.engines.base import SourceText, Translation

STORY = str(ROOT / "examples" / "baku-talks.en.txt")
GLOSSARY = str(ROOT / "glossaries" / "caucasus.yaml")


class CountingApertium(ApertiumEngine):
    """The real engine, counting its calls."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def translate_batch(self, texts, source, target) -> list[Translation]:
        self.calls += 1
        return super().translate_batch(texts, source, target)


def translate(tmp_path: Path, cache: Path, name: str, use: str = "1") -> bytes:
    out = tmp_path / f"{name}.es.txt"
    env = {"XDG_CACHE_HOME": str(cache), "DRAGOMAN_CACHE": use}
    args = ("article", STORY, "--to", "es", "--engine", "apertium", "-g", GLOSSARY)
    result = run_cli(*args, "-o", str(out), env=env)
    assert result.returncode in (0, 1), result.stderr.decode()
    return out.read_bytes()


def test_cached_calibration_gives_the_same_article(apertium_eng_spa, tmp_path) -> None:
    cache = tmp_path / "cache"
    without = translate(tmp_path, cache, "without", use="0")
    assert not cache.exists()
    cold = translate(tmp_path, cache, "cold")
    files = list((cache / "dragoman" / "calibration").glob("apertium-en-es-*.json"))
    assert len(files) == 1
    warm = translate(tmp_path, cache, "warm")
    assert cold == warm == without

    files[0].write_bytes(b"\x00not json")  # a torn or hostile file: ignored, written again
    assert translate(tmp_path, cache, "after-corrupt") == cold
    assert isinstance(json.loads(files[0].read_bytes()), list)
    files[0].write_text('[["Par\\u00eds", ["x"]]]', encoding="utf-8")  # the wrong shape
    assert translate(tmp_path, cache, "after-wrong-shape") == cold


def test_a_warm_cache_spares_the_engine_call(apertium_eng_spa, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("DRAGOMAN_CACHE", "1")
    assert cache_dir() == tmp_path / "dragoman" / "calibration"
    first, second = CountingApertium(), CountingApertium()
    carriers = calibrate(first, "en", "es")
    assert first.calls == 1
    assert calibrate(second, "en", "es").by_type == carriers.by_type
    assert second.calls == 0
    assert len(list(cache_dir().glob("*.json"))) == 1  # type: ignore[union-attr]
    first.close()
    second.close()


def test_an_unwritable_cache_costs_nothing_but_time(
    apertium_eng_spa, tmp_path, monkeypatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.setenv("DRAGOMAN_CACHE", "1")
    engine = ApertiumEngine()
    out = engine.translate_batch([SourceText("The cat is here.")], "en", "es")
    assert calibrate(engine, "en", "es") is not None and out[0].text == "El gato es aquí."
    engine.close()


def test_the_key_follows_the_engine_version(apertium_eng_spa, tmp_path, monkeypatch) -> None:
    """A new version of the pair's data (another time on a file it reads) is a new key."""
    from translate.calibration import _cache_path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    engine = ApertiumEngine()
    before = _cache_path(engine, ["Paris"], "en", "es")
    monkeypatch.setattr(engine, "version", lambda s, t: "apertium 9.9 other data")
    assert _cache_path(engine, ["Paris"], "en", "es") != before
    assert _cache_path(engine, ["Lyon"], "en", "es") != _cache_path(engine, ["Paris"], "en", "es")
