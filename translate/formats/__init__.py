"""Bitext formats: one module per format, each a small class with a ``name``, its
``extensions`` and ``write`` and/or ``read`` (:mod:`translate.formats.base`).

:data:`BITEXT_FORMATS` lists them, in the order messages name them; :func:`get` finds a
format by name (``--format``), :func:`for_path` by an output file's extension (``-o``),
and :mod:`translate.formats.readers` reads a bitext file with the format of its extension.
Writers know only the bitext (:mod:`translate.document`).

Modules by what they hold: ``md_table`` (the ``md`` format: a Markdown table of the
bitext; articles in Markdown are :mod:`translate.articles.markdown`), ``xml_writing``
(escaping for the XML formats), ``terms`` (term hits packed into one field, and where
they sit in a segment), ``records`` (reader assembly: bitexts rebuilt from what a
reader found), ``xliff_common`` (what XLIFF 2 and 1.2 share).
"""

from __future__ import annotations

from translate.errors import UserError
from translate.formats.base import Reader, Writer
from translate.formats.html import HtmlFormat
from translate.formats.jsonl import JsonlFormat
from translate.formats.md_table import MarkdownTableFormat
from translate.formats.po import PoFormat
from translate.formats.text import TextFormat
from translate.formats.tmx import TmxFormat
from translate.formats.tsv import TsvFormat
from translate.formats.xliff import XliffFormat
from translate.formats.xliff12 import Xliff12Format
from translate.i18n import _
from translate.registry import Registry

__all__ = ["BITEXT_FORMATS", "Reader", "Writer", "for_path", "get"]

BITEXT_FORMATS: Registry[Writer] = Registry(
    "bitext",
    (
        TextFormat(),
        TsvFormat(),
        JsonlFormat(),
        TmxFormat(),
        XliffFormat(),
        Xliff12Format(),
        PoFormat(),
        HtmlFormat(),
        MarkdownTableFormat(),
    ),
)
"""Every bitext format, as used by default (``PoFormat(fuzzy=False)`` is made on demand)."""


def get(name: str) -> Writer:
    """The format called ``name``; UserError naming the choices if there is none."""
    writer = BITEXT_FORMATS.get(name)
    if writer is None:
        raise UserError(
            _("unknown output format {name!r}").format(name=name),
            hint=_("choose one of: {formats}").format(formats=", ".join(BITEXT_FORMATS.names())),
        )
    return writer


def for_path(path: str) -> Writer | None:
    """The format whose extension the path has, or None."""
    return BITEXT_FORMATS.for_path(path)
