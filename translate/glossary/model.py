"""The concept model every glossary format reads into and writes from.

Modelled on TBX: a :class:`Concept` (one person, place, organisation) holds, per
language, one preferred term, admitted variants, deprecated renderings (known wrong
transliterations to correct) and declared word forms (inflections that count as the
preferred term).  Readers for YAML, TSV/CSV (and later TBX, PO) produce a
:class:`Glossary`; the matcher and enforcement only ever see this model.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from translate import inputs
from translate.errors import GlossaryError
from translate.glossary.normalize import MAX_TERM_LENGTH, has_letter_or_digit, term_key
from translate.i18n import _

ConceptType = Literal["person", "place", "organisation", "other"]
WordClass = Literal["proper", "demonym", "common"]
"""How a term behaves in a sentence: a proper noun (Baku), a demonym that is an adjective
or a noun by context (Armenian diplomats / the Armenians), or a common-noun phrase
(mar Caspio).  Enforcement picks the carrier and the grammar fixes by it."""
WORD_CLASSES: tuple[WordClass, ...] = ("proper", "demonym", "common")
GENDERS = ("m", "f", "n")
NUMBERS = ("sg", "pl")
CONCEPT_TYPES: tuple[ConceptType, ...] = ("person", "place", "organisation", "other")
_TYPE_ALIASES = {"organization": "organisation", "org": "organisation", "location": "place"}


def concept_type(value: str) -> ConceptType | None:
    """``value`` as a concept type (any case; ``organization``, ``org`` and ``location``
    are aliases), or None when it names none."""
    kind = _TYPE_ALIASES.get(value.lower(), value.lower())
    return kind if kind in CONCEPT_TYPES else None


def bad_type_message(value: str) -> tuple[str, str]:
    """The message and hint every reader gives for a type that names none."""
    return (
        _("unknown type {value!r}").format(value=value),
        _("expected one of: {choices}").format(choices=", ".join(CONCEPT_TYPES)),
    )


@dataclass(slots=True)
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
    gender: str | None = None
    """``m``, ``f`` or ``n`` where the language has gender and the glossary declares it
    (else :mod:`translate.glossary.grammar` derives it where it can)."""
    number: str | None = None
    """``sg`` or ``pl``: "Naciones Unidas" is plural, and so are its articles."""
    word_class: WordClass | None = None
    """Overrides the concept's class in this language."""
    form_tags: dict[str, str] = field(default_factory=dict)
    """Declared grammar of each form (``armenias`` -> ``f.pl``), from a mapping of
    ``forms``; forms given as a list are tagged by derivation."""
    not_before: list[str] = field(default_factory=list)
    """In a source text: words (or ``/regex/``) that, right after the term, say the
    occurrence is not this concept ("Turkey" before "sandwiches")."""
    not_after: list[str] = field(default_factory=list)
    """Words or ``/regex/`` that, right before the term, say it is not this concept."""
    common_word: bool | None = None
    """The lowercase form is an ordinary word (turkey, chad); None: decided by the word
    list."""
    given_name: bool | None = None
    """The term is also a given name (Georgia, Jordan); None: decided by the name list."""

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


@dataclass(slots=True)
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
    word_class: WordClass = "proper"
    keep: bool = False
    """A "keep as is" entry: the phrase passes untranslated and shields the names inside
    it (a newspaper called after a city, a person whose first name is a country)."""

    def word_class_in(self, lang: str) -> WordClass:
        terms = self.terms.get(lang)
        if terms is not None and terms.word_class:
            return terms.word_class
        return self.word_class

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
    fingerprint: str = field(default="", compare=False, repr=False)
    """Key of the files this glossary was read from (:mod:`translate.glossary.cache`):
    set when it was read through the cache, so that its matchers are cached too."""

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def get(self, concept_id: str) -> Concept | None:
        for concept in self.concepts:
            if concept.id == concept_id:
                return concept
        return None


