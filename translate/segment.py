"""Sentence segmentation with exact character offsets.

:func:`split_sentences` cuts one paragraph into sentences and returns their spans in the
paragraph.  The rules come from pysbd (one cached segmenter per language; languages it
has no rules for borrow a close relative's, English by default), but the offsets are
ours: pysbd rewrites the text it splits (placeholders, dropped newlines, stripped
spaces) and its own ``char_span`` search misplaces repeated sentences, so we only take
*where* it cuts and map those cuts back onto the original text by counting the
non-whitespace characters before each cut.

Guarantees, for any input string:

* spans are non-empty, in order and do not overlap;
* no span starts or ends with whitespace, and everything outside the spans is
  whitespace (so every non-space character of the paragraph is in exactly one span);
* a whitespace-only (or empty) string has no spans.

Speed: pysbd costs about half a millisecond per paragraph (a hundred regular-expression
passes, and a pass per abbreviation of the language found in it), which on 1 MB of news
is about a sixth of Apertium's own time.  Most news paragraphs are plain prose, where
pysbd's rules come down to a few that can be read off directly (see "plain prose"
below); :func:`_plain_cuts` recognises such a paragraph with a few compiled expressions
and cuts it itself, and everything else still goes through pysbd.  The tests hold both
ways to the same spans on every shipped article and on generated text in every pysbd
language (:func:`split_sentences_pysbd` is the pysbd-only way, kept as the reference).
"""

from __future__ import annotations

import bisect
import difflib
import re
from functools import cache

import pysbd
import pysbd.abbreviation_replacer
import pysbd.lang.common
from pysbd.languages import LANGUAGE_CODES

__all__ = ["split_sentences", "split_sentences_pysbd", "segmenter_language", "SUPPORTED_LANGUAGES"]

Span = tuple[int, int]

SUPPORTED_LANGUAGES: frozenset[str] = frozenset(LANGUAGE_CODES)
"""Languages pysbd has its own rules for."""

# Languages without pysbd rules -> the closest language that has them.  Anything not
# listed here (az, tr, id, ...) uses English rules: '.', '!' and '?' end sentences.
_FALLBACK: dict[str, str] = {
    lang: rules
    for rules, langs in (
        ("ru", "uk be tg mn"),
        ("kk", "ky"),
        ("bg", "sr mk"),
        ("es", "ca gl pt eu"),
        ("da", "sv nb nn no is fo"),
        ("sk", "cs"),
        ("fa", "ps ku ckb prs"),
        ("hi", "ne sa"),
        ("nl", "af fy"),
        ("de", "lb"),
        ("am", "ti"),
        ("zh", "yue wuu"),
    )
    for lang in langs.split()
}

# Characters after which pysbd may cut.  A paragraph with none of them is one sentence
# and never goes through pysbd (which is the slow part).
_TERMINALS = frozenset(".!?;:|。．！？؟،۔।॥።፧։՜။၏…‼⁇⁈⁉")

# Placeholders pysbd substitutes internally.  If the article itself contains them pysbd
# turns them into punctuation on the way out; we hide them behind a neutral letter
# (same length) so the text pysbd sees cannot collide with its own bookkeeping.
_PYSBD_PLACEHOLDERS = "∯∮ȸȹƪ☄☇☈☉☏♝♟♬♭♨☝ᓴᓷ✂⁃ǃ"
_HIDE = str.maketrans(dict.fromkeys(_PYSBD_PLACEHOLDERS, "x"))
_PLACEHOLDER = re.compile("[" + _PYSBD_PLACEHOLDERS + "]")

_WS = re.compile(r"\s")
# Closing punctuation that may follow the real end of a sentence: quotes, brackets.
_CLOSERS = "\"'”’»›)]}」』）〕】"
# Skipped when looking at how a sentence starts (quotes open both ways: »German«, ”sv”).
_OPENERS = "\"'“‘„‚«‹»›”’([{「『（〔【¿¡-–—"
_BRACKET_CLOSERS = ")]}）」』〕】"


def _base_code(lang: str) -> str:
    code = (lang or "en").strip().lower().replace("_", "-").split("-")[0]
    return code or "en"


def segmenter_language(lang: str) -> str:
    """The pysbd language whose rules are used for ``lang`` (``pt-BR`` -> ``es``)."""
    code = _base_code(lang)
    if code in SUPPORTED_LANGUAGES:
        return code
    code = _FALLBACK.get(code, "en")
    return code if code in SUPPORTED_LANGUAGES else "en"


@cache
def _segmenter(code: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=code, clean=False, char_span=True)


