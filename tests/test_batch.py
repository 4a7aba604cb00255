"""``translate batch`` through the real CLI with Apertium: outputs, manifest, resume after
a kill, failures that do not stop the run, and workers that change nothing but speed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

GLOSSARY = str(ROOT / "glossaries" / "caucasus.yaml")
SENTENCES = [
    "Talks in Baku ended on Monday.",
    "The minister met Ilham Aliyev in Tehran.",
    "The new pipeline from Azerbaijan to Georgia opened.",
    "Officials in Yerevan said the border would stay closed.",
]


def make_sources(folder: Path, count: int) -> Path:
    src = folder / "in"
    (src / "world").mkdir(parents=True)
    for n in range(count):
        sub = src / "world" if n % 2 else src
        body = " ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(3))
        (sub / f"story-{n:02d}.en.txt").write_text(f"Story {n}\n\n{body}\n", encoding="utf-8")
    return src


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "manifest.jsonl"
    }


def batch(*args: str):
    return run_cli("batch", "--to", "es", "--engine", "apertium", "-g", GLOSSARY, *args)


def test_documents_reports_and_manifest(apertium_eng_spa, tmp_path) -> None:
    src = make_sources(tmp_path, 3)
    (src / "notes.md").write_text("skip me\n", encoding="utf-8")
    wire = tmp_path / "wire.jsonl"
    wire.write_text(
        json.dumps({"id": "w1", "language": "en", "body": "Talks in Baku.", "format": "text"})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = batch(str(src), str(wire), "-o", str(out), "--workers", "1", "--exclude", "*.md")
    assert result.returncode == 0, result.stderr
    assert sorted(files_of(out)) == [
        "story-00.es.report.json",
        "story-00.es.txt",
        "story-02.es.report.json",
        "story-02.es.txt",
        "w1.es.report.json",
        "w1.es.txt",
        "world/story-01.es.report.json",
        "world/story-01.es.txt",
    ]
    assert "Bakú" in (out / "w1.es.txt").read_text(encoding="utf-8")
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert {r["status"] for r in records} == {"done"} and len(records) == 4
    assert all(
        len(r["source_sha256"]) == 64 and r["engines"] == {"es": "apertium"} for r in records
    )
    err = result.stderr.decode()
    assert "4 done, 0 skipped" in err and "0 missing" in err


def test_rerun_skips_what_is_done_and_redoes_what_changed(apertium_eng_spa, tmp_path) -> None:
    src = make_sources(tmp_path, 3)
    out = tmp_path / "out"
    assert batch(str(src), "-o", str(out), "--workers", "1").returncode == 0
    again = batch(str(src), "-o", str(out), "--workers", "1")
    assert "0 done, 3 skipped" in again.stderr.decode()
    (src / "story-00.en.txt").write_text("Talks in Tehran.\n", encoding="utf-8")
    third = batch(str(src), "-o", str(out), "--workers", "1")
    assert "1 done, 2 skipped" in third.stderr.decode()
    assert "Teherán" in (out / "story-00.es.txt").read_text(encoding="utf-8")


def test_a_failing_article_is_reported_and_the_rest_done(apertium_eng_spa, tmp_path) -> None:
    src = make_sources(tmp_path, 2)
    (src / "broken.en.txt").write_bytes(b"\x00\x01\x02 binary")
    wire = tmp_path / "wire.jsonl"
    wire.write_text(
        json.dumps({"id": "../escape", "language": "en", "body": "Talks.", "format": "text"})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = batch(str(src), str(wire), "-o", str(out), "--workers", "1")
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "2 done, 0 skipped (already done), 2 failed" in err
    assert "broken.en.txt" in err and "outside the output folder" in err
    assert not (tmp_path / "escape.es.txt").exists()
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert sorted(r["status"] for r in records) == ["done", "done", "failed", "failed"]


def test_two_workers_write_the_same_bytes_as_one(apertium_eng_spa, tmp_path) -> None:
    src = make_sources(tmp_path, 4)
    one, two = tmp_path / "one", tmp_path / "two"
    assert batch(str(src), "-o", str(one), "--workers", "1").returncode == 0
    assert batch(str(src), "-o", str(two), "--workers", "2").returncode == 0
    assert files_of(one) == files_of(two) and len(files_of(one)) == 8


# What each signal leaves: its exit status and, where the program can say so, one line.
_STOPPED = {
    signal.SIGKILL: (-signal.SIGKILL, None),
    signal.SIGTERM: (143, "translate: terminated"),
    signal.SIGINT: (130, "translate: interrupted"),
}


@pytest.mark.parametrize("sig", list(_STOPPED), ids=lambda s: signal.Signals(s).name)
def test_a_killed_run_resumes_to_the_same_bytes(apertium_eng_spa, tmp_path, sig) -> None:
    """No timing: the signal goes once the manifest shows a finished article (or the run
    ended first, which a loaded machine may do: then there is nothing to resume)."""
    src = make_sources(tmp_path, 12)
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    assert batch(str(src), "-o", str(clean), "--workers", "1").returncode == 0
    exe = Path(sys.executable).with_name("translate")
    args = [
        str(exe),
        "batch",
        "--to",
        "es",
        "--engine",
        "apertium",
        "-g",
        GLOSSARY,
        str(src),
        "-o",
        str(killed),
        "--workers",
        "1",
    ]
    proc = subprocess.Popen(
        args,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, "LANGUAGE": "", "LC_ALL": "C.UTF-8"},
    )
    manifest = killed / "manifest.jsonl"
    while proc.poll() is None and not (manifest.is_file() and "\n" in manifest.read_text()):
        time.sleep(0.02)
    if proc.poll() is None:
        if sig == signal.SIGTERM:
            proc.send_signal(sig)  # `kill PID`: the program alone, its engine left running
        else:
            os.killpg(proc.pid, sig)  # Ctrl-C, or the whole group killed
    _, err = proc.communicate(timeout=300)
    status, line = _STOPPED[sig]
    if proc.returncode == 0:  # it finished before the signal: nothing to resume
        assert manifest.read_text().count("\n") == 12
    else:
        assert proc.returncode == status, err.decode()
        if line is not None:
            # one line after the progress lines, and nothing half-written left behind,
            # not even a temporary file
            said = [x for x in err.decode().splitlines() if not x.startswith("batch: ")]
            assert len(said) == 1 and said[0].startswith(line), err.decode()
            assert not list(killed.rglob("*.tmp"))
        else:  # SIGKILL: only hidden temporary files, never a half output
            assert all(p.name.startswith(".") for p in killed.rglob("*.tmp"))
    done_before = manifest.read_text().count("\n")
    assert 1 <= done_before <= 12
    result = batch(str(src), "-o", str(killed), "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert not list(killed.rglob("*.tmp"))
    assert files_of(killed) == files_of(clean)
    assert f"{done_before} skipped" in result.stderr.decode()


def test_a_dask_local_cluster_writes_the_same_bytes(apertium_eng_spa, tmp_path) -> None:
    """Two Dask workers on a real LocalCluster; this process writes, as in a local run."""
    pytest.importorskip("distributed")
    src = make_sources(tmp_path, 4)
    one, cluster = tmp_path / "one", tmp_path / "dask"
    assert batch(str(src), "-o", str(one), "--workers", "1").returncode == 0
    result = batch(str(src), "-o", str(cluster), "--workers", "2", "--dask", "local")
    assert result.returncode == 0, result.stderr
    assert files_of(cluster) == files_of(one) and len(files_of(one)) == 8
    again = batch(str(src), "-o", str(cluster), "--workers", "2", "--dask", "local")
    assert "0 done, 4 skipped" in again.stderr.decode()


def test_an_unreachable_scheduler_is_one_line(tmp_path) -> None:
    pytest.importorskip("distributed")
    src = make_sources(tmp_path, 1)
    result = batch(str(src), "-o", str(tmp_path / "out"), "--dask", "tcp://127.0.0.1:9")
    err = result.stderr.decode()
    assert result.returncode == 2 and "tcp://127.0.0.1:9" in err, err
    assert "Traceback" not in err


def test_an_edited_translation_is_never_overwritten(apertium_eng_spa, tmp_path) -> None:
    src = make_sources(tmp_path, 2)
    out = tmp_path / "out"
    assert batch(str(src), "-o", str(out), "--workers", "1").returncode == 0
    edited = out / "story-00.es.txt"
    edited.write_text("Corrected by the desk.\n", encoding="utf-8")
    (src / "story-00.en.txt").write_text("Talks in Tehran.\n", encoding="utf-8")
    result = batch(str(src), "-o", str(out), "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert edited.read_text(encoding="utf-8") == "Corrected by the desk.\n"
    assert "Teherán" in (out / "story-00.es.txt.draft").read_text(encoding="utf-8")
    assert "kept" in result.stderr.decode()


def test_bad_batch_arguments_are_one_line(tmp_path) -> None:
    src = make_sources(tmp_path, 1)
    out = tmp_path / "out"
    for args, needle in (
        ([str(src), "--workers", "0"], "--workers"),
        ([str(tmp_path / "nope")], "check the path"),
    ):
        result = batch(*args, "-o", str(out))
        err = result.stderr.decode()
        assert result.returncode == 2 and len(err.strip().splitlines()) == 1, err
        assert needle in err
        assert not out.exists() or not list(out.iterdir())
