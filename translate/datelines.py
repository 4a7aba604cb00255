"""Locale-aware dates in datelines and bylines (opt-in: ``translate article --localize-dates``).

Engines leave "BAKU, 5 Oct." as "BAKÚ, 5 Oct." or render "5 October 2023" word by word.
:func:`localize_dates` finds the English dates in the SOURCE of the first sentence of
the first paragraphs (headline, byline, dateline), finds each one's rendering in the
target sentence (the day number next to a month name, in the target language or still
in English, with the year when the source has one) and replaces it with the date as
CLDR writes it in the target language, through Babel:

* a date with a year and a full month name -> ``format_date(d, "long")``
  ("5 October 2023" -> es "5 de octubre de 2023", ru "5 октября 2023 г.");
* an abbreviated month ("5 Oct. 2023", "Oct. 5") -> the abbreviated skeleton
  ``yMMMd`` / ``MMMd`` ("5 oct", ru "5 окт.");
* no year ("5 October") -> the skeleton ``MMMMd`` ("5 de octubre").

The calendar stays Gregorian in every language (a Persian article gets "۵ اکتبر ۲۰۲۳",
not the Solar Hijri date): a wire date is a Gregorian fact, and converting it is an
editorial decision.  With ``native_digits`` the digits are those of the language's
native numbering system in CLDR (Persian ``arabext`` ۰-۹, Arabic ``arab`` ٠-٩; Latin
for languages whose native system is Latin).  Nothing else of the segment changes;
the original rendering of each date is kept in ``Bitext.meta["dates"]`` (JSON: a
list of ``{segment, source, engine, target}`` or ``status: not-found``) for the report.

Only English sources are read (other sources are returned unchanged).  The function is
pure: it returns a new :class:`Bitext` and never modifies its argument.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
from dataclasses import dataclass, replace

import regex

from translate.document import AlignedSegment, Bitext
from translate.languages import base

__all__ = ["localize_dates", "find_dates", "format_localized", "SourceDate"]

LEAP_YEAR = 2000
"""The year used to format a date given without one (so that 29 February exists)."""

HEAD_PARAGRAPHS = 3
"""Datelines and bylines are in the first sentence of one of the first paragraphs."""

_EN_MONTHS = (
    ("January", "Jan"),
    ("February", "Feb"),
    ("March", "Mar"),
    ("April", "Apr"),
    ("May", "May"),
    ("June", "Jun"),
    ("July", "Jul"),
    ("August", "Aug"),
    ("September", "Sep", "Sept"),
    ("October", "Oct"),
    ("November", "Nov"),
    ("December", "Dec"),
)

# Zero digit of CLDR numbering systems (digits are consecutive code points).
_ZERO = {
    "arab": 0x0660,
    "arabext": 0x06F0,
    "beng": 0x09E6,
    "deva": 0x0966,
    "gujr": 0x0AE6,
    "guru": 0x0A66,
    "knda": 0x0CE6,
    "khmr": 0x17E0,
    "laoo": 0x0ED0,
    "mlym": 0x0D66,
    "mymr": 0x1040,
    "orya": 0x0B66,
    "tamldec": 0x0BE6,
    "telu": 0x0C66,
    "thai": 0x0E50,
    "tibt": 0x0F20,
    "nkoo": 0x07C0,
    "olck": 0x1C50,
    "sund": 0x1BB0,
    "adlm": 0x1E950,
}


@dataclass(frozen=True)
class SourceDate:
    """An English date found in a source segment."""

    start: int
    end: int
    text: str
    day: int
    month: int
    year: int | None
    abbreviated: bool

    @property
    def date(self) -> _dt.date:
        return _dt.date(self.year or LEAP_YEAR, self.month, self.day)


def _en_month_pattern() -> str:
    names = []
    for forms in _EN_MONTHS:
        for form in forms:
            names += [form, form.upper()]
    names = sorted(set(names), key=len, reverse=True)
    return "(?:" + "|".join(names) + ")"


_ORD = r"(?:st|nd|rd|th|ST|ND|RD|TH)?"
_MONTH = _en_month_pattern()
_DMY = regex.compile(
    rf"(?<![\w.])(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{_MONTH})(?P<dot>\.)?"
    rf"(?:,?\s+(?P<y>\d{{4}}))?(?![\w])"
)
_MDY = regex.compile(
    rf"(?<![\w])(?P<m>{_MONTH})(?P<dot>\.)?\s+(?P<d>\d{{1,2}}){_ORD}"
    rf"(?:,?\s+(?P<y>\d{{4}}))?(?![\w])"
)


def _month_number(name: str) -> tuple[int, bool]:
    """(month, abbreviated) for an English month name as written."""
    for number, forms in enumerate(_EN_MONTHS, 1):
        for i, form in enumerate(forms):
            if name.lower() == form.lower():
                return number, i > 0
    raise ValueError(name)


def find_dates(text: str) -> list[SourceDate]:
    """English dates in ``text``: "5 October 2023", "5 Oct.", "Oct. 5, 2023", "October 5"."""
    found: list[SourceDate] = []
    for pattern in (_DMY, _MDY):
        for m in pattern.finditer(text):
            month, abbreviated = _month_number(m.group("m"))
            year = int(m.group("y")) if m.group("y") else None
            try:
                _dt.date(year or LEAP_YEAR, month, int(m.group("d")))
            except ValueError:
                continue
            end = m.end()
            if not abbreviated and m.group("dot") and not m.group("y"):
                end -= 1  # "on 5 October." ends a sentence
            if any(s.start < end and m.start() < s.end for s in found):
                continue
            found.append(
                SourceDate(
                    m.start(),
                    end,
                    text[m.start() : end],
                    int(m.group("d")),
                    month,
                    year,
                    abbreviated,
                )
            )
    return sorted(found, key=lambda s: s.start)


@functools.lru_cache(maxsize=64)
def _babel_locale(lang: str):  # noqa: ANN202 - babel.Locale
    from babel import Locale, UnknownLocaleError

    for ident in (lang.replace("-", "_"), base(lang)):
        try:
            return Locale.parse(ident)
        except (UnknownLocaleError, ValueError):
            continue
    return None


def native_digits(text: str, lang: str) -> str:
    """``text`` with ASCII digits in the language's native CLDR numbering system."""
    locale = _babel_locale(lang)
    system = locale.other_numbering_systems.get("native", "latn") if locale else "latn"
    zero = _ZERO.get(system)
    if zero is None:
        return text
    return "".join(chr(zero + int(c)) if "0" <= c <= "9" else c for c in text)


