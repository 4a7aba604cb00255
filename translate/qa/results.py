"""What a check finds, and how it is shown: :class:`Violation`, :class:`Unit` and
:class:`CheckResult`, with their JSON (``to_dict``) and text (``to_text``) renderings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from translate.i18n import _, ngettext

Level = Literal["sentence", "paragraph", "document", "segment"]
Kind = Literal["missing", "deprecated"]
Scope = Literal["unit", "file"]


@dataclass(frozen=True)
class Violation:
    """A glossary rule a unit breaks.

    ``missing``: the source has ``source_count`` occurrences of the concept (written
    ``source``), the target only ``target_count`` in the preferred form or a declared
    form; ``count`` occurrences are missing (``found`` lists admitted renderings the
    target used instead, if any).  ``deprecated``: the target writes ``found``, a
    deprecated rendering, ``count`` times; ``expected`` is the preferred form.
    """

    kind: Kind
    concept: str
    type: str
    expected: str
    count: int = 1
    source: str = ""
    found: str = ""
    source_count: int = 0
    target_count: int = 0

    def to_dict(self) -> dict:
        data = {
            "kind": self.kind,
            "concept": self.concept,
            "type": self.type,
            "expected": self.expected,
            "count": self.count,
        }
        if self.kind == "missing":
            data.update(
                source=self.source,
                source_count=self.source_count,
                target_count=self.target_count,
            )
            if self.found:
                data["found"] = self.found
        else:
            data["found"] = self.found
        return data

    def describe(self) -> str:
        """One line for people: what is wrong and what to write."""
        if self.kind == "deprecated":
            text = _('deprecated "{found}": write "{expected}"').format(
                found=self.found, expected=self.expected
            )
            if self.count > 1:
                text += _(" ({count} times)").format(count=self.count)
            return text + f" [{self.concept}]"
        text = _('missing "{expected}" for "{source}"').format(
            expected=self.expected, source=self.source
        )
        if self.source_count > 1 or self.target_count:
            text += _(" (source {source}×, target {target}×)").format(
                source=self.source_count, target=self.target_count
            )
        if self.found:
            text += _(', found admitted "{found}"').format(found=self.found)
        return text + f" [{self.concept}]"


@dataclass(frozen=True)
class Waiver:
    """An editor's exception written in a translation (:mod:`translate.qa.waivers`)."""

    names: tuple[str, ...]
    """As written (the report shows them so)."""
    scope: Scope
    line: int
    """Line of the comment or front-matter key (from 1)."""
    offset: int
    """Where the comment is in the text (for ``unit`` scope)."""

    def covers(self, violation: Violation) -> bool:
        wanted = {n.casefold() for n in self.names}
        seen = {violation.concept, violation.source, violation.expected, violation.found}
        return any(s and s.casefold() in wanted for s in seen)

    def to_dict(self) -> dict:
        return {"names": list(self.names), "scope": self.scope, "line": self.line}


@dataclass(frozen=True)
class Waived:
    """A violation a waiver accepted."""

    violation: Violation
    waiver: Waiver

    def to_dict(self) -> dict:
        return {**self.violation.to_dict(), "waiver": self.waiver.to_dict()}


