"""Quality benchmark: raw engine against Dragoman, side by side, per article and in total.

Articles are ``benchmarks/quality/<slug>.en.txt`` or ``<slug>.en.md`` (read with
:func:`translate.articles.load_article`, so Markdown is parsed), each with references
``<slug>.<lang>.txt`` or ``.md`` aligned paragraph for paragraph.  Each article is
translated with each engine twice: raw (the same Translator with an empty glossary) and
through Dragoman with the glossaries (default: ``glossaries/countries.yaml`` then
``glossaries/caucasus.yaml``, the later winning).  Metrics (defined in
``benchmarks/metrics.py``): term success, not-a-term exclusions, false positives,
agreement errors next to names, chrF per document and corpus chrF.

Goals, for Dragoman against raw: term success ≥ 0.99, no false positives, no more
agreement errors than raw, chrF above raw.

    python benchmarks/quality.py [--engine apertium] [--engine argos]
        [--glossary FILE ...] [--articles DIR] [--markdown benchmarks/RESULTS.md] [--details]
"""

from __future__ import annotations

import argparse
import copy
import datetime
import platform
import shlex
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from metrics import (  # noqa: E402
    Agreement,
    TargetForms,
    TermScore,
    agreement_errors,
    chrf,
    corpus_chrf,
    doubted,
    false_positives,
    hypothesis_paragraphs,
    paragraph_texts,
    source_paragraph_terms,
    term_success,
    untrusted_grammar,
)
from translate import engines  # noqa: E402
from translate.articles import load_article  # noqa: E402
from translate.document import Document  # noqa: E402
from translate.engines.base import TERM_MARKINGS  # noqa: E402
from translate.glossary import load_glossaries  # noqa: E402
from translate.glossary.matcher import Matcher  # noqa: E402
from translate.glossary.model import Glossary  # noqa: E402
from translate.pipeline import Translator  # noqa: E402

DEFAULT_GLOSSARIES = (ROOT / "glossaries" / "countries.yaml", ROOT / "glossaries" / "caucasus.yaml")
SOURCE_LANG = "en"
SUFFIXES = (".txt", ".md")
LABELS = ("raw", "dragoman")
TERM_GOAL = 0.99


@dataclass(frozen=True)
class Article:
    slug: str
    source: Path
    references: dict[str, Path]


def find_articles(folder: Path) -> list[Article]:
    """``<slug>.en.txt``/``.en.md`` with their ``<slug>.<lang>.txt``/``.md`` references."""
    found = []
    for suffix in SUFFIXES:
        for source in folder.glob(f"*.{SOURCE_LANG}{suffix}"):
            slug = source.name[: -len(f".{SOURCE_LANG}{suffix}")]
            refs: dict[str, Path] = {}
            for ref in sorted(folder.glob(f"{slug}.*")):
                parts = ref.name[len(slug) + 1 :].split(".")
                if len(parts) == 2 and f".{parts[1]}" in SUFFIXES and parts[0] != SOURCE_LANG:
                    refs.setdefault(parts[0], ref)
            found.append(Article(slug, source, refs))
    return sorted(found, key=lambda a: (a.slug, a.source.suffix))


@dataclass
class Side:
    """One output (raw or Dragoman) of one article, engine and language."""

    hypothesis: str
    terms: TermScore
    fp: Counter
    agreement: list[Agreement]
    chrf: float

    @property
    def fp_count(self) -> int:
        return sum(self.fp.values())


@dataclass
class Result:
    engine: str
    lang: str
    slug: str
    reference: str
    sides: dict[str, Side] = field(default_factory=dict)
    aligned: bool = True
    untrusted: dict[str, list[Agreement]] = field(default_factory=dict)
    """Concepts whose grammar the references contradict (that property is not checked)."""


def _references(
    document: Document, ref_path: Path, lang: str
) -> tuple[list[str], list[str] | None, bool]:
    """(paragraphs for the term check, paragraphs for FP or None for whole text, aligned)."""
    ref_doc = load_article(str(ref_path), lang)
    paragraphs = paragraph_texts(ref_doc)
    if len(paragraphs) == len(document.paragraphs):
        return paragraphs, paragraphs, True
    print(
        f"warning: {ref_path.name} has {len(paragraphs)} paragraphs, the source "
        f"{len(document.paragraphs)}: compared as whole documents",
        file=sys.stderr,
    )
    whole = ref_doc.text
    return [whole] * len(document.paragraphs), None, False