def _pysbd_sentences(text: str, code: str) -> list[str]:
    seg = _segmenter(code)
    try:
        # ``processor(...).process()`` is what ``segment()`` does before its own
        # (quadratic, and wrong on repeated sentences) span search; skip that.
        # A fresh Processor per call: no state shared between threads.
        sents = seg.processor(text).process()
    except AttributeError:  # pragma: no cover - a future pysbd without it
        sents = [getattr(s, "sent", s) for s in seg.segment(text)]
    if isinstance(sents, str):
        return [sents] if sents else []
    return [s for s in sents if isinstance(s, str)]


def _cuts(text: str, sentences: list[str]) -> list[int]:
    """Positions in ``text`` right after the last non-space character of each sentence.

    Both sides are compared with all whitespace removed; when pysbd kept every
    non-space character (the normal case) the mapping is a straight count, otherwise a
    diff maps what it can and cuts that fall in changed text are dropped.
    """
    nonspace = [i for i, c in enumerate(text) if not c.isspace()]
    orig = "".join(text[i] for i in nonspace)
    pieces = ["".join(s.split()) for s in sentences]
    ends: list[int] = []
    total = 0
    for p in pieces:
        if p:
            total += len(p)
            ends.append(total)
    joined = "".join(pieces)
    if joined == orig:
        mapped = ends
    elif len(orig) > 20000:  # a diff could take long; better one long sentence
        mapped = []
    else:
        matcher = difflib.SequenceMatcher(None, joined, orig, autojunk=False)
        blocks = matcher.get_matching_blocks()
        mapped = []
        for e in ends:
            last = e - 1  # index in ``joined`` of the sentence's last character
            for a, b, size in blocks:
                if a <= last < a + size:
                    mapped.append(b + (last - a) + 1)
                    break
    cuts: list[int] = []
    for m in mapped:
        if 0 < m < len(nonspace) and (not cuts or m > cuts[-1]):
            cuts.append(m)
    # counts of non-space characters -> positions in the text
    return [nonspace[m - 1] + 1 for m in cuts]


def _pysbd_cuts(feed: str, code: str) -> list[int]:
    try:
        sentences = _pysbd_sentences(feed, code)
    except Exception:  # pysbd has crashed on odd input before; one sentence is safe
        sentences = [feed]
    return _cuts(feed, sentences)


# ---------------------------------------------------------------- plain prose
#
# A paragraph is "plain" when pysbd's rules can only do to it what _plain_cuts does:
#
# * only letters, digits, spaces (the feed has no other whitespace) and the punctuation
#   in _PLAIN_TEXT; apostrophes only after a letter or digit; no "--";
# * every "." follows a word of letters or digits (not one letter: initials, list items;
#   not a number of one or two digits: list items, dates) or a closing mark, and comes
#   before a space, the end or a closing mark; no other sentence mark of the language;
# * quotations ("…", “…”, «…») and brackets are paired, not nested, not empty, open
#   after a space and close before a space or a stop, and a bracket does not end like a
#   list item ("(a)", "(iv)", "(2)").
#
# pysbd then cuts after each full stop outside quotations, except after an abbreviation
# that its common rules keep by what follows ("Mr. Smith", "5 Oct. and", "No. 5");
# keeps the stops inside quotations, but cuts after a closing quote that follows a stop
# when a space and a capital come next; and makes a quotation or bracket that starts a
# sentence a sentence of its own before a space and a capital.  Anything else ("U.S.",
# "?", "!", "...", "[x]", a language's own abbreviation or quotation rules) goes to pysbd.

_PLAIN_TEXT = re.compile(r"(?:[^\W_]|[ .,'’·%/$€£&:;–—\-\"“”«»()\u200c\u200d])*")
# Letters pysbd uses as placeholders, and signs some of its rules look for.
_PLAIN_EXCLUDED = re.compile("[ȸȹƪǃᓰᓱᓳᓴᓷᓸ²³µ°]|--|(?<![^\\W_])['’]")
# A full stop after a word, or after a closing quote.
_PLAIN_PERIOD = re.compile(r"(?:(?<![^ ])([^\W_][\w'’·\u200c\u200d]*)|[\"”»)])\.(?= |$|[\"”»)])")
_LETTERS = re.compile(r"[^\W\d_]+")
_QUOTE = re.compile(r"[\"“”«»()]")
_CLOSING = {'"': '"', "“": "”", "«": "»", "(": ")"}
_AFTER_CLOSING = frozenset(" .,:;")
# pysbd takes a quotation at the start of a sentence as a sentence of its own when it
# does not end with a comma and a capital follows.
_STANDALONE_QUOTE = frozenset('"“')
# A stop, then one of these, then a space and a capital: pysbd cuts after the quote.
_QUOTE_AFTER_STOP = frozenset('"”')
_CAPITAL_NEXT = re.compile(r" [A-Z]")
# pysbd's list items in brackets: "(a)", "(iv)", "(2)", "see b)"; and its rule for
# brackets between quotations, which cuts around them.
_LIST_IN_PARENS = re.compile(r"(?:^|\s)(?:[a-zA-Z]|(?i:[mdclxvi]+))\Z|\d\Z|\A(?i:[mdclxvi]+)\Z")
_PARENS_BETWEEN_QUOTES = re.compile(r"[\"”]\s\(|\)\s[\"“]")
_NOT_SPACE = re.compile(r"[^ ]")


