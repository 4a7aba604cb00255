"""The long-lived Apertium pipeline: the same bytes as the one-shot ``apertium`` script,
one set of processes for many calls, and faults (a killed or hung program) that end in a
clear error or a restart, never in lost or shifted segments.

The faults are real: a program of the running pipeline is sent SIGKILL or SIGSTOP."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest

from conftest import ROOT
from translate.articles import load_article
from translate.engines.apertium import ApertiumEngine, _tagged_stream, to_stream
from translate.engines.base import SourceText
from translate.errors import EngineError

ARTICLES = [
    *sorted((ROOT / "examples").glob("*.en.*")),
    *sorted((ROOT / "benchmarks" / "quality").glob("*.en.txt")),
]


def article_texts() -> list[SourceText]:
    texts = []
    for path in ARTICLES:
        document = load_article(str(path), "en")
        texts += [SourceText(s.source, s.keep) for s in document.segments if s.translatable]
    return texts


def streams() -> list[str]:
    return [to_stream(t.text, t.keep) for t in article_texts()]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("mode", ["eng-spa", "eng-cat"])
def test_long_lived_pipeline_gives_the_one_shot_bytes(request, mode: str) -> None:
    """Every test article, plain and word-tagged (alignment), twice through one running
    pipeline: each call equals a fresh ``apertium -z -f none`` run byte for byte (the
    tagger keeps state between segments, so it is restarted per call)."""
    request.getfixturevalue("apertium_eng_spa" if mode == "eng-spa" else "apertium_eng_cat")
    plain = streams()
    tagged = [_tagged_stream(t.text) for t in article_texts()]
    assert len(plain) > 50
    one_shot = ApertiumEngine(persistent=False)
    expected = [one_shot._run(plain, mode), one_shot._run(tagged, mode)]
    engine = ApertiumEngine(persistent=True)
    try:
        got = [engine._run(plain, mode), engine._run(tagged, mode), engine._run(plain, mode)]
        assert mode in engine._pipelines, "the long-lived path was not taken"
    finally:
        engine.close()
    assert got[0] == expected[0]
    assert got[1] == expected[1]
    assert got[2] == expected[0]  # what came before does not change a call's output


def test_a_link_at_the_start_of_a_sentence_is_translated(apertium_eng_spa) -> None:
    """A kept span starting with "[" (a Markdown link) opened a word-bound blank "[[" that
    never closed: the one-shot script returned that segment and the next one empty, and
    a long-lived pipeline never answered."""
    text = "Read [the guide](http://example.com/a_b) first. The cat is here."
    keep = ((5, 6), (15, 40))
    for persistent in (False, True):
        engine = ApertiumEngine(persistent=persistent, timeout=20)
        out = engine.translate_batch([SourceText(text, keep), SourceText("Good dog.")], "en", "es")
        engine.close()
        assert "(http://example.com/a_b)" in out[0].text and "gato" in out[0].text
        assert out[1].text == "Perro bueno."


def test_one_pipeline_serves_many_calls_and_closes(apertium_eng_spa) -> None:
    engine = ApertiumEngine(persistent=True)
    engine.translate_batch([SourceText("The cat is here.")], "en", "es")
    pipeline = engine._pipelines["eng-spa"]
    first = [p.pid for p in pipeline.procs]
    for _ in range(3):
        engine.translate_batch([SourceText("Good dog.")], "en", "es")
    assert engine._pipelines["eng-spa"] is pipeline
    now = [p.pid for p in pipeline.procs]
    restarted = {n for n in range(len(now)) if now[n] != first[n]}
    assert restarted == set(pipeline.kept)  # only the stateful programs
    assert len(now) > 5 and len(restarted) <= 2
    engine.close()
    time.sleep(0.2)
    assert not [pid for pid in now if alive(pid)]


def test_a_killed_program_is_restarted_and_nothing_is_lost(apertium_eng_spa) -> None:
    """SIGKILL to one program of the running pipeline, between calls and in the middle
    of a long call: the call gives every segment, in order, as a clean run does."""
    texts = [SourceText(f"The president of France visited Paris on day {n}.") for n in range(4000)]
    clean = ApertiumEngine(persistent=True)
    expected = clean.translate_batch(texts, "en", "es")
    clean.close()

    engine = ApertiumEngine(persistent=True, timeout=30)
    engine.translate_batch([SourceText("Hello.")], "en", "es")
    os.kill(engine._pipelines["eng-spa"].procs[5].pid, signal.SIGKILL)
    assert engine.translate_batch(texts[:3], "en", "es") == expected[:3]

    pipeline = engine._pipelines["eng-spa"]
    victim = pipeline.procs[7].pid
    ctx = multiprocessing.get_context("fork")
    killer = ctx.Process(target=_kill_later, args=(victim, 0.3))
    killer.start()
    try:
        got = engine.translate_batch(texts, "en", "es")
    finally:
        killer.join()
        engine.close()
    assert engine._pipelines == {}
    assert not alive(victim)
    assert got == expected


def _kill_later(pid: int, delay: float) -> None:
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)


def test_a_hung_program_fails_the_call_with_one_line(apertium_eng_spa) -> None:
    """SIGSTOP to a program: the call fails after the timeout, naming the engine, the
    pair and the timeout; the stopped pipeline is gone and the next call works."""
    engine = ApertiumEngine(persistent=True, timeout=1.5)
    engine.translate_batch([SourceText("Hello.")], "en", "es")
    stopped = engine._pipelines["eng-spa"].procs[9].pid
    os.kill(stopped, signal.SIGSTOP)
    with pytest.raises(EngineError) as caught:
        engine.translate_batch([SourceText("The cat is here.")], "en", "es")
    message = str(caught.value)
    assert "\n" not in message
    assert "apertium eng-spa" in message and "1.5 s" in message
    assert "engine_timeout" in message and "DRAGOMAN_ENGINE_TIMEOUT" in message
    time.sleep(0.2)
    assert not alive(stopped)
    assert engine.translate_batch([SourceText("Good dog.")], "en", "es")[0].text == "Perro bueno."
    engine.close()


def test_the_one_shot_path_times_out_too(apertium_eng_spa, tmp_path) -> None:
    """A custom DRAGOMAN_APERTIUM runs one-shot: one that never answers meets the same
    timeout (a real process that sleeps, not a mock)."""
    slow = tmp_path / "apertium"
    slow.write_text("#!/bin/sh\nexec sleep 60\n")
    slow.chmod(0o755)
    engine = ApertiumEngine(str(slow), timeout=1)
    engine.__dict__["_mode_files"] = {"eng-spa": Path("/dev/null")}
    started = time.monotonic()
    with pytest.raises(EngineError, match=r"apertium eng-spa gave no answer in 1 s"):
        engine.translate_batch([SourceText("Hello.")], "en", "es")
    assert time.monotonic() - started < 30


def test_a_forked_worker_starts_its_own_pipeline(apertium_eng_spa) -> None:
    """A process forked after the parent started its pipeline must not write into it
    (the two would read each other's answers)."""
    engine = ApertiumEngine(persistent=True)
    engine.translate_batch([SourceText("Hello.")], "en", "es")
    parent = [p.pid for p in engine._pipelines["eng-spa"].procs]
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_child_translates, args=(engine, queue))
    child.start()
    text, child_pids = queue.get(timeout=60)
    child.join()
    assert text == "El gato es aquí."
    assert not set(child_pids) & set(parent)
    assert all(alive(pid) for pid in parent)  # the child's exit left the parent's alone
    assert engine.translate_batch([SourceText("Good dog.")], "en", "es")[0].text == "Perro bueno."
    engine.close()


