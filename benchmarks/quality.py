"""Quality benchmark: term success and chrF, raw engine against Dragoman, side by side.

For each article ``benchmarks/quality/<slug>.en.txt`` and each reference
``<slug>.<lang>.txt`` the article is translated twice with the same engine: raw
(no glossary) and through Dragoman with the shipped glossary.  Term success is the share
of glossary term occurrences in the source whose preferred target form (or a declared
word form) appears in the aligned target segment; chrF (sacrebleu) is computed on the
whole document against the human reference.

    python benchmarks/quality.py [--engine apertium] [--glossary glossaries/caucasus.yaml]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from sacrebleu.metrics import CHRF

from translate import engines
from translate.articles import load_article
from translate.document import Bitext
from translate.glossary import load_glossaries
from translate.glossary.matcher import Matcher, find_terms
from translate.glossary.model import Glossary
from translate.pipeline import Pipeline

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def term_success(bitext: Bitext, matcher: Matcher, target: str) -> tuple[int, int]:
    """(occurrences rendered as the preferred form, occurrences with a target form)."""
    ok = total = 0
    for aligned in bitext:
        wanted: Counter[str] = Counter()
        concepts = {}
        for match in matcher.find(aligned.segment.source):
            if target in match.concept.terms:
                wanted[match.concept.id] += 1
                concepts[match.concept.id] = match.concept
        for cid, count in wanted.items():
            concept = concepts[cid]
            found = len(find_terms(aligned.target, concept.terms[target].accepted(), concept.case_sensitive))
            ok += min(found, count)
            total += count
    return ok, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="apertium")
    parser.add_argument("--glossary", default=str(ROOT / "glossaries" / "caucasus.yaml"))
    parser.add_argument("--articles", default=str(HERE / "quality"))
    args = parser.parse_args(argv)

    glossary = load_glossaries([args.glossary])
    raw = Pipeline(Glossary(name="none"))
    dragoman = Pipeline(glossary)
    chrf = CHRF()
    rows = []
    totals = {"raw": [0, 0, [], []], "dragoman": [0, 0, [], []]}
    for source_path in sorted(Path(args.articles).glob("*.en.txt")):
        slug = source_path.name[: -len(".en.txt")]
        document = load_article(str(source_path), "en")
        for ref_path in sorted(Path(args.articles).glob(f"{slug}.*.txt")):
            target = ref_path.name.split(".")[-2]
            if target == "en":
                continue
            try:
                engine = engines.choose(args.engine, "en", target)
            except Exception as err:  # a pair not installed here: say so, go on
                print(f"skip {slug} en→{target}: {err}", file=sys.stderr)
                continue
            matcher = dragoman.enforcer(engine, "en", target).matcher
            reference = ref_path.read_text(encoding="utf-8")
            row = [slug, target]
            for label, pipeline in (("raw", raw), ("dragoman", dragoman)):
                bitext = pipeline.translate(document, engine, target)
                ok, total = term_success(bitext, matcher, target)
                hypothesis = bitext.target_text()
                score = chrf.corpus_score([hypothesis], [[reference]]).score
                acc = totals[label]
                acc[0] += ok
                acc[1] += total
                acc[2].append(hypothesis)
                acc[3].append(reference)
                row += [f"{ok}/{total}", f"{score:.1f}"]
            rows.append(row)

    header = ["article", "lang", "raw terms", "raw chrF", "dragoman terms", "dragoman chrF"]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)))
    summary = {}
    for label, (ok, total, hyps, refs) in totals.items():
        corpus = chrf.corpus_score(hyps, [refs]).score if hyps else 0.0
        summary[label] = (ok / total if total else 1.0, corpus)
    print()
    print(f"{'':10}{'raw':>10}{'dragoman':>10}{'ratio':>8}")
    rs, ds = summary["raw"], summary["dragoman"]
    print(f"{'terms':10}{rs[0]:>10.3f}{ds[0]:>10.3f}{(ds[0] / rs[0] if rs[0] else float('inf')):>8.2f}")
    print(f"{'chrF':10}{rs[1]:>10.1f}{ds[1]:>10.1f}{(ds[1] / rs[1] if rs[1] else float('inf')):>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
