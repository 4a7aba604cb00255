"""Tab-separated bitext with a header row, for spreadsheets and ``cut``.

Tabs and line breaks inside a field would break the row structure, so they are
written as ``\\t`` and ``\\n`` (and a backslash as ``\\\\``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from translate.document import Bitext
from translate.formats.terms import term_summary

COLUMNS = ("doc", "paragraph", "segment", "source_lang", "target_lang", "source", "target", "terms")


def escape(field: str) -> str:
    return (
        field.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")
    )


class TsvFormat:
    name = "tsv"
    extensions = (".tsv",)

    def write(self, bitexts: Sequence[Bitext], out: TextIO) -> None:
        out.write("\t".join(COLUMNS) + "\n")
        for bitext in bitexts:
            for aligned in bitext:
                seg = aligned.segment
                row = (
                    bitext.document.name,
                    str(seg.paragraph),
                    str(seg.index),
                    bitext.source_lang,
                    bitext.target_lang,
                    seg.source,
                    aligned.target,
                    term_summary(aligned.terms),
                )
                out.write("\t".join(escape(f) for f in row) + "\n")
