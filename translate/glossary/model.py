"""The concept model every glossary format reads into and writes from.

Modelled on TBX: a :class:`Concept` (one person, place, organisation) holds, per
language, one preferred term, admitted variants, deprecated renderings (known wrong
transliterations to correct) and declared word forms (inflections that count as the
preferred term).  Readers for YAML, TSV/CSV (and later TBX, PO) produce a
:class:`Glossary`; the matcher and enforcement only ever see this model.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal

from translate.errors import UserError

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
    term_lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    """Line of each term in its file (first occurrence), for lint and errors."""
    path: str = field(default="", repr=False, compare=False)
    """File this language block came from (differs from the concept's after a merge)."""

    def accepted(self) -> list[str]:
        """Renderings that count as the preferred term in a target text."""
        return [self.preferred, *self.forms]

    def recognised(self) -> list[str]:
        """Every rendering that identifies the concept in a source text."""
        return [self.preferred, *self.admitted, *self.forms, *self.deprecated]

    def variants(self) -> list[tuple[str, str]]:
        """``(term, kind)`` for every term; kind is preferred, admitted, deprecated or form."""
        return [
            (self.preferred, "preferred"),
            *((t, "admitted") for t in self.admitted),
            *((t, "deprecated") for t in self.deprecated),
            *((t, "form") for t in self.forms),
        ]

    def line_of(self, term: str) -> int | None:
        """Line of ``term`` in its file, else of the language block."""
        return self.term_lines.get(term, self.line)


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
    generated_id: bool = field(default=False, compare=False)
    """The id was made from a term (tabular glossaries), not chosen by the desk."""

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
    desk.tsv``), as with layered configuration.  Each concept of a later glossary is
    matched against the concepts merged so far:

    1. by id (unless its id was generated from a term, as for TSV/CSV rows), else
    2. by the same term: its preferred term in some language equals (after the
       matcher's normalisation of hyphens, spaces and apostrophes; ignoring case if
       either concept is case-insensitive) the earlier concept's preferred term in the
       same language.

    A matched concept is overridden language by language: every language the later
    concept defines replaces the earlier concept's terms for that language; the other
    languages of the earlier concept are kept (a desk's ``Baku<TAB>Baku`` for en-es
    changes Spanish and keeps the shipped Russian).  The merged concept keeps the
    earlier id and position; the later concept's type wins unless it is ``other`` (the
    default), its note unless empty, and its case sensitivity unless its id was
    generated (a TSV row carries no such data).  An unmatched concept is appended (a
    generated id that collides gets a ``-2`` suffix).

    Within one glossary, concepts are merged the same way (a repeated id overrides the
    earlier entry); ``translate glossary lint`` reports such repeats.  Inputs are not
    modified.
    """
    from translate.glossary.matcher import term_key

    merged: list[Concept] = []
    by_id: dict[str, int] = {}
    by_term: dict[tuple[str, str], list[int]] = {}
    names: list[str] = []
    languages: list[str] = []

    def keys(concept: Concept) -> list[tuple[str, str]]:
        out = []
        for lang, terms in concept.terms.items():
            if terms.preferred:
                out.append((lang, term_key(terms.preferred, case_sensitive=False)))
        return out

    def index(position: int) -> None:
        concept = merged[position]
        by_id[concept.id] = position
        for key in keys(concept):
            positions = by_term.setdefault(key, [])
            if position not in positions:
                positions.append(position)

    for glossary in glossaries:
        names.append(glossary.name)
        languages += [lang for lang in glossary.languages if lang not in languages]
        for concept in glossary:
            position = None
            if not concept.generated_id:
                position = by_id.get(concept.id)
            if position is None:
                for key in keys(concept):
                    for candidate in reversed(by_term.get(key, [])):
                        if key[0] in merged[candidate].terms and _same_term(
                            merged[candidate], concept, key[0]
                        ):
                            position = candidate
                            break
                    if position is not None:
                        break
            if position is None:
                new = _copy(concept)
                if new.id in by_id:
                    new.id = _unique_id(new.id, by_id)
                merged.append(new)
                index(len(merged) - 1)
                continue
            earlier = merged[position]
            combined = _copy(earlier)
            combined.terms.update(concept.terms)
            if concept.type != "other":
                combined.type = concept.type
            if not concept.generated_id:
                combined.note = concept.note or earlier.note
                combined.case_sensitive = concept.case_sensitive
                by_id.setdefault(concept.id, position)
            merged[position] = combined
            index(position)
    return Glossary(name="+".join(names), concepts=merged, languages=languages)


def _same_term(earlier: Concept, later: Concept, lang: str) -> bool:
    from translate.glossary.matcher import term_key

    sensitive = earlier.case_sensitive and later.case_sensitive
    return term_key(earlier.terms[lang].preferred, case_sensitive=sensitive) == term_key(
        later.terms[lang].preferred, case_sensitive=sensitive
    )


def _copy(concept: Concept) -> Concept:
    return replace(concept, terms=dict(concept.terms))


def _unique_id(base_id: str, taken: dict[str, int] | set[str]) -> str:
    n = 2
    while f"{base_id}-{n}" in taken:
        n += 1
    return f"{base_id}-{n}"


# -- shared by the readers -------------------------------------------------------------

Report = Callable[[int | None, str, str, str], None]
"""``report(line, severity, code, message)``: how readers hand problems to lint."""


class Reporter:
    """Where a reader sends problems it can continue after.

    Without a ``report`` callback (loading for translation) the first error raises
    :class:`UserError` and warnings are dropped; with one (``glossary lint``) every
    problem is handed over and reading goes on.  Problems a reader cannot continue
    after (unreadable file, malformed YAML) always raise.
    """

    def __init__(self, path: str | Path, report: Report | None = None) -> None:
        self.path = str(path)
        self.report = report

    @property
    def collecting(self) -> bool:
        return self.report is not None

    def error(self, line: int | None, code: str, message: str, hint: str | None = None) -> None:
        if self.report is None:
            raise UserError(message, path=self.path, line=line, hint=hint)
        self.report(line, "error", code, f"{message} ({hint})" if hint else message)

    def warning(self, line: int | None, code: str, message: str) -> None:
        if self.report is not None:
            self.report(line, "warning", code, message)


def read_glossary_text(path: str | Path) -> str:
    """The text of a glossary file: UTF-8 (a BOM is dropped), not empty.

    Raises :class:`UserError` naming the file (and line) when it is missing, not a
    file, not UTF-8 or empty.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise UserError(
            "glossary file not found", path=path, hint="check the path given with --glossary"
        ) from None
    except IsADirectoryError:
        raise UserError("is a directory, not a glossary file", path=path) from None
    except OSError as err:
        raise UserError(f"cannot read glossary: {err.strerror}", path=path) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise UserError(
            f"not valid UTF-8 (byte 0x{data[err.start]:02x})",
            path=path,
            line=line,
            hint="save the glossary as UTF-8",
        ) from None
    if not text.strip():
        raise UserError(
            "empty glossary file", path=path, hint="see docs/glossary-format.md for the format"
        )
    return text
