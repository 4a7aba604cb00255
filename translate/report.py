"""The term report: per language pair, what happened to every glossary term.

Built from bitexts alone, so it reads the same whichever engine or format was used.
Every pair and every term counts each status (``enforced``, ``corrected``,
``ambiguous``, ``missing``); a term's overall ``status`` is its worst occurrence's, in
the order missing > ambiguous > corrected > enforced.  :func:`needs_review` says whether
an editor has to look (a term missing, or ambiguous: the engine's rendering kept).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from translate.document import TERM_STATUSES, Bitext, TermStatus
from translate.i18n import _

SEVERITY: tuple[TermStatus, ...] = ("missing", "ambiguous", "corrected", "enforced")
"""Statuses from worst to best: a term's overall status is the worst of its occurrences."""
REVIEW: tuple[TermStatus, ...] = ("missing", "ambiguous")
"""Statuses an editor has to look at."""


def build(bitexts: Sequence[Bitext]) -> dict[str, Any]:
    pairs: list[dict[str, Any]] = []
    for bitext in bitexts:
        terms: dict[str, dict[str, Any]] = {}
        unknown: Counter[str] = Counter()
        issues: list[dict[str, Any]] = []
        for aligned in bitext:
            unknown.update(aligned.unknown_words)
            issues += [{"segment": aligned.segment.index, "issue": i} for i in aligned.issues]
            for hit in aligned.terms:
                entry = terms.setdefault(
                    hit.id,
                    {
                        "id": hit.id,
                        "type": hit.type,
                        "target": hit.target,
                        "source_forms": [],
                        "occurrences": 0,
                        **dict.fromkeys(TERM_STATUSES, 0),
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
            entry["status"] = next((s for s in SEVERITY if entry[s]), "enforced")
        totals: dict[str, int] = {s: sum(e[s] for e in terms.values()) for s in TERM_STATUSES}
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
                "issues": issues,
                **_dates(bitext),
            }
        )
    return {"pairs": pairs}


def _dates(bitext: Bitext) -> dict[str, Any]:
    """Dates localized by ``--localize-dates``, with the engine's original rendering."""
    from translate.datelines import date_notes

    notes = date_notes(bitext)
    return {"dates": notes} if notes else {}


def has_missing(report: dict[str, Any]) -> bool:
    """Whether a glossary term is missing from a translation."""
    return any(p.get("missing", 0) for p in report["pairs"])


def needs_review(report: dict[str, Any]) -> bool:
    """Whether an editor has to look: a term is missing, or ambiguous (the source word
    may not be the concept, and the engine's rendering was kept), or a segment has an
    issue (markup that could not be placed)."""
    return any(p.get(status, 0) or p.get("issues") for p in report["pairs"] for status in REVIEW)


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _isolated(text: str) -> str:
    """``text`` isolated (FSI ... PDI) when it holds right-to-left letters, and always in
    a right-to-left interface: a date that starts with a digit ("5 Oct. 2023") has no
    right-to-left letter, but in a Persian line its number would join the line's run and
    leave the month behind."""
    from translate.i18n import current_language
    from translate.languages import FSI, PDI, is_rtl, isolate

    if text and is_rtl(current_language()):
        return text if text.startswith(FSI) else f"{FSI}{text}{PDI}"
    return isolate(text)


def to_text(report: dict[str, Any]) -> str:
    """A readable summary in the interface language.

    Terms, notes and words are isolated (FSI ... PDI) when they hold right-to-left
    letters, so a Persian or Arabic target cannot reorder the line around it.
    """
    from translate.languages import isolate, pair_name

    status_names = {
        "enforced": _("enforced"),
        "corrected": _("corrected"),
        "ambiguous": _("ambiguous"),
        "missing": _("missing"),
    }
    lines = []
    for pair in report["pairs"]:
        lines.append(
            _(
                "{doc} {source}→{target} ({languages}, {engine}): {occurrences} term "
                "occurrences, {enforced} enforced, {corrected} corrected, {ambiguous} ambiguous, "
                "{missing} missing"
            ).format(
                doc=isolate(pair["doc"]),
                source=pair["source_lang"],
                target=pair["target_lang"],
                languages=pair_name(pair["source_lang"], pair["target_lang"]),
                engine=pair["engine"],
                occurrences=pair["occurrences"],
                enforced=pair["enforced"],
                corrected=pair["corrected"],
                ambiguous=pair.get("ambiguous", 0),
                missing=pair["missing"],
            )
        )
        width = max(len(name) for name in status_names.values())
        for term in pair["terms"]:
            forms = ", ".join(isolate(f) for f in term["source_forms"])
            notes = (
                f" ({'; '.join(isolate(n) for n in term['notes'])})"
                if term["notes"] and term["status"] != "enforced"
                else ""
            )
            status = status_names.get(term["status"], term["status"])
            lines.append(
                f"  {status:<{width}} {term['id']}: {forms} → {isolate(term['target'])} "
                f"×{term['occurrences']}{notes}"
            )
        if pair["unknown_words"]:
            words = ", ".join(isolate(u["word"]) for u in pair["unknown_words"])
            lines.append("  " + _("unknown words: {words}").format(words=words))
        for issue in pair.get("issues", []):
            lines.append(
                "  "
                + _("segment {segment}: {issue}").format(
                    segment=issue["segment"], issue=isolate(issue["issue"])
                )
            )
        for date in pair.get("dates", []):
            if date.get("status") == "not-found":
                lines.append(
                    "  "
                    + _("date {source}: not found in the translation").format(
                        source=_isolated(date["source"])
                    )
                )
            else:
                lines.append(
                    "  "
                    + _("date {source} → {target} (engine: {engine})").format(
                        # always isolated: "5 Oct. 2023" in a Persian line would split
                        source=_isolated(date["source"]),
                        target=_isolated(date["target"]),
                        engine=_isolated(date["engine"]),
                    )
                )
    return "\n".join(lines) + "\n"
