"""Word lists that tell a name from an ordinary word: taken from maintained packages.

* Ordinary English words come from SCOWL as Debian's ``wamerican`` installs it
  (``/usr/share/dict/american-english``).  SCOWL keeps case, so a word listed in lower
  case ("turkey", "chad", "split") is an ordinary word, while a place listed only
  capitalised ("Paris", "Baku") is not.  ``DRAGOMAN_WORD_LIST`` names another file of
  that kind (one word a line; empty: none).  Without a file the check is off, and
  ``translate glossary lint`` says so.
* Given names come from gender-guesser's name dictionary (PyPI; Jörg Michael's
  ``nam_dict.txt``), which rates how common each first name is per country, from 1
  (rare) to 13 (D: extremely common) on a logarithmic scale (each step about a factor
  of two; 10 is 2 % of the population).  A name counts as a given name only when it
  is rated at least :data:`FREQUENT` in an English-speaking country the dictionary
  covers (Great Britain, Ireland, the U.S.A.): "Georgia" (4 in the U.S.A.), "Jordan"
  and "Chad" (5) are given names; "Israel" (2), "Kenya" (2) and "India" (1) are rare
  enough not to count.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import regex

WORD_FILES = (
    "/usr/share/dict/american-english",
    "/usr/share/dict/british-english",
    "/usr/share/dict/words",
)
WORD_LIST_ENV = "DRAGOMAN_WORD_LIST"

# Columns of nam_dict.txt (0-based, after the sex, the name and the sorting mark) that
# hold the frequency in Great Britain, Ireland and the U.S.A.
_NAME_COLUMNS = {"great_britain": 30, "ireland": 31, "usa": 32}
FREQUENT = 4
"""Lowest frequency rating (1-13) at which a first name counts as a given name: about
one person in 2,000-4,000 of that country."""


def word_files() -> tuple[str, ...]:
    """The word list files tried, in order (``DRAGOMAN_WORD_LIST`` alone when set)."""
    chosen = os.environ.get(WORD_LIST_ENV)
    if chosen is not None:
        return (chosen,) if chosen.strip() else ()
    return WORD_FILES


@functools.cache
def _read_words(files: tuple[str, ...]) -> frozenset[str] | None:
    for name in files:
        path = Path(name)
        if path.is_file():
            words = set()
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                line = line.strip()
                if line and line[0].islower() and "'" not in line:
                    words.add(line)
            return frozenset(words)
    return None


def common_words() -> frozenset[str] | None:
    """Lower-case ordinary English words, or None when no word list is installed."""
    return _read_words(word_files())


def is_common_word(term: str) -> bool:
    """Whether a one-word term, lower-cased, is an ordinary English word ("Turkey")."""
    words = common_words()
    if words is None or len(term.split()) != 1:
        return False
    return term.lower() in words


def _name_file() -> Path | None:
    try:
        import gender_guesser
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    return path if path.is_file() else None


def _rating(char: str) -> int:
    try:
        return int(char, 16)
    except ValueError:
        return 0


@functools.cache
def given_name_ratings() -> dict[str, int]:
    """Lower-case first name -> its highest rating in Great Britain, Ireland and the
    U.S.A. (0: listed, but not rated there); empty when the dictionary is absent."""
    path = _name_file()
    if path is None:
        return {}
    ratings: dict[str, int] = {}
    columns = tuple(_NAME_COLUMNS.values())
    with path.open(encoding="utf-8", errors="replace") as handle:
        for raw in handle:
            line = raw.rstrip("\r\n")
            if not line or line[0] in "#=" or len(line) <= max(columns):
                continue
            parts = line.split()
            if len(parts) < 2:
                continue
            rating = max(_rating(line[column]) for column in columns)
            name = parts[1].lower()
            # "Abdal+Salam" is Abdalsalam, Abdal Salam or Abdal-Salam (as gender-guesser)
            for spelling in {name.replace("+", ""), name.replace("+", "-"), name.replace("+", " ")}:
                if ratings.get(spelling, -1) < rating:
                    ratings[spelling] = rating
    return ratings


@functools.cache
def _name_text() -> str | None:
    path = _name_file()
    return path.read_text(encoding="utf-8", errors="replace") if path is not None else None


@functools.lru_cache(maxsize=4096)
def given_name_rating(term: str) -> int | None:
    """How common ``term`` is as a first name in English-speaking countries (1-13; 0:
    listed but not rated there), None when it is not a first name at all.

    Looks the one name up in the dictionary's text rather than parsing all of it
    (:func:`given_name_ratings`): a translation asks about a handful of names, and
    parsing the whole dictionary cost a fifth of a short article's run.
    """
    if given_name_ratings.cache_info().currsize:  # the whole list is at hand (lint)
        return given_name_ratings().get(term.strip().lower())
    text = _name_text()
    words = term.strip().replace("-", " ").split()
    if text is None or not words:
        return None
    name = r"[+\- ]?".join(regex.escape(w) for w in words)
    columns = tuple(_NAME_COLUMNS.values())
    best: int | None = None
    for found in regex.finditer(rf"(?mi)^[^\n#=]{{3}}{name}[ \t]", text):
        end = text.find("\n", found.start())
        line = text[found.start() : end if end >= 0 else len(text)]
        if len(line) <= max(columns):
            continue
        rating = max(_rating(line[column]) for column in columns)
        best = rating if best is None else max(best, rating)
    return best


def is_given_name(term: str) -> bool:
    """Whether a one-word term is also a frequent first name in English-speaking
    countries ("Georgia", "Jordan", "Chad"; not "Israel" or "India")."""
    if len(term.split()) != 1:
        return False
    rating = given_name_rating(term)
    return rating is not None and rating >= FREQUENT
