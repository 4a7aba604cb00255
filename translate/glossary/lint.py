"""Check glossaries before a desk relies on them: ``translate glossary lint FILES``.

Reported, each with the file and line:

errors
  anything that stops a glossary from loading (malformed YAML, invalid UTF-8, missing
  ``id`` or ``preferred``, wrong value types, unknown keys), unknown language codes
  (checked with Babel/CLDR), an id given twice in one file, one term claimed by two
  concepts in one file (both lines given) unless it is the preferred term of both in
  a language other than the source (``--from``; the first column of a TSV/CSV), a
  term listed both as correct (preferred, admitted, form) and as deprecated, a term
  longer than 256 characters (``term-too-long``: refused when loading too) and a term
  with no letter or digit (``no-letters``: "..." would rewrite punctuation; the matcher
  skips it).
warnings
  one preferred term shared by two concepts of a file (deliberate for an acronym and
  its full name in some languages; ambiguous only in a source text), a term listed
  twice in an entry, empty terms in lists, ids that are not lowercase ASCII slugs,
  and across the files given together: an entry overridden by a later file (same id,
  or same preferred term in the source language, as
  :func:`translate.glossary.model.merge` decides: the later file wins) and a term
  claimed by concepts of different files.
  Ambiguous English names (the ``en`` block, one-word preferred and admitted terms
  other than acronyms and single letters):
  ``common-word`` for a term whose lower-case form is an ordinary English word
  ("Turkey": turkey) unless the block sets ``common_word`` or has ``not_before`` /
  ``not_after`` contexts; ``given-name`` for a frequent given name in English-speaking
  countries ("Georgia", "Jordan") unless the block sets ``given_name``; ``no-word-list``
  once when no English word list is installed (the common-word check is then off).
  A ``keep: true`` entry needs only its source term: no language is missing from it.

Terms are compared as the matcher sees them (hyphen/space/apostrophe variants are the
same term; case is ignored for case-insensitive concepts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from translate.errors import UserError
from translate.glossary import load_glossary, wordlists
from translate.glossary.matcher import _is_turkic, term_key
from translate.glossary.model import Concept, Glossary, LangTerms
from translate.i18n import _

__all__ = ["LintIssue", "lint", "format_issues"]

Severity = Literal["error", "warning"]
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")


@dataclass(frozen=True)
class LintIssue:
    path: str
    line: int | None
    severity: Severity
    code: str
    """Stable machine-readable kind, e.g. ``duplicate-id``, ``term-conflict``."""
    message: str

    def format(self) -> str:
        """``path:line: severity: message`` (``path: severity: message`` without a line)."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.severity}: {self.message}"

    __str__ = format


def format_issues(issues: Iterable[LintIssue]) -> str:
    return "".join(issue.format() + "\n" for issue in issues)


@dataclass
class _Claim:
    file: int
    path: str
    concept: Concept
    lang: str
    term: str
    variant: str
    line: int | None
    exact: str


def _where(path: str, line: int | None, here: str) -> str:
    if path == here:
        return _("line {line}").format(line=line) if line is not None else _("this file")
    return f"{path}:{line}" if line is not None else path


