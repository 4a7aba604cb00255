"""Names in a source that no glossary knows: listed for the desk to add, not violations.

The word lists that tell a name from a capitalised ordinary word are data, not code:

* ``data/not_names.<lang>.txt``: function words, titles and offices that are written
  capitalised without being names ("Officials", "Foreign Minister"); a desk's stop
  list, project-specific, so kept in the package.  All of them apply to every source.
* English day and month names ("Monday", "Sept") come from CLDR through Babel.
* ``data/connectors.txt``: words that join the parts of one name ("Bank of England").
* ``data/title_small.txt``: words Title Case leaves in lower case (headlines).

A general dictionary (SCOWL, :func:`translate.glossary.wordlists.common_words`) does
not fit here: it lists every ordinary word ("mark", "rose", "chad"), so a name that
starts with one would lose it ("Mark Rutte" -> "Rutte").  What counts as "ordinary"
here is a word the document itself writes in lower case somewhere.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import regex

from translate.glossary.matcher import Matcher

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*|\d+")
_OPENING = set("\"“‘'«‹„‚([{¿¡")
_NO_CASE_NAMES = frozenset({"de", "lb"})  # German capitalises every noun
_CALENDAR_LOCALES = ("en", "en_GB")  # en_GB abbreviates September "Sept"


@dataclass(frozen=True)
class _Lists:
    common: frozenset[str]
    """Lower-case words that are capitalised without being names."""
    connectors: frozenset[str]
    title_small: frozenset[str]


def _read(name: str) -> frozenset[str]:
    """The words of one data file: one a line, ``#`` starts a comment."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if (word := line.split("#", 1)[0].strip()))


def _calendar_words() -> frozenset[str]:
    """English day names and month names (full and abbreviated), lower case, from CLDR."""
    from babel.dates import get_day_names, get_month_names

    words: set[str] = set()
    for locale in _CALENDAR_LOCALES:
        words.update(get_day_names("wide", locale=locale).values())
        words.update(get_month_names("wide", locale=locale).values())
        words.update(get_month_names("abbreviated", locale=locale).values())
    return frozenset(w.lower() for w in words)


@functools.cache
def _lists() -> _Lists:
    """The word lists, read once."""
    data = resources.files(__package__).joinpath("data")
    common: set[str] = set(_calendar_words())
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if entry.name.startswith("not_names.") and entry.name.endswith(".txt"):
            common |= _read(entry.name)
    return _Lists(
        common=frozenset(common),
        connectors=_read("connectors.txt"),
        title_small=_read("title_small.txt"),
    )


def lowercase_words(text: str) -> frozenset[str]:
    """Words the document writes in lower case somewhere: not names."""
    return frozenset(w.group() for w in _WORD.finditer(text) if w.group()[:1].islower())


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _common(word: str, lowercase: frozenset[str], common: frozenset[str]) -> bool:
    low = word.lower()
    base = _strip_possessive(word)
    return (
        low in common
        or base.lower() in common
        or (not _is_acronym(base) and base.lower() in lowercase)
    )


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _strip_possessive(word: str) -> str:
    for tail in ("'s", "’s", "'", "’"):
        if word.endswith(tail) and len(word) > len(tail) + 1:
            return word[: -len(tail)]
    return word


def unknown_names(
    sentences: Sequence[str],
    matcher: Matcher,
    lang: str,
    *,
    lowercase: frozenset[str] = frozenset(),
) -> list[str]:
    """Capitalised word sequences in ``sentences`` that no glossary term covers.

    Built to keep false positives low: the first word of a sentence (or after an
    opening quote or a colon) is skipped unless it starts a longer name; common words,
    titles and words the document also writes in lower case are stripped from the
    front of a sequence (and a sequence of only such words is dropped); a single word
    right next to a glossary term ("Masoud" before a known "Pezeshkian") is dropped;
    Title Case lines (headlines) are skipped.  Connectors such as "of" and "al" may
    join capitalised words ("Bank of England").  Not for German, where every noun is
    capitalised.  Returns distinct names in order of appearance.
    """
    from translate import languages

    try:
        if languages.base(lang) in _NO_CASE_NAMES:
            return []
    except Exception:
        pass
    found: list[str] = []
    for sentence in sentences:
        for name in _names_in(sentence, matcher, lowercase):
            if name not in found:
                found.append(name)
    return found


