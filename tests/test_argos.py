"""Argos Translate end to end with a tiny but real package (tests/fixtures).

The package is a small transformer trained on a copy task (tools/tiny_argos_model):
it "translates" by copying, so what comes out shows exactly what our tokenization,
batching, placeholders and enforcement did.  It is installed through argostranslate's
real package code into a temporary ARGOS_PACKAGES_DIR, and served to
``translate models install en es`` by a loopback HTTP server playing the index.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, argos_home, run_cli

FIXTURE = Path(
    os.environ.get("DRAGOMAN_TINY_MODEL", ROOT / "tests" / "fixtures" / "tiny-en-es.argosmodel")
)
GLOSSARY = "glossaries/caucasus.yaml"


@pytest.fixture
def argos_env(tmp_path: Path) -> dict[str, str]:
    """argostranslate's folders, all under tmp_path, for the CLI subprocesses."""
    if not FIXTURE.is_file():
        pytest.fail(f"missing fixture {FIXTURE}: build it with tools/tiny_argos_model/build.py")
    return argos_home(tmp_path)


def relabel(src: Path, dest: Path, source: str, target: str) -> Path:
    """The same copy model under another language pair (to exercise pivoting)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            name = item.filename.replace("en_es", f"{source}_{target}")
            if item.filename.endswith("metadata.json"):
                meta = json.loads(data)
                meta.update(from_code=source, to_code=target, from_name=source, to_name=target)
                data = json.dumps(meta).encode()
            zout.writestr(name, data)
    return dest


def test_install_file_list_translate_remove(argos_env, tmp_path) -> None:
    result = run_cli("models", "install", str(FIXTURE), env=argos_env)
    assert result.returncode == 0, result.stderr.decode()
    listing = run_cli("models", "list", env=argos_env).stdout.decode()
    assert "en-es" in listing and "English → Spanish" in listing

    out = tmp_path / "out.jsonl"
    result = run_cli(
        "article",
        "examples/baku-talks.en.txt",
        "--to",
        "es",
        "--engine",
        "argos",
        "-g",
        GLOSSARY,
        "-o",
        str(out),
        env=argos_env,
    )
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    article = (ROOT / "examples/baku-talks.en.txt").read_text(encoding="utf-8")
    assert "".join(r["source"] + r["after"] for r in rows) == article
    terms = [t for r in rows for t in r["terms"]]
    assert len(terms) > 40
    assert all(t["status"] == "enforced" for t in terms), [
        t for t in terms if t["status"] != "enforced"
    ]
    first = rows[1]
    assert first["target"].startswith("BAKÚ, 5 Oct.")  # the copy model copies; names enforced
    assert "Azerbaiyán" in first["target"] and "\ue000" not in first["target"]

    result = run_cli("models", "remove", "en", "es", env=argos_env)
    assert result.returncode == 0
    assert "en-es" not in run_cli("models", "list", env=argos_env).stdout.decode()


class _Index(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass


def test_install_from_a_loopback_package_index(argos_env, tmp_path) -> None:
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(FIXTURE, served / "translate-en_es.argosmodel")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Index, directory=str(served))
    )
    url = f"http://127.0.0.1:{server.server_port}/"
    (served / "index.json").write_text(
        json.dumps(
            [
                {
                    "package_version": "0.1",
                    "argos_version": "1.0",
                    "from_code": "en",
                    "from_name": "English",
                    "to_code": "es",
                    "to_name": "Spanish",
                    "type": "translate",
                    "links": [url + "translate-en_es.argosmodel"],
                }
            ]
        )
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        env = {**argos_env, "ARGOS_PACKAGE_INDEX": url}
        available = run_cli("models", "available", env=env)
        assert available.returncode == 0 and "en-es" in available.stdout.decode()
        result = run_cli("models", "install", "en", "es", env=env)
        assert result.returncode == 0, result.stderr.decode()
        assert "en-es" in run_cli("models", "list", env=env).stdout.decode()
    finally:
        server.shutdown()


def test_unreachable_index_is_one_line(argos_env) -> None:
    result = run_cli("models", "available", env=argos_env)
    err = result.stderr.decode()
    assert result.returncode == 2 and err.count("\n") == 1, err
    assert "cannot be reached" in err and "Traceback" not in err


def test_not_a_package_is_refused(argos_env, tmp_path) -> None:
    bogus = tmp_path / "x.argosmodel"
    bogus.write_bytes(b"not a zip")
    result = run_cli("models", "install", str(bogus), env=argos_env)
    assert result.returncode == 2 and "not a zip" in result.stderr.decode()


def test_translation_makes_no_network_access(argos_env, tmp_path) -> None:
    """Every socket connect is refused and recorded; translating must not try one."""
    assert run_cli("models", "install", str(FIXTURE), env=argos_env).returncode == 0
    guard = tmp_path / "guard"
    guard.mkdir()
    log = tmp_path / "connects.log"
    (guard / "sitecustomize.py").write_text(
        "import socket\n"
        "def _refuse(self, address, *a, **k):\n"
        f"    open({str(log)!r}, 'a').write(repr(address) + '\\n')\n"
        "    raise OSError('network access blocked by test')\n"
        "socket.socket.connect = _refuse\n"
        "socket.socket.connect_ex = _refuse\n"
        "socket.create_connection = lambda *a, **k: _refuse(None, a)\n"
    )
    env = {**argos_env, "PYTHONPATH": str(guard)}
    result = run_cli(
        "article",
        "examples/baku-talks.en.txt",
        "--to",
        "es",
        "--engine",
        "argos",
        "-g",
        GLOSSARY,
        "--format",
        "jsonl",
        env=env,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert not log.exists(), log.read_text()
    assert len(result.stdout.decode().splitlines()) > 10


def test_pivot_through_english_keeps_alignment_and_terms(argos_env, tmp_path) -> None:
    for source, target in (("fa", "en"), ("en", "az")):
        package = relabel(FIXTURE, tmp_path / f"{source}_{target}.argosmodel", source, target)
        assert run_cli("models", "install", str(package), env=argos_env).returncode == 0
    languages = run_cli("languages", env=argos_env).stdout.decode()
    assert "fa-az" in languages and "pivot via en" in languages
    story = (
        "وزیر خارجه ایران در باکو با همتای خود دیدار کرد.\n\nمذاکرات درباره قره‌باغ ادامه دارد.\n"
    )
    result = run_cli(
        "article",
        "-",
        "--from",
        "fa",
        "--to",
        "az",
        "--engine",
        "argos",
        "-g",
        GLOSSARY,
        "--format",
        "jsonl",
        stdin=story.encode(),
        env=argos_env,
    )
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert "".join(r["source"] + r["after"] for r in rows) == story
    assert [r["paragraph"] for r in rows] == [0, 1]
    terms = {t["id"]: t for r in rows for t in r["terms"]}
    assert terms["baku"]["source"] == "باکو" and terms["baku"]["target"] == "Bakı"
    assert terms["baku"]["status"] == "enforced" and "Bakı" in rows[0]["target"]
    assert terms["iran"]["target"] == "İran" and "İran" in rows[0]["target"]


def test_auto_prefers_argos_and_names_both_installs(argos_env, apertium_eng_spa) -> None:
    assert run_cli("models", "install", str(FIXTURE), env=argos_env).returncode == 0
    result = run_cli(
        "article",
        "-",
        "--from",
        "en",
        "--to",
        "es",
        "--format",
        "jsonl",
        stdin=b"Talks in Baku.\n",
        env=argos_env,
    )
    assert json.loads(result.stdout.decode().splitlines()[0])["engine"] == "argos"
    result = run_cli("article", "-", "--from", "en", "--to", "ja", stdin=b"Talks.\n", env=argos_env)
    err = result.stderr.decode()
    assert result.returncode == 2
    # Debian has no apertium-eng-jpn: the hint names only the way that exists
    assert "translate models install en ja" in err and "apertium-eng-jpn" not in err


@pytest.mark.parametrize("target", ["fa", "az", "ru", "ar"])
def test_desk_languages_are_hinted_as_argos_packages(argos_env, target) -> None:
    result = run_cli("article", "-", "--to", target, stdin=b"Talks.\n", env=argos_env)
    err = result.stderr.decode()
    assert result.returncode == 2
    assert f"translate models install en {target}" in err and "apt-get" not in err


def test_languages_shows_the_cached_index(argos_env, tmp_path) -> None:
    """``models available`` caches the index; ``languages`` shows it without a network."""
    index = tmp_path / "data" / "argos-translate" / "index.json"
    index.parent.mkdir(parents=True)
    index.write_text(
        json.dumps(
            [
                {"from_code": "en", "to_code": "fa", "package_version": "1.0"},
                {"from_code": "en", "to_code": "ru", "package_version": "1.9"},
                {"from_code": 3},
            ]
        ),
        encoding="utf-8",
    )
    out = run_cli("languages", env=argos_env).stdout.decode()
    assert "cached package index" in out
    assert "en-fa  English → Persian" in out and "en-ru  English → Russian" in out


def test_pieces_outside_the_vocabulary_stay_literal() -> None:
    """A package without byte fallback sees our marks as unknown; replace_unknowns
    copies them into the output, and decoding must not turn them into " ⁇ "."""
    import sentencepiece

    with zipfile.ZipFile(FIXTURE) as archive:
        name = next(n for n in archive.namelist() if n.endswith("sentencepiece.model"))
        sp = sentencepiece.SentencePieceProcessor(model_proto=archive.read(name))
    from translate.engines.argos import decode

    mark = "\U0010fffd"
    assert sp.piece_to_id(mark) == sp.unk_id()
    before, after = sp.encode("Talks", out_type=str), sp.encode("in Baku", out_type=str)
    assert decode(sp, [*before, mark, *after]) == f"Talks{mark} in Baku"
    pieces = sp.encode("Talks in Baku", out_type=str)
    assert decode(sp, pieces) == sp.decode_pieces(pieces) == "Talks in Baku"


def test_a_sentence_longer_than_the_model_goes_through_in_pieces(argos_env) -> None:
    """Over 512 pieces CTranslate2 would raise (no positions); we cut at word breaks."""
    assert run_cli("models", "install", str(FIXTURE), env=argos_env).returncode == 0
    long = (
        ", ".join(f"the envoy from Baku met minister number {n} in Tehran" for n in range(40)) + "."
    )
    result = run_cli(
        "article",
        "-",
        "--from",
        "en",
        "--to",
        "es",
        "--engine",
        "argos",
        "-g",
        GLOSSARY,
        "--format",
        "jsonl",
        stdin=long.encode(),
        env=argos_env,
    )
    assert result.returncode == 0, result.stderr.decode()
    [row] = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert row["target"].count("Bakú") == 40 and row["target"].count("Teherán") == 40
    assert all(t["status"] == "enforced" for t in row["terms"]) and len(row["terms"]) == 80
