"""Carrier names: how a glossary term rides through a rule-based engine with its grammar.

Measured with Apertium eng-spa: a placeholder the engine does not know breaks the
grammar around it ("ZXQ2's envoy" -> "ZXQ2 enviado", "the Zangezur corridor" -> "el
Zangezur pasillo"), while a proper noun it knows keeps it ("Paris's envoy" -> "el
enviado de París", "the London corridor" -> "el pasillo de Londres").  So each term is
replaced by a known name of the same kind (a *carrier*), and the carrier's rendering in
the output is swapped for the preferred target form.

Carriers are calibrated per engine and pair by :mod:`translate.calibration` (glossaries
call no engine): only candidates that come out known, non-empty and distinct from every
other are used.

The engine builds the sentence around the carrier, so the carrier must have the term's
grammar.  Measured on eng-spa and eng-cat: "The Rome is old" -> "La Roma es vieja",
"The Alps are old" -> "Los Alpes son viejos", "The Philippines are old" -> "Las
Filipinas son viejas", while "The Paris is old" -> "El París es viejo".  Calibration
therefore also translates "The X is old." for every candidate and reads gender and number
off the adjective, so that a feminine term rides on a feminine carrier and a plural on a
plural.  Demonyms ride on a demonym the engine inflects ("Italian officials" ->
"oficiales italianos", ca "diplomàtics italians"); its four forms are calibrated with
"the Italian man / woman / men / women", and the form found in the output says which form
of the term to write.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from translate.glossary.grammar import Tag

# English proper nouns that Apertium's English dictionaries know, by concept type.
CANDIDATES: dict[str, tuple[str, ...]] = {
    "place": (
        "Paris",
        "London",
        "Berlin",
        "Rome",
        "Vienna",
        "Prague",
        "Warsaw",
        "Athens",
        "Dublin",
        "Oslo",
        "Lisbon",
        "Brussels",
        "Amsterdam",
        "Moscow",
        "Stockholm",
        "Budapest",
        "Geneva",
        "Munich",
        "Florence",
        "Edinburgh",
        "Antwerp",
        "Venice",
        "Naples",
        "Copenhagen",
        "Marseille",
        "Cologne",
        # plural, for plural terms (Países Bajos, Emiratos Árabes Unidos)
        "Alps",
        "Balkans",
        "Pyrenees",
        "Canaries",
        "Azores",
        "Andes",
    ),
    "person": (
        "John",
        "Mary",
        "Peter",
        "Paul",
        "George",
        "Thomas",
        "Robert",
        "David",
        "Michael",
        "William",
        "Charles",
        "Richard",
        "James",
        "Edward",
        "Henry",
        "Anne",
        "Andrew",
        "Oliver",
        "Alice",
        "Emma",
    ),
    "organisation": ("NATO", "UNESCO", "UNICEF", "Interpol", "Europol", "Greenpeace"),
}
CANDIDATES["other"] = CANDIDATES["place"]
DEMONYMS = ("Italian", "Austrian", "Belgian", "Norwegian", "Hungarian")
"""Demonym carriers: regular adjectives the engines inflect in gender and number."""
PLURAL_SOURCES = frozenset(("Alps", "Balkans", "Pyrenees", "Canaries", "Azores", "Andes"))
GENDER_PHRASES = (
    ("the {} man", Tag("m", "sg")),
    ("the {} woman", Tag("f", "sg")),
    ("the {} men", Tag("m", "pl")),
    ("the {} women", Tag("f", "pl")),
)
_FALLBACK_ORDER = ("place", "person", "organisation")
_VOWELS = set("AEIOUÀÁÂÈÉÊÌÍÎÒÓÔÙÚÛaeiouàáâèéêìíîòóôùúû")


@dataclass(frozen=True)
class Carrier:
    source: str
    target: str
    tag: Tag = Tag()
    """Gender and number the engine gives the carrier (unknown where it did not say)."""
    forms: dict[str, Tag] = field(default_factory=dict, compare=False)
    """Demonym carriers: each inflected rendering and its grammar."""

    @property
    def vowel_initial(self) -> bool:
        return self.target[:1] in _VOWELS

    def renderings(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([self.target, *self.forms, self.source]))

    def source_for(self, number: str | None) -> str:
        """The carrier as put in the source: "Italians" for a plural demonym noun."""
        if self.forms and number == "pl":
            return self.source + "s"
        return self.source


def starts_with_vowel(text: str) -> bool:
    return text[:1] in _VOWELS


class CarrierSet:
    """The usable carriers for one engine and pair, grouped by concept type."""

    def __init__(self, by_type: dict[str, list[Carrier]]) -> None:
        self.by_type = by_type

    def renderings(self) -> dict[str, str]:
        """Every text a carrier can leave in an output (for the stand-in check), with
        the carrier's source name."""
        return {r: c.source for pool in self.by_type.values() for c in pool for r in c.renderings()}

    def pick(
        self,
        kind: str,
        avoid: str,
        used: set[str],
        vowel_initial: bool,
        tag: Tag = Tag(),
    ) -> Carrier | None:
        """A carrier of ``kind`` not in ``avoid`` (the segment) nor ``used``.

        Prefers a carrier with the term's gender and number, then one whose rendering
        starts like the term (vowel or consonant), so that the articles and elision the
        engine chose for the carrier fit the term too (Catalan "d'Atenes" / "de París").
        A plural carrier is never used for a term not known to be plural.  Demonyms only
        ride on demonyms.
        """
        lowered = avoid.casefold()
        if kind == "demonym":
            order: tuple[str, ...] = ("demonym",)
        else:
            order = (kind, *[k for k in _FALLBACK_ORDER if k != kind])
        candidates = [
            (rank, c)
            for rank, group in enumerate(order)
            for c in self.by_type.get(group, ())
            if c.source not in used
            and c.source.casefold() not in lowered
            and c.target.casefold() not in lowered
            and (kind == "demonym" or c.tag.number != "pl" or tag.number == "pl")
        ]
        if not candidates:
            return None

        def score(item: tuple[int, Carrier]) -> tuple[int, int, int]:
            rank, carrier = item
            grammar = (tag.gender is not None and carrier.tag.gender == tag.gender) + (
                tag.number is not None and (carrier.tag.number or "sg") == tag.number
            ) * 2
            return grammar, -rank, carrier.vowel_initial == vowel_initial

        return max(candidates, key=score)[1]
