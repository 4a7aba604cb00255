"""Output formats: one module per format, each a :class:`~.base.Writer`.

Writers know only the bitext (:mod:`translate.document`).  ``WRITERS`` maps a format
name to its writer; ``for_path`` picks one from an output file's extension.
"""

from __future__ import annotations

from translate.errors import UserError
from translate.formats.base import Writer
from translate.formats.html import HtmlWriter
from translate.formats.jsonl import JsonlWriter
from translate.formats.markdown import MarkdownWriter
from translate.formats.po import PoWriter
from translate.formats.text import TextWriter
from translate.formats.tmx import TmxWriter
from translate.formats.tsv import TsvWriter
from translate.formats.xliff import XliffWriter
from translate.formats.xliff12 import Xliff12Writer
from translate.i18n import _

WRITERS: dict[str, Writer] = {w.name: w for w in (TextWriter(), TsvWriter(), JsonlWriter())}
WRITERS.update(
    (w.name, w)
    for w in (
        TmxWriter(), XliffWriter(), Xliff12Writer(), PoWriter(), HtmlWriter(), MarkdownWriter()
    )
)


def get(name: str) -> Writer:
    try:
        return WRITERS[name]
    except KeyError:
        raise UserError(
            _("unknown output format {name!r}").format(name=name),
            hint=_("choose one of: {formats}").format(formats=", ".join(WRITERS)),
        ) from None


def for_path(path: str) -> Writer | None:
    """The writer whose extension the path has, or None."""
    lowered = path.lower()
    for writer in WRITERS.values():
        if any(lowered.endswith(ext) for ext in writer.extensions):
            return writer
    return None
