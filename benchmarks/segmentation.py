"""Sentence segmentation against the engine, on 1 MB of news, in one run.

The shipped English example and benchmark articles are repeated to 1 MB and cut into
paragraphs at blank lines, as the plain-text reader does.  Three timings, CPU seconds:

- ``pysbd``: every paragraph through pysbd (``split_sentences_pysbd``, the way it was)
- ``dragoman``: ``split_sentences`` (plain paragraphs cut directly, the rest through pysbd)
- ``apertium``: ``apertium eng-spa`` on the same text (all the processes of its pipeline)

Goal: ``dragoman`` at most a tenth of ``apertium``.  The spans of both ways are compared
too (they must be equal), and the share of paragraphs that still go to pysbd is shown.

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

ARTICLES = [
    *sorted((ROOT / "examples").glob("*.en.*")),
    *sorted((HERE / "quality").glob("*.en.*")),
]

Span = tuple[int, int]


def news(megabytes: float) -> str:
    """The articles, repeated until the text is ``megabytes`` long (UTF-8)."""
    articles = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in ARTICLES)
    size = int(megabytes * 1_000_000)
    copies = size // len(articles.encode()) + 1
    text = "\n\n".join([articles] * copies)
    return text.encode()[:size].decode("utf-8", "ignore")


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def cpu_seconds(split: Callable[[str, str], list[Span]], paras: list[str], runs: int):
    best = float("inf")
    spans: list[list[Span]] = []
    for _ in range(runs):
        start = time.process_time()
        spans = [split(p, "en") for p in paras]
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Segmentation against the engine on 1 MB")
    parser.add_argument("--mb", type=float, default=1.0, help="size of the text (MB)")
    parser.add_argument("--runs", type=int, default=3, help="best of N for segmentation")
    parser.add_argument("--no-engine", action="store_true", help="skip the Apertium call")
    args = parser.parse_args(argv)

    text = news(args.mb)
    paras = paragraphs(text)
    split_sentences("Warm up. Now.", "en")  # pysbd's first call builds its tables
    split_sentences_pysbd("Warm up. Now.", "en")
    old, old_spans = cpu_seconds(split_sentences_pysbd, paras, args.runs)
    new, new_spans = cpu_seconds(split_sentences, paras, args.runs)
    if old_spans != new_spans:
        print("DIFFERENT SPANS: split_sentences and split_sentences_pysbd disagree")
        return 1
    code = segmenter_language("en")
    to_pysbd = sum(
        1
        for p in paras
        if _ANY_TERMINAL.search(p)
        and _plain_cuts(_WS.sub(" ", p.strip()).translate(_HIDE), code) is None
    )
    sentences = sum(len(s) for s in new_spans)
    print(
        f"text: {len(text.encode()) / 1e6:.2f} MB from {len(ARTICLES)} English articles, "
        f"{len(paras)} paragraphs, {sentences} sentences (same spans both ways)"
    )
    print(f"paragraphs still through pysbd: {to_pysbd} ({to_pysbd / len(paras):.0%})")
    print()
    print(f"{'path':<10} {'CPU s':>8}")
    print(f"{'pysbd':<10} {old:>8.2f}")
    print(f"{'dragoman':<10} {new:>8.2f}")
    engine = None
    if not args.no_engine:
        if shutil.which("apertium") is None:
            print("apertium not installed: no engine figure")
        else:
            engine, wall = apertium_seconds(text)
            print(f"{'apertium':<10} {engine:>8.2f}   (wall {wall:.2f} s)")
    print()
    print(f"dragoman / pysbd:    {new / old:.3f}  ({old / new:.1f}x faster)")
    if engine:
        print(f"pysbd / apertium:    {old / engine:.3f}")
        print(f"dragoman / apertium: {new / engine:.3f}  (goal <= 0.100)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