def merge(glossaries: Iterable[Glossary], source_lang: str | None = None) -> Glossary:
    """Combine several glossaries; on conflict the glossary given LAST wins.

    Later glossaries are the more specific ones (``--glossary shipped.yaml --glossary
    desk.tsv``), as with layered configuration.  Each concept of a later glossary is
    matched against the concepts merged so far:

    1. by id (unless its id was generated from a term, as for TSV/CSV rows), else
    2. by the same source term, against concepts of EARLIER glossaries only: its
       preferred term in the source language (``source_lang``; when not given, the
       concept's first language, which is the source column of a TSV) equals the
       earlier concept's preferred term in that language, after the matcher's
       normalisation of hyphens, spaces and apostrophes, ignoring case if either
       concept is case-insensitive.

    A matched concept is overridden language by language: every language the later
    concept defines replaces the earlier concept's terms for that language; the other
    languages of the earlier concept are kept (a desk's ``Baku<TAB>Baku`` for en-es
    changes Spanish and keeps the shipped Russian).  The merged concept keeps the
    earlier id and position; the later concept's type wins unless it is ``other`` (the
    default), its note unless empty, and its case sensitivity unless its id was
    generated (a TSV row carries no such data).  An unmatched concept is appended (a
    generated id that collides gets a ``-2`` suffix).

    Within one glossary only a repeated id merges (the later entry wins; ``translate
    glossary lint`` reports it): two entries of one file may share a term on purpose
    (an acronym and its full name are one string in Persian).  Where concepts still
    share a term, the matcher decides (see :mod:`translate.glossary.matcher`).
    Inputs are not modified.
    """
    if source_lang is not None:
        from translate import languages

        source_lang = languages.normalize(source_lang)
    merged: list[Concept] = []
    origin: list[int] = []  # the glossary that last defined each merged concept
    by_id: dict[str, int] = {}
    by_term: dict[tuple[str, str], list[int]] = {}
    names: list[str] = []
    langs: list[str] = []

    def source_of(concept: Concept) -> str | None:
        if source_lang is not None:
            return source_lang if source_lang in concept.terms else None
        return next(iter(concept.terms), None)

    def key_of(concept: Concept, lang: str) -> tuple[str, str] | None:
        terms = concept.terms.get(lang)
        if terms is None or not terms.preferred:
            return None
        return lang, term_key(terms.preferred, case_sensitive=False)

    def index(position: int) -> None:
        concept = merged[position]
        by_id.setdefault(concept.id, position)
        for lang in concept.terms:
            key = key_of(concept, lang)
            if key is not None:
                positions = by_term.setdefault(key, [])
                if position not in positions:
                    positions.append(position)

    for number, glossary in enumerate(glossaries):
        names.append(glossary.name)
        langs += [lang for lang in glossary.languages if lang not in langs]
        for concept in glossary:
            position = None
            if not concept.generated_id:
                position = by_id.get(concept.id)
            lang = source_of(concept)
            key = key_of(concept, lang) if position is None and lang is not None else None
            if key is not None:
                for candidate in reversed(by_term.get(key, [])):
                    earlier = merged[candidate]
                    if (
                        origin[candidate] != number
                        and lang in earlier.terms
                        and _same_term(earlier, concept, lang)
                    ):
                        position = candidate
                        break
            if position is None:
                new = _copy(concept)
                if new.id in by_id:
                    new.id = unique_id(new.id, by_id)
                merged.append(new)
                origin.append(number)
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
            origin[position] = number
            index(position)
    return Glossary(name="+".join(names), concepts=merged, languages=langs)


def _same_term(earlier: Concept, later: Concept, lang: str) -> bool:
    sensitive = earlier.case_sensitive and later.case_sensitive
    return term_key(earlier.terms[lang].preferred, case_sensitive=sensitive) == term_key(
        later.terms[lang].preferred, case_sensitive=sensitive
    )


def _copy(concept: Concept) -> Concept:
    return replace(concept, terms=dict(concept.terms))


def unique_id(base_id: str, taken: dict[str, int] | set[str]) -> str:
    """``base_id`` with the first free suffix ``-2``, ``-3``... (for an id already taken)."""
    n = 2
    while f"{base_id}-{n}" in taken:
        n += 1
    return f"{base_id}-{n}"


