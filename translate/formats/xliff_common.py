"""What XLIFF 2 (:mod:`translate.formats.xliff`) and XLIFF 1.2
(:mod:`translate.formats.xliff12`) share: the notes on terms a reviewer should look at,
and the plain text of inline content with its ``<mrk>`` elements.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from translate.document import TermHit

__all__ = ["NS", "ambiguous_note", "inline_text", "missing_note", "qname", "review_note"]

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
