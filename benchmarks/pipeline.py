"""CPU time of Dragoman's whole pipeline against the raw engine on the same text.

The text is the shipped example articles and the quality benchmark's English articles,
repeated to ``--size`` bytes (1 MB by default), each copy its own document.  Each path
runs in a fresh process; its CPU time is its own plus its children's (Apertium's
programs), counted from just before the work to just after (the engine's processes
are ended inside the timed part, so their CPU is counted).

- ``apertium-raw``: ``apertium -f txt eng-spa`` over the whole text, one process (the floor)
- ``apertium-engine``: Dragoman's ``ApertiumEngine.translate_batch``, one call per document
- ``apertium-pipeline``: segmentation, the glossary (caucasus + countries), the engine
  calls, restore and checks: ``Translator.translate`` per document
- ``argos-raw``: SentencePiece + ``ctranslate2.Translator.translate_batch`` on the segments
- ``argos-engine``, ``argos-pipeline``: the same with the distilled Argos package

Goals (issue 12): pipeline ≤ 1.15× raw for Apertium, ≤ 1.10× for Argos.  The machine is
shared: compare ratios within one run.  ``--profile PATH`` prints where a path's Python
CPU time goes (cProfile on process time, by cumulative time; Apertium's own CPU is in
its processes, shown as ``children`` in the table).

    python benchmarks/pipeline.py [--size 1000000] [--paths apertium-raw,apertium-pipeline]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ARTICLES = [
    *sorted((ROOT / "examples").glob("*.en.*")),
    *sorted((HERE / "quality").glob("*.en.txt")),
]
GLOSSARIES = [
    str(ROOT / "glossaries" / "caucasus.yaml"),
    str(ROOT / "glossaries" / "countries.yaml"),
]
DISTILLED = ROOT / "tests" / "fixtures" / "distilled-en-es.argosmodel"
PATHS = (
    "apertium-raw",
    "apertium-engine",
    "apertium-pipeline",
    "argos-raw",
    "argos-engine",
    "argos-pipeline",
)


def sources(size: int) -> list[tuple[str, str, str]]:
    """``(name, format, text)`` of each document, repeated up to ``size`` bytes."""
    base = []
    for path in ARTICLES:
        fmt = "markdown" if path.suffix == ".md" else "text"
        base.append((path.name, fmt, path.read_text(encoding="utf-8")))
    out: list[tuple[str, str, str]] = []
    total = 0
    while total < size:
        for name, fmt, text in base:
            out.append((f"{len(out)}-{name}", fmt, text))
            total += len(text.encode("utf-8"))
            if total >= size:
                break
    return out


def cpu() -> tuple[float, float]:
    """CPU seconds of this process, and of its ended children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def run_path(path: str, size: int) -> dict:
    """Runs in the child process."""
    from translate.articles import parse_article
    from translate.engines.base import SourceText

    docs = sources(size)
    nbytes = sum(len(t.encode("utf-8")) for _, _, t in docs)
    engine_name = path.split("-")[0]
    engine = None
    glossary = None
    segments = None
    if engine_name == "apertium":
        from translate.engines.apertium import ApertiumEngine

        engine = ApertiumEngine()
        engine.translate_batch([SourceText("Warm up.")], "en", "es")  # start-up not timed
    else:
        from translate.engines.argos import ArgosEngine

        engine = ArgosEngine()
        engine.model("en", "es")  # loading not timed
    if path.endswith("-pipeline"):
        from translate.glossary import load_glossaries
        from translate.pipeline import Translator

        glossary = load_glossaries(GLOSSARIES)
        translator = Translator(glossary, engine)
        translator.enforcer(engine, "en", "es")  # calibration not timed (cached on disk)
    elif not path.endswith("-raw") or engine_name == "argos":
        segments = [
            [SourceText(s.source, s.keep) for s in parse_article(t, "en", f, n).segments]
            for n, f, t in docs
        ]
    wall, start = time.perf_counter(), cpu()
    count = 0
    if path == "apertium-raw":
        text = "\n\n".join(t for _, _, t in docs).encode("utf-8")
        env = {**os.environ, "LC_ALL": "C.UTF-8"}
        out = subprocess.run(
            ["apertium", "-f", "txt", "eng-spa"], input=text, capture_output=True, env=env
        )
        count = out.stdout.count(b".")
    elif path == "argos-raw":
        assert segments is not None
        model = engine.model("en", "es")  # type: ignore[union-attr]
        flat = [s.text for doc in segments for s in doc]
        tokens = [model.sp.encode(s, out_type=str) for s in flat]
        results = model.translator.translate_batch(
            tokens,
            beam_size=model.settings.beam_size,
            max_batch_size=model.settings.max_batch_size,
            batch_type="tokens",
        )
        count = len([model.sp.decode_pieces(r.hypotheses[0]) for r in results])
    elif path.endswith("-engine"):
        assert segments is not None
        for doc in segments:
            count += len(engine.translate_batch(doc, "en", "es"))
    else:
        for name, fmt, text in docs:
            document = parse_article(text, "en", fmt, name)
            count += len(translator.translate(document, "es").segments)
    if hasattr(engine, "close"):
        engine.close()  # its processes' CPU is counted once they are reaped
    seconds, end = time.perf_counter() - wall, cpu()
    own, kids = end[0] - start[0], end[1] - start[1]
    return {
        "path": path,
        "bytes": nbytes,
        "units": count,
        "wall": seconds,
        "cpu": own + kids,
        "python": own,
        "engine": kids,
    }


