"""How a term travels through an engine: a mark put in the source, looked for in the output.

Each engine declares the kind that works for it (``Engine.term_marking``, chosen by
measurement); :func:`translate.calibration.marker_for` builds the marker.  A marker only
decides, per term occurrence, the text put in the source (``mark``) and the renderings to
look for in the output (``expect``); protect/restore/check are in
:mod:`translate.glossary.enforce`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from translate.glossary.carriers import Carrier, CarrierSet, starts_with_vowel
from translate.glossary.grammar import Tag

# Glossary placeholders: private-use characters from U+E000 up.  Measured on the tiny
# copy models (tools/tiny_argos_model, 30 sentences per style): a first, weaker build
# copied private-use marks in 26/30 sentences and "ZXQ7"-style tokens in 19/30; the
# final build copies every style 30/30.  Private-use characters win on the rest: one
# SentencePiece piece each (byte fallback), no meaning a model could translate, and
# they never occur in news text, so a mark found in the output is ours.
PLACEHOLDER_BASE = 0xE000


@dataclass(frozen=True)
class Mark:
    """The text put in the source, and the renderings of it to look for in the output."""

    text: str
    expect: tuple[str, ...]
    forms: dict[str, Tag] = field(default_factory=dict, compare=False)
    """Inflected renderings of a demonym carrier (casefolded) and their grammar."""


@dataclass(frozen=True)
class Want:
    """What one term occurrence needs of its mark."""

    target: str
    kind: str
    """The concept type, or ``demonym``."""
    tag: Tag = Tag()
    """The term's gender and number in the target language, where known."""
    number: str | None = None
    """The source occurrence's number ("Armenians" is plural)."""


class Marker(Protocol):
    def assign(self, source: str, wants: Sequence[Want]) -> list[Mark | None]:
        """Marks for the terms of one segment, in order; None leaves a term in place,
        to be post-corrected."""
        ...

    def stand_ins(self) -> dict[str, str]:
        """Texts a mark can leave in an output, which must never be published, each
        with the source name that would make it legitimate ("Roma" for "Rome")."""
        ...


class CarrierMarker:
    """Known proper nouns (rule-based engines keep the grammar around them)."""

    def __init__(self, carriers: CarrierSet) -> None:
        self.carriers = carriers

    def assign(self, source: str, wants: Sequence[Want]) -> list[Mark | None]:
        used: set[str] = set()
        out: list[Mark | None] = []
        for want in wants:
            carrier = self.carriers.pick(
                want.kind, source, used, starts_with_vowel(want.target), want.tag
            )
            if carrier is None:
                out.append(None)
                continue
            used.add(carrier.source)
            out.append(_carrier_mark(carrier, want.number))
        return out

    def stand_ins(self) -> dict[str, str]:
        return self.carriers.renderings()


class PlaceholderMarker:
    """Private-use characters (neural engines copy what they cannot translate)."""

    def assign(self, source: str, wants: Sequence[Want]) -> list[Mark | None]:
        out: list[Mark | None] = []
        n = 0
        for _ in wants:
            while chr(PLACEHOLDER_BASE + n) in source:
                n += 1
            mark = chr(PLACEHOLDER_BASE + n)
            out.append(Mark(mark, (mark,)))
            n += 1
        return out

    def stand_ins(self) -> dict[str, str]:
        return {}  # private-use characters are checked for as a class


def _carrier_mark(carrier: Carrier, number: str | None) -> Mark:
    text = carrier.source_for(number)
    if carrier.forms:
        forms = {f.casefold(): t for f, t in carrier.forms.items()}
        expect = (*sorted(forms, key=len, reverse=True), text, carrier.source)
        return Mark(text, expect, forms)
    return Mark(text, (carrier.target, carrier.source))
