"""Find glossary terms in a text: Aho-Corasick over a normalised copy of the text.

Matching rules (the contract enforcement relies on):

* **Leftmost-longest, non-overlapping**: of the terms starting at the leftmost position
  the longest wins; the next match starts at or after its end.
* **Word boundaries**: a match must not start or end inside a word.  A word is a run
  of letters, marks, digits and ``_`` in any script (Latin with ə ğ ı ö ş ü ç, Cyrillic,
  Arabic script, ...).  Invisible characters are looked through: a zero-width
  non-joiner (Persian ZWNJ), joiner or soft hyphen between two letters keeps them in
  one word, so "ایران" does not match in "ایران‌ها" (ZWNJ) and "Iran" not in
  "Iran\\u00adian" (soft hyphen).  Edges made of a non-letter (a term such as ".NET")
  need no boundary, and neither do edges between two characters of scripts written
  without spaces (Han, kana, Thai, Lao, Khmer, Myanmar).
* **Possessives and clitics**: apostrophes are not word characters, so "Iran's",
  "Azerbaijan’s", "l'Iran", "İran'ın" match "Iran"/"Azerbaijan"/"İran"; the span
  excludes the apostrophe and what follows.
* **Equivalences** (both in terms and text): any run of spaces (incl. no-break and thin
  spaces, tabs, newlines) and hyphens (``-``, U+2010, U+2011) is one separator, so
  "Amir-Abdollahian" == "Amir Abdollahian" == "Amir‑\\nAbdollahian"; straight and
  typographic apostrophes (’ ‘ ʼ ʻ ` ´ ′) are one apostrophe; decomposed accents are
  composed (NFC); invisible characters are ignored (ZWNJ/ZWJ, soft hyphen, bidi
  marks, BOM, Arabic tatweel and harakat); Arabic and Persian yeh and kaf (ي ی ى, ك ک)
  are one letter each.
* **Case**: case-sensitive by default; case-insensitive for concepts with
  ``case_sensitive: false`` (simple per-character lower case; Turkic dotted and
  dotless i for ``tr`` and ``az``).
* **Ties**: when several concepts claim the same normalised term, an exact-case claim
  beats a case-insensitive one, then preferred > form > admitted > deprecated, then
  the concept that comes later in the glossary (the later glossary wins, as in
  :func:`translate.glossary.model.merge`).

The normalisation (:mod:`translate.glossary.normalize`) maps each character of the text
to at most one character (deleting some), so every normalised offset maps back to an
offset in the original text; all offsets returned are into the original text.  Finding
is linear in the text length; building is linear in the total size of the terms, and a
glossary read through :mod:`translate.glossary.cache` keeps its compiled automaton on
disk.  Terms with no letter or digit ("...") and terms longer than
:data:`~translate.glossary.normalize.MAX_TERM_LENGTH` are never matched.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, TypeVar

import ahocorasick
import regex

from translate.glossary.model import Concept, Glossary, LangTerms, paused_gc
from translate.glossary.normalize import (
    APOSTROPHES,
    MAX_TERM_LENGTH,
    NormalizedText,
    has_letter_or_digit,
    is_turkic,
    normalize_text,
    term_forms,
    term_key,
)

_is_turkic = is_turkic  # the name other modules import from here

Variant = Literal["preferred", "admitted", "deprecated", "form"]
VARIANTS: tuple[Variant, ...] = ("preferred", "form", "admitted", "deprecated")
_RANK = {v: i for i, v in enumerate(VARIANTS)}

__all__ = [
    "Match",
    "Matcher",
    "Variant",
    "VARIANTS",
    "NormalizedText",
    "find_terms",
    "normalize_text",
    "term_key",
]

# -- boundaries ------------------------------------------------------------------------

_NO_SPACE_SCRIPTS = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}]"
)


def _is_word(ch: str) -> bool:
    if ch in APOSTROPHES:  # ʼ and ʻ are letters (Lm) to Unicode, apostrophes here
        return False
    return unicodedata.category(ch)[0] in "LMN" or ch == "_"


_Payload = TypeVar("_Payload")


def _leftmost_longest(
    spans: Iterable[tuple[int, int, _Payload]],
) -> list[tuple[int, int, _Payload]]:
    chosen: list[tuple[int, int, _Payload]] = []
    last_end = -1
    for start, end, payload in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start >= last_end:
            chosen.append((start, end, payload))
            last_end = end
    return chosen


# -- the matcher -----------------------------------------------------------------------


@dataclass(slots=True)
class Match:
    """One occurrence of a glossary term; offsets are into the original text.

    Treated as a value (nothing changes a match; :func:`dataclasses.replace` makes a
    new one) but not frozen: a frozen dataclass costs three times as much to create,
    and matching a megabyte against a large glossary makes one per occurrence.
    """

    start: int
    end: int
    concept: Concept
    surface: str
    """``text[start:end]``, as written in the text."""
    variant: Variant
    """Which rendering matched: preferred, admitted, deprecated or form."""
    term: str = ""
    """The glossary term that matched (its spelling in the glossary)."""

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.concept.id, self.variant))


class _Entry(NamedTuple):
    concept: int
    variant: Variant
    term: str
    exact: str
    case_sensitive: bool


class _WordMask(dict):
    """``str.translate`` table: word characters stay, every other character becomes
    :data:`_GAP`; characters of scripts written without spaces go to :data:`_NO_SPACE`
    in :data:`_KIND` (see :func:`_is_word`)."""

    def __init__(self, kinds: bool) -> None:
        super().__init__()
        self.kinds = kinds

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if not _is_word(ch):
            out = _GAP
        elif self.kinds:
            out = _NO_SPACE if _NO_SPACE_SCRIPTS.match(ch) else "w"
        else:
            out = ch
        self[code] = out
        return out


_GAP = "\x00"
_NO_SPACE = "c"
_WORDS = _WordMask(kinds=False)
"""Keeps word characters, turns the others into :data:`_GAP`."""
_KIND = _WordMask(kinds=True)
"""Word character (``w``), of a script without spaces (``c``) or not (:data:`_GAP`)."""


class _Choice(NamedTuple):
    """The entries of one folded term: which one an occurrence is."""

    exact: dict[str, _Entry]
    """Case-sensitive entries by their exact form (the best of each)."""
    fallback: _Entry | None
    """The best case-insensitive entry, for an occurrence in any other case."""


def _choice(entries: Sequence[_Entry]) -> _Choice:
    """``entries`` (best first) as lookups: an exact claim beats a case-insensitive one
    (they sort first), and the first of each kind is the best."""
    exact: dict[str, _Entry] = {}
    fallback = None
    for entry in entries:
        if entry.case_sensitive:
            exact.setdefault(entry.exact, entry)
        elif fallback is None:
            fallback = entry
    return _Choice(exact, fallback)


_SAME = 4
"""Flag of a pattern whose every occurrence is its one folded term (no gap inside)."""
_ONE = 16
"""Flag of a pattern with a gap inside that stands for one folded term (a name of
several words): its choices are ``(term, exact, fallback)``, and an occurrence is the
term when the folded text says so."""
_SEVERAL = 8
"""Flag of a pattern several terms come to ("a'" and "a"): its choices are their
values, each tried in turn."""


class _Automaton:
    """Aho-Corasick automaton over folded keys; entries verified for exact case.

    Word boundaries are part of the patterns: the automaton runs over a copy of the
    normalised text in which every character that is not a word character is a gap
    (:data:`_GAP`), with a gap before and after, and a term that starts (ends) with a
    word character is entered with a gap before (after) it.  So an occurrence inside a
    word is never even a candidate: on a megabyte of news and 100,000 names, four
    candidates in five were, and checking each cost more than the automaton's pass.
    The normalisation keeps what is a word character (letters stay letters,
    separators become a space, invisible characters go), so the gaps are the
    original's boundaries.  Only the chosen matches are mapped back to the original's
    offsets.
    """

    def __init__(self, turkic: bool) -> None:
        self.turkic = turkic
        self._keys: dict[str, dict[tuple, tuple[tuple, _Entry]]] = {}
        self._automaton: ahocorasick.Automaton | None = None

    def add(self, term: str, concept: int, variant: Variant, case_sensitive: bool) -> None:
        if len(term) > MAX_TERM_LENGTH:
            return
        exact, folded = term_forms(term, self.turkic)
        if not folded:
            return
        entry = _Entry(concept, variant, term, exact, case_sensitive)
        sort = (0 if case_sensitive else 1, _RANK[variant], -concept)
        slot = self._keys.get(folded)
        if slot is None:
            slot = self._keys[folded] = {}
        dedupe = (concept, exact if case_sensitive else None)
        known = slot.get(dedupe)
        if known is None or sort < known[0]:
            slot[dedupe] = (sort, entry)

    def build(self) -> None:
        # pattern -> folded term -> entries; an automaton value is (characters after
        # the term, length of the term, flags, choices): plain tuples, read in the loop
        # of :meth:`search` at every candidate.  Flags: 1 and 2, the start and end are
        # checked by hand (a character of a script written without spaces may touch
        # another); 4 (:data:`_SAME`), the choices are of the one folded term, else a
        # dict by folded term (a gap stands for any separator or punctuation).
        patterns: dict[str, dict[str, _Choice]] = {}
        for folded, entries in self._keys.items():
            if len(entries) == 1:
                best: list[_Entry] = [next(iter(entries.values()))[1]]
            else:
                best = [e for _, e in sorted(entries.values(), key=lambda s: s[0])]
            patterns.setdefault(folded.translate(_WORDS), {})[folded] = _choice(best)
        self._keys = {}
        values: dict[str, list[tuple]] = {}
        for body, terms in patterns.items():
            first, last = body[0].translate(_KIND), body[-1].translate(_KIND)
            head = _GAP if first == "w" else ""
            tail = _GAP if last == "w" else ""
            flags = (first == _NO_SPACE) | (last == _NO_SPACE) << 1
            choices: object = terms
            if _GAP not in body:
                flags |= _SAME
                choices = terms[body]
            elif len(terms) == 1 and not flags:
                flags = _ONE
                ((term, choice),) = terms.items()
                choices = (term, *choice)
            values.setdefault(head + body + tail, []).append((len(tail), len(body), flags, choices))
        automaton = ahocorasick.Automaton()
        add_word = automaton.add_word
        for pattern, found in values.items():
            # "a'" and "a" both come to "<gap>a<gap>": each is tried in turn
            add_word(pattern, found[0] if len(found) == 1 else (0, 0, _SEVERAL, tuple(found)))
        if len(automaton):
            automaton.make_automaton()
            self._automaton = automaton

    def __len__(self) -> int:
        return len(self._automaton) if self._automaton is not None else 0

    def search(self, text: str) -> list[tuple[int, int, _Entry]]:
        if self._automaton is None or not text:
            return []
        norm = normalize_text(text, turkic=self.turkic)
        folded = norm.folded
        exact = norm.exact
        gapped = _GAP + folded.translate(_WORDS) + _GAP
        kinds: str | None = None
        spans: list[tuple[int, int, _Entry]] = []
        append = spans.append
        for last, value in self._automaton.iter(gapped):
            tail, size, flags, choices = value
            if flags == _SAME:  # the common case, in line
                ne = last - tail  # offsets in ``folded``: ``gapped`` has one gap more
                ns = ne - size
                exact_entries, entry = choices
                if exact_entries:
                    entry = exact_entries.get(exact[ns:ne], entry)
                if entry is not None:
                    append((ns, -ne, entry))  # one candidate per span: no ties to compare
                continue
            if flags == _ONE:  # a name of several words, in line too
                ne = last - tail
                ns = ne - size
                term, exact_entries, entry = choices
                if folded[ns:ne] == term:
                    if exact_entries:
                        entry = exact_entries.get(exact[ns:ne], entry)
                    if entry is not None:
                        append((ns, -ne, entry))
                continue
            if kinds is None and flags & (3 | _SEVERAL):
                kinds = _GAP + folded.translate(_KIND) + _GAP
            alternatives = choices if flags & _SEVERAL else (value,)
            for tail_, size_, flags_, choices_ in alternatives:
                ne = last - tail_
                ns = ne - size_
                found = _candidate(folded, exact, kinds, ns, ne, flags_, choices_)
                if found is not None:
                    append((ns, -ne, found))
        spans.sort()
        starts, ends = norm.starts, norm.ends
        chosen: list[tuple[int, int, _Entry]] = []
        last_end = -1
        for ns, ne, entry in spans:  # leftmost, then longest
            if ns >= last_end:
                last_end = -ne
                chosen.append((starts[ns], ends[last_end - 1], entry))
        return chosen


def _candidate(
    folded: str, exact: str, kinds: str | None, ns: int, ne: int, flags: int, choices: Any
) -> _Entry | None:
    """The entry of an occurrence at ``folded[ns:ne]`` of a pattern off the common path
    (edges to check by hand, a gap inside, or one of several terms of one pattern)."""
    if flags & 3 and (kinds is None or not _edges_ok(kinds, ns + 1, ne + 1, flags)):
        return None
    if flags & _ONE:
        term, *choices = choices
        if folded[ns:ne] != term:
            return None
    elif not flags & _SAME:
        choices = choices.get(folded[ns:ne])
        if choices is None:
            return None
    exact_entries, entry = choices
    if exact_entries:
        entry = exact_entries.get(exact[ns:ne], entry)
    return entry


def _edges_ok(kinds: str, start: int, end: int, check: int) -> bool:
    """Whether a term of a script without spaces at ``kinds[start:end]`` lies on word
    boundaries: the character beside such an edge is no word character, or one of a
    script without spaces."""
    if check & 1 and kinds[start - 1] == "w":
        return False
    return not (check & 2 and kinds[end] == "w")


def _lang_terms(concept: Concept, lang: str) -> LangTerms | None:
    terms = concept.terms.get(lang)
    if terms is not None:
        return terms
    from translate import languages

    for code, found in concept.terms.items():
        if languages.is_known(code) and languages.normalize(code) == lang:
            return found
    return None


class Matcher:
    """All terms of a glossary in one language, compiled once, found in any text."""

    def __init__(self, glossary: Glossary | Iterable[Concept], lang: str) -> None:
        from translate import languages

        self.lang = languages.normalize(lang)
        self.concepts: list[Concept] = list(glossary)
        self.turkic = is_turkic(self.lang)
        self._automaton = _Automaton(self.turkic)
        fingerprint = glossary.fingerprint if isinstance(glossary, Glossary) else ""
        if fingerprint:  # the count too: a glossary changed after reading is not its file's
            fingerprint = f"{fingerprint}/{len(self.concepts)}"
        compiled = _cached(fingerprint, self.lang) if fingerprint else None
        if compiled is not None:
            self._automaton, with_contexts = compiled
        else:
            with paused_gc():
                self._compile()
            with_contexts = [
                order
                for order, concept in enumerate(self.concepts)
                if (terms := _lang_terms(concept, self.lang)) is not None
                and (terms.not_before or terms.not_after or concept.word_class == "demonym")
            ]
            if fingerprint:
                _store(fingerprint, self.lang, (self._automaton, with_contexts))
        self._contexts = {}
        for order in with_contexts:
            concept = self.concepts[order]
            terms = _lang_terms(concept, self.lang)
            if terms is not None:
                self._contexts[order] = _Contexts(terms, demonym=concept.word_class == "demonym")

    def _compile(self) -> None:
        from translate import languages

        for order, concept in enumerate(self.concepts):
            terms = _lang_terms(concept, self.lang)
            if terms is None and concept.keep and concept.terms:
                # A keep-as-is phrase ("Tehran Times") is written the same in every
                # language, and shields the names inside it in a translation too.
                terms = next(iter(concept.terms.values()))
            if terms is None:
                continue
            for term, variant in _variants(terms):
                if not has_letter_or_digit(term):
                    continue  # "..." names nothing (find_terms still finds stand-ins)
                self._automaton.add(term, order, variant, concept.case_sensitive)
                # Wire datelines set names in capitals ("BAKU, 5 Oct."): a case-sensitive
                # name is found in all capitals too; enforcement then writes the target
                # in capitals.
                if concept.case_sensitive and not languages.is_all_caps(term):
                    self._automaton.add(languages.upper(term, self.lang), order, variant, True)
                # Headlines set multiword names in Title Case ("Strait Of Hormuz").
                title = _title_case(term)
                if concept.case_sensitive and title != term:
                    self._automaton.add(title, order, variant, True)
        self._automaton.build()

    def __len__(self) -> int:
        """Number of distinct normalised terms."""
        return len(self._automaton)

    def find(self, text: str, excluded: list[Match] | None = None) -> list[Match]:
        """Every glossary term in ``text``: leftmost-longest, non-overlapping, in order.

        An occurrence the glossary rules out by context (``not_before`` /
        ``not_after``: "Turkey" before "sandwiches") is not returned; it is appended to
        ``excluded`` when a list is given.
        """
        concepts = self.concepts
        if not self._contexts:
            return [
                Match(start, end, concepts[e.concept], text[start:end], e.variant, e.term)
                for start, end, e in self._automaton.search(text)
            ]
        found = []
        for start, end, e in self._automaton.search(text):
            match = Match(start, end, concepts[e.concept], text[start:end], e.variant, e.term)
            contexts = self._contexts.get(e.concept)
            if contexts is not None and contexts.excludes(text, start, end):
                if excluded is not None:
                    excluded.append(match)
                continue
            found.append(match)
        return found

    def find_terms(
        self, text: str, terms: Sequence[str], case_sensitive: bool = True
    ) -> list[tuple[int, int]]:
        """:func:`find_terms` with this matcher's language rules."""
        return find_terms(text, terms, case_sensitive, lang=self.lang)

    def find_variants(
        self,
        text: str,
        concept: Concept,
        variants: Sequence[Variant] = ("preferred", "form"),
        lang: str | None = None,
    ) -> list[Match]:
        """Occurrences in ``text`` of the given renderings of one concept.

        All renderings of the concept take part in the leftmost-longest choice and only
        the requested kinds are returned, so a shorter variant inside an occurrence of
        a longer one is not reported.

        ``lang`` defaults to the matcher's language; enforcement passes the target
        language to ask "is the preferred form or a declared form there?" (the
        default) or "where are the admitted/deprecated forms?".
        """
        from translate import languages

        code = languages.normalize(lang) if lang else self.lang
        terms = _lang_terms(concept, code)
        if terms is None:
            return []
        # All renderings compete (leftmost-longest), so that the admitted "Amir
        # Abdolahian" inside the preferred "Hosein Amir Abdolahian" is not reported.
        automaton = _small_automaton(
            tuple(v for v in _variants(terms) if has_letter_or_digit(v[0])),
            concept.case_sensitive,
            is_turkic(code),
        )
        return [
            Match(start, end, concept, text[start:end], e.variant, e.term)
            for start, end, e in automaton.search(text)
            if e.variant in variants
        ]


