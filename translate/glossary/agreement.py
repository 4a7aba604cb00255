"""Articles and contractions next to a restored term, made to agree with it.

A carrier's grammar can still show around the term it stood for: the engine wrote "el"
for a masculine carrier where the term is feminine ("el Unión Europea"), or Catalan
elided before a vowel carrier ("l'Atenes" → "l'Caucas").  After the term is in place, the
determiner right before it is rewritten for the term's gender, number and first letter,
with the language's contractions (es del/al; ca del/dels/al/als/pel/pels, l', d').  Only
what the grammar says is changed: an unknown gender leaves the article's gender as the
engine wrote it.
"""

from __future__ import annotations

import regex

from translate.glossary.grammar import Tag

_VOWEL = regex.compile(r"^(?:h?[aeiouàáèéíòóúAEIOUÀÁÈÉÍÒÓÚ]|[hH]?[ïüÏÜ])")

# (definite?, gender, number) -> article
_ES = {
    (True, "m", "sg"): "el",
    (True, "f", "sg"): "la",
    (True, "m", "pl"): "los",
    (True, "f", "pl"): "las",
    (False, "m", "sg"): "un",
    (False, "f", "sg"): "una",
    (False, "m", "pl"): "unos",
    (False, "f", "pl"): "unas",
}
_CA = {
    (True, "m", "sg"): "el",
    (True, "f", "sg"): "la",
    (True, "m", "pl"): "els",
    (True, "f", "pl"): "les",
    (False, "m", "sg"): "un",
    (False, "f", "sg"): "una",
    (False, "m", "pl"): "uns",
    (False, "f", "pl"): "unes",
}
_READ: dict[str, dict[str, tuple[str, bool, str | None, str]]] = {
    "es": {
        "el": ("", True, "m", "sg"),
        "la": ("", True, "f", "sg"),
        "los": ("", True, "m", "pl"),
        "las": ("", True, "f", "pl"),
        "del": ("de", True, "m", "sg"),
        "al": ("a", True, "m", "sg"),
        "un": ("", False, "m", "sg"),
        "una": ("", False, "f", "sg"),
        "unos": ("", False, "m", "pl"),
        "unas": ("", False, "f", "pl"),
    },
    "ca": {
        "el": ("", True, "m", "sg"),
        "la": ("", True, "f", "sg"),
        "l'": ("", True, None, "sg"),
        "l’": ("", True, None, "sg"),
        "els": ("", True, "m", "pl"),
        "les": ("", True, "f", "pl"),
        "del": ("de", True, "m", "sg"),
        "dels": ("de", True, "m", "pl"),
        "al": ("a", True, "m", "sg"),
        "als": ("a", True, "m", "pl"),
        "pel": ("per", True, "m", "sg"),
        "pels": ("per", True, "m", "pl"),
        "un": ("", False, "m", "sg"),
        "una": ("", False, "f", "sg"),
        "uns": ("", False, "m", "pl"),
        "unes": ("", False, "f", "pl"),
    },
}
_CONTRACT = {
    "es": {("de", "el"): "del", ("a", "el"): "al"},
    "ca": {
        ("de", "el"): "del",
        ("de", "els"): "dels",
        ("a", "el"): "al",
        ("a", "els"): "als",
        ("per", "el"): "pel",
        ("per", "els"): "pels",
    },
}
_BEFORE = {
    "es": regex.compile(
        r"(?i)(?:(?<![\w])(?P<prep>de|a)\s+)?(?<![\w])(?P<art>el|la|los|las|del|al|un|una|unos|unas)(?P<space>\s+)$"
    ),
    "ca": regex.compile(
        r"(?i)(?:(?<![\w])(?P<prep>de|a|per)\s+)?(?<![\w])"
        r"(?:(?P<art>el|la|els|les|del|dels|al|als|pel|pels|un|una|uns|unes)(?P<space>\s+)|(?P<elided>l['’]))$"
    ),
}
_CA_DE = regex.compile(r"(?i)(?<![\w])(?:(?P<de>de)\s+|(?P<d>d['’]))$")

LANGUAGES = tuple(_BEFORE)


def vowel_initial(term: str) -> bool:
    return bool(_VOWEL.match(term))


_UNSTRESSED_IU = regex.compile(r"^h?[iuIU]")


def _elides(term: str, gender: str) -> bool:
    """Catalan "l'": before a vowel, except a feminine before unstressed i/u ("la Unió
    Europea", "la Universitat"; "l'Índia" has the stress, and the accent shows it)."""
    if not vowel_initial(term):
        return False
    return not (gender == "f" and _UNSTRESSED_IU.match(term))


def fix_before(text: str, start: int, term: str, tag: Tag, lang: str) -> tuple[str, int]:
    """Rewrite the determiner ending at ``start`` (where ``term`` begins) to agree.

    Returns the new text and how far the term moved (the change in length before it).
    """
    pattern = _BEFORE.get(lang)
    if pattern is None:
        return text, 0
    head = text[:start]
    found = pattern.search(head[-40:])
    if found is None:
        if lang == "ca":
            return _fix_ca_de(text, start, term)
        return text, 0
    offset = len(head) - len(head[-40:])
    art = found.group("art") or found.group("elided")
    prep_word = found.group("prep") or ""
    inner, definite, gender, number = _READ[lang][art.lower()]
    if prep_word and inner:  # "de del": not a construction to touch
        return text, 0
    prep = prep_word or inner
    gender = tag.gender or gender or "m"
    number = tag.number or number
    table = _CA if lang == "ca" else _ES
    article = table[(definite, gender, number)]
    space = found.group("space") or " "
    if lang == "ca" and definite and number == "sg" and _elides(term, gender):
        article, space = "l'", ""
    word = _CONTRACT[lang].get((prep.lower(), article)) if prep else None
    if word is not None:
        new = word + space
    elif prep:
        new = f"{prep} {article}{space}"
    else:
        new = article + space
    old = found.group(0)
    new = _case_like(old, new)
    if new == old:
        return text, 0
    a = offset + found.start()
    return text[:a] + new + text[start:], len(new) - len(old)


def _fix_ca_de(text: str, start: int, term: str) -> tuple[str, int]:
    """Catalan "de" before a consonant, "d'" before a vowel: "d'Armènia", "de Bakú"."""
    found = _CA_DE.search(text[max(0, start - 10) : start])
    if found is None:
        return text, 0
    old = found.group(0)
    new = "d'" if vowel_initial(term) else "de "
    new = _case_like(old, new)
    if new == old or (found.group("d") and old[-1] == "’" and new == "d'"):
        return text, 0
    a = start - len(old)
    return text[:a] + new + text[start:], len(new) - len(old)


def _case_like(old: str, new: str) -> str:
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new
