"""Text normalisation for matching glossary terms: the equivalences of
:mod:`translate.glossary.matcher`, with offsets kept.

* any run of spaces (incl. no-break and thin spaces, tabs, newlines) and hyphens (``-``,
  U+2010, U+2011) is one separator;
* straight and typographic apostrophes are one apostrophe;
* decomposed accents are composed (NFC);
* invisible characters are deleted (ZWNJ/ZWJ, soft hyphen, bidi marks, BOM, Arabic
  tatweel and harakat);
* Arabic and Persian yeh and kaf are one letter each;
* the folded copy is lower case per character (Turkic dotted and dotless i for
  :func:`is_turkic` languages).

Each character of the text maps to at most one character (some are deleted), so every
normalised offset maps back to an offset in the original text.  Nothing here knows about
concepts or glossaries: :mod:`translate.glossary.model` (merging by term) and the matcher
both build on it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import regex

__all__ = [
    "APOSTROPHES",
    "HYPHENS",
    "IGNORABLE",
    "NormalizedText",
    "MAX_TERM_LENGTH",
    "has_letter_or_digit",
    "is_turkic",
    "normalize_text",
    "term_forms",
    "term_key",
]

IGNORABLE = frozenset(
    "\u00ad"  # soft hyphen
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space, ZWNJ, ZWJ, word joiner, BOM
    "\u200e\u200f\u061c"  # LRM, RLM, ALM
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi embeddings/isolates
    "\u0640"  # Arabic tatweel
    + "".join(chr(c) for c in range(0x064B, 0x0660))  # Arabic harakat
    + "\u0670"  # superscript alef
)
"""Deleted from terms and text before matching."""

HYPHENS = frozenset("-\u2010\u2011")
APOSTROPHES = frozenset("'\u2019\u2018\u02bc\u02bb`\u00b4\u2032\uff07")
LETTER_EQUIV = {
    "\u064a": "\u06cc",  # Arabic yeh -> Farsi yeh
    "\u0649": "\u06cc",  # alef maksura -> Farsi yeh
    "\u0643": "\u06a9",  # Arabic kaf -> keheh
}


def _fold_table(turkic: bool) -> dict[str, str]:
    table = {"\u0130": "i", "\u03c2": "\u03c3"}  # İ, final sigma
    if turkic:
        table.update({"I": "\u0131", "\u0130": "i"})
    return table


class _FoldMap(dict):
    """``str.translate`` table for per-character lower case, filled on demand."""

    def __init__(self, turkic: bool) -> None:
        super().__init__()
        self.special = _fold_table(turkic)

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = self.special.get(ch)
        if folded is None:
            low = ch.lower()
            folded = low if len(low) == 1 else ch
        self[code] = folded
        return folded


_FOLD = {False: _FoldMap(False), True: _FoldMap(True)}


def _char_class(ch: str) -> int:
    """0 plain, 1 ignorable, 2 separator, 3 apostrophe."""
    if ch in IGNORABLE:
        return 1
    if ch in HYPHENS or ch.isspace():
        return 2
    if ch in APOSTROPHES:
        return 3
    return 0


_SPECIAL = regex.compile(
    "[^\\S ]|  +|\\p{M}|["
    + regex.escape("".join(sorted((IGNORABLE | HYPHENS | APOSTROPHES | set(LETTER_EQUIV)) - {"'"})))
    + "]"
)
"""Characters the normalisation changes; text between them is copied as is."""


_SPECIAL_ASCII = re.compile(
    "[" + re.escape("".join(chr(c) for c in range(128) if _SPECIAL.match(chr(c)))) + "]|  +"
)
""":data:`_SPECIAL` for ASCII text, where the standard library's engine scans a
megabyte in a tenth of the time."""


@dataclass(frozen=True)
class NormalizedText:
    """A normalised copy of a text.

    ``exact`` and case-folded ``folded`` have the same length; character ``i`` of them
    comes from ``original[starts[i]:ends[i]]`` (a base letter with the marks composed
    into it or the diacritics ignored after it, or the first of a run of separators).
    """

    exact: str
    folded: str
    starts: Sequence[int]
    ends: Sequence[int]


class _Offsets(Sequence[int]):
    """Original offsets of the characters of a normalised text, kept as runs.

    The normalised text is runs copied from the original (run ``k`` starts at
    normalised offset ``norm[k]`` and original offset ``orig[k]``), so an offset is
    found by bisection rather than stored per character: a megabyte with a newline in
    every paragraph needed two lists of a million numbers, and building them was most
    of the cost of matching.  ``last_end[k]`` is the original end of the run's last
    character, which may take in marks and invisible characters after it.
    """

    def __init__(
        self, norm: list[int], orig: list[int], last_end: list[int], length: int, end: bool
    ) -> None:
        self._norm = norm
        self._orig = orig
        self._last_end = last_end
        self._length = length
        self._end = end

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):  # noqa: ANN001, ANN204
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        k = bisect.bisect_right(self._norm, index) - 1
        if self._end:
            following = self._norm[k + 1] if k + 1 < len(self._norm) else self._length
            if index == following - 1:
                return self._last_end[k]
            return self._orig[k] + index - self._norm[k] + 1
        return self._orig[k] + index - self._norm[k]


def normalize_text(text: str, *, turkic: bool = False) -> NormalizedText:
    """Normalise ``text`` for matching (see the module docstring), keeping offsets."""
    ascii_text = text.isascii()
    special = _SPECIAL_ASCII if ascii_text else _SPECIAL
    if not special.search(text):
        return NormalizedText(
            text, _folded(text, turkic, ascii_text), range(len(text)), range(1, len(text) + 1)
        )
    parts: list[str] = []
    run_norm: list[int] = []
    run_orig: list[int] = []
    run_end: list[int] = []
    size = 0  # characters emitted so far
    last = ""  # the last character emitted

    def emit(piece: str, a: int, b: int) -> None:
        nonlocal size, last
        parts.append(piece)
        run_norm.append(size)
        run_orig.append(a)
        run_end.append(b)
        size += len(piece)
        last = piece[-1]

    position = 0
    for found in special.finditer(text):
        a, b = position, found.start()
        if a < b and last == " " and text[a] == " ":
            a += 1
        if a < b:
            emit(text[a:b], a, b)
        position = found.end()
        for i in range(found.start(), found.end()):
            ch = text[i]
            kind = _char_class(ch)
            if kind == 1:
                # Invisible: dropped; a diacritic stays attached to the letter before it.
                if last and last != " " and unicodedata.combining(ch):
                    run_end[-1] = i + 1
                continue
            if kind == 2:
                if last == " ":
                    continue
                out = " "
            elif kind == 3:
                out = "'"
            else:
                if last and last not in " '" and unicodedata.combining(ch):
                    composed = unicodedata.normalize("NFC", last + ch)
                    if len(composed) == 1:
                        parts[-1] = parts[-1][:-1]
                        parts.append(composed)
                        run_end[-1] = i + 1
                        last = composed
                        continue
                out = LETTER_EQUIV.get(ch, ch)
            emit(out, i, i + 1)
    a = position
    if a < len(text) and last == " " and text[a] == " ":
        a += 1
    if a < len(text):
        emit(text[a:], a, len(text))
    exact = "".join(parts)
    return NormalizedText(
        exact,
        _folded(exact, turkic, ascii_text),
        _Offsets(run_norm, run_orig, run_end, size, end=False),
        _Offsets(run_norm, run_orig, run_end, size, end=True),
    )


def _folded(text: str, turkic: bool, ascii_text: bool) -> str:
    """Per-character lower case (:class:`_FoldMap`); ASCII outside the Turkic languages
    is plain ``str.lower``, which is that already and several times faster."""
    if ascii_text and not turkic:
        return text.lower()
    return text.translate(_FOLD[turkic])


def term_forms(term: str, turkic: bool) -> tuple[str, str]:
    """``(exact, folded)`` normalised forms of a glossary term."""
    term = unicodedata.normalize("NFC", term).strip()
    if _SPECIAL.search(term):
        norm = normalize_text(term, turkic=turkic)
        return norm.exact.strip(" "), norm.folded.strip(" ")
    return term, term.translate(_FOLD[turkic])


def term_key(term: str, *, case_sensitive: bool = True, turkic: bool = False) -> str:
    """The normalised form of a term: two terms with the same key are the same term."""
    exact, folded = term_forms(term, turkic)
    return exact if case_sensitive else folded


def has_letter_or_digit(term: str) -> bool:
    """Whether a term has a letter or a digit: "..." or "&" alone names nothing, and
    matching it rewrote punctuation ("Wait..." became "WaitParis")."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in term)


MAX_TERM_LENGTH = 256
"""Longest term a glossary may hold, in characters.  A name is a few words; a term of a
megabyte (a stray paste, a hostile file) made pyahocorasick crash the process."""


def is_turkic(lang: str | None) -> bool:
    """Whether ``lang`` folds case the Turkic way (dotted and dotless i)."""
    if not lang:
        return False
    from translate import languages

    try:
        return languages.base(lang) in ("tr", "az", "crh", "gag", "tt", "ba", "kk")
    except Exception:  # unknown code: plain folding
        return False