# pysbd languages whose rules end sentences at a full stop: those with the common
# boundary expression, and four with their own that includes ".".  (Hindi lists "." as
# punctuation but its expression never cuts there.)  tests/test_segment.py compares
# both ways on generated text in each of them.
_PLAIN_LANGUAGES = frozenset(
    code
    for code, rules in LANGUAGE_CODES.items()
    if rules.SENTENCE_BOUNDARY_REGEX == pysbd.lang.common.Common.SENTENCE_BOUNDARY_REGEX
) | {"ar", "el", "fa", "mr"}


class _PlainRules:
    """What a language's pysbd rules need for :func:`_plain_cuts`."""

    def __init__(self, code: str) -> None:
        rules = LANGUAGE_CODES[code]
        found = {
            a.strip()
            for a in (
                *rules.Abbreviation.ABBREVIATIONS,
                *rules.Abbreviation.PREPOSITIVE_ABBREVIATIONS,
                *rules.Abbreviation.NUMBER_ABBREVIATIONS,
            )
        }
        words = sorted((a for a in found if _LETTERS.fullmatch(a)), key=len, reverse=True)
        # pysbd matches abbreviations case-insensitively, with this same engine
        self.abbreviation = re.compile("|".join(map(re.escape, words)) or "(?!)", re.IGNORECASE)
        # "bs. as", "n. del t": matched across a full stop, so their presence is enough
        self.phrases = tuple(a.lower() for a in found if a and not _LETTERS.fullmatch(a))
        self.marks = frozenset(rules.Punctuations) - {"."}
        # With pysbd's own abbreviation replacer (not a language's), a full stop after an
        # abbreviation is kept or cut by what follows; see _abbreviation_kept.
        base = pysbd.abbreviation_replacer.AbbreviationReplacer
        own = rules.AbbreviationReplacer if hasattr(rules, "AbbreviationReplacer") else base
        self.standard_abbreviations = all(
            getattr(own, name) is getattr(base, name)
            for name in (
                "replace",
                "search_for_abbreviations_in_string",
                "scan_for_replacements",
                "replace_period_of_abbr",
            )
        )
        # pysbd looks for the first list only, and sorts what it finds with the others
        self.listed = frozenset(a.strip().lower() for a in rules.Abbreviation.ABBREVIATIONS)
        self.prepositive = frozenset(rules.Abbreviation.PREPOSITIVE_ABBREVIATIONS)
        self.number = frozenset(rules.Abbreviation.NUMBER_ABBREVIATIONS)
        # quotations and brackets as pysbd's own BetweenPunctuation and Processor see them
        self.standard_quotes = not hasattr(rules, "BetweenPunctuation") and not hasattr(
            rules, "Processor"
        )
        # the common expression's rule for a quotation that starts a sentence
        common = pysbd.lang.common.Common.SENTENCE_BOUNDARY_REGEX
        self.standalone_quotes = rules.SENTENCE_BOUNDARY_REGEX == common
        # German and Kazakh have rules for numbers before a full stop ("5. Oktober")
        self.numbers_end_sentences = (
            not hasattr(rules, "Processor") and rules.Numbers is pysbd.lang.common.Common.Numbers
        )


@cache
def _plain_rules(code: str) -> _PlainRules | None:
    rules = LANGUAGE_CODES[code]
    if "." not in rules.Punctuations or code not in _PLAIN_LANGUAGES:
        return None
    return _PlainRules(code)


