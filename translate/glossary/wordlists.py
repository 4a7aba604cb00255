"""Word lists that tell a name from an ordinary word: taken from maintained packages.

* Ordinary English words come from SCOWL as Debian's ``wamerican`` installs it
  (``/usr/share/dict/american-english``).  SCOWL keeps case, so a word listed in lower
  case ("turkey", "chad", "split") is an ordinary word, while a place listed only
  capitalised ("Paris", "Baku") is not.  Without the file the check is off, and
  ``translate glossary lint`` says so.
* Given names come from gender-guesser's name dictionary (PyPI), which counts how common
  each first name is per country.
"""

from __future__ import annotations

import functools
from pathlib import Path

WORD_FILES = (
    "/usr/share/dict/american-english",
    "/usr/share/dict/british-english",
    "/usr/share/dict/words",
)


@functools.cache
def common_words() -> frozenset[str] | None:
    """Lower-case ordinary English words, or None when no word list is installed."""
    for name in WORD_FILES:
        path = Path(name)
        if path.is_file():
            words = set()
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                if line and line[0].islower() and "'" not in line:
                    words.add(line)
            return frozenset(words)
    return None


def is_common_word(term: str) -> bool:
    """Whether a one-word term, lower-cased, is an ordinary English word ("Turkey")."""
    words = common_words()
    if words is None or len(term.split()) != 1:
        return False
    return term.lower() in words


@functools.cache
def _given_names() -> object | None:
    try:
        import gender_guesser.detector as detector
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return detector.Detector(case_sensitive=False)


def is_given_name(term: str) -> bool:
    """Whether a one-word term is also a first name ("Georgia", "Jordan")."""
    guesser = _given_names()
    if guesser is None or len(term.split()) != 1:
        return False
    return guesser.get_gender(term) != "unknown"  # type: ignore[attr-defined]
