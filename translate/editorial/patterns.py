"""Path patterns of the editorial configuration: ``content/{lang}/**``, ``*.{lang}.md``.

A source pattern and its translation pattern have the same wildcards in the same order,
and a translation path is made by putting what each wildcard of the source matched into
the translation pattern.  That needs one capture group per wildcard, which the glob
libraries do not give (wcmatch's and pathspec's translations to regular expressions use
non-capturing groups), so the translation to a regular expression is written here:
``*`` is any part of one path component, ``**`` any number of whole components, ``?``
one character, and none of them matches a name starting with ``.``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

IGNORED_SUFFIXES = (".draft", ".draft.changes", ".dragoman.json")
"""Drafts and fingerprint sidecars are never sources or translations."""


@dataclass(frozen=True)
class Pattern:
    text: str
    regex: re.Pattern
    wildcards: tuple[str, ...]
    """``**/``, ``/**``, ``**``, ``*`` or ``?`` for each capture, in order."""
    parts: tuple[str, ...]
    """Literal text between the wildcards (``len(parts) == len(wildcards) + 1``)."""


COMPONENT = r"(?!\.)[^/]+"


def compile_pattern(pattern: str, lang: str) -> Pattern:
    """A path pattern with ``{lang}`` filled in, as a regex with one group per wildcard."""
    text = pattern.replace("{lang}", lang)
    out: list[str] = []
    wildcards: list[str] = []
    parts: list[str] = []
    literal: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        at_component_start = i == 0 or text[i - 1] == "/"
        if text.startswith("**/", i) and at_component_start:
            out.append(f"((?:{COMPONENT}/)*)")
            wildcards.append("**/")
            i += 3
        elif text.startswith("**", i) and at_component_start and i + 2 == n:
            out.append(f"({COMPONENT}(?:/{COMPONENT})*)")
            wildcards.append("**")
            i += 2
        elif text[i] == "*":
            while i < n and text[i] == "*":
                i += 1
            out.append(r"((?!\.)[^/]*)" if at_component_start else r"([^/]*)")
            wildcards.append("*")
        elif text[i] == "?":
            out.append(r"([^/])")
            wildcards.append("?")
            i += 1
        else:
            out.append(re.escape(text[i]))
            literal.append(text[i])
            i += 1
            continue
        parts.append("".join(literal))
        literal = []
    parts.append("".join(literal))
    return Pattern(text, re.compile("".join(out) + r"\Z"), tuple(wildcards), tuple(parts))


def fill(pattern: Pattern, captures: tuple[str, ...]) -> str:
    out = [pattern.parts[0]]
    for value, part in zip(captures, pattern.parts[1:], strict=True):
        out.append(value)
        out.append(part)
    return "".join(out)


def ignored(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return name.startswith(".") or name.endswith(IGNORED_SUFFIXES)
