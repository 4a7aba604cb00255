"""Faults while writing and mid-run, through the real CLI where it can be reached
(issue 14): a full device, a file-size limit the system enforces, SIGTERM and SIGINT
sent to a real run; a read-only folder as a unit test (the tests run as root, whom
permission bits do not stop).  Each gives one line, the documented exit status, no
temporary file, and an existing output untouched; a rerun then completes."""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

EXAMPLE = "examples/baku-talks.en.txt"


def one_line(result, code: int, *words: str) -> str:
    err = result.stderr.decode()
    assert result.returncode == code, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert len(err.strip().splitlines()) == 1, err
    for word in words:
        assert word in err, err
    return err


def no_temporaries(folder: Path) -> None:
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


# -- output devices ---------------------------------------------------------------------


def test_stdout_on_a_full_device_is_one_line(apertium_eng_spa) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [str(Path(sys.executable).with_name("translate")), "article", EXAMPLE, "--to", "es"],
            stdout=full,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "LANGUAGE": "", "LC_ALL": "C.UTF-8"},
            check=False,
        )
    one_line(result, 2, "No space left on device")


def test_o_dev_full_writes_to_the_device_and_never_replaces_it(apertium_eng_spa) -> None:
    one_line(run_cli("article", EXAMPLE, "--to", "es", "-o", "/dev/full"), 2, "/dev/full")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # still the device, not a file
    one_line(
        run_cli("article", EXAMPLE, "--to", "es", "--report", "/dev/full", "-o", "/dev/null"),
        2,
        "/dev/full",
    )
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def _small_files() -> None:
    """In the child: files may not grow past 4 KB (EFBIG, as on a full disk)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4 << 10, 4 << 10))


def test_a_write_the_system_cuts_short_leaves_the_old_output(apertium_eng_spa, tmp_path) -> None:
    out = tmp_path / "story.es.jsonl"
    out.write_text("an editor's file\n", encoding="utf-8")
    exe = Path(sys.executable).with_name("translate")
    result = subprocess.run(
        [str(exe), "article", EXAMPLE, "--to", "es", "-o", str(out)],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "LANGUAGE": "", "LC_ALL": "C.UTF-8"},
        preexec_fn=_small_files,
        check=False,
    )
    one_line(result, 2, str(out), "cannot write it")
    assert out.read_text(encoding="utf-8") == "an editor's file\n"
    no_temporaries(tmp_path)


@pytest.mark.parametrize("failing", ["tempfile.mkstemp", "os.replace"])
def test_a_read_only_folder_is_one_line_and_nothing_changes(tmp_path, monkeypatch, failing) -> None:
    """A read-only file system refuses the temporary file or the rename (EROFS)."""
    import tempfile

    from translate.atomic import write_atomically
    from translate.errors import UserError

    target = tmp_path / "out.txt"
    target.write_text("kept\n", encoding="utf-8")
    module, name = failing.split(".")
    real = getattr({"tempfile": tempfile, "os": os}[module], name)

    def refuse(*args, **kwargs):
        if name == "mkstemp":
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        real(*args, **kwargs)  # pragma: no cover
        raise AssertionError

    def refuse_replace(src, dst):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(dst))

    monkeypatch.setattr(
        {"tempfile": tempfile, "os": os}[module],
        name,
        refuse if name == "mkstemp" else refuse_replace,
    )
    for data in ("text", b"bytes"):
        with pytest.raises(UserError) as caught:
            write_atomically(target, data)
        assert str(target) in str(caught.value) and "Read-only file system" in str(caught.value)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "kept\n"
    no_temporaries(tmp_path)


# -- signals ----------------------------------------------------------------------------


def test_sigterm_while_writing_removes_the_temporary_file(tmp_path) -> None:
    """The handler the CLI installs turns SIGTERM into an exception where the program
    is: inside an atomic write, the temporary file goes and the old file stays."""
    from translate import cli
    from translate.atomic import atomic_write

    target = tmp_path / "out.txt"
    target.write_text("kept\n", encoding="utf-8")
    previous = signal.signal(signal.SIGTERM, cli._terminate)
    try:
        with pytest.raises(cli.Terminated), atomic_write(target) as handle:
            handle.write("half of the new")
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)  # the handler runs here
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert target.read_text(encoding="utf-8") == "kept\n"
    no_temporaries(tmp_path)


def long_article(tmp_path: Path) -> Path:
    text = (ROOT / EXAMPLE).read_text(encoding="utf-8")
    path = tmp_path / "long.en.txt"
    path.write_text("\n\n".join([text] * 12), encoding="utf-8")
    return path


def _default_signals() -> None:
    """In the child: SIGINT as at a terminal (a shell's background job ignores it, and
    Python then installs no KeyboardInterrupt handler)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _wait_until_it_catches(process: subprocess.Popen, signum: int) -> None:
    """Until the program has its handler for ``signum`` (Linux: SigCgt in
    /proc/PID/status), or has ended: a signal during the interpreter's own start-up
    kills it before any of our code runs, and on a loaded machine that takes seconds."""
    status = Path(f"/proc/{process.pid}/status")
    while process.poll() is None:
        try:
            caught = next(
                int(line.split()[1], 16)
                for line in status.read_text().splitlines()
                if line.startswith("SigCgt:")
            )
        except (OSError, StopIteration):
            return
        if caught & (1 << (signum - 1)):
            return
        time.sleep(0.01)