ARGOS_PACKAGES: dict[str, tuple[object, Path]] = {}
"""``--argos-package`` files by stem: the installed package and its file (see
:func:`use_argos_packages`)."""


def choose(spec: str, lang: str) -> engines.Engine:
    """``apertium``, ``argos``, ``argos@alignment`` or ``argos:distilled-en-es@plain``:
    an engine (an Argos one limited to the package installed from that file) with its
    term marking set, to compare the ways of carrying terms side by side."""
    name, _, marking = spec.partition("@")
    name, _, package = name.partition(":")
    if package:
        from translate.engines.argos import ArgosEngine

        if package not in ARGOS_PACKAGES:
            raise SystemExit(f"{spec}: no --argos-package named {package}")
        only = [ARGOS_PACKAGES[package][0]]

        class OnePackage(ArgosEngine):
            def packages(self):  # type: ignore[no-untyped-def]
                return only

        engine: engines.Engine = OnePackage()
        if not engines.supports(engine, SOURCE_LANG, lang):
            raise LookupError(f"{spec}: the package has no {SOURCE_LANG}-{lang} pair")
    else:
        engine = engines.choose(name, SOURCE_LANG, lang)
    if marking:
        if marking not in TERM_MARKINGS:
            raise SystemExit(f"{spec}: marking must be one of {', '.join(TERM_MARKINGS)}")
        engine = copy.copy(engine)  # shares the loaded models
        engine.term_marking = marking  # type: ignore[misc]
    return engine


def argos_package_lines() -> list[str]:
    """Each ``--argos-package`` by name, version and the sha256 of its file."""
    import hashlib

    lines = []
    for stem, (pkg, path) in ARGOS_PACKAGES.items():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        lines.append(f"`{stem}` {getattr(pkg, 'version', '')} (sha256 {digest})")
    return lines


def use_argos_packages(paths: Sequence[str]) -> None:
    """Install ``.argosmodel`` files with argostranslate's own code into a fresh folder
    (the user's packages stay untouched); ``argos:<file stem>`` then names each."""
    import os
    import tempfile

    home = Path(tempfile.mkdtemp(prefix="dragoman-bench-argos-"))
    os.environ.update(
        ARGOS_PACKAGES_DIR=str(home / "packages"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
    )
    from translate.engines.argos_packages import install_file

    for path in paths:
        stem = Path(path).name.removesuffix(".argosmodel")
        ARGOS_PACKAGES[stem] = (install_file(path), Path(path))


def evaluate(
    articles: Sequence[Article], engine_names: Sequence[str], glossary: Glossary
) -> list[Result]:
    pipelines = {"raw": Translator(Glossary(name="none")), "dragoman": Translator(glossary)}
    matcher = Matcher(glossary, SOURCE_LANG)
    langs = sorted({lang for a in articles for lang in a.references})
    forms_by_lang = {lang: TargetForms(glossary, lang) for lang in langs}
    untrusted = {
        lang: untrusted_grammar(
            [
                a.references[lang].read_text(encoding="utf-8")
                for a in articles
                if lang in a.references
            ],
            forms_by_lang[lang],
        )
        for lang in langs
    }
    results = []
    skipped: set[tuple[str, str]] = set()
    for name in engine_names:
        for article in articles:
            document = load_article(str(article.source), SOURCE_LANG)
            for lang, ref_path in sorted(article.references.items()):
                if (name, lang) in skipped:
                    continue
                try:
                    engine = choose(name, lang)
                except Exception as err:  # an engine or pair not installed here: say so, go on
                    print(f"skip {name} {SOURCE_LANG}→{lang}: {err}", file=sys.stderr)
                    skipped.add((name, lang))
                    continue
                forms = forms_by_lang[lang]
                term_refs, fp_refs, aligned = _references(document, ref_path, lang)
                reference = ref_path.read_text(encoding="utf-8")
                result = Result(
                    name, lang, article.slug, reference, aligned=aligned, untrusted=untrusted[lang]
                )
                for label in LABELS:
                    bitext = pipelines[label].translate(document, lang, engine=engine)
                    hypothesis = bitext.target_text()
                    hyps = hypothesis_paragraphs(bitext) if fp_refs is not None else [hypothesis]
                    result.sides[label] = Side(
                        hypothesis=hypothesis,
                        terms=term_success(bitext, matcher, forms, term_refs),
                        fp=false_positives(
                            hyps,
                            fp_refs if fp_refs is not None else [reference],
                            forms,
                            source_paragraph_terms(document, matcher, forms)
                            if fp_refs is not None
                            else None,
                        ),
                        agreement=agreement_errors(hypothesis, forms, doubted(untrusted[lang])),
                        chrf=chrf(hypothesis, reference),
                    )
                results.append(result)
    return results


# -- summing up -------------------------------------------------------------------------


@dataclass
class Totals:
    terms: TermScore = field(default_factory=TermScore)
    fp: int = 0
    agreement: int = 0
    hypotheses: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)

    @property
    def chrf(self) -> float:
        return corpus_chrf(self.hypotheses, self.references)