def _cached(fingerprint: str, lang: str) -> tuple[_Automaton, list[int]] | None:
    """The compiled form of a cached glossary's matcher, if the cache holds it."""
    from translate.glossary import cache

    with paused_gc():
        found = cache.load("matcher", cache.key("matcher", fingerprint, lang))
    if (
        isinstance(found, tuple)
        and len(found) == 2
        and isinstance(found[0], _Automaton)
        and isinstance(found[1], list)
    ):
        return found
    return None


def _store(fingerprint: str, lang: str, compiled: tuple[_Automaton, list[int]]) -> None:
    from translate.glossary import cache

    cache.store("matcher", cache.key("matcher", fingerprint, lang), compiled)


def _title_case(term: str) -> str:
    """Every word of a multiword term capitalised, as headlines write it."""
    words = term.split(" ")
    if len(words) < 2:
        return term
    return " ".join(w[:1].upper() + w[1:] if w[:1].islower() else w for w in words)


class _Contexts:
    """Negative contexts of one concept: words or ``/regex/`` right before or after it."""

    def __init__(self, terms: LangTerms, demonym: bool = False) -> None:
        self.before = _context_pattern(terms.not_after, before=True)
        not_before = list(terms.not_before)
        if demonym:
            not_before.append(DEMONYM_COMPOUNDS)
        self.after = _context_pattern(not_before, before=False)

    def excludes(self, text: str, start: int, end: int) -> bool:
        if self.before is not None and self.before.search(text[max(0, start - 200) : start]):
            return True
        return self.after is not None and bool(
            self.after.match(text, end, min(len(text), end + 200))
        )


