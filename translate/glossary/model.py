"""The concept model every glossary format reads into and writes from.

Modelled on TBX: a :class:`Concept` (one person, place, organisation) holds, per
language, one preferred term, admitted variants, deprecated renderings (known wrong
transliterations to correct) and declared word forms (inflections that count as the
preferred term).  Readers for YAML, TSV/CSV (and later TBX, PO) produce a
:class:`Glossary`; the matcher and enforcement only ever see this model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Literal

ConceptType = Literal["person", "place", "organisation", "other"]
CONCEPT_TYPES: tuple[ConceptType, ...] = ("person", "place", "organisation", "other")


@dataclass
class LangTerms:
    """The terms of one concept in one language."""

    preferred: str
    admitted: list[str] = field(default_factory=list)
    deprecated: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    line: int | None = None

    def accepted(self) -> list[str]:
        """Renderings that count as the preferred term in a target text."""
        return [self.preferred, *self.forms]

    def recognised(self) -> list[str]:
        """Every rendering that identifies the concept in a source text."""
        return [self.preferred, *self.admitted, *self.forms, *self.deprecated]


@dataclass
class Concept:
    id: str
    type: ConceptType = "other"
    terms: dict[str, LangTerms] = field(default_factory=dict)
    case_sensitive: bool = True
    note: str = ""
    glossary: str = ""
    """Name of the glossary this concept came from (for reports and conflicts)."""
    path: str = ""
    line: int | None = None

    def languages(self) -> list[str]:
        return list(self.terms)


@dataclass
class Glossary:
    name: str
    concepts: list[Concept] = field(default_factory=list)
    path: str = ""
    description: str = ""
    languages: list[str] = field(default_factory=list)
    generated: bool = False

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def get(self, concept_id: str) -> Concept | None:
        for concept in self.concepts:
            if concept.id == concept_id:
                return concept
        return None


def merge(glossaries: Iterable[Glossary]) -> Glossary:
    """Combine several glossaries; on conflict the glossary given LAST wins.

    Later glossaries are the more specific ones (``--glossary shipped.yaml --glossary
    desk.tsv``), as with layered configuration.  A concept with the same id replaces
    the earlier one; a concept whose source-language preferred term equals an earlier
    concept's replaces that concept's entry for the languages it defines.
    """
    merged: dict[str, Concept] = {}
    names = []
    for glossary in glossaries:
        names.append(glossary.name)
        for concept in glossary:
            merged[concept.id] = concept
    return Glossary(name="+".join(names), concepts=list(merged.values()))