def lint(
    paths: Iterable[str | Path],
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> list[LintIssue]:
    """Check glossary files, alone and together; issues in file order, then line.

    ``source_lang``/``target_lang`` are the pair of headerless TSV/CSV files.
    """
    names = [str(p) for p in paths]
    found: list[tuple[int, int, LintIssue]] = []
    order = {p: i for i, p in enumerate(names)}

    def add(path: str, line: int | None, severity: Severity, code: str, message: str) -> None:
        found.append(
            (
                order.get(path, len(names)),
                len(found),
                LintIssue(path, line, severity, code, message),
            )
        )

    glossaries: list[tuple[int, Glossary]] = []
    for index, path in enumerate(names):

        def report(line, severity, code, message, _path=path):  # noqa: ANN001
            add(_path, line, severity, code, message)

        try:
            glossary = load_glossary(
                path, source_lang=source_lang, target_lang=target_lang, report=report
            )
        except UserError as err:
            message = f"{err.message} ({err.hint})" if err.hint else err.message
            add(path, err.line, "error", "unreadable", message)
            continue
        glossaries.append((index, glossary))

    for index, glossary in glossaries:
        _check_file(names[index], glossary, add)
    _check_word_list(names, glossaries, add)
    source = None
    if source_lang:
        from translate import languages

        source = languages.normalize(source_lang) if languages.is_known(source_lang) else None
    _check_terms(names, glossaries, add, source)

    found.sort(key=lambda item: (item[0], item[2].line or 0, item[1]))
    return [issue for _, _, issue in found]


def _check_file(path: str, glossary: Glossary, add) -> None:  # noqa: ANN001
    seen_ids: dict[str, Concept] = {}
    for concept in glossary:
        if concept.id in seen_ids:
            first = seen_ids[concept.id]
            add(
                path,
                concept.line,
                "error",
                "duplicate-id",
                _("duplicate id {id!r} (first at line {line})").format(
                    id=concept.id, line=first.line
                ),
            )
        else:
            seen_ids[concept.id] = concept
        if not concept.generated_id and not _SLUG.match(concept.id):
            add(
                path,
                concept.line,
                "warning",
                "id-format",
                _("id {id!r} is not a lowercase ASCII slug (like 'amir-abdollahian')").format(
                    id=concept.id
                ),
            )
        for lang, terms in concept.terms.items():
            _check_entry(path, concept, lang, terms, add)
        if WORD_LIST_LANG in concept.terms:
            _check_ambiguous(path, concept, concept.terms[WORD_LIST_LANG], add)


WORD_LIST_LANG = "en"
"""The language of the word lists: source terms in it are checked against them."""


def _one_word_terms(terms: LangTerms) -> list[str]:
    """The preferred and admitted terms of one word that a word list can confuse: not
    acronyms ("WHO", "US" are written in capitals wherever they stand) nor single
    letters."""
    return [
        t
        for t in dict.fromkeys([terms.preferred, *terms.admitted])
        if len(t.split()) == 1 and len(t) > 1 and not t.isupper()
    ]


def _check_ambiguous(path: str, concept: Concept, terms: LangTerms, add) -> None:  # noqa: ANN001
    """A one-word English name that is also an ordinary word or a frequent given name."""
    lang = WORD_LIST_LANG
    wordlists.given_name_ratings()  # lint asks about every name: parse the list once
    for term in _one_word_terms(terms):
        line = terms.line_of(term)
        if (
            terms.common_word is None
            and not (terms.not_before or terms.not_after)
            and wordlists.is_common_word(term)
        ):
            add(
                path,
                line,
                "warning",
                "common-word",
                _(
                    "{term!r} ({lang}) is also a common word ({word!r}): add "
                    "not_before/not_after contexts or set common_word"
                ).format(term=term, lang=lang, word=term.lower()),
            )
        if terms.given_name is None and wordlists.is_given_name(term):
            add(
                path,
                line,
                "warning",
                "given-name",
                _(
                    "{term!r} ({lang}) is also a frequent given name (as in '{term} Smith'): set "
                    "given_name (true: a capitalised surname after it makes it a name; "
                    "false: never a name here)"
                ).format(term=term, lang=lang),
            )


def _check_word_list(paths: list[str], glossaries: list[tuple[int, Glossary]], add) -> None:  # noqa: ANN001
    """Once: the common-word check is off because no English word list is installed."""
    if wordlists.common_words() is not None:
        return
    for index, glossary in glossaries:
        for concept in glossary:
            terms = concept.terms.get(WORD_LIST_LANG)
            if terms is not None and terms.common_word is None and _one_word_terms(terms):
                add(
                    paths[index],
                    None,
                    "warning",
                    "no-word-list",
                    _(
                        "no English word list installed: one-word {lang} terms are not "
                        "checked for common words (apt-get install wamerican)"
                    ).format(lang=WORD_LIST_LANG),
                )
                return


def _key(term: str, lang: str, case_sensitive: bool) -> str:
    return term_key(term, case_sensitive=case_sensitive, turkic=_is_turkic(lang))


def _check_entry(path: str, concept: Concept, lang: str, terms, add) -> None:  # noqa: ANN001
    seen: dict[str, tuple[str, str]] = {}
    for term, variant in terms.variants():
        if not term.strip():
            add(
                path,
                terms.line,
                "warning",
                "empty-term",
                _("empty term in {id!r} ({lang})").format(id=concept.id, lang=lang),
            )
            continue
        key = _key(term, lang, concept.case_sensitive)
        line = terms.line_of(term)
        if key not in seen:
            seen[key] = (term, variant)
            continue
        first_term, first_variant = seen[key]
        kinds = {first_variant, variant}
        if "deprecated" in kinds and len(kinds) == 2:
            good = (kinds - {"deprecated"}).pop()
            add(
                path,
                line,
                "error",
                "deprecated-conflict",
                _("{term!r} in {id!r} ({lang}) is listed both as {good} and as deprecated").format(
                    term=term, id=concept.id, lang=lang, good=good
                ),
            )
        else:
            same = "" if first_term == term else _(" (as {term!r})").format(term=first_term)
            add(
                path,
                line,
                "warning",
                "duplicate-term",
                _("{term!r} listed twice in {id!r} ({lang}): {first} and {second}{same}").format(
                    term=term,
                    id=concept.id,
                    lang=lang,
                    first=first_variant,
                    second=variant,
                    same=same,
                ),
            )


def _check_terms(
    paths: list[str],
    glossaries: list[tuple[int, Glossary]],
    add,  # noqa: ANN001
    source: str | None,
) -> None:
    """One term claimed by two concepts: in a file (error) or across files (warning)."""
    claims: dict[tuple[str, str], list[_Claim]] = {}
    overridden: set[tuple[int, int]] = _check_ids_across(paths, glossaries, add)
    for index, glossary in glossaries:
        path = paths[index]
        for concept in glossary:
            for lang, terms in concept.terms.items():
                seen_here: set[str] = set()
                for term, variant in terms.variants():
                    if not term.strip():
                        continue
                    folded = _key(term, lang, False)
                    if folded in seen_here:
                        continue  # repeats within the entry are _check_entry's business
                    seen_here.add(folded)
                    claim = _Claim(
                        index,
                        path,
                        concept,
                        lang,
                        term,
                        variant,
                        terms.line_of(term),
                        _key(term, lang, True),
                    )
                    bucket = claims.setdefault((lang, folded), [])
                    for other in bucket:
                        if other.concept is concept:
                            continue
                        if (
                            concept.case_sensitive
                            and other.concept.case_sensitive
                            and other.exact != claim.exact
                        ):
                            continue
                        _conflict(other, claim, overridden, add, source)
                    bucket.append(claim)


def _check_ids_across(paths: list[str], glossaries: list[tuple[int, Glossary]], add) -> set:  # noqa: ANN001
    """An id defined again in a later file: the later entry overrides (a warning)."""
    first: dict[str, tuple[str, Concept]] = {}
    pairs = set()
    for index, glossary in glossaries:
        path = paths[index]
        here: dict[str, Concept] = {}
        for concept in glossary:
            if concept.generated_id:
                continue
            earlier = first.get(concept.id)
            if earlier is not None and earlier[0] != path and concept.id not in here:
                pairs.add((id(earlier[1]), id(concept)))
                add(
                    path,
                    concept.line,
                    "warning",
                    "override",
                    _(
                        "{id!r} overrides the entry of {where} for {languages} "
                        "(the later glossary wins)"
                    ).format(
                        id=concept.id,
                        where=_where(earlier[0], earlier[1].line, path),
                        languages=", ".join(concept.terms) or _("no language"),
                    ),
                )
            here.setdefault(concept.id, concept)
        for key, concept in here.items():
            first.setdefault(key, (path, concept))
    return pairs


def _conflict(first: _Claim, later: _Claim, overridden: set, add, source: str | None) -> None:  # noqa: ANN001
    a, b = first.concept, later.concept
    where = _where(first.path, first.line, later.path)
    both_preferred = later.variant == first.variant == "preferred"
    if first.file == later.file:
        if a.id == b.id:
            return  # reported as duplicate-id
        source_of_b = (
            source
            if source is not None
            else (next(iter(b.terms), None) if b.generated_id else None)
        )
        if both_preferred and later.lang != source_of_b:
            # Two concepts written the same way in one language (an acronym and its
            # full name are one string in Persian): fine in a target text, ambiguous
            # only when that language is the source.
            add(
                later.path,
                later.line,
                "warning",
                "shared-term",
                _(
                    "{term!r} ({lang}) is the preferred term of both {first!r} ({where}) and "
                    "{second!r} (line {line}); in {lang} source text it is read as {second!r}"
                ).format(
                    term=later.term,
                    lang=later.lang,
                    first=a.id,
                    where=where,
                    second=b.id,
                    line=later.line,
                ),
            )
            return
        add(
            later.path,
            later.line,
            "error",
            "term-conflict",
            _(
                "{term!r} ({lang}) is claimed by {first!r} ({where}) and {second!r} (line {line})"
            ).format(
                term=later.term,
                lang=later.lang,
                first=a.id,
                where=where,
                second=b.id,
                line=later.line,
            ),
        )
        return
    pair = (id(a), id(b))
    if pair in overridden:
        return
    source_of_b = source if source is not None else next(iter(b.terms), None)
    if (a.id == b.id and not b.generated_id) or (both_preferred and later.lang == source_of_b):
        overridden.add(pair)
        add(
            later.path,
            later.line,
            "warning",
            "override",
            _(
                "{later!r} overrides {earlier!r} of {where} for {languages} (same {lang} term "
                "{term!r}; the later glossary wins)"
            ).format(
                later=b.id,
                earlier=a.id,
                where=_where(first.path, a.line, later.path),
                languages=", ".join(b.terms),
                lang=later.lang,
                term=later.term,
            ),
        )
        return
    add(
        later.path,
        later.line,
        "warning",
        "term-conflict",
        _(
            "{term!r} ({lang}) is claimed by {first!r} ({where}) and {second!r} (line {line})"
        ).format(
            term=later.term, lang=later.lang, first=a.id, where=where, second=b.id, line=later.line
        ),
    )