def _names_in(sentence: str, matcher: Matcher, lowercase: frozenset[str]) -> list[str]:
    lists = _lists()
    connectors, common = lists.connectors, lists.common
    known = [(m.start, m.end) for m in matcher.find(sentence)]
    words = [w for w in _WORD.finditer(sentence) if not w.group().isdigit()]
    if not words:
        return []
    if _title_case(words, lists.title_small):
        return []  # a Title Case headline: every content word is capitalised

    def in_known(w: regex.Match) -> bool:
        return any(w.start() < b and a < w.end() for a, b in known)

    def touches_known(start: int, end: int) -> bool:
        for a, b in known:
            if sentence[b:start].strip() == "" and b <= start:
                return True
            if sentence[end:a].strip() == "" and end <= a:
                return True
        return False

    def starts_sentence(i: int) -> bool:
        if i == 0:
            return True
        between = sentence[words[i - 1].end() : words[i].start()]
        stripped = between.strip()
        return bool(stripped) and (
            stripped[-1] in _OPENING
            or stripped.rstrip("\"“‘'«*_ ").endswith((":", "—", "–"))
            or stripped.endswith((".", "!", "?"))
        )

    # group capitalised words separated by single spaces (or a connector)
    runs: list[list[int]] = []
    current: list[int] = []
    i = 0
    while i < len(words):
        w = words[i]
        text = w.group()
        if _is_cap(text) and not in_known(w):
            if current and not _adjacent(sentence, words[current[-1]], w):
                runs.append(current)
                current = []
            current.append(i)
            i += 1
            continue
        if current and text in connectors and _adjacent(sentence, words[current[-1]], w):
            # "Bank of England", "Status of the Caspian": a connector (and "the") joins
            # two capitalised words
            link = [i]
            if text == "of" and i + 1 < len(words) and words[i + 1].group() == "the":
                if _adjacent(sentence, w, words[i + 1]):
                    link.append(i + 1)
            nxt = link[-1] + 1
            if (
                nxt < len(words)
                and _is_cap(words[nxt].group())
                and not in_known(words[nxt])
                and _adjacent(sentence, words[link[-1]], words[nxt])
            ):
                current.extend(link)
                i = nxt
                continue
        if current:
            runs.append(current)
            current = []
        i += 1
    if current:
        runs.append(current)

    names: list[str] = []
    for run in runs:
        tokens = list(run)
        if starts_sentence(tokens[0]):
            first = words[tokens[0]].group()
            if len(tokens) == 1 or _common(first, lowercase, common):
                tokens = tokens[1:]
        # strip common words and connectors from the front, connectors from the end
        while tokens and (
            words[tokens[0]].group() in connectors
            or _common(words[tokens[0]].group(), lowercase, common)
        ):
            tokens = tokens[1:]
        while tokens and words[tokens[-1]].group() in (*connectors, "the"):
            tokens = tokens[:-1]
        if not tokens:
            continue
        texts = [words[t].group() for t in tokens]
        if all(_common(t, lowercase, common) or t in connectors for t in texts):
            continue
        start, end = words[tokens[0]].start(), words[tokens[-1]].end()
        name = _strip_possessive(sentence[start:end])
        if len(tokens) == 1:
            if len(name) < 2 or touches_known(start, end):
                continue
        names.append(" ".join(name.split()))
    return names


def _title_case(words: Sequence[regex.Match], small: frozenset[str]) -> bool:
    """At least three words, two capitalised, and the lower-case ones all short
    function words (``small``: "Caspian Leaders to Meet in Tehran")."""
    if len(words) < 3:
        return False
    lower = [w.group() for w in words if not _is_cap(w.group())]
    caps = len(words) - len(lower)
    return caps >= 2 and caps > len(lower) and all(w in small for w in lower)


def _adjacent(text: str, a: regex.Match, b: regex.Match) -> bool:
    """Whether two words belong to one name: one space between them (no line break,
    no punctuation) and the first is not a possessive ("Turkey's Hakan Fidan")."""
    if _strip_possessive(a.group()) != a.group():
        return False
    return text[a.end() : b.start()] in (" ", "\u00a0")
