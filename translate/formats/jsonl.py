"""JSON Lines: one object per aligned segment (the contract in ARCHITECTURE.md)."""

from __future__ import annotations

import json
from typing import Sequence, TextIO

from translate.document import Bitext
from translate.formats.base import term_dicts


class JsonlWriter:
    name = "jsonl"
    extensions = (".jsonl", ".ndjson")

    def write(self, bitexts: Sequence[Bitext], out: TextIO) -> None:
        for bitext in bitexts:
            for aligned in bitext:
                seg = aligned.segment
                record = {
                    "doc": bitext.document.name,
                    "paragraph": seg.paragraph,
                    "segment": seg.index,
                    "source_lang": bitext.source_lang,
                    "target_lang": bitext.target_lang,
                    "source": seg.source,
                    "target": aligned.target,
                    "after": seg.after,
                    "translated": seg.translatable,
                    "terms": term_dicts(aligned.terms),
                    "unknown_words": list(aligned.unknown_words),
                    "engine": aligned.engine,
                }
                if seg.index == 0 and bitext.document.leading:
                    record["before"] = bitext.document.leading
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
