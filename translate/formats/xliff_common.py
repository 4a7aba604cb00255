"""What XLIFF 2 (:mod:`translate.formats.xliff`) and XLIFF 1.2
(:mod:`translate.formats.xliff12`) share: the notes on terms a reviewer should look at,
and the plain text of inline content with its ``<mrk>`` elements.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePath
from xml.etree.ElementTree import Element

from translate.document import TermHit

__all__ = [
    "NS",
    "ambiguous_note",
    "file_originals",
    "inline_text",
    "missing_note",
    "qname",
    "relative_name",
    "review_note",
    "strip_original",
]

NS = "urn:oasis:names:tc:xliff:document:2.0"
"""The XLIFF 2 namespace (the default of :func:`inline_text`)."""


def missing_note(term: TermHit) -> str:
    return f"glossary term missing from the translation: {term.source} → {term.target} ({term.id})"


def ambiguous_note(term: TermHit) -> str:
    """The note on an ambiguous term: the engine's rendering was kept, an editor decides."""
    why = f": {term.note}" if term.note else ""
    return (
        f"glossary term ambiguous, the engine's rendering was kept: {term.source} may not be "
        f"{term.id} ({term.target}){why}"
    )


def review_note(term: TermHit) -> tuple[str, str] | None:
    """``(category, text)`` of the note a missing or ambiguous term gets, else None."""
    if term.status == "missing":
        return "dragoman:term-missing", missing_note(term)
    if term.status == "ambiguous":
        return "dragoman:term-ambiguous", ambiguous_note(term)
    return None


def relative_name(name: str) -> str:
    """A document name as a ``<file original>``: an absolute path is made relative to the
    current folder, or cut to the file name when it is outside it (an absolute path names
    a folder on the translator's machine, which means nothing to a reader and is not
    theirs to see)."""
    path = PurePath(name)
    if not path.is_absolute():
        return name
    try:
        return Path(name).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.name


def file_originals(files: Sequence[tuple[str, str]]) -> list[str]:
    """The ``original`` of each ``<file>`` for ``(document name, target language)`` pairs:
    relative (:func:`relative_name`) and unique in one XLIFF file.  The same document
    into several languages gets ``name#lang`` (readers key units by ``original`` and
    unit id, so two files with one ``original`` make their ids collide);
    :func:`strip_original` gives the name back."""
    names = [relative_name(name) for name, _lang in files]
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    out: list[str] = []
    used: set[str] = set()
    for number, (name, (_doc, lang)) in enumerate(zip(names, files, strict=True), 1):
        value = name if counts[name] == 1 else f"{name}#{lang}"
        if value in used:
            value = f"{value}#{number}"
        used.add(value)
        out.append(value)
    return out


def strip_original(original: str, lang: str | None) -> str:
    """The document name an ``original`` written by :func:`file_originals` stands for."""
    if lang and original.endswith(f"#{lang}"):
        return original[: -len(lang) - 1]
    return original


# ----------------------------------------------------------------------------- reading


def qname(ns: str, tag: str) -> str:
    """``{ns}tag``, as ElementTree names elements."""
    return f"{{{ns}}}{tag}"


def inline_text(
    element: Element | None, ns: str = NS
) -> tuple[str, list[tuple[Element, int, int]]]:
    """The plain text of a ``<source>``/``<target>`` and its ``<mrk>`` elements with their
    offsets in that text.  Codes (``ph``, ``sc``, ``ec``) count as their ``equiv`` text."""
    parts: list[str] = []
    marks: list[tuple[Element, int, int]] = []
    length = 0

    def add(text: str | None) -> None:
        nonlocal length
        if text:
            parts.append(text)
            length += len(text)

    def walk(node: Element) -> None:
        add(node.text)
        for child in node:
            tag = child.tag
            if tag == qname(ns, "cp"):
                try:
                    add(chr(int(child.get("hex", ""), 16)))
                except ValueError:
                    pass
            elif tag in (qname(ns, "mrk"), qname(ns, "pc"), qname(ns, "g")):
                start = length
                walk(child)
                if tag == qname(ns, "mrk"):
                    marks.append((child, start, length))
            elif tag in {qname(ns, code) for code in ("ph", "sc", "ec", "x", "bx", "ex")}:
                add(child.get("equiv") or "")
            add(child.tail)

    if element is not None:
        walk(element)
    return "".join(parts), marks
