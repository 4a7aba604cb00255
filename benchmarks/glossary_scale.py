"""Large glossaries: loading, compiling, a warm start and matching, against pyahocorasick.

A desk merges its own glossary with CLDR names and agency lists, so a glossary of
100,000 terms is ordinary.  This benchmark builds synthetic glossaries of 1k, 10k, 100k
and 1M names (TSV, and YAML up to 100k) and a text of made-up English with those names
in it, then measures, each step in a fresh process (so peak memory is its own):

- ``aho``: the yardstick, one plain ``pyahocorasick`` automaton built from the same
  source keys (read with ``str.split``) and one pass of ``Automaton.iter`` over the
  text: the least any matcher built on it can do;
- ``cold``: :func:`translate.glossary.load_glossaries` (what every command calls) and
  :class:`translate.glossary.matcher.Matcher` with an empty cache, then
  ``Matcher.find`` over the same text;
- ``warm``: the same again, with the compiled form in the cache (the common case: a
  batch worker, a second article of the day).

It prints one table with the CPU times (``time.process_time``: the machine may be
shared), the peak memory (``ru_maxrss`` of the process,
minus that of a process that only imported the same modules) and the ratios to the
yardstick, and the ratio of matching 4 MB to matching 1 MB (linear: about 4).

    python benchmarks/glossary_scale.py [--sizes 1000,10000,100000,1000000]
        [--yaml-up-to 100000] [--text-mb 1] [--markdown FILE]

pyahocorasick is Dragoman's own matcher library already, so the yardstick needs nothing
else installed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SYLLABLES = (
    "ba ka ri mo su te la na vi do ge zu po fa ha ji ko lu me ni ol ar en is ut "
    "am ek ir ov ush ran bek dar gul han mir nur rus sar tam vel zor kin lev mak"
).split()
FILLER = (
    "the of and to in a said that for on was with as by at from its has have were "
    "government talks minister officials on Monday agreement border week meeting "
    "president region city capital people report news country foreign police visit"
).split()


# -- synthetic data --------------------------------------------------------------------


def names(count: int, seed: int = 12) -> list[str]:
    """``count`` distinct made-up names of one to three capitalised words."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        words = []
        for _ in range(rng.choice((1, 2, 2, 3))):
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            words.append(word.capitalize())
        name = " ".join(words)
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def target_of(name: str) -> str:
    """A Spanish rendering different from the source (so enforcement has work to do)."""
    return name.replace("k", "c").replace("K", "C") + "o"