def start(args: list[str]) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("translate")
    return subprocess.Popen(
        [str(exe), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "LANGUAGE": "", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
        preexec_fn=_default_signals,
    )


@pytest.mark.parametrize(
    ("signum", "code", "word"),
    [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")],
)
def test_a_signal_mid_run_leaves_nothing_and_a_rerun_completes(
    apertium_eng_spa, tmp_path, signum, code, word
) -> None:
    article = long_article(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "long.es.md"
    existing = out_dir / "long.ca.jsonl"
    existing.write_text("an editor's file\n", encoding="utf-8")
    args = ["article", str(article), "--to", "es", "-o", str(out), "--output-kind", "document"]
    # Signals at several moments once the program can catch them: at once (loading),
    # while translating, and later on.  No timing is assumed: a run may finish first.
    stopped = 0
    for delay in (0.0, 0.8, 2.0):
        process = start([*args, "--report", str(out_dir / "report.json")])
        _wait_until_it_catches(process, signal.SIGTERM)
        time.sleep(delay)
        process.send_signal(signum)
        _, err = process.communicate(timeout=120)
        if process.returncode == 0:  # it finished first: a complete output
            assert json.loads((out_dir / "report.json").read_text(encoding="utf-8"))["pairs"]
            out.unlink()
            (out_dir / "report.json").unlink()
            continue
        text = err.decode()
        stopped += 1
        assert process.returncode == code, text
        assert "Traceback" not in text and word in text, text
        assert len(text.strip().splitlines()) == 1, text
        assert sorted(p.name for p in out_dir.iterdir()) == ["long.ca.jsonl"]
    assert stopped, "every run finished before its signal: make the article longer"
    assert existing.read_text(encoding="utf-8") == "an editor's file\n"
    rerun = run_cli(*args)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert out.read_text(encoding="utf-8").count("Bakú") > 10 or out.stat().st_size > 1000
    no_temporaries(out_dir)


# -- progress ---------------------------------------------------------------------------


def test_progress_is_shown_on_request_and_changes_nothing(apertium_eng_spa, tmp_path) -> None:
    article = long_article(tmp_path)
    plain = run_cli("article", str(article), "--to", "es", "-f", "jsonl")
    shown = run_cli("article", str(article), "--to", "es", "-f", "jsonl", "--progress")
    assert plain.returncode == shown.returncode == 0, shown.stderr.decode()
    assert plain.stdout == shown.stdout  # the engine got the same calls
    assert plain.stderr == b""  # not a terminal, no flag: no bar
    bar = shown.stderr.decode()
    assert "segments" in bar and "100%" in bar
    quiet = run_cli("article", str(article), "--to", "es", "-f", "jsonl", "--no-progress")
    assert quiet.stderr == b""


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "cannot write standard output"),
        (FileNotFoundError(errno.ENOENT, "No such file or directory", "apertium"), "apertium: No"),
        (OSError(errno.EACCES, "Permission denied"), "translate: error: Permission denied"),
    ],
)
def test_a_system_error_no_writer_caught_is_one_line(monkeypatch, capsys, error, line) -> None:
    from translate import cli

    def fail(argv):
        raise error

    monkeypatch.setattr(cli, "_run", fail)
    monkeypatch.setattr(cli, "_quiet_stdout", lambda: None)  # pytest's capture stays
    assert cli.main(["article"]) == 2
    err = capsys.readouterr().err
    assert line in err and len(err.strip().splitlines()) == 1
    assert ("cannot write" in err) == (error.errno == errno.ENOSPC)
