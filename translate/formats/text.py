"""Side-by-side text for a terminal: source on the left, translation on the right.

Columns are measured in display cells, not code points (combining marks take none,
East Asian wide characters two), and right-to-left text is wrapped in Unicode
isolates so that a Persian or Arabic column does not reorder the line around it.
"""

from __future__ import annotations

import os
import shutil
import textwrap
import unicodedata
from collections.abc import Sequence
from typing import TextIO

from translate.document import Bitext
from translate.i18n import _

FSI, PDI = "\u2068", "\u2069"
RLI = "\u2067"  # a cell of a right-to-left language: its direction is known, not guessed
SEPARATOR = " │ "


def cells(text: str) -> int:
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for line in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(line, width, break_long_words=True) or [""])
    return lines


def terminal_width() -> int:
    if "COLUMNS" in os.environ:
        try:
            return max(40, int(os.environ["COLUMNS"]))
        except ValueError:
            pass
    return max(40, shutil.get_terminal_size((120, 24)).columns)


class TextFormat:
    name = "text"
    extensions = (".txt", ".text")

    def __init__(self, width: int | None = None) -> None:
        self.width = width

    def write(self, bitexts: Sequence[Bitext], out: TextIO) -> None:
        from translate.languages import balance_isolates, is_rtl, pair_name
        from translate.languages import isolate as bidi_isolate

        total = self.width or terminal_width()
        column = (total - len(SEPARATOR)) // 2
        for number, bitext in enumerate(bitexts):
            if number:
                out.write("\n")
            header = (
                f"== {_name(bitext)} · {bitext.source_lang} → "
                f"{bitext.target_lang} ({pair_name(bitext.source_lang, bitext.target_lang)}) · "
                f"{bitext.engine} =="
            )
            out.write(header + "\n")
            isolate = (RLI, PDI) if is_rtl(bitext.target_lang) else ("", "")
            src_isolate = (RLI, PDI) if is_rtl(bitext.source_lang) else ("", "")
            paragraph = -1
            for aligned in bitext:
                seg = aligned.segment
                if seg.paragraph != paragraph:
                    paragraph = seg.paragraph
                    out.write("\n")
                left = wrap(seg.source, column)
                right = wrap(aligned.target, column)
                for i in range(max(len(left), len(right))):
                    lcell = left[i] if i < len(left) else ""
                    rcell = right[i] if i < len(right) else ""
                    if lcell and src_isolate[0]:
                        lcell = src_isolate[0] + lcell + src_isolate[1]
                    if rcell and isolate[0]:
                        rcell = isolate[0] + rcell + isolate[1]
                    out.write((pad(lcell, column) + SEPARATOR + rcell).rstrip() + "\n")
                if aligned.terms:
                    summary = _("terms: {terms}").format(terms=_term_summary(aligned.terms))
                    for line in balance_isolates(wrap(summary, total - 2)):
                        out.write("  " + line + "\n")
                if aligned.unknown_words:
                    words = ", ".join(bidi_isolate(w) for w in aligned.unknown_words)
                    out.write("  " + _("unknown: {words}").format(words=words) + "\n")


TextWriter = TextFormat
"""The name tests know it by (``TextWriter(width=60)``)."""


def _name(bitext: Bitext) -> str:
    from translate.languages import isolate

    return isolate(bitext.document.name)


def _term_summary(terms) -> str:  # noqa: ANN001
    """``term_summary`` with right-to-left terms isolated and statuses translated."""
    from translate.languages import isolate

    names = {
        "enforced": _("enforced"),
        "corrected": _("corrected"),
        "ambiguous": _("ambiguous"),
        "missing": _("missing"),
    }
    return "; ".join(
        f"{isolate(t.source)} → {isolate(t.target)} [{names.get(t.status, t.status)}]"
        for t in terms
    )
