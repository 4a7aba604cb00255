"""OpenDocument text (``.odt``) articles with odfpy: ``text:span`` styles kept on their
words, everything else of the file copied (see :mod:`translate.articles.office`)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from translate.document import Bitext, Document
from translate.errors import FormatError
from translate.i18n import _

from . import office

__all__ = ["OdtArticle"]

_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
# What a translatable paragraph may hold (text nodes aside); a span holds these too.
_INLINE = {
    "span",
    "s",
    "tab",
    "line-break",
    "soft-page-break",
    "bookmark",
    "bookmark-start",
    "bookmark-end",
}
_STYLE = (_TEXT_NS, "style-name")


def _open(data: bytes, name: str) -> Any:
    from odf.opendocument import load

    try:
        return load(io.BytesIO(data))
    except Exception as err:  # odfpy raises zipfile, KeyError or XML errors
        raise FormatError(
            _("is not an OpenDocument text that can be read ({reason})").format(reason=err),
            path=name,
        ) from None


def _paragraphs(document: Any) -> Iterator[Any]:
    """Every ``text:p`` and ``text:h`` of the body, in document order."""
    stack = list(reversed(document.text.childNodes))
    while stack:
        node = stack.pop()
        if getattr(node, "qname", None) in ((_TEXT_NS, "p"), (_TEXT_NS, "h")):
            yield node
            continue
        stack.extend(reversed(getattr(node, "childNodes", [])))


def _runs(paragraph: Any) -> list[tuple[str, str]] | None:
    """The paragraph's (text, span style) runs, or None when it holds more than text
    and spans of text."""
    from odf import teletype

    runs: list[tuple[str, str]] = []
    for child in paragraph.childNodes:
        if child.nodeType == child.TEXT_NODE:
            runs.append((str(child.data), ""))
            continue
        ns, local = child.qname
        if ns != _TEXT_NS or local not in _INLINE:
            return None
        if local == "span":
            if any(
                c.nodeType != c.TEXT_NODE
                and (c.qname[0] != _TEXT_NS or c.qname[1] not in _INLINE or c.qname[1] == "span")
                for c in child.childNodes
            ):
                return None
            runs.append((teletype.extractText(child), str(child.attributes.get(_STYLE, ""))))
        elif not local.startswith("bookmark"):
            runs.append((teletype.extractText(child), ""))
    return runs


def _read(paragraph: Any) -> office.Paragraph:
    runs = _runs(paragraph)
    if runs is None:
        return office.Paragraph(None)
    grouped, _keys = office.group(runs)
    if not "".join(t for t, _ in grouped).strip():
        return office.Paragraph(None)
    return office.Paragraph(grouped, heading=paragraph.qname[1] == "h")


class OdtArticle:
    """An OpenDocument text: paragraph text translated, span styles kept on their words."""

    name = "odt"
    aliases = ("opendocument",)
    extensions = (".odt",)
    binary = True

    def parse(self, text: str, lang: str, name: str = "article") -> Document:
        raise FormatError(_("an OpenDocument file is read from its bytes"), path=name)

    def parse_bytes(self, data: bytes, lang: str, name: str = "article") -> Document:
        document = _open(data, name)
        return office.parse([_read(p) for p in _paragraphs(document)], lang, name, "odt")

    def render(self, bitext: Bitext, original: bytes) -> bytes:
        """The original file with each translated paragraph's text and spans rebuilt."""
        from odf import teletype
        from odf.text import Span

        translated = office.from_html(bitext.target_text())
        document = _open(original, bitext.document.name)
        for index, paragraph in enumerate(_paragraphs(document)):
            if index not in translated:
                continue
            runs = _runs(paragraph) or []
            for child in list(paragraph.childNodes):
                if child.nodeType == child.TEXT_NODE:  # odfpy's removeChild takes elements
                    paragraph.childNodes.remove(child)
                    child.parentNode = None
                else:
                    paragraph.removeChild(child)
            for text, key in office.restyled(runs, translated[index]):
                if not key:
                    teletype.addTextToElement(paragraph, text)
                    continue
                span = Span(stylename=key)
                teletype.addTextToElement(span, text)
                paragraph.addElement(span)
        out = io.BytesIO()
        document.write(out)
        return out.getvalue()
