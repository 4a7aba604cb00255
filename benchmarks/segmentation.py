"""Sentence segmentation against the engine, on 1 MB of news, in one run.

The shipped English example and benchmark articles are repeated to 1 MB and cut into
paragraphs at blank lines, as the plain-text reader does.  Three timings, CPU seconds:

- ``pysbd``: every paragraph through pysbd (``split_sentences_pysbd``, the way it was)
- ``dragoman``: ``split_sentences`` (plain paragraphs cut directly, the rest through pysbd)
- ``apertium``: ``apertium eng-spa`` on the same text (all the processes of its pipeline)

Goal: ``dragoman`` at most a tenth of ``apertium``.  The spans of both ways are compared
too (they must be equal), and the share of paragraphs that still go to pysbd is shown.
The Spanish and Catalan articles are timed the same way (no engine: their pairs go the
other way), for the languages' own rules.

    python benchmarks/segmentation.py [--mb 1] [--runs 3] [--no-engine]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from translate.segment import (  # noqa: E402
    _ANY_TERMINAL,
    _HIDE,
    _WS,
    _plain_cuts,
    segmenter_language,
    split_sentences,
    split_sentences_pysbd,
)

LANGUAGES = ("en", "es", "ca")  # the languages of the shipped articles


def articles(lang: str) -> list[Path]:
    return [
        *sorted((ROOT / "examples").glob(f"*.{lang}.*")),
        *sorted((HERE / "quality").glob(f"*.{lang}.*")),
    ]


Span = tuple[int, int]


def news(lang: str, megabytes: float) -> str:
    """The articles in ``lang``, repeated until the text is ``megabytes`` long (UTF-8)."""
    joined = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in articles(lang))
    size = int(megabytes * 1_000_000)
    copies = size // len(joined.encode()) + 1
    text = "\n\n".join([joined] * copies)
    return text.encode()[:size].decode("utf-8", "ignore")


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def cpu_seconds(
    split: Callable[[str, str], list[Span]], paras: list[str], lang: str, runs: int
) -> tuple[float, list[list[Span]]]:
    best = float("inf")
    spans: list[list[Span]] = []
    for _ in range(runs):
        start = time.process_time()
        spans = [split(p, lang) for p in paras]
        best = min(best, time.process_time() - start)
    return best, spans


def apertium_seconds(text: str) -> tuple[float, float]:
    """CPU seconds of ``apertium eng-spa`` and its children, and wall seconds."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        with open(f.name, encoding="utf-8") as source:
            subprocess.run(
                ["apertium", "eng-spa"], stdin=source, stdout=subprocess.DEVNULL, check=True
            )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def segmentation(lang: str, text: str, runs: int) -> tuple[float, float] | None:
    """CPU seconds of both ways on ``text``, after checking they give the same spans."""
    paras = paragraphs(text)
    split_sentences("Warm up. Now.", lang)  # pysbd's first call builds its tables
    split_sentences_pysbd("Warm up. Now.", lang)
    old, old_spans = cpu_seconds(split_sentences_pysbd, paras, lang, runs)
    new, new_spans = cpu_seconds(split_sentences, paras, lang, runs)
    if old_spans != new_spans:
        print(f"{lang}: DIFFERENT SPANS, split_sentences and split_sentences_pysbd disagree")
        return None
    code = segmenter_language(lang)
    to_pysbd = sum(
        1
        for p in paras
        if _ANY_TERMINAL.search(p)
        and _plain_cuts(_WS.sub(" ", p.strip()).translate(_HIDE), code) is None
    )
    sentences = sum(len(s) for s in new_spans)
    print(
        f"{lang}: {len(text.encode()) / 1e6:.2f} MB from {len(articles(lang))} articles, "
        f"{len(paras)} paragraphs, {sentences} sentences, same spans both ways; "
        f"{to_pysbd} paragraphs ({to_pysbd / len(paras):.0%}) still through pysbd"
    )
    return old, new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Segmentation against the engine on 1 MB")
    parser.add_argument("--mb", type=float, default=1.0, help="size of the text (MB)")
    parser.add_argument("--runs", type=int, default=3, help="best of N for segmentation")
    parser.add_argument("--no-engine", action="store_true", help="skip the Apertium call")
    args = parser.parse_args(argv)

    rows: list[tuple[str, float, float]] = []
    for lang in LANGUAGES:
        timed = segmentation(lang, news(lang, args.mb), args.runs)
        if timed is None:
            return 1
        rows.append((lang, *timed))
    engine = None
    if not args.no_engine:
        if shutil.which("apertium") is None:
            print("apertium not installed: no engine figure")
        else:
            engine, wall = apertium_seconds(news("en", args.mb))
            print(f"apertium eng-spa on the English text: {engine:.2f} CPU s (wall {wall:.2f} s)")
    print()
    print(f"{'source':<7} {'pysbd s':>8} {'dragoman s':>11} {'speed-up':>9}", end="")
    print(f" {'pysbd/engine':>13} {'dragoman/engine':>16}" if engine else "")
    for lang, old, new in rows:
        line = f"{lang:<7} {old:>8.2f} {new:>11.2f} {old / new:>8.1f}x"
        if engine and lang == "en":
            line += f" {old / engine:>13.3f} {new / engine:>16.3f}"
        print(line)
    if engine:
        print()
        print(f"goal: dragoman/engine <= 0.100 on English; {rows[0][2] / engine:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