def format_localized(found: SourceDate, lang: str, *, digits: bool = False) -> str | None:
    """The date as CLDR writes it in ``lang`` (``None`` if Babel has no such locale)."""
    from babel.dates import format_date, format_skeleton

    locale = _babel_locale(lang)
    if locale is None:
        return None
    if found.year is not None:
        if found.abbreviated:
            text = format_skeleton("yMMMd", found.date, locale=locale)
        else:
            text = format_date(found.date, "long", locale=locale)
    else:
        text = format_skeleton("MMMd" if found.abbreviated else "MMMMd", found.date, locale=locale)
    return native_digits(text, lang) if digits else text


def _month_names(lang: str, month: int) -> tuple[list[str], list[str]]:
    """(full names, abbreviations) of the month in ``lang`` (CLDR, all contexts) and English."""
    en = _EN_MONTHS[month - 1]
    wide, short = {en[0]}, set(en[1:])
    locale = _babel_locale(lang)
    if locale is not None:
        for context in ("format", "stand-alone"):
            for width, names in (("wide", wide), ("abbreviated", short)):
                try:
                    names.add(locale.months[context][width][month].rstrip("."))
                except KeyError:
                    continue
    short -= wide

    def ordered(names: set[str]) -> list[str]:
        return sorted((n for n in names if n), key=len, reverse=True)

    return ordered(wide), ordered(short)