def totals(results: Sequence[Result]) -> dict[tuple[str, str], dict[str, Totals]]:
    out: dict[tuple[str, str], dict[str, Totals]] = {}
    for r in results:
        group = out.setdefault((r.engine, r.lang), {label: Totals() for label in LABELS})
        for label, side in r.sides.items():
            t = group[label]
            t.terms += TermScore(side.terms.ok, side.terms.expected, side.terms.not_a_term)
            t.fp += side.fp_count
            t.agreement += len(side.agreement)
            t.hypotheses.append(side.hypothesis)
            t.references.append(r.reference)
    return out


def goals(group: dict[str, Totals]) -> list[tuple[str, bool, str]]:
    raw, drag = group["raw"], group["dragoman"]
    return [
        (f"term success ≥ {TERM_GOAL}", drag.terms.rate >= TERM_GOAL, f"{drag.terms.rate:.3f}"),
        ("0 false positives", drag.fp == 0, str(drag.fp)),
        (
            "agreement errors ≤ raw",
            drag.agreement <= raw.agreement,
            f"{drag.agreement} vs {raw.agreement}",
        ),
        ("chrF > raw", drag.chrf > raw.chrf, f"{drag.chrf:.1f} vs {raw.chrf:.1f}"),
    ]


def _ratio(a: float, b: float) -> str:
    return f"{b / a:.2f}" if a else ("=" if not b else "inf")


def _diff(a: int, b: int) -> str:
    return f"{b - a:+d}"


# -- tables -----------------------------------------------------------------------------

ARTICLE_HEADER = [
    "engine",
    "lang",
    "article",
    "terms raw",
    "terms drag",
    "not-a-term",
    "FP raw",
    "FP drag",
    "agr raw",
    "agr drag",
    "chrF raw",
    "chrF drag",
    "chrF ratio",
]
TOTAL_HEADER = ["engine", "lang", "metric", "raw", "dragoman", "ratio/diff"]


def article_rows(results: Sequence[Result]) -> list[list[str]]:
    rows = []
    for r in results:
        raw, drag = r.sides["raw"], r.sides["dragoman"]
        rows.append(
            [
                r.engine,
                r.lang,
                r.slug + ("" if r.aligned else " (unaligned)"),
                f"{raw.terms.ok}/{raw.terms.expected}",
                f"{drag.terms.ok}/{drag.terms.expected}",
                str(drag.terms.not_a_term),
                str(raw.fp_count),
                str(drag.fp_count),
                str(len(raw.agreement)),
                str(len(drag.agreement)),
                f"{raw.chrf:.1f}",
                f"{drag.chrf:.1f}",
                _ratio(raw.chrf, drag.chrf),
            ]
        )
    return rows


