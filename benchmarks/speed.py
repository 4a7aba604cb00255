"""Speed and memory of the Argos path, side by side.

Each path runs in a fresh subprocess (so peak memory is its own) on the same sentences:
every sentence of the shipped example and benchmark articles, repeated to a few hundred.

- ``raw``: SentencePiece + one ``ctranslate2.Translator.translate_batch`` call (the floor)
- ``engine``: Dragoman's ``ArgosEngine.translate_batch`` (goal: ≤ 1.10× raw)
- ``pipeline``: Dragoman's whole pipeline with the shipped glossary (matching, marks, checks)
- ``argostranslate``: ``argostranslate.translate`` on the same package, its sentence splitter
  replaced by ours so that it runs offline (goal: Dragoman ≥ 2× faster)
- ``argostranslate-greedy``: the same with its beam size and threads set like ours
  (``ARGOS_BEAM_SIZE=1``, ``ARGOS_INTRA_THREADS=1``), so the gap left is batching
- ``unbatched-t0``: one sentence per call with CTranslate2's default intra_threads=0

    python benchmarks/speed.py [--model tests/fixtures/tiny-en-es.argosmodel] [--repeat 8]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ARTICLES = [
    *sorted((ROOT / "examples").glob("*.en.txt")),
    *sorted((HERE / "quality").glob("*.en.txt")),
]
PATHS = ("raw", "engine", "pipeline", "argostranslate", "argostranslate-greedy", "unbatched-t0")
# argostranslate reads its settings from the environment when imported.
PATH_ENV = {"argostranslate-greedy": {"ARGOS_BEAM_SIZE": "1", "ARGOS_INTRA_THREADS": "1"}}


def _documents(repeat: int):
    from translate.articles import load_article

    return [load_article(str(p), "en") for p in ARTICLES] * repeat


def _sentences(repeat: int) -> list[str]:
    return [s.source for d in _documents(repeat) for s in d.segments if s.translatable]


def run_path(path: str, repeat: int) -> dict:
    """Runs inside the child process; ARGOS_PACKAGES_DIR already points at the package."""
    sentences = _sentences(repeat)
    from translate.engines.argos import ArgosEngine, Settings
    from translate.engines.base import SourceText

    settings = Settings.from_env()
    engine = ArgosEngine(settings)
    model = engine.model("en", "es")  # loading is not timed: every path loads once
    start = time.perf_counter()
    if path == "raw":
        tokens = [model.sp.encode(s, out_type=str) for s in sentences]
        results = model.translator.translate_batch(
            tokens,
            beam_size=settings.beam_size,
            max_batch_size=settings.max_batch_size,
            batch_type="tokens",
        )
        out = [model.sp.decode_pieces(r.hypotheses[0]) for r in results]
    elif path == "engine":
        out = [
            t.text for t in engine.translate_batch([SourceText(s) for s in sentences], "en", "es")
        ]
    elif path == "pipeline":
        from translate.glossary import load_glossaries
        from translate.pipeline import Translator

        pipeline = Translator(load_glossaries([str(ROOT / "glossaries" / "caucasus.yaml")]))
        documents = _documents(repeat)
        start = time.perf_counter()
        out = [a.target for d in documents for a in pipeline.translate(d, "es", engine=engine)]
    elif path.startswith("argostranslate"):
        import argostranslate.translate as at

        from translate.segment import split_sentences

        class OurSplitter:
            def __init__(self, pkg) -> None:
                pass

            def split_sentences(self, text: str) -> list[str]:
                return [text[a:b] for a, b in split_sentences(text, "en")]

        at.MiniSBDSentencizer = OurSplitter
        at.StanzaSentencizer = OurSplitter
        translation = at.get_translation_from_codes("en", "es")
        texts = [d.text for d in _documents(repeat)]
        start = time.perf_counter()
        out = [translation.translate(t) for t in texts]
    elif path == "unbatched-t0":
        import ctranslate2

        translator = ctranslate2.Translator(
            str(model.pkg.path / "model"), device="cpu", intra_threads=0
        )
        sample = sentences[: max(10, len(sentences) // 20)]
        start = time.perf_counter()
        out = [
            model.sp.decode_pieces(
                translator.translate_batch(
                    [model.sp.encode(s, out_type=str)], beam_size=settings.beam_size
                )[0].hypotheses[0]
            )
            for s in sample
        ]
        sentences = sample
    else:
        raise SystemExit(f"unknown path {path}")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "path": path,
        "sentences": len(sentences),
        "seconds": seconds,
        "per_second": len(sentences) / seconds,
        "peak_mb": peak,
        "outputs": len(out),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Argos path speed, side by side")
    parser.add_argument(
        "--model", default=str(ROOT / "tests" / "fixtures" / "tiny-en-es.argosmodel")
    )
    parser.add_argument("--repeat", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3, help="best of N runs per path")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_path(args.child, args.repeat)))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "ARGOS_PACKAGES_DIR": f"{tmp}/packages",
            "XDG_DATA_HOME": f"{tmp}/data",
            "XDG_CACHE_HOME": f"{tmp}/cache",
            "XDG_CONFIG_HOME": f"{tmp}/config",
        }
        subprocess.run(
            [sys.executable, "-m", "translate", "models", "install", args.model],
            env=env,
            check=True,
            capture_output=True,
        )
        results = {}
        for path in PATHS:
            best = None
            for _ in range(args.runs):
                child = subprocess.run(
                    [sys.executable, __file__, "--child", path, "--repeat", str(args.repeat)],
                    env={**env, **PATH_ENV.get(path, {})},
                    capture_output=True,
                    text=True,
                )
                if child.returncode != 0:
                    print(
                        f"{path}: failed: {child.stderr.strip().splitlines()[-1:]}", file=sys.stderr
                    )
                    break
                row = json.loads(child.stdout.strip().splitlines()[-1])
                if best is None or row["seconds"] < best["seconds"]:
                    best = row
            if best:
                results[path] = best

    raw = results.get("raw")
    print(
        f"{'path':22}{'sentences':>10}{'seconds':>10}{'sent/s':>10}"
        f"{'peak MB':>10}{'× raw time':>12}"
    )
    for path, row in results.items():
        ratio = (
            row["seconds"] / row["sentences"] / (raw["seconds"] / raw["sentences"])
            if raw
            else float("nan")
        )
        print(
            f"{path:22}{row['sentences']:>10}{row['seconds']:>10.3f}{row['per_second']:>10.1f}"
            f"{row['peak_mb']:>10.0f}{ratio:>12.2f}"
        )
    if raw and "engine" in results and "argostranslate" in results:
        engine, theirs = results["engine"], results["argostranslate"]
        print()
        print(
            "engine / raw time per sentence:"
            f" {engine['seconds'] / raw['seconds']:.2f} (goal ≤ 1.10)"
        )
        print(
            "argostranslate / engine time:  "
            f" {theirs['seconds'] / engine['seconds']:.2f} (goal ≥ 2)"
        )
        if "argostranslate-greedy" in results:
            greedy = results["argostranslate-greedy"]
            print(f"  same beam and threads:        {greedy['seconds'] / engine['seconds']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
