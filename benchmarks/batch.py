"""Batch benchmark: what a batch saves over one process per article, how it grows with
the number of articles, and what a second worker gives, all in one run.

Articles are made from the sentences of the quality benchmark's articles (each about
the size of a short wire story), translated into Spanish with Apertium and the
shipped glossaries.  Measured, wall-clock seconds of whole commands (the machine is
shared and noisy: compare within a run):

* ``per-process``: ``translate article`` once per article (imports, glossary parsing,
  calibration and translation every time);
* ``batch-1`` for 1, 10, 100 and 1000 (``--max``) articles: ``translate batch
  --workers 1`` (one long-lived Apertium pipeline in the worker);
* ``batch-2``: the largest set again with ``--workers 2`` (a pipeline per worker);
* ``dask-2``: ``--dask local`` with 2 workers on up to 100 articles, for what Dask
  adds per article over the process pool (skipped without ``distributed``).

It prints seconds per article, the batch's saving per article, the two-worker speed-up,
how time grows with the number of articles, and an estimate for a 100,000-article
backfill on one 2-core machine and on a 10-worker Dask cluster.  The load average
before and after says how busy the machine was.

    python benchmarks/batch.py [--max 1000] [--engine apertium]
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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


@dataclass
class Row:
    run: str
    articles: int
    wall: float
    cpu: float
    """User + system seconds of the command and every process under it."""

    @property
    def per_article(self) -> float:
        return self.wall / self.articles


def timed(run: str, articles: int, args: list[str]) -> Row:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Row(run, articles, wall, usage.ru_utime + usage.ru_stime - before)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=1000, help="largest batch (default 1000)")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask row")
    parser.add_argument("--per-process", type=int, default=10, help="articles run one by one")
    parser.add_argument("--engine", default="apertium")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="dragoman-batch-bench-"))
    load_before = os.getloadavg()
    rows: list[Row] = []
    dask_row: Row | None = None
    try:
        sizes = [n for n in (1, 10, 100, 1000) if n < args.max] + [args.max]
        articles = make_articles(work / "in", max(sizes))
        common = ["--to", "es", "--engine", args.engine, *GLOSSARIES]
        count = min(args.per_process, len(articles))
        singles = [
            timed(
                "per-process",
                1,
                [TRANSLATE, "article", str(p), *common, "-o", str(work / f"one-{n}.es.txt")],
            )
            for n, p in enumerate(articles[:count])
        ]
        rows.append(
            Row(
                "per-process",
                count,
                sum(r.wall for r in singles),
                sum(r.cpu for r in singles),
            )
        )

        def batch(run: str, size: int, out: str, *extra: str) -> Row:
            folder = work / f"in-{size}"
            if not folder.is_dir():
                folder.mkdir()
                for path in articles[:size]:
                    os.link(path, folder / path.name)
            command = [TRANSLATE, "batch", str(folder), *common, "-o", str(work / out), *extra]
            return timed(run, size, command)

        for size in sizes:
            rows.append(batch("batch-1", size, f"out-{size}", "--workers", "1"))
        rows.append(batch("batch-2", sizes[-1], "out-2w", "--workers", "2"))
        if not args.no_dask and importlib.util.find_spec("distributed") is not None:
            size = min(100, sizes[-1])
            dask_row = batch("dask-2", size, "out-dask", "--workers", "2", "--dask", "local")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; engine {args.engine}, en→es, 6-sentence articles"
    )
    print(
        f"load average (1 min) before {load_before[0]:.1f}, after {load_after[0]:.1f}"
        " (other work on the machine: compare within this run)"
    )
    print(
        f"{'run':<12} {'articles':>8} {'wall s':>9} {'s/article':>10} {'CPU s':>9}"
        f" {'CPU/article':>12}"
    )
    for row in rows + ([dask_row] if dask_row else []):
        print(
            f"{row.run:<12} {row.articles:>8} {row.wall:>9.2f} {row.per_article:>10.3f}"
            f" {row.cpu:>9.2f} {row.cpu / row.articles:>12.3f}"
        )
    single, one, two = rows[0], rows[-2], rows[-1]
    print()
    print(
        f"per-process / batch-1 per article ({one.articles} articles): wall"
        f" {single.per_article / one.per_article:.2f}, CPU"
        f" {single.cpu / single.articles / (one.cpu / one.articles):.2f}"
    )
    print(
        f"overhead of one process per article: {single.per_article - one.per_article:.3f} s"
        f" wall, {single.cpu / single.articles - one.cpu / one.articles:.3f} s CPU"
    )
    print(
        f"batch-1 / batch-2 wall time ({one.articles} articles, goal ≥ 1.7 on 2 cores):"
        f" {one.wall / two.wall:.2f}"
    )
    growth = [r for r in rows if r.run == "batch-1"]
    for a, b in itertools.pairwise(growth):
        print(
            f"batch-1 growth {a.articles} → {b.articles} articles: wall ×{b.wall / a.wall:.1f},"
            f" CPU ×{b.cpu / a.cpu:.1f} for articles ×{b.articles / a.articles:.0f}"
        )
    backfill = 100_000 * two.per_article
    print(f"estimate, 100,000 articles on one 2-core machine (2 workers): {backfill / 3600:.1f} h")
    # a cluster worker with a core of its own does what batch-1 does per article
    per_worker = one.cpu / one.articles
    extra = 0.0
    if dask_row is not None:
        pool = next(r for r in growth if r.articles == dask_row.articles)
        extra = max(0.0, (dask_row.cpu - pool.cpu) / dask_row.articles)
    cluster = 100_000 * (per_worker + extra) / 10
    print(
        "estimate, 100,000 articles on a 10-worker Dask cluster (a core each, from CPU per"
        f" article {per_worker:.3f} s + Dask's {extra:.3f} s): {cluster / 3600:.1f} h"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