def total_rows(summary: dict[tuple[str, str], dict[str, Totals]]) -> list[list[str]]:
    rows = []
    for (engine, lang), group in sorted(summary.items()):
        raw, drag = group["raw"], group["dragoman"]
        rows += [
            [
                engine,
                lang,
                "term success",
                f"{raw.terms.rate:.3f}",
                f"{drag.terms.rate:.3f}",
                _ratio(raw.terms.rate, drag.terms.rate),
            ],
            [
                engine,
                lang,
                "  (ok/expected)",
                f"{raw.terms.ok}/{raw.terms.expected}",
                f"{drag.terms.ok}/{drag.terms.expected}",
                "",
            ],
            [
                engine,
                lang,
                "  not-a-term excluded",
                str(raw.terms.not_a_term),
                str(drag.terms.not_a_term),
                "",
            ],
            [engine, lang, "false positives", str(raw.fp), str(drag.fp), _diff(raw.fp, drag.fp)],
            [
                engine,
                lang,
                "agreement errors",
                str(raw.agreement),
                str(drag.agreement),
                _diff(raw.agreement, drag.agreement),
            ],
            [
                engine,
                lang,
                "chrF (corpus)",
                f"{raw.chrf:.1f}",
                f"{drag.chrf:.1f}",
                _ratio(raw.chrf, drag.chrf),
            ],
        ]
    return rows


def goal_lines(summary: dict[tuple[str, str], dict[str, Totals]]) -> list[str]:
    lines = []
    for (engine, lang), group in sorted(summary.items()):
        marks = [
            f"{'met' if ok else 'NOT met'}: {goal} ({value})" for goal, ok, value in goals(group)
        ]
        lines.append(f"{engine} en→{lang}: " + "; ".join(marks))
    return lines


def detail_lines(results: Sequence[Result], label: str = "dragoman") -> list[str]:
    """What went wrong in one side's output: misses, false positives, agreement errors."""
    lines = []
    for r in results:
        side = r.sides[label]
        where = f"{r.engine} {r.lang} {r.slug}"
        if side.terms.misses:
            missed = Counter(cid for _, cid in side.terms.misses)
            lines.append(
                f"{where}: missed "
                + ", ".join(f"{c}×{n}" if n > 1 else c for c, n in missed.items())
            )
        if side.fp:
            lines.append(
                f"{where}: false positives "
                + ", ".join(f"{c}×{n}" if n > 1 else c for c, n in sorted(side.fp.items()))
            )
        if side.agreement:
            lines.append(f"{where}: agreement " + "; ".join(str(a) for a in side.agreement))
    return lines


def untrusted_lines(results: Sequence[Result]) -> list[str]:
    """Derived grammar the references contradict: to fix in the glossary (gender/number)."""
    seen: dict[tuple[str, str], list[Agreement]] = {}
    for r in results:
        for cid, evidence in r.untrusted.items():
            seen.setdefault((r.lang, cid), evidence)
    return [
        f"{lang} {cid}: the reference writes "
        + "; ".join(f'"{e.determiner} {e.surface}" ({e.reason})' for e in evidence[:2])
        for (lang, cid), evidence in sorted(seen.items())
    ]


def text_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    )


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(header), line(["---"] * len(header)), *(line(r) for r in rows)])


def engine_details(engine_names: Sequence[str], langs: Sequence[str]) -> list[str]:
    out = []
    for name in engine_names:
        for lang in langs:
            try:
                engine = choose(name, lang)
            except Exception:
                continue
            pairs = [p for p in engine.pairs() if (p.source, p.target) == (SOURCE_LANG, lang)]
            detail = pairs[0].detail if pairs and pairs[0].detail else ""
            out.append(f"{name} {SOURCE_LANG}→{lang}" + (f" ({detail})" if detail else ""))
    return out


def code_version() -> str:
    """The commit measured, and whether the working tree had changes."""
    import subprocess

    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.replace("-dirty", " with uncommitted changes")


def debian_versions(names: Sequence[str]) -> str:
    """Installed Debian package versions (Apertium and its pairs), where dpkg knows them."""
    import subprocess

    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Package} ${Version}\\n", *names],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    return ", ".join(line.strip() for line in out.splitlines() if line.strip())


def chrf_signature() -> str:
    from sacrebleu.metrics import CHRF

    metric = CHRF()
    metric.corpus_score(["a"], [["a"]])
    return str(metric.get_signature())


KEPT = "<!-- kept: everything below is history, not rewritten by quality.py -->"


