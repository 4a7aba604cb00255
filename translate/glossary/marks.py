"""How a term travels through an engine: a mark put in the source, looked for in the output.

Each engine declares the kind that works for it (``Engine.term_marking``, chosen by
measurement); :func:`for_engine` builds the marker.  A marker only decides, per term
occurrence, the text put in the source (``mark``) and the renderings to look for in
the output (``expect``); protect/restore/check are in :mod:`translate.glossary.enforce`.
"""

from __future__ import annotations

from typing import Protocol, Sequence

from translate.engines.base import Engine
from translate.glossary.carriers import CarrierSet, starts_with_vowel

# Glossary placeholders: private-use characters from U+E000 up.  Measured on the tiny
# copy models (tools/tiny_argos_model, 30 sentences per style): a first, weaker build
# copied private-use marks in 26/30 sentences and "ZXQ7"-style tokens in 19/30; the
# final build copies every style 30/30.  Private-use characters win on the rest: one
# SentencePiece piece each (byte fallback), no meaning a model could translate, and
# they never occur in news text, so a mark found in the output is ours.
PLACEHOLDER_BASE = 0xE000


Mark = tuple[str, tuple[str, ...]]
"""The text put in the source, and the renderings of it to look for in the output."""


class Marker(Protocol):
    def assign_typed(
        self, source: str, targets: Sequence[str], kinds: Sequence[str]
    ) -> list[Mark | None]:
        """Marks for the terms of one segment (preferred target forms and concept types,
        in order); None leaves a term in place, to be post-corrected."""
        ...


class CarrierMarker:
    """Known proper nouns (rule-based engines keep the grammar around them)."""

    def __init__(self, carriers: CarrierSet) -> None:
        self.carriers = carriers

    def assign_typed(
        self, source: str, targets: Sequence[str], kinds: Sequence[str]
    ) -> list[Mark | None]:
        used: set[str] = set()
        out: list[Mark | None] = []
        for target, kind in zip(targets, kinds):
            carrier = self.carriers.pick(kind, source, used, starts_with_vowel(target))
            if carrier is None:
                out.append(None)
                continue
            used.add(carrier.source)
            out.append((carrier.source, (carrier.target, carrier.source)))
        return out


class PlaceholderMarker:
    """Private-use characters (neural engines copy what they cannot translate)."""

    def assign_typed(
        self, source: str, targets: Sequence[str], kinds: Sequence[str]
    ) -> list[Mark | None]:
        out: list[Mark | None] = []
        n = 0
        for _ in targets:
            while chr(PLACEHOLDER_BASE + n) in source:
                n += 1
            mark = chr(PLACEHOLDER_BASE + n)
            out.append((mark, (mark,)))
            n += 1
        return out


def for_engine(engine: Engine, source: str, target: str) -> Marker | None:
    """The marker for an engine and pair (carriers are calibrated with one engine call)."""
    if engine.term_marking == "carrier":
        carriers = CarrierSet.calibrate(lambda texts: engine.translate_batch(texts, source, target))
        return CarrierMarker(carriers)
    if engine.term_marking == "placeholder":
        return PlaceholderMarker()
    return None
