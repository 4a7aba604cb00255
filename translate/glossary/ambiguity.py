"""When a glossary word may not be the concept: given names and ordinary words.

Shared by enforcement (which reports such occurrences ``ambiguous``) and by ``translate
check`` (which does not ask a translator to write "Txad" for Chad Ferris).  Glossary
flags win over the word lists: ``given_name`` and ``common_word`` set to false switch a
rule off for a term, set to true switch it on without consulting the lists.
"""

from __future__ import annotations

import regex

from translate.glossary.matcher import Match, Matcher
from translate.glossary.model import LangTerms
from translate.glossary.wordlists import is_common_word, is_given_name

WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[-‐‑'’][\p{L}\p{M}\p{N}]+)*")
SENTENCE_START = regex.compile(r"(?:^|[.!?:]\s+|\n\s*)[\p{P}\p{S}\s]*$")
_SURNAME = regex.compile(r"\s+(\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*)(?![\p{L}\p{M}])")
# Capitalised words that, after a name, make a place or an organisation rather than a
# person ("Jordan Valley", "Georgia Tech"): never read as a surname.
_NAME_HEADS = frozenset(
    """valley river street square road avenue airlines airways air times post news
    herald university college tech institute republic state states sea ocean gulf lake
    mountains hills city county province region ministry party dream fund bank group
    company corporation council committee union league army forces navy embassy
    government parliament airport port station stadium border basin coast highlands
    national international""".split()
)


def given_name_surname(text: str, match: Match, terms: LangTerms | None, matcher: Matcher) -> str:
    """The surname after a term that is also a given name ("Chad Ferris"), or ''.

    The next word must be capitalised, not a glossary term, and not a word that makes
    a place or an organisation of the name ("Jordan Valley").
    """
    flag = terms.given_name if terms is not None else None
    if flag is False or len(match.surface.split()) != 1 or not match.surface[:1].isupper():
        return ""
    found = _SURNAME.match(text, match.end)
    if found is None:
        return ""
    word = found.group(1)
    if word.casefold() in _NAME_HEADS or matcher.find(word):
        return ""
    if flag is None and not is_given_name(match.surface):
        return ""  # looked up last: the name list is the slow part
    return word


def ordinary_word_here(text: str, match: Match, terms: LangTerms | None, headline: bool) -> bool:
    """A term that is also an ordinary word, where capitals do not tell (a sentence
    start, a headline)."""
    flag = terms.common_word if terms is not None else None
    if flag is False or len(match.surface.split()) != 1:
        return False
    if flag is None and not is_common_word(match.surface):
        return False
    return headline or at_sentence_start(text, match.start)


def at_sentence_start(text: str, position: int) -> bool:
    return bool(SENTENCE_START.search(text[:position]))


def is_headline(text: str) -> bool:
    """A line in Title Case without a final stop: "Turkey Farmers Brace For Winter"."""
    stripped = text.strip()
    if not stripped or stripped[-1] in ".!?\"'”’" or "\n" in stripped:
        return False
    words = [w for w in WORD.findall(stripped) if len(w) > 3]
    if len(words) < 2:
        return False
    return sum(w[:1].isupper() for w in words) >= 0.75 * len(words)
