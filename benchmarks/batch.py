"""Batch benchmark: what a batch saves over one process per article, how it grows with
the number of articles, and what a second worker gives, all in one run.

Articles are made from the sentences of the quality benchmark's articles (each about
the size of a short wire story), translated into Spanish with Apertium and the
shipped glossaries.  Measured, wall-clock seconds of whole commands (the machine is
shared and noisy: compare within a run):

* ``per-process``: ``translate article`` once per article (imports, glossary parsing,
  calibration and translation every time);
* ``batch-1`` for 1, 10, 100 (and ``--max``) articles: ``translate batch --workers 1``;
* ``batch-2``: the largest set again with ``--workers 2``.

It prints seconds per article, the batch's saving per article, the two-worker speed-up
and an estimate for a 100,000-article backfill on one 2-core machine and on ten.

    python benchmarks/batch.py [--max 100] [--engine apertium]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TRANSLATE = str(Path(sys.executable).with_name("translate"))
GLOSSARIES = [
    "-g",
    str(ROOT / "glossaries" / "countries.yaml"),
    "-g",
    str(ROOT / "glossaries" / "caucasus.yaml"),
]


def make_articles(folder: Path, count: int) -> list[Path]:
    """``count`` articles of six sentences each, cycling through the benchmark's text."""
    sentences = []
    for path in sorted((HERE / "quality").glob("*.en.txt")):
        for para in path.read_text(encoding="utf-8").split("\n\n"):
            sentences += [s.strip() + "." for s in para.replace("\n", " ").split(". ") if s.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        body = " ".join(sentences[(n * 6 + k) % len(sentences)] for k in range(6))
        path = folder / f"story-{n:04d}.en.txt"
        path.write_text(f"Story {n}\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=100, help="largest batch (default 100)")
    parser.add_argument("--per-process", type=int, default=10, help="articles run one by one")
    parser.add_argument("--engine", default="apertium")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="dragoman-batch-bench-"))
    try:
        sizes = [n for n in (1, 10, 100, 1000) if n < args.max] + [args.max]
        articles = make_articles(work / "in", max(sizes))
        common = ["--to", "es", "--engine", args.engine, *GLOSSARIES]
        rows: list[tuple[str, int, float]] = []
        count = min(args.per_process, len(articles))
        seconds = sum(
            timed([TRANSLATE, "article", str(p), *common, "-o", str(work / f"one-{n}.es.txt")])
            for n, p in enumerate(articles[:count])
        )
        rows.append(("per-process", count, seconds))
        for size in sizes:
            folder = work / f"in-{size}"
            folder.mkdir()
            for path in articles[:size]:
                os.link(path, folder / path.name)
            out = work / f"out-{size}"
            rows.append(
                (
                    "batch-1",
                    size,
                    timed(
                        [TRANSLATE, "batch", str(folder), *common, "-o", str(out), "--workers", "1"]
                    ),
                )
            )
        biggest = work / f"in-{sizes[-1]}"
        rows.append(
            (
                "batch-2",
                sizes[-1],
                timed(
                    [
                        TRANSLATE,
                        "batch",
                        str(biggest),
                        *common,
                        "-o",
                        str(work / "out-2w"),
                        "--workers",
                        "2",
                    ]
                ),
            )
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; engine {args.engine}, en→es, 6-sentence articles"
    )
    print(f"{'run':<12} {'articles':>8} {'seconds':>9} {'s/article':>10}")
    for name, size, secs in rows:
        print(f"{name:<12} {size:>8} {secs:>9.2f} {secs / size:>10.3f}")
    per_process = rows[0][2] / rows[0][1]
    one = rows[-2][2] / rows[-2][1]
    two = rows[-1][2] / rows[-1][1]
    print()
    print(f"per-process / batch-1 time per article ({sizes[-1]} articles): {per_process / one:.2f}")
    print(f"batch-1 / batch-2 time ({sizes[-1]} articles, goal ≥ 1.7 on 2 cores): {one / two:.2f}")
    growth = [(r[1], r[2]) for r in rows if r[0] == "batch-1"]
    if len(growth) >= 2:
        (a, ta), (b, tb) = growth[-2], growth[-1]
        print(f"batch-1 growth {a} → {b} articles: time ×{tb / ta:.1f} for articles ×{b / a:.0f}")
    backfill = 100_000 * two
    print(
        f"estimate, 100,000 articles: {backfill / 3600:.1f} h on one 2-core machine (2 workers),"
        f" {backfill / 3600 / 10:.1f} h on ten such machines (20 Dask workers)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