def write_markdown(
    path: Path,
    argv: Sequence[str],
    results: Sequence[Result],
    glossaries: Sequence[str],
    engine_names: Sequence[str],
) -> None:
    """Write the tables; a section after :data:`KEPT` in the old file (the figures of
    earlier versions) is carried over."""
    kept = ""
    if path.is_file():
        old = path.read_text(encoding="utf-8")
        if KEPT in old:
            kept = old[old.index(KEPT) :]
    summary = totals(results)
    langs = sorted({r.lang for r in results})
    command = shlex.join(["python", "benchmarks/quality.py", *argv])
    versions = (
        debian_versions(["apertium", "apertium-eng-spa", "apertium-eng-cat"])
        if "apertium" in engine_names
        else ""
    )
    lines = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/quality.py --markdown`;"
        " metric definitions in `benchmarks/metrics.py`.",
        "",
        f"- Command: `{command}`",
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Machine: {platform.machine()},"
        f" Python {platform.python_version()} ({platform.system()})",
        f"- Code: {code_version()}",
        f"- Glossaries: {', '.join(glossaries)}",
        f"- Engines: {', '.join(engine_details(engine_names, langs)) or 'none available'}",
        *([f"- Packages: {versions}"] if versions else []),
        *([f"- Argos packages: {', '.join(argos_package_lines())}"] if ARGOS_PACKAGES else []),
        f"- chrF: sacrebleu CHRF, `{chrf_signature()}`",
        "",
        "## Quality: totals",
        "",
        markdown_table(TOTAL_HEADER, total_rows(summary)),
        "",
        "## Goals",
        "",
        *(f"- {line}" for line in goal_lines(summary)),
        "",
        "## Quality: per article",
        "",
        markdown_table(ARTICLE_HEADER, article_rows(results)),
        "",
        "## Dragoman's misses, false positives and agreement errors",
        "",
        *(f"- {line}" for line in detail_lines(results) or ["none"]),
        "",
        "## Derived grammar the references contradict",
        "",
        "The contradicted property (gender or number) is not checked for these concepts;"
        " declare it in the glossary:",
        "",
        *(f"- {line}" for line in untrusted_lines(results) or ["none"]),
        "",
    ]
    text = "\n".join(lines)
    if kept:
        text = text.rstrip("\n") + "\n\n" + kept
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--engine",
        action="append",
        help="engine to measure, optionally with a term marking: argos@alignment "
        "(repeatable; default apertium)",
    )
    parser.add_argument(
        "--argos-package",
        metavar="FILE",
        action="append",
        help="an .argosmodel to measure as --engine argos:<file stem>[@marking] "
        "(repeatable; installed into a temporary folder with argostranslate's own code)",
    )
    parser.add_argument(
        "--glossary",
        action="append",
        help="glossary file (repeatable, later wins; default countries.yaml then caucasus.yaml)",
    )
    parser.add_argument(
        "--articles", default=str(HERE / "quality"), help="folder of articles and references"
    )
    parser.add_argument(
        "--markdown", metavar="FILE", help="also write the tables as Markdown to FILE"
    )
    parser.add_argument(
        "--details",
        action="store_true",
        help="list Dragoman's misses, false positives and agreement errors",
    )
    args = parser.parse_args(argv)

    engine_names = args.engine or ["apertium"]
    if args.argos_package:
        use_argos_packages(args.argos_package)
    glossary_paths = args.glossary or [str(p) for p in DEFAULT_GLOSSARIES]
    glossary = load_glossaries(glossary_paths)
    articles = find_articles(Path(args.articles))
    results = evaluate(articles, engine_names, glossary)
    if not results:
        print("no article could be translated", file=sys.stderr)
        return 1
    summary = totals(results)

    print(text_table(ARTICLE_HEADER, article_rows(results)))
    print()
    print(text_table(TOTAL_HEADER, total_rows(summary)))
    print()
    print("Goals:")
    for line in goal_lines(summary):
        print("  " + line)
    if args.details:
        print()
        print("Dragoman details:")
        for line in detail_lines(results) or ["none"]:
            print("  " + line)
        print()
        print("Derived grammar the references contradict (that property is not checked):")
        for line in untrusted_lines(results) or ["none"]:
            print("  " + line)
    if args.markdown:
        shown = [
            str(Path(p).resolve().relative_to(ROOT))
            if Path(p).resolve().is_relative_to(ROOT)
            else p
            for p in glossary_paths
        ]
        write_markdown(Path(args.markdown), argv, results, shown, engine_names)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
