"""Word (``.docx``) articles with python-docx: runs and their formatting kept on their
words, everything else of the file copied (see :mod:`translate.articles.office`)."""

from __future__ import annotations

import copy
import io
from collections.abc import Iterator
from typing import Any

from translate.document import Bitext, Document
from translate.errors import FormatError
from translate.i18n import _

from . import office

__all__ = ["DocxArticle"]

# What a translatable paragraph may hold, and what its runs may hold: anything else (a
# hyperlink, a field, a drawing, a footnote reference) keeps the paragraph as it is.
_PARA_PARTS = {"pPr", "r", "bookmarkStart", "bookmarkEnd", "proofErr"}
_RUN_PARTS = {"rPr", "t", "tab", "br", "lastRenderedPageBreak"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _open(data: bytes, name: str) -> Any:
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises zipfile, KeyError or lxml errors
        raise FormatError(
            _("is not a Word document that can be read ({reason})").format(reason=err),
            path=name,
        ) from None


def _paragraphs(document: Any) -> Iterator[Any]:
    """Every paragraph of the body, tables' cells included, in document order."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    for p in document.element.body.iter(qn("w:p")):
        yield Paragraph(p, document)


def _key(run: Any) -> str:
    rpr = run._r.rPr
    return "" if rpr is None else str(rpr.xml)


def _runs(paragraph: Any) -> list[Any] | None:
    """The paragraph's runs, or None when it holds more than runs."""
    from docx.text.run import Run

    p = paragraph._p
    if any(_local(child.tag) not in _PARA_PARTS for child in p):
        return None
    runs = [Run(r, paragraph) for r in p if _local(r.tag) == "r"]
    if any(_local(c.tag) not in _RUN_PARTS for r in runs for c in r._r):
        return None
    return runs


def _read(paragraph: Any) -> office.Paragraph:
    runs = _runs(paragraph)
    if runs is None:
        return office.Paragraph(None)
    grouped, _keys = office.group([(r.text, _key(r)) for r in runs])
    if not "".join(t for t, _ in grouped).strip():
        return office.Paragraph(None)
    style = paragraph.style.name if paragraph.style is not None else ""
    return office.Paragraph(grouped, heading=style.startswith(("Heading", "Title")))


class DocxArticle:
    """A Word document: paragraph text translated, run formatting kept on its words."""

    name = "docx"
    aliases = ("word",)
    extensions = (".docx",)
    binary = True

    def parse(self, text: str, lang: str, name: str = "article") -> Document:
        raise FormatError(_("a Word document is read from its bytes"), path=name)

    def parse_bytes(self, data: bytes, lang: str, name: str = "article") -> Document:
        document = _open(data, name)
        return office.parse([_read(p) for p in _paragraphs(document)], lang, name, "docx")

    def render(self, bitext: Bitext, original: bytes) -> bytes:
        """The original file with each translated paragraph's runs rebuilt."""
        from docx.text.run import Run

        translated = office.from_html(bitext.target_text())
        document = _open(original, bitext.document.name)
        for index, paragraph in enumerate(_paragraphs(document)):
            if index not in translated:
                continue
            p = paragraph._p
            old = _runs(paragraph) or []
            # keys are read while the runs are in the paragraph (their XML changes after)
            runs = [(r.text, _key(r)) for r in old]
            templates: dict[str, Any] = {}
            for (_text, key), run in zip(runs, old, strict=True):
                templates.setdefault(key, run._r)
            at = list(p).index(old[0]._r) if old else len(p)
            for run in old:
                p.remove(run._r)
            for offset, (text, key) in enumerate(office.restyled(runs, translated[index])):
                template = templates.get(key)
                if template is None and old:
                    template = old[0]._r
                element = copy.deepcopy(template) if template is not None else p.add_r()
                if template is not None:
                    p.insert(at + offset, element)
                Run(element, paragraph).text = text
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