def _digits_pattern(number: int, width: int = 1) -> str:
    """A number in ASCII or any native digits, with optional leading zeros."""
    text = f"{number:0{width}d}"
    forms = {text, text.lstrip("0") or "0", f"{number:02d}"}
    alternatives = set()
    for form in forms:
        alternatives.add(regex.escape(form))
        for zero in (0x0660, 0x06F0):
            alternatives.add("".join(chr(zero + int(c)) for c in form))
    return "(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + ")"


_GLUE = r"[\s\u00a0\u200e\u200f,]*(?:\w{1,3}(?:[\s\u00a0]+|[’']))?[\s\u00a0]*"


def _target_pattern(found: SourceDate, lang: str) -> regex.Pattern[str]:
    wide, short = _month_names(lang, found.month)
    month = "(?:" + "|".join(regex.escape(n) for n in wide) + ")"
    if short:
        month = "(?:" + "|".join(regex.escape(n) for n in short) + r")\.?|" + month
    day = rf"(?<!\d){_digits_pattern(found.day)}(?:st|nd|rd|th|\.|-?[ео]?го)?(?!\d)"
    month_b = rf"(?<!\w)(?:{month})(?!\w)"
    core = rf"(?:{day}{_GLUE}{month_b}|{month_b}{_GLUE}{day})"
    if found.year is not None:
        year = (
            rf"(?<!\d){_digits_pattern(found.year, 4)}(?!\d)"
            r"(?:[\s\u00a0]*(?:г\.|года|год|ж\.|y\.))?"
        )
        core = rf"{core}(?:{_GLUE}{year})?"
    return regex.compile(core, regex.IGNORECASE)


def _candidates(bitext: Bitext) -> list[int]:
    """Positions of the aligned segments that can hold a dateline or byline."""
    firsts: dict[int, int] = {}
    for position, aligned in enumerate(bitext.segments):
        firsts.setdefault(aligned.segment.paragraph, position)
    paragraphs = sorted(firsts)[:HEAD_PARAGRAPHS]
    return [firsts[p] for p in paragraphs]


def localize_dates(bitext: Bitext, *, native_digits: bool = False) -> Bitext:
    """A new bitext whose dateline/byline dates are written the target language's way."""
    if base(bitext.source_lang) != "en" or _babel_locale(bitext.target_lang) is None:
        return bitext
    digits = native_digits
    segments = list(bitext.segments)
    notes: list[dict] = []
    for position in _candidates(bitext):
        aligned: AlignedSegment = segments[position]
        if not aligned.segment.translatable:
            continue
        target = aligned.target
        for found in find_dates(aligned.segment.source):
            wanted = format_localized(found, bitext.target_lang, digits=digits)
            if wanted is None:
                continue
            match = _target_pattern(found, bitext.target_lang).search(target)
            if match is None:
                notes.append(
                    {
                        "segment": aligned.segment.index,
                        "source": found.text,
                        "status": "not-found",
                        "target": wanted,
                    }
                )
                continue
            engine = match.group(0)
            target = target[: match.start()] + wanted + target[match.end() :]
            notes.append(
                {
                    "segment": aligned.segment.index,
                    "source": found.text,
                    "engine": engine,
                    "target": wanted,
                    "status": "kept" if engine == wanted else "localized",
                }
            )
        if target != aligned.target:
            segments[position] = replace(aligned, target=target)
    if not notes:
        return bitext
    meta = dict(bitext.meta)
    meta["dates"] = json.dumps(notes, ensure_ascii=False)
    return replace(bitext, segments=tuple(segments), meta=meta)


def date_notes(bitext: Bitext) -> list[dict]:
    """The notes :func:`localize_dates` left in ``bitext.meta`` (empty if none)."""
    raw = bitext.meta.get("dates")
    return json.loads(raw) if raw else []