DEMONYM_COMPOUNDS = (
    r"/-(?:led|backed|based|funded|sponsored|brokered|controlled|dominated|allied|aligned"
    r"|held)(?![\w-])/"
)
"""A demonym glued to these ("Russian-led", "Iranian-backed") names the country, not
the people: "the Russian-led alliance" is "la alianza liderada por Rusia"."""


def _context_pattern(items: Sequence[str], *, before: bool) -> regex.Pattern[str] | None:
    parts = []
    for item in items:
        item = item.strip()
        if len(item) > 2 and item.startswith("/") and item.endswith("/"):
            parts.append(f"(?:{item[1:-1]})")
        elif item:
            words = r"[\s\-]+".join(regex.escape(w) for w in item.split())
            parts.append(rf"(?<![\w]){words}(?![\w])")
    if not parts:
        return None
    alternatives = "|".join(parts)
    if before:  # the context ends right before the term (spaces and punctuation between)
        return regex.compile(rf"(?:{alternatives})[\s\p{{P}}]*$", regex.IGNORECASE | regex.V1)
    return regex.compile(rf"[\s\p{{P}}]*(?:{alternatives})", regex.IGNORECASE | regex.V1)


def _variants(terms: LangTerms) -> list[tuple[str, Variant]]:
    out: list[tuple[str, Variant]] = []
    if terms.preferred:
        out.append((terms.preferred, "preferred"))
    out += [(t, "form") for t in terms.forms if t]
    out += [(t, "admitted") for t in terms.admitted if t]
    out += [(t, "deprecated") for t in terms.deprecated if t]
    return out


@functools.lru_cache(maxsize=2048)
def _small_automaton(
    terms: tuple[tuple[str, Variant], ...], case_sensitive: bool, turkic: bool
) -> _Automaton:
    automaton = _Automaton(turkic)
    for term, variant in terms:
        automaton.add(term, 0, variant, case_sensitive)
    automaton.build()
    return automaton


def find_terms(
    text: str, terms: Sequence[str], case_sensitive: bool = True, *, lang: str | None = None
) -> list[tuple[int, int]]:
    """Spans of ``text`` where any of ``terms`` occurs, with the matcher's rules.

    Same normalisation, word boundaries and leftmost-longest choice as
    :meth:`Matcher.find`; ``lang`` only selects Turkic case folding.  Returns sorted,
    non-overlapping ``(start, end)`` offsets into ``text``.  Only the given terms
    compete: to skip occurrences inside a longer rendering, use
    :meth:`Matcher.find_variants`.
    """
    cleaned = tuple((t, "preferred") for t in dict.fromkeys(terms) if t and t.strip())
    if not cleaned or not text:
        return []
    automaton = _small_automaton(cleaned, bool(case_sensitive), is_turkic(lang))
    return [(start, end) for start, end, _ in automaton.search(text)]
