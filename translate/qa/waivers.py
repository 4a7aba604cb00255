"""Waivers: an editor's deliberate exception to a glossary rule, written in the
translation itself, so that ``check`` and the pre-commit hook accept it and say so.

A headline paraphrase may drop a name on purpose; without a waiver the only way past
the hook was to skip the whole hook.  Two forms, both in the translation file:

* for one unit (the sentence or paragraph the check aligned): an HTML comment, which
  Markdown and HTML both leave out of the rendered page::

      <!-- dragoman: allow Baku -->
      <!-- dragoman: allow ilham-aliyev, Tbilisi -->

  It covers the unit that contains it, or, on a line of its own, the next unit.
* for the whole file: a list in the Markdown front matter::

      ---
      dragoman-allow: [Baku, ilham-aliyev]
      ---

  (or a block list, ``dragoman-allow:`` then ``- Baku`` lines), or, in any format,
  ``<!-- dragoman: allow-file Baku -->``.

A name is a concept id or a term as the violation shows it (the source term, the
preferred form, or the deprecated rendering found), compared without regard to case;
several are separated by commas.  A waived violation no longer fails the check; it is
listed (``waived`` in the JSON, a line in the text report), and so is a waiver that
waived nothing (``unused_waivers``), so stale ones get noticed.

This works from the raw text of the translation and the offsets of the units' segments:
the article readers need to know nothing about waivers.  The front matter is read line
by line, not by a YAML parser (no aliases, no tags: nothing to expand).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from translate.qa.results import Scope, Unit, Violation, Waived, Waiver

__all__ = ["Waived", "Waiver", "apply_waivers", "find_waivers"]

_COMMENT = re.compile(
    r"<!--[ \t]*dragoman:[ \t]*(?P<verb>allow-file|allow)[ \t]+(?P<names>(?:(?!-->)[^\n]){1,500}?)"
    r"[ \t]*-->",
    re.IGNORECASE,
)
_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?P<body>.*?)^(?:---|\.\.\.)[ \t]*$", re.S | re.M)
_KEY = re.compile(r"^dragoman-allow[ \t]*:[ \t]*(?P<rest>.*?)[ \t]*$")
MAX_WAIVERS = 1000
"""Waivers read from one file at most (a file is not a list of exceptions)."""


def _names(text: str) -> tuple[str, ...]:
    return tuple(n.strip().strip("\"'") for n in text.split(",") if n.strip().strip("\"'"))


def _front_matter(text: str) -> list[Waiver]:
    found = _FRONT.match(text)
    if not found:
        return []
    out: list[Waiver] = []
    body_start = found.start("body")
    lines = found.group("body").splitlines()
    first_line = text.count("\n", 0, body_start) + 1
    for i, line in enumerate(lines):
        key = _KEY.match(line)
        if not key:
            continue
        rest = key["rest"]
        if rest.startswith("[") and rest.endswith("]"):
            names = _names(rest[1:-1])
        elif rest:
            names = _names(rest)
        else:  # a block list on the lines that follow
            items = []
            for item in lines[i + 1 :]:
                bullet = re.match(r"^[ \t]*-[ \t]+(.*?)[ \t]*$", item)
                if not bullet:
                    break
                items.append(bullet.group(1))
            names = _names(",".join(items))
        if names:
            out.append(Waiver(names, "file", first_line + i, 0))
    return out


def find_waivers(text: str) -> list[Waiver]:
    """The waivers written in ``text`` (a translation), in file order."""
    out = _front_matter(text)
    for found in _COMMENT.finditer(text):
        names = _names(found["names"])
        if not names:
            continue
        scope: Scope = "file" if found["verb"].lower() == "allow-file" else "unit"
        line = text.count("\n", 0, found.start()) + 1
        out.append(Waiver(names, scope, line, found.start()))
        if len(out) >= MAX_WAIVERS:
            break
    return out


def apply_waivers(
    units: Sequence[Unit], spans: Sequence[tuple[int, int]], waivers: Sequence[Waiver]
) -> tuple[list[Unit], list[Waiver]]:
    """``units`` with the violations that ``waivers`` accept moved to ``waived``, and
    the waivers that accepted nothing.

    ``spans`` are the units' ``(start, end)`` in the text the waivers were read from: a
    unit waiver covers the first unit that ends after it (the unit it is in, or the one
    that follows it).
    """
    used: set[int] = set()
    by_unit: dict[int, list[int]] = {}
    for w, waiver in enumerate(waivers):
        if waiver.scope != "unit":
            continue
        target = next((i for i, (_a, end) in enumerate(spans) if end > waiver.offset), None)
        if target is not None:
            by_unit.setdefault(target, []).append(w)
    files = [w for w, waiver in enumerate(waivers) if waiver.scope == "file"]
    out: list[Unit] = []
    for i, unit in enumerate(units):
        kept: list[Violation] = []
        waived: list[Waived] = list(unit.waived)
        for violation in unit.violations:
            hit = next(
                (w for w in [*by_unit.get(i, []), *files] if waivers[w].covers(violation)), None
            )
            if hit is None:
                kept.append(violation)
            else:
                used.add(hit)
                waived.append(Waived(violation, waivers[hit]))
        if waived != list(unit.waived):
            unit = replace(unit, violations=tuple(kept), waived=tuple(waived))
        out.append(unit)
    unused = [waiver for w, waiver in enumerate(waivers) if w not in used]
    return out, unused
