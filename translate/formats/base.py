"""The writer protocol: bitexts in, one serialised file out."""

from __future__ import annotations

from typing import Protocol, Sequence, TextIO

from translate.document import Bitext, TermHit


class Writer(Protocol):
    name: str
    extensions: tuple[str, ...]

    def write(self, bitexts: Sequence[Bitext], out: TextIO) -> None:
        """Write all bitexts (one per document and target language) to ``out``."""
        ...


def term_dicts(terms: Sequence[TermHit]) -> list[dict[str, str]]:
    """The public shape of a term hit (the JSONL contract: id, source, target, status)."""
    return [
        {"id": t.id, "type": t.type, "source": t.source, "target": t.target, "status": t.status}
        for t in terms
    ]


def term_summary(terms: Sequence[TermHit]) -> str:
    """One-line summary of term hits for tabular and text formats."""
    return "; ".join(f"{t.source} → {t.target} [{t.status}]" for t in terms)