def profile(path: str, size: int) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile(time.process_time)  # this process's CPU, not the machine's
    profiler.enable()
    run_path(path, size)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(35)
    stats.sort_stats("tottime").print_stats(25)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes of text (1 MB)")
    parser.add_argument("--paths", default=",".join(PATHS), help="comma-separated paths")
    parser.add_argument("--runs", type=int, default=1, help="best of N runs per path")
    parser.add_argument("--profile", metavar="PATH", help="profile one path instead")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_path(args.child, args.size)))
        return 0
    paths = [p for p in args.paths.split(",") if p]
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "ARGOS_PACKAGES_DIR": f"{tmp}/packages",
            "XDG_DATA_HOME": f"{tmp}/data",
            "XDG_CONFIG_HOME": f"{tmp}/config",
            "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",
        }
        if any(p.startswith("argos") for p in paths) or (args.profile or "").startswith("argos"):
            subprocess.run(
                [sys.executable, "-m", "translate", "models", "install", str(DISTILLED)],
                env=env,
                check=True,
                capture_output=True,
            )
        if args.profile:
            os.environ.update(env)
            profile(args.profile, args.size)
            return 0
        results: dict[str, dict] = {}
        for path in paths:
            for _ in range(args.runs):
                child = subprocess.run(
                    [sys.executable, __file__, "--child", path, "--size", str(args.size)],
                    env=env,
                    capture_output=True,
                    text=True,
                )
                if child.returncode != 0:
                    tail = child.stderr.strip().splitlines()[-1:]
                    print(f"{path}: failed: {tail}", file=sys.stderr)
                    break
                row = json.loads(child.stdout.strip().splitlines()[-1])
                if path not in results or row["cpu"] < results[path]["cpu"]:
                    results[path] = row
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {args.size / 1e6:.1f} MB of English news, en→es"
    )
    print(
        f"{'path':20}{'MB':>6}{'CPU s':>9}{'Python':>9}{'children':>10}{'wall s':>9}"
        f"{'× raw CPU':>11}"
    )
    for path, row in results.items():
        raw = results.get(path.split("-")[0] + "-raw")
        ratio = row["cpu"] / raw["cpu"] if raw else float("nan")
        print(
            f"{path:20}{row['bytes'] / 1e6:>6.2f}{row['cpu']:>9.2f}{row['python']:>9.2f}"
            f"{row['engine']:>10.2f}{row['wall']:>9.2f}{ratio:>11.2f}"
        )
    print()
    for engine, goal in (("apertium", 1.15), ("argos", 1.10)):
        raw, whole = results.get(f"{engine}-raw"), results.get(f"{engine}-pipeline")
        if raw and whole:
            print(
                f"{engine}: pipeline / raw engine CPU time: {whole['cpu'] / raw['cpu']:.2f}"
                f" (goal ≤ {goal:.2f})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
