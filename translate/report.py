"""The term report: per language pair, what happened to every glossary term.

Built from bitexts alone, so it reads the same whichever engine or format was used.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Sequence

from translate.document import TERM_STATUSES, Bitext


def build(bitexts: Sequence[Bitext]) -> dict[str, Any]:
    pairs = []
    for bitext in bitexts:
        terms: dict[str, dict[str, Any]] = {}
        unknown: Counter[str] = Counter()
        for aligned in bitext:
            unknown.update(aligned.unknown_words)
            for hit in aligned.terms:
                entry = terms.setdefault(
                    hit.id,
                    {
                        "id": hit.id,
                        "type": hit.type,
                        "target": hit.target,
                        "source_forms": [],
                        "occurrences": 0,
                        **{status: 0 for status in TERM_STATUSES},
                        "segments": [],
                        "notes": [],
                    },
                )
                entry["occurrences"] += 1
                entry[hit.status] += 1
                if hit.source not in entry["source_forms"]:
                    entry["source_forms"].append(hit.source)
                entry["segments"].append(aligned.segment.index)
                if hit.note and hit.note not in entry["notes"]:
                    entry["notes"].append(hit.note)
        for entry in terms.values():
            entry["status"] = next(
                s for s in ("missing", "corrected", "enforced") if entry[s] or s == "enforced"
            )
        totals = {s: sum(e[s] for e in terms.values()) for s in TERM_STATUSES}
        pairs.append(
            {
                "doc": bitext.document.name,
                "source_lang": bitext.source_lang,
                "target_lang": bitext.target_lang,
                "engine": bitext.engine,
                "segments": len(bitext.segments),
                "occurrences": sum(totals.values()),
                **totals,
                "terms": list(terms.values()),
                "unknown_words": [{"word": w, "count": c} for w, c in unknown.most_common()],
            }
        )
    return {"pairs": pairs}


def has_missing(report: dict[str, Any]) -> bool:
    return any(p["missing"] for p in report["pairs"])


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def to_text(report: dict[str, Any]) -> str:
    lines = []
    for pair in report["pairs"]:
        lines.append(
            f"{pair['doc']} {pair['source_lang']}→{pair['target_lang']} ({pair['engine']}): "
            f"{pair['occurrences']} term occurrences, {pair['enforced']} enforced, "
            f"{pair['corrected']} corrected, {pair['missing']} missing"
        )
        for term in pair["terms"]:
            forms = ", ".join(term["source_forms"])
            lines.append(
                f"  {term['status']:<9} {term['id']}: {forms} → {term['target']} "
                f"×{term['occurrences']}"
                + (f" ({'; '.join(term['notes'])})" if term["notes"] and term["status"] != "enforced" else "")
            )
        if pair["unknown_words"]:
            words = ", ".join(u["word"] for u in pair["unknown_words"])
            lines.append(f"  unknown words: {words}")
    return "\n".join(lines) + "\n"