@dataclass(frozen=True)
class Unit:
    """An aligned stretch of source and target that is checked on its own."""

    index: int
    level: Level
    source: str
    target: str
    paragraph: int | None = None
    """Index of the source paragraph (among the prose paragraphs checked)."""
    source_line: int | None = None
    target_line: int | None = None
    segment: int | None = None
    """For bitext units: the segment index in the bitext."""
    sentence: int | None = None
    """For sentence units: the sentence's index in its paragraph."""
    violations: tuple[Violation, ...] = ()
    unknown_names: tuple[str, ...] = ()
    reason: str = ""
    """Why a paragraph was checked whole (sentence counts differ, ...)."""
    waived: tuple[Waived, ...] = ()
    """Violations an editor's waiver accepted (:mod:`translate.qa.waivers`)."""

    def label(self) -> str:
        """Where the unit is, for people (counted from 1)."""
        if self.level == "segment":
            return _("segment {n}").format(n=(self.segment or 0) + 1)
        if self.level == "document":
            return _("whole document")
        if self.level == "paragraph":
            return _("paragraph {n}").format(n=(self.paragraph or 0) + 1)
        return _("paragraph {n}, sentence {m}").format(
            n=(self.paragraph or 0) + 1, m=(self.sentence or 0) + 1
        )

    def to_dict(self) -> dict:
        data: dict = {"unit": self.index, "level": self.level}
        for key in ("paragraph", "sentence", "segment", "source_line", "target_line"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.reason:
            data["reason"] = self.reason
        data["source"] = self.source
        data["target"] = self.target
        data["violations"] = [v.to_dict() for v in self.violations]
        data["waived"] = [w.to_dict() for w in self.waived]
        data["unknown_names"] = list(self.unknown_names)
        return data


def level_count(level: str, n: int) -> str:
    """``3 sentences``, ``1 paragraph``: a unit level and its count, in the interface
    language."""
    if level == "sentence":
        return ngettext("{n} sentence", "{n} sentences", n).format(n=n)
    if level == "paragraph":
        return ngettext("{n} paragraph", "{n} paragraphs", n).format(n=n)
    if level == "document":
        return ngettext("{n} whole document", "{n} whole documents", n).format(n=n)
    if level == "segment":
        return ngettext("{n} segment", "{n} segments", n).format(n=n)
    return f"{n} {level}"


@dataclass
class CheckResult:
    source_name: str
    target_name: str
    source_lang: str
    target_lang: str
    alignment: Literal["sentence", "paragraph", "document", "bitext"]
    """The coarsest alignment used: ``sentence`` when every unit is a sentence."""
    units: list[Unit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unused_waivers: list[Waiver] = field(default_factory=list)
    """Waivers in the translation that accepted no violation (stale, or misspelt)."""

    @property
    def waived(self) -> list[tuple[Unit, Waived]]:
        return [(u, w) for u in self.units for w in u.waived]

    @property
    def violations(self) -> list[tuple[Unit, Violation]]:
        return [(u, v) for u in self.units for v in u.violations]

    @property
    def ok(self) -> bool:
        return not any(u.violations for u in self.units)

    def unknown_names(self) -> Counter:
        """Every name no glossary knows, with how often the source has it."""
        counts: Counter = Counter()
        for unit in self.units:
            counts.update(unit.unknown_names)
        return counts

    def counts(self) -> dict[str, int]:
        out = {"missing": 0, "deprecated": 0}
        for _unit, v in self.violations:
            out[v.kind] += v.count
        return out

    def to_dict(self) -> dict:
        levels = Counter(u.level for u in self.units)
        return {
            "source": self.source_name,
            "translation": self.target_name,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "alignment": self.alignment,
            "units": len(self.units),
            "unit_levels": dict(levels),
            "notes": list(self.notes),
            "ok": self.ok,
            "counts": self.counts(),
            "problems": [
                u.to_dict() for u in self.units if u.violations or u.unknown_names or u.waived
            ],
            "waived": [{"unit": u.index, **w.to_dict()} for u, w in self.waived],
            "unused_waivers": [w.to_dict() for w in self.unused_waivers],
            "unknown_names": [
                {"name": n, "count": c} for n, c in self.unknown_names().most_common()
            ],
        }

    def to_text(self) -> str:
        lines: list[str] = []
        levels = Counter(u.level for u in self.units)
        shown = ", ".join(level_count(lvl, n) for lvl, n in levels.items())
        lines.append(
            ngettext(
                "{target} ({source_lang} → {target_lang}, source {source}): {n} unit ({levels})",
                "{target} ({source_lang} → {target_lang}, source {source}): {n} units ({levels})",
                len(self.units),
            ).format(
                target=self.target_name,
                source_lang=self.source_lang,
                target_lang=self.target_lang,
                source=self.source_name,
                n=len(self.units),
                levels=shown or "-",
            )
        )
        for note in self.notes:
            lines.append("  " + _("note: {note}").format(note=note))
        for unit in self.units:
            for v in unit.violations:
                where = self.target_name
                if unit.target_line is not None:
                    where += f":{unit.target_line}"
                lines.append(f"{where}: {unit.label()}: {v.describe()}")
        for unit, waived in self.waived:
            where = self.target_name
            if unit.target_line is not None:
                where += f":{unit.target_line}"
            lines.append(
                f"{where}: {unit.label()}: "
                + _("waived (waiver on line {line}): {violation}").format(
                    line=waived.waiver.line, violation=waived.violation.describe()
                )
            )
        for waiver in self.unused_waivers:
            lines.append(
                "  "
                + _("note: {file}:{line}: the waiver for {names} accepted no violation").format(
                    file=self.target_name, line=waiver.line, names=", ".join(waiver.names)
                )
            )
        names = self.unknown_names()
        if names:
            listed = ", ".join(f"{n} ({c}×)" if c > 1 else n for n, c in sorted(names.items()))
            lines.append(
                "  "
                + _("names no glossary knows (for the desk to add): {names}").format(names=listed)
            )
        counts = self.counts()
        if self.ok:
            lines.append("  " + _("ok: no glossary violations"))
        else:
            total = counts["missing"] + counts["deprecated"]
            lines.append(
                "  "
                + ngettext(
                    "{total} violation: {missing} missing, {deprecated} deprecated",
                    "{total} violations: {missing} missing, {deprecated} deprecated",
                    total,
                ).format(total=total, missing=counts["missing"], deprecated=counts["deprecated"])
            )
        return "\n".join(lines) + "\n"