def _plain_quotes(feed: str, rules: _PlainRules) -> list[tuple[int, int]] | None:
    """Positions of the opening and closing marks of each quotation and bracket, or None
    when they are not plain: paired, not nested, not empty, without a full stop or a
    sentence mark other than "." inside, opening after a space and closing before a space
    or a stop, and no bracket that pysbd could take for a list item."""
    marks = [(m.start(), m.group()) for m in _QUOTE.finditer(feed)]
    if len(marks) % 2:
        return None
    quotes: list[tuple[int, int]] = []
    for (a, opening), (b, closing) in zip(marks[::2], marks[1::2], strict=True):
        if _CLOSING.get(opening) != closing or b - a < 2:
            return None
        if a and feed[a - 1] != " ":
            return None
        if b + 1 < len(feed) and feed[b + 1] not in _AFTER_CLOSING:
            return None
        inner = feed[a + 1 : b]
        if not (inner[0].isalnum() and (inner[-1].isalnum() or inner[-1] in ",.")):
            return None
        if rules.marks and not rules.marks.isdisjoint(inner):
            return None
        if opening == "(" and _LIST_IN_PARENS.search(inner):
            return None
        quotes.append((a, b))
    if "(" in feed and _PARENS_BETWEEN_QUOTES.search(feed):
        return None
    return quotes


# What after "Oct. " keeps the full stop (pysbd's replace_period_of_abbr; ASCII a-z).
_ABBREVIATION_GOES_ON = re.compile(r" (?:[a-z]|I |I'm|I'll|\d|\()")
_NUMBER_NEXT = re.compile(r" \d| +\(")
# pysbd turns the stop after these back into a sentence end (I, U.S, i.v ...)
_ABBREVIATION_ENDS = re.compile(r"(?:I|[iI].[vV])\Z")


def _abbreviation_kept(feed: str, after: int, word: str, rules: _PlainRules) -> bool | None:
    """Whether pysbd keeps the full stop after the abbreviation ``word`` (True) or cuts
    there (False); None when its rules for this language are not pysbd's common ones."""
    lowered = word.lower()
    if (
        not rules.standard_abbreviations
        or lowered not in rules.listed
        or _ABBREVIATION_ENDS.search(word)
    ):
        return None
    if lowered in rules.prepositive:
        return True  # "Mr. Smith"
    if lowered in rules.number:
        return bool(_NUMBER_NEXT.match(feed, after))  # "No. 5"
    return bool(_ABBREVIATION_GOES_ON.match(feed, after))  # "5 Oct. and" but "in Oct. The"


def _plain_cuts(feed: str, code: str) -> list[int] | None:
    """pysbd's cuts for a plain paragraph, or None when ``feed`` is not plain."""
    rules = _plain_rules(code)
    if rules is None or not _PLAIN_TEXT.fullmatch(feed) or _PLAIN_EXCLUDED.search(feed):
        return None
    if rules.marks and not rules.marks.isdisjoint(feed):
        return None
    if not _QUOTE.search(feed):
        quotes: list[tuple[int, int]] | None = []
    elif rules.standard_quotes:
        quotes = _plain_quotes(feed, rules)
    else:
        quotes = None
    if quotes is None:
        return None
    if "." not in feed:
        return []  # no sentence mark of the language: pysbd leaves the text whole
    if " KG" in feed:
        return None  # "Co. KG" keeps its stop
    if not rules.standard_abbreviations and rules.abbreviation.match(feed):
        # some languages' own rules take an abbreviation that begins the text without the
        # space before it, and then keep the stop after any word ending like it
        return None
    openings = [a for a, _ in quotes]
    cuts: list[int] = []
    periods = 0  # full stops that pysbd keeps
    # pysbd applies its sentence rules only when a full stop is left after its
    # abbreviation and number rules; a quoted "said." is, a quoted "Mr." or "2018." may not be
    stop_left = False
    for m in _PLAIN_PERIOD.finditer(feed):
        word = m.group(1)
        i = bisect.bisect(openings, m.start()) - 1
        quoted = i >= 0 and m.start() < quotes[i][1]  # pysbd keeps stops in quotations
        if word is not None:
            if len(word) < 2 or "_" in word:
                return None
            if quoted:
                pass
            elif rules.abbreviation.fullmatch(word):
                kept = _abbreviation_kept(feed, m.end(), word, rules)
                if kept is None:
                    return None
                if kept:
                    periods += 1
                    continue
            if word[-1].isdigit() and (not rules.numbers_end_sentences or len(word) < 3):
                return None
        if quoted:
            periods += 1
            if word is not None and not word[-1].isdigit():
                stop_left = stop_left or not rules.abbreviation.fullmatch(word)
        else:
            cuts.append(m.end())
            stop_left = True
    if len(cuts) + periods != feed.count("."):
        return None  # a full stop that does not end a plain word
    if rules.phrases:
        lowered = feed.lower()
        if any(p in lowered for p in rules.phrases):
            return None
    if quotes:
        starts = {0, *(n.start() for c in cuts if (n := _NOT_SPACE.search(feed, c)))}
        for a, b in quotes:
            if not _CAPITAL_NEXT.match(feed, b + 1):
                continue
            if feed[b - 1] == "." and feed[b] in _QUOTE_AFTER_STOP:
                cuts.append(b + 1)  # 'he said "we go." Then': pysbd cuts after the quote
            elif (
                rules.standalone_quotes
                and a in starts
                and (
                    (feed[a] in _STANDALONE_QUOTE and feed[b - 1] != ",")
                    or (feed[a] == "(" and b - a > 2)
                )
            ):
                if not stop_left:
                    return None
                cuts.append(b + 1)
        cuts.sort()
    if cuts and cuts[-1] == len(feed):
        cuts.pop()
    return cuts