def write_tsv(path: Path, terms: list[str]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("en\tes\n")
        for term in terms:
            out.write(f"{term}\t{target_of(term)}\n")


def write_yaml(path: Path, terms: list[str]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("glossary:\n  name: synthetic\n  languages: [en, es]\nentries:\n")
        for n, term in enumerate(terms):
            out.write(
                f"  - id: t{n}\n    type: person\n    terms:\n"
                f"      en: {term}\n      es:\n        preferred: {target_of(term)}\n"
            )


def write_text(path: Path, terms: list[str], size: int, seed: int = 7) -> None:
    """About ``size`` bytes of filler words with a glossary name every eight words or so."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        sentence = [rng.choice(FILLER) for _ in range(rng.randint(6, 14))]
        sentence.insert(rng.randrange(len(sentence)), rng.choice(terms))
        sentence[0] = sentence[0][:1].upper() + sentence[0][1:]
        text = " ".join(sentence) + ". "
        parts.append(text)
        total += len(text.encode("utf-8"))
    path.write_text("".join(parts), encoding="utf-8")


# -- one measurement, in a child process --------------------------------------------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(step: str, glossary: str, text_path: str) -> dict:
    text = Path(text_path).read_text(encoding="utf-8")
    import ahocorasick  # noqa: F401  (both steps import the same modules before the baseline)

    from translate.glossary import load_glossaries
    from translate.glossary.matcher import Matcher

    base = _rss_mb()
    result: dict = {}
    if step == "aho":
        start = time.process_time()
        keys = []
        with open(glossary, encoding="utf-8") as handle:
            next(handle)
            for line in handle:
                keys.append(line.split("\t", 1)[0])
        result["load"] = time.process_time() - start
        start = time.process_time()
        automaton = ahocorasick.Automaton()
        for key in keys:
            automaton.add_word(key, (len(key), key))
        automaton.make_automaton()
        result["compile"] = time.process_time() - start
        start = time.process_time()
        found = sum(1 for _ in automaton.iter(text))
        result["match"] = time.process_time() - start
    else:
        start = time.process_time()
        loaded = load_glossaries([glossary])
        result["load"] = time.process_time() - start
        start = time.process_time()
        matcher = Matcher(loaded, "en")
        result["compile"] = time.process_time() - start
        start = time.process_time()
        found = len(matcher.find(text))
        result["match"] = time.process_time() - start
    result["found"] = found
    result["memory"] = _rss_mb() - base
    return result


def measure(step: str, glossary: Path, text: Path, cache: Path) -> dict:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), PYTHONHASHSEED="0")
    out = subprocess.run(
        [sys.executable, __file__, "--child", step, str(glossary), str(text)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"{step} {glossary.name} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- the table ---------------------------------------------------------------------------


def run(sizes: list[int], yaml_up_to: int, text_mb: float, markdown: Path | None) -> None:
    rows: list[list[str]] = []
    linear: list[str] = []
    with tempfile.TemporaryDirectory(prefix="glossary-scale-") as tmp:
        work = Path(tmp)
        for size in sizes:
            terms = names(size)
            text = work / f"text-{size}.txt"
            write_text(text, terms, int(text_mb * 1_000_000))
            tsv = work / f"g{size}.tsv"
            write_tsv(tsv, terms)
            kinds = [("tsv", tsv)]
            if size <= yaml_up_to:
                yml = work / f"g{size}.yaml"
                write_yaml(yml, terms)
                kinds.append(("yaml", yml))
            aho = measure("aho", tsv, text, work / "no-cache")
            rows.append(_row(size, "pyahocorasick", aho, aho))
            for kind, path in kinds:
                cache = work / f"cache-{size}-{kind}"
                cold = measure("dragoman", path, text, cache)
                warm = measure("dragoman", path, text, cache)
                rows.append(_row(size, f"dragoman {kind} cold", cold, aho))
                rows.append(_row(size, f"dragoman {kind} warm", warm, aho))
            if size == 100_000 or size == max(sizes):
                big = work / f"text4-{size}.txt"
                write_text(big, terms, int(4 * text_mb * 1_000_000))
                cache = work / f"cache-{size}-tsv"
                one = measure("dragoman", tsv, text, cache)
                four = measure("dragoman", tsv, big, cache)
                linear.append(
                    f"{size:,} terms: matching {4 * text_mb:g} MB takes "
                    f"{four['match']:.3f} s, {text_mb:g} MB {one['match']:.3f} s: "
                    f"{four['match'] / one['match']:.2f}× (linear: 4×)"
                )
    header = [
        "terms",
        "run",
        "load s",
        "compile s",
        "load+compile ×",
        "match s",
        "match ×",
        "found",
        "peak MB",
        "memory ×",
    ]
    table = [
        f"| {' | '.join(header)} |",
        f"| {' | '.join('---' for _ in header)} |",
        *(f"| {' | '.join(row)} |" for row in rows),
    ]
    lines = [*table, "", *linear]
    print("\n".join(lines))
    if markdown is not None:
        _write_section(markdown, sizes, text_mb, lines)


def _row(size: int, name: str, got: dict, aho: dict) -> list[str]:
    startup = got["load"] + got["compile"]
    base_startup = aho["load"] + aho["compile"]
    return [
        f"{size:,}",
        name,
        f"{got['load']:.3f}",
        f"{got['compile']:.3f}",
        f"{startup / base_startup:.2f}",
        f"{got['match']:.3f}",
        f"{got['match'] / aho['match']:.2f}",
        str(got["found"]),
        f"{got['memory']:.0f}",
        f"{got['memory'] / max(aho['memory'], 1):.2f}",
    ]


SECTION = "## Large glossaries (issue 12)"


def _write_section(path: Path, sizes: list[int], text_mb: float, lines: list[str]) -> None:
    """Replace this benchmark's section of the results file (the others are kept)."""
    import datetime

    sys.path.insert(0, str(ROOT))
    code = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    body = [
        SECTION,
        "",
        f"- Command: `python benchmarks/glossary_scale.py --sizes "
        f"{','.join(str(s) for s in sizes)} --text-mb {text_mb:g}`",
        f"- Date: {datetime.date.today().isoformat()}; code {code}",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()} ({platform.system()})",
        "- CPU times in seconds (`time.process_time`: the machine is shared), peak "
        "memory in MB above a process that imported the same modules; × is Dragoman "
        "over pyahocorasick in the same run.",
        "",
        *lines,
        "",
    ]
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    start = old.find(SECTION)
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + "\n".join(body)
    else:
        end = old.find("\n## ", start + len(SECTION))
        new = old[:start] + "\n".join(body) + (old[end + 1 :] if end >= 0 else "")
    path.write_text(new, encoding="utf-8")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        print(json.dumps(child(*sys.argv[2:5])))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--yaml-up-to", type=int, default=100_000)
    parser.add_argument("--text-mb", type=float, default=1.0)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    run(sizes, args.yaml_up_to, args.text_mb, args.markdown)


if __name__ == "__main__":
    main()
