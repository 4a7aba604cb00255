"""Engine faults in the middle of a real ``translate batch``: the Apertium programs the
batch is running are sent SIGKILL (the pipeline is restarted and the article done) and
SIGSTOP (the article fails after ``--engine-timeout``, with one line in the manifest and
the summary, and the rest of the batch goes on).  A rerun then finishes, and every file
is the bytes of a run without faults."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from test_batch import GLOSSARY, batch, files_of, make_sources

ARTICLES = 24


def descendants(root: int) -> dict[int, str]:
    """``{pid: command name}`` of every process under ``root``."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name, rest = stat.split("(", 1)[1].rsplit(")", 1)
        fields = rest.split()
        if fields[0] == "Z":
            continue
        parents[int(entry.name)] = int(fields[1])
        names[int(entry.name)] = name
    found: dict[int, str] = {}
    frontier = [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in found:
                found[child] = names[child]
                frontier.append(child)
    return found


def wait_for_lines(manifest: Path, count: int, proc: subprocess.Popen) -> int:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.is_file() and manifest.read_text().count("\n") >= count:
            break
        time.sleep(0.02)
    return manifest.read_text().count("\n") if manifest.is_file() else 0


def signal_stage(root: int, prefix: str, sig: signal.Signals) -> int:
    for pid, name in descendants(root).items():
        if name.startswith(prefix):
            os.kill(pid, sig)
            return pid
    raise AssertionError(f"no {prefix} process under the batch")


def test_killed_and_hung_apertium_mid_batch(apertium_eng_spa, tmp_path) -> None:
    src = make_sources(tmp_path, ARTICLES)
    clean, faulted = tmp_path / "clean", tmp_path / "faulted"
    assert batch(str(src), "-o", str(clean), "--workers", "1").returncode == 0

    exe = Path(sys.executable).with_name("translate")
    proc = subprocess.Popen(
        [
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
            str(faulted),
            "--workers",
            "1",
            "--engine-timeout",
            "6",  # long enough that a busy machine's slow answer is not taken for a hang
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "LANGUAGE": "", "LC_ALL": "C.UTF-8"},
    )
    manifest = faulted / "manifest.jsonl"
    try:
        assert wait_for_lines(manifest, 2, proc) < ARTICLES, "the batch ended too soon"
        signal_stage(proc.pid, "lt-proc", signal.SIGKILL)
        assert wait_for_lines(manifest, 5, proc) < ARTICLES, "the batch ended too soon"
        stopped = signal_stage(proc.pid, "apertium-inter", signal.SIGSTOP)
        _, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
    stderr = err.decode()
    assert proc.returncode == 1, stderr
    assert not Path(f"/proc/{stopped}").exists() or "Z" in Path(f"/proc/{stopped}/stat").read_text()
    records = [json.loads(line) for line in manifest.read_text().splitlines()]
    failed = [r for r in records if r["status"] == "failed"]
    assert len(records) == ARTICLES and len(failed) == 1, records
    assert failed[0]["error"].startswith("apertium eng-spa gave no answer in 6 s")
    assert f"{ARTICLES - 1} done, 0 skipped (already done), 1 failed" in stderr
    assert f"failed: {failed[0]['id']}: apertium eng-spa gave no answer in 6 s" in stderr
    assert "Traceback" not in stderr

    rerun = batch(str(src), "-o", str(faulted), "--workers", "1")
    assert rerun.returncode == 0, rerun.stderr
    assert f"1 done, {ARTICLES - 1} skipped" in rerun.stderr.decode()
    assert files_of(faulted) == files_of(clean)


def test_engine_timeout_in_the_config_is_checked(tmp_path) -> None:
    src = make_sources(tmp_path, 1)
    config = tmp_path / "dragoman.toml"
    config.write_text('engine_timeout = "soon"\n', encoding="utf-8")
    result = batch(str(src), "-o", str(tmp_path / "out"), "--config", str(config))
    err = result.stderr.decode()
    assert result.returncode == 2 and len(err.strip().splitlines()) == 1, err
    assert "engine_timeout" in err and "seconds" in err
    flag = batch(str(src), "-o", str(tmp_path / "out"), "--engine-timeout", "-3")
    err = flag.stderr.decode()
    assert flag.returncode == 2 and "--engine-timeout" in err and "Traceback" not in err


def test_a_hung_engine_fails_article_in_one_line(apertium_eng_spa, tmp_path) -> None:
    """``engine_timeout`` from dragoman.toml reaches ``translate article``: an Apertium
    that never answers (a real process that sleeps) ends in one line and exit 2, and
    nothing is written."""
    from conftest import ROOT, run_cli

    slow = tmp_path / "apertium"
    slow.write_text("#!/bin/sh\nexec sleep 60\n")
    slow.chmod(0o755)
    config = tmp_path / "dragoman.toml"
    config.write_text("engine_timeout = 1\n", encoding="utf-8")
    out = tmp_path / "story.es.txt"
    story = str(ROOT / "examples" / "baku-talks.en.txt")
    args = ("article", story, "--to", "es", "--engine", "apertium", "-o", str(out))
    result = run_cli(*args, "--config", str(config), env={"DRAGOMAN_APERTIUM": str(slow)})
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "apertium eng-spa gave no answer in 1 s" in err
    assert not out.exists()