# -- shared by the readers -------------------------------------------------------------


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector while a glossary is read or compiled.

    Reading 100,000 terms allocates millions of small objects, none of them garbage;
    each automatic collection walks all that survived the last ones, and together they
    took five sixths of a 100k-term YAML load (17 s of 20 s).  Reference counting
    still frees what is dropped; the collector runs again when the block ends.

    When the block left many objects (a large glossary), they are moved out of the
    collector's sight (``gc.freeze``): they live as long as the process, and otherwise
    the next collections walk them all again, which made matching a megabyte against
    100,000 terms thirteen times slower just after loading.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_count()[0] > LARGE_ALLOCATION:
                gc.freeze()
            gc.enable()


LARGE_ALLOCATION = 200_000
"""Objects a block of :func:`paused_gc` must leave for them to be frozen."""


Report = Callable[[int | None, str, str, str], None]
"""``report(line, severity, code, message)``: how readers hand problems to lint."""


class Reporter:
    """Where a reader sends problems it can continue after.

    Without a ``report`` callback (loading for translation) the first error raises
    :class:`GlossaryError` and warnings are dropped; with one (``glossary lint``) every
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
            raise GlossaryError(message, path=self.path, line=line, hint=hint)
        self.report(line, "error", code, f"{message} ({hint})" if hint else message)

    def warning(self, line: int | None, code: str, message: str) -> None:
        if self.report is not None:
            self.report(line, "warning", code, message)

    def choice(
        self, line: int | None, value: str, what: str, choices: tuple[str, ...]
    ) -> str | None:
        """``value`` (any case) if it is one of ``choices``, else a ``bad-value`` error."""
        value = value.strip().lower()
        if value in choices:
            return value
        self.error(
            line,
            "bad-value",
            _("{what} is {value!r}").format(what=what, value=value),
            _("expected one of: {choices}").format(choices=", ".join(choices)),
        )
        return None


def check_terms(glossary: Glossary, reporter: Reporter) -> None:
    """What every format's terms must be, whatever the file: at most
    :data:`~translate.glossary.normalize.MAX_TERM_LENGTH` characters (an error, also
    when loading for translation), and with a letter or digit (an error for lint; when
    loading for translation the matcher skips such a term)."""
    for concept in glossary:
        for lang, block in concept.terms.items():
            for term, _kind in block.variants():
                line = block.line_of(term)
                if len(term) > MAX_TERM_LENGTH:
                    reporter.error(
                        line,
                        "term-too-long",
                        _(
                            "a term of {length} characters in {id!r} ({lang}): "
                            "terms are at most {limit}"
                        ).format(
                            length=len(term),
                            id=_short(concept.id),
                            lang=lang,
                            limit=MAX_TERM_LENGTH,
                        ),
                        _("a term is a name; look for a stray paste"),
                    )
                elif term and not has_letter_or_digit(term) and reporter.collecting:
                    reporter.error(
                        line,
                        "no-letters",
                        _("term {term!r} of {id!r} ({lang}) has no letter or digit").format(
                            term=_short(term), id=_short(concept.id), lang=lang
                        ),
                        _("a term names something; remove it or write the name"),
                    )


def _short(text: str, size: int = 40) -> str:
    """``text`` cut for a message (a TSV row's id is made from its term)."""
    return text if len(text) <= size else text[: size - 1] + "…"


def _as_glossary() -> dict[str, Any]:
    """How the input layer reports a glossary file it cannot find."""
    return {
        "error": GlossaryError,
        "missing": _("glossary file not found"),
        "hint": _("check the path given with --glossary"),
    }


def check_glossary_file(path: str | Path) -> Path:
    """``path`` if it is a file, else :class:`GlossaryError` (not found, a folder)."""
    return inputs.check_file(path, **_as_glossary())


def read_glossary_bytes(path: str | Path) -> bytes:
    """The bytes of a glossary file (:func:`translate.inputs.read_bytes`).

    Raises :class:`GlossaryError` naming the file when it is missing, not a file or
    unreadable.
    """
    return inputs.read_bytes(path, **_as_glossary())


def read_glossary_text(path: str | Path) -> str:
    """The text of a glossary file: UTF-8 (a BOM is dropped), not empty.

    Raises :class:`GlossaryError` naming the file (and line) when it is missing, not a
    file, not UTF-8 or empty.
    """
    text = inputs.decode(read_glossary_bytes(path), path, error=GlossaryError)
    if not text.strip():
        raise GlossaryError(
            _("empty glossary file"),
            path=path,
            hint=_("see docs/glossary-format.md for the format"),
        )
    return text
