"""Names glued into English compounds, rewritten for the engine.

"the Russian-led alliance", "Iranian-backed groups", "Baku-based firms": an engine
translates such a compound word by word (eng-spa "el ruso-bloque dirigido",
"Bakú-basó las empresas"), and a carrier glued into it comes out glued (eng-cat
"finançadaaParís").  Written as a participle phrase after its noun ("the alliance led
by Russia", "firms based in Baku") the same engine writes "la alianza dirigida por
Rusia", and the name is a plain name again.  In such a compound a demonym names its
country, the place concept whose English name it starts with (Russian → Russia,
Azerbaijani → Azerbaijan; Turkish → Turkey by the first four letters).

Only a compound followed by a short noun phrase (one or two lower-case words, none a
function word, a past tense or an adverb) that ends the clause (punctuation, the end,
or a function word) is rewritten; anything else is left to enforcement as it is.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from translate.glossary.matcher import Match
from translate.glossary.model import Concept

PARTICIPLES = {
    "led": "by",
    "backed": "by",
    "funded": "by",
    "sponsored": "by",
    "brokered": "by",
    "controlled": "by",
    "dominated": "by",
    "held": "by",
    "based": "in",
    "allied": "with",
    "aligned": "with",
}
_TAIL = regex.compile(
    r"-(?P<participle>" + "|".join(PARTICIPLES) + r")\s+(?P<np>\p{Ll}+(?:\s+\p{Ll}+)?)"
)
_CLAUSE_END = regex.compile(
    r"\s*(?:$|[\p{P}]|(?:and|or|but|of|in|on|at|to|that|which|who|with|for|from|by|as|is|are|was|were|has|have|had|will|would|said|says)\b)"
)
_STOP = frozenset(
    """and or but of in on at to that which who with for from by as is are was were has
    have had will would said says the a an met left took made saw went came told gave
    held won lost fell rose sent kept began ran fled did got put set cut hit""".split()
)


def _noun_like(word: str) -> bool:
    """Not a function word, a past tense ("attacked", "met") or an adverb."""
    return word not in _STOP and not word.endswith(("ed", "ly"))


@dataclass(frozen=True)
class Rewrite:
    """``text[start:end]`` is written ``new``; the name sits at ``name_at`` in ``new``."""

    start: int
    end: int
    new: str
    name_at: int
    name: str
    original: Match


def find(
    text: str, matches: Iterable[Match], places: Sequence[Concept], lang: str
) -> list[Rewrite]:
    """Rewrites for the compounds of ``text`` built on a glossary match."""
    out: list[Rewrite] = []
    for match in matches:
        tail = _TAIL.match(text, match.end)
        if tail is None:
            continue
        name = _name_of(match, places, lang)
        if name is None:
            continue
        words = tail.group("np").split()
        # The longest noun phrase (one or two words) that ends the clause.
        for size in range(len(words), 0, -1):
            np_words = words[:size]
            if not all(_noun_like(w) for w in np_words):
                continue
            end = tail.start("np") + len(" ".join(np_words))
            np_text = text[tail.start("np") : end]
            if " ".join(np_text.split()) != " ".join(np_words) or not _CLAUSE_END.match(text, end):
                continue
            participle = tail.group("participle")
            head = f"{np_text} {participle} {PARTICIPLES[participle]} "
            out.append(Rewrite(match.start, end, head + name, len(head), name, match))
            break
    return out


def _name_of(match: Match, places: Sequence[Concept], lang: str) -> str | None:
    """The place a compound names: the match itself, or the country of a demonym."""
    concept = match.concept
    if concept.word_class != "demonym":
        return match.surface if concept.type == "place" else None
    demonym = match.surface
    best, best_len = None, 3
    for place in places:
        terms = place.terms.get(lang)
        if terms is None or not terms.preferred or " " in terms.preferred:
            continue
        # words, not paths: the character-wise prefix is the one wanted here
        common = len(os.path.commonprefix([demonym, terms.preferred]))  # noqa: RUF071
        if common > best_len and common >= len(terms.preferred) - 2:
            best, best_len = terms.preferred, common
    return best