def _child_translates(engine: ApertiumEngine, queue) -> None:
    out = engine.translate_batch([SourceText("The cat is here.")], "en", "es")[0].text
    pids = [p.pid for p in engine._pipelines["eng-spa"].procs]
    engine.close()
    queue.put((out, pids))


def test_timeout_settings_are_checked() -> None:
    from translate.engines.base import DEFAULT_TIMEOUT, engine_timeout, parse_timeout

    assert parse_timeout("2.5") == 2.5
    assert parse_timeout(0) == 0
    for bad in ("soon", "-1", "inf", "nan", True):
        with pytest.raises(EngineError, match="must be a number of seconds"):
            parse_timeout(bad, "engine_timeout")
    os.environ.pop("DRAGOMAN_ENGINE_TIMEOUT", None)
    assert engine_timeout() == DEFAULT_TIMEOUT


def test_threads_share_one_engine_without_mixing_answers(apertium_eng_spa) -> None:
    """A threaded server calls one engine from several threads: each gets its own."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        [SourceText(f"The cat number {n} is here."), SourceText("Good dog.")] for n in range(8)
    ]
    engine = ApertiumEngine(persistent=True)
    expected = [engine.translate_batch(t, "en", "es") for t in texts]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda t: engine.translate_batch(t, "en", "es"), texts * 3))
    engine.close()
    assert got == expected * 3
