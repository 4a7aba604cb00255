"""Carrier names: how a glossary term rides through a rule-based engine with its grammar.

Measured with Apertium eng-spa: a placeholder the engine does not know breaks the
grammar around it ("ZXQ2's envoy" -> "ZXQ2 enviado", "the Zangezur corridor" -> "el
Zangezur pasillo"), while a proper noun it knows keeps it ("Paris's envoy" -> "el
enviado de París", "the London corridor" -> "el pasillo de Londres").  So each term is
replaced by a known name of the same kind (a *carrier*), and the carrier's rendering in
the output is swapped for the preferred target form.

Carriers are calibrated per engine and pair: each candidate is translated once, and
only those that come out known, non-empty and distinct from every other are used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from translate.engines.base import SourceText, Translation

# English proper nouns that Apertium's English dictionaries know, by concept type.
CANDIDATES: dict[str, tuple[str, ...]] = {
    "place": (
        "Paris", "London", "Berlin", "Rome", "Vienna", "Prague", "Warsaw", "Athens",
        "Dublin", "Oslo", "Lisbon", "Brussels", "Amsterdam", "Moscow", "Stockholm",
        "Budapest", "Geneva", "Munich", "Florence", "Edinburgh", "Antwerp", "Venice",
        "Naples", "Copenhagen", "Marseille", "Cologne",
    ),
    "person": (
        "John", "Mary", "Peter", "Paul", "George", "Thomas", "Robert", "David",
        "Michael", "William", "Charles", "Richard", "James", "Edward", "Henry", "Anne",
        "Andrew", "Oliver", "Alice", "Emma",
    ),
    "organisation": ("NATO", "UNESCO", "UNICEF", "Interpol", "Europol", "Greenpeace"),
}
CANDIDATES["other"] = CANDIDATES["place"]
_FALLBACK_ORDER = ("place", "person", "organisation")
_VOWELS = set("AEIOUÀÁÂÈÉÊÌÍÎÒÓÔÙÚÛaeiouàáâèéêìíîòóôùúû")


@dataclass(frozen=True)
class Carrier:
    source: str
    target: str

    @property
    def vowel_initial(self) -> bool:
        return self.target[:1] in _VOWELS


def starts_with_vowel(text: str) -> bool:
    return text[:1] in _VOWELS


Translate = Callable[[Sequence[SourceText]], list[Translation]]


class CarrierSet:
    """The usable carriers for one engine and pair, grouped by concept type."""

    def __init__(self, by_type: dict[str, list[Carrier]]) -> None:
        self.by_type = by_type

    @classmethod
    def calibrate(cls, translate: Translate) -> "CarrierSet":
        names = sorted({n for pool in CANDIDATES.values() for n in pool})
        outputs = translate([SourceText(n) for n in names])
        rendered: dict[str, str] = {}
        for name, out in zip(names, outputs):
            text = out.text.strip().strip(".")
            if text and not out.unknown_words and len(text.split()) <= 2:
                rendered[name] = text
        counts: dict[str, int] = {}
        for text in rendered.values():
            counts[text.casefold()] = counts.get(text.casefold(), 0) + 1
        usable = {n: t for n, t in rendered.items() if counts[t.casefold()] == 1}
        by_type = {
            kind: [Carrier(n, usable[n]) for n in pool if n in usable]
            for kind, pool in CANDIDATES.items()
        }
        return cls(by_type)

    def pick(
        self, kind: str, avoid: str, used: set[str], vowel_initial: bool
    ) -> Carrier | None:
        """A carrier of ``kind`` not in ``avoid`` (the segment) nor ``used``.

        Prefers a carrier whose rendering starts like the term (vowel or consonant), so
        that elision and articles the engine chose for the carrier fit the term too
        (Catalan "d'Atenes" / "de París").
        """
        lowered = avoid.casefold()
        order = (kind, *[k for k in _FALLBACK_ORDER if k != kind])
        for pass_same_initial in (True, False):
            for group in order:
                for carrier in self.by_type.get(group, ()):
                    if carrier.source in used:
                        continue
                    if carrier.source.casefold() in lowered or carrier.target.casefold() in lowered:
                        continue
                    if pass_same_initial and carrier.vowel_initial != vowel_initial:
                        continue
                    return carrier
        return None
