"""The disk cache of large glossaries: a warm start gives what a cold one gives, and a
cache file that is corrupt, of another version or not the user's own is never trusted."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from conftest import run_cli, write_file
from translate.glossary import CACHE_FROM_BYTES, cache, load_glossaries
from translate.glossary.matcher import Matcher

TEXT = "Talks in Baku Gorodok 17 and BAKU GORODOK 3; Ganja Kent 12's mayor left."


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(cache.ENV, raising=False)
    return home / "dragoman" / "glossaries"


@pytest.fixture
def big_tsv(tmp_path: Path) -> Path:
    """A pair TSV just over the size from which glossaries are cached."""
    path = tmp_path / "big.tsv"
    lines = ["en\tes"]
    n = 0
    while sum(len(line) + 1 for line in lines) < CACHE_FROM_BYTES + 1000:
        lines.append(f"Baku Gorodok {n}\tBakú Gorodok {n}")
        lines.append(f"Ganja Kent {n}\tGanyá Kent {n}")
        n += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def spans(glossary, lang: str = "en") -> list[tuple[int, int, str, str]]:
    return [(m.start, m.end, m.concept.id, m.variant) for m in Matcher(glossary, lang).find(TEXT)]


def test_warm_start_finds_what_a_cold_start_finds(cache_home: Path, big_tsv: Path) -> None:
    cold = load_glossaries([big_tsv])
    expected = spans(cold)
    assert len(expected) == 3 and expected[1][2] == expected[0][2].replace("17", "3")
    kinds = sorted(p.suffix for p in cache_home.iterdir())
    assert kinds == [".glossary", ".matcher"]
    assert oct(cache_home.stat().st_mode & 0o777) == "0o700"
    warm = load_glossaries([big_tsv])
    assert warm.fingerprint == cold.fingerprint and warm is not cold
    assert warm == cold
    assert spans(warm) == expected


def test_an_edited_glossary_is_read_again(cache_home: Path, big_tsv: Path) -> None:
    load_glossaries([big_tsv])
    with big_tsv.open("a", encoding="utf-8") as out:
        out.write("Gorodok Centre\tCentro Gorodok\n")
    edited = load_glossaries([big_tsv])
    assert edited.concepts[-1].terms["es"].preferred == "Centro Gorodok"


def test_corrupt_or_foreign_cache_files_are_ignored(cache_home: Path, big_tsv: Path) -> None:
    expected = spans(load_glossaries([big_tsv]))
    for path in cache_home.iterdir():  # truncated mid-pickle
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert spans(load_glossaries([big_tsv])) == expected
    for path in cache_home.iterdir():  # another version's file
        data = path.read_bytes().replace(b"\n", b"-old\n", 2)
        path.write_bytes(data)
    assert spans(load_glossaries([big_tsv])) == expected


class Boom:
    def __reduce__(self):  # noqa: ANN204
        return (os.system, ("touch pwned",))


def test_a_pickle_others_could_write_is_never_loaded(
    cache_home: Path, big_tsv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = load_glossaries([big_tsv])
    monkeypatch.chdir(tmp_path)
    glossary_file = next(cache_home.glob("*.glossary"))
    header = glossary_file.read_bytes().split(b"\n", 2)
    glossary_file.write_bytes(header[0] + b"\n" + header[1] + b"\n" + pickle.dumps(Boom()))
    glossary_file.chmod(0o666)  # group and others could have written it
    assert load_glossaries([big_tsv]) == cold
    assert not (tmp_path / "pwned").exists()
    # a cache folder open to others is not used at all
    cache_home.chmod(0o777)
    assert cache.folder() is None
    assert load_glossaries([big_tsv]) == cold
    assert not (tmp_path / "pwned").exists()


def test_the_cache_can_be_turned_off(
    cache_home: Path, big_tsv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV, "off")
    load_glossaries([big_tsv])
    assert not cache_home.exists()


def test_small_glossaries_are_not_cached(cache_home: Path, tmp_path: Path) -> None:
    small = tmp_path / "small.tsv"
    small.write_text("en\tes\nBaku\tBakú\n", encoding="utf-8")
    load_glossaries([small])
    assert not cache_home.exists() or not list(cache_home.iterdir())


def test_a_second_article_run_reads_the_cache(
    apertium_eng_spa, big_tsv: Path, tmp_path: Path
) -> None:
    """Through the real CLI: the first run fills the cache (the glossary, and a matcher
    per language), the second gives the same output from it."""
    source = write_file(tmp_path, "story.en.txt", "Talks in Baku Gorodok 17 ended.\n")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cli-cache"), cache.ENV: ""}
    args = ("article", str(source), "--to", "es", "--engine", "apertium", "-g", str(big_tsv))
    first = run_cli(*args, env=env)
    assert first.returncode == 0, first.stderr.decode()
    assert "Bakú Gorodok 17" in first.stdout.decode()
    folder = tmp_path / "cli-cache" / "dragoman" / "glossaries"
    assert sorted(p.suffix for p in folder.iterdir()) == [".glossary", ".matcher", ".matcher"]
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    second = run_cli(*args, env=env)
    assert second.returncode == 0 and second.stdout == first.stdout
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == stamps  # read, not rewritten