# Titles that come before a name: "Sr. García", "Dr. Müller" never end a sentence, even
# where pysbd's rules for the language lack them (it cuts "El Sr. | García" in Spanish).
_TITLES = frozenset(
    """mr mrs ms messrs dr drs prof sr sra srta sres dña st gen gov sen rep rev capt
    col lt sgt maj brig cmdr adm insp supt hon msgr mgr mme mlle hr fr dott sig avv ing
    arq lic gral pres""".split()
)


def _ends_with_title(before: str) -> bool:
    if not before.endswith("."):
        return False
    word = before[:-1].rsplit(None, 1)[-1] if before[:-1].strip() else ""
    return word.lstrip(_OPENERS).lower() in _TITLES


def _first_word_char(s: str) -> str:
    for c in s:
        if c in _OPENERS or c.isspace():
            continue
        return c
    return ""


def _last_mark(s: str) -> str:
    s = s.rstrip(_CLOSERS + " ")
    return s[-1:] if s else ""


def _is_false_break(before: str, after: str, code: str) -> bool:
    """A cut pysbd made that is not a sentence end for a news article."""
    first = _first_word_char(after)
    if first and first.islower():
        return True  # "5 Oct. and", "т.е. продолжение": a sentence starts upper-case
    if first in _TERMINALS or first in _BRACKET_CLOSERS:
        return True  # a lone "." or closing quote cut off the sentence before it
    if _ends_with_title(before):
        return True
    mark = _last_mark(before)
    if mark in (",", "،", "、"):
        return True  # Arabic rules cut at the comma
    if mark == ":" and code != "hy":
        return True  # Persian/Arabic rules cut at colons ("he said: ...")
    if mark == ";" and code != "el":
        return True
    return False


def split_sentences(text: str, lang: str) -> list[Span]:
    """Spans ``(start, end)`` of the sentences of one paragraph, whitespace excluded.

    Line breaks inside ``text`` are treated as spaces (wrapped lines do not end
    sentences).  ``lang`` is a language code (``en``, ``fa``, ``pt-BR``...); unknown
    languages use the closest rules available (see :func:`segmenter_language`).
    """
    return _split(text, lang, plain=True)


def split_sentences_pysbd(text: str, lang: str) -> list[Span]:
    """:func:`split_sentences` with every paragraph through pysbd: the same spans, slower.

    The reference that the fast way is held to (tests, benchmarks/segmentation.py).
    """
    return _split(text, lang, plain=False)


_ANY_TERMINAL = re.compile("[" + re.escape("".join(sorted(_TERMINALS))) + "]")


def _split(text: str, lang: str, *, plain: bool) -> list[Span]:
    start = 0
    end = len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return []
    body = text[start:end]
    if not _ANY_TERMINAL.search(body):
        return [(start, end)]

    code = segmenter_language(lang)
    feed = _WS.sub(" ", body)
    if _PLACEHOLDER.search(feed):  # rare; translate() is slow on long text
        feed = feed.translate(_HIDE)
    cuts = _plain_cuts(feed, code) if plain else None
    if cuts is None:
        cuts = _pysbd_cuts(feed, code)  # same length and spacing as body

    spans: list[Span] = []
    pos = 0
    for cut in [*cuts, len(body)]:
        s = pos
        while s < cut and body[s].isspace():
            s += 1
        e = cut
        while e > s and body[e - 1].isspace():
            e -= 1
        if e > s:
            if spans and _is_false_break(body[spans[-1][0] : spans[-1][1]], body[s:e], code):
                spans[-1] = (spans[-1][0], e)
            else:
                spans.append((s, e))
        pos = cut
    return [(s + start, e + start) for s, e in spans]
