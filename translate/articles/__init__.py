"""Articles in: read a file (or stdin), decode it, and segment it into a Document.

``load_article`` is what the CLI calls; ``parse_article`` (and ``parse_text``,
``parse_markdown``, ``parse_html``) take a ``str`` that is already decoded (tests, the
CMS hook).  For every input, ``document.reassemble() == document.text``.

The formats are :data:`ARTICLE_FORMATS`, each a small class (:mod:`.base`) in its own
module: text (:mod:`.plaintext`), Markdown (:mod:`.markdown`) and HTML (:mod:`.html`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from translate.document import Document
from translate.errors import UserError
from translate.i18n import _
from translate.registry import Registry

from .base import ArticleFormat
from .html import HtmlArticle, parse_html
from .markdown import MarkdownArticle, parse_markdown
from .plaintext import TextArticle, parse_text

__all__ = [
    "ARTICLE_FORMATS",
    "ArticleFormat",
    "load_article",
    "parse_article",
    "parse_text",
    "parse_markdown",
    "parse_html",
    "decode_article",
    "detect_format",
    "article_format",
    "FORMATS",
]

_TEXT = TextArticle()
ARTICLE_FORMATS: Registry[ArticleFormat] = Registry(
    "article", (_TEXT, MarkdownArticle(), HtmlArticle())
)
"""Every article format; the first, text, is also what a file of another extension is."""

FORMATS = tuple(ARTICLE_FORMATS.names())
"""The names: ``text``, ``markdown``, ``html``."""


def article_format(path: str, fmt: str | None = None) -> ArticleFormat:
    """The format called ``fmt`` (a name or alias, case ignored) if given, else the one
    of the file's extension, else text."""
    if fmt is not None:
        found = ARTICLE_FORMATS.get(fmt.strip().lower())
        if found is None:
            raise UserError(
                _("unknown article format {fmt!r}").format(fmt=fmt),
                hint=_("use one of: {formats}").format(formats=", ".join(FORMATS)),
            )
        return found
    return ARTICLE_FORMATS.for_path(path) or _TEXT


def detect_format(path: str, fmt: str | None = None) -> str:
    """``text``, ``markdown`` or ``html``: ``fmt`` if given, else by the file's extension."""
    return article_format(path, fmt).name


def decode_article(data: bytes, name: str) -> str:
    """The text of an article file; a UTF-8 BOM is dropped.  Raises :class:`UserError`
    for binary data, other encodings, and empty articles."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserError(_("is UTF-16 text, not UTF-8"), path=name, hint=_("save it as UTF-8"))
    if b"\x00" in data:
        raise UserError(_("looks like a binary file, not an article"), path=name)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        line_start = data.rfind(b"\n", 0, err.start) + 1
        column = len(data[line_start : err.start].decode("utf-8", errors="replace")) + 1
        raise UserError(
            _("is not valid UTF-8 (byte 0x{byte:02x} at column {column})").format(
                byte=data[err.start], column=column
            ),
            path=name,
            line=line,
            hint=_("save it as UTF-8"),
        ) from None
    if not text.strip():
        raise UserError(_("is empty, nothing to translate"), path=name)
    return text


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    try:
        if p.is_dir():
            raise UserError(_("is a directory, not an article file"), path=path)
        return p.read_bytes()
    except FileNotFoundError:
        raise UserError(_("no such file"), path=path, hint=_("check the path")) from None
    except IsADirectoryError:
        raise UserError(_("is a directory, not an article file"), path=path) from None
    except PermissionError:
        raise UserError(_("cannot read it: permission denied"), path=path) from None
    except OSError as err:
        reason = err.strerror or str(err)
        raise UserError(_("cannot read it: {reason}").format(reason=reason), path=path) from None


def parse_article(text: str, lang: str, fmt: str = "text", name: str = "article") -> Document:
    """Segment an already-decoded article in format ``fmt`` (``text``/``markdown``/``html``)."""
    return article_format(name, fmt).parse(text, lang, name)


def load_article(
    path: str, lang: str, *, fmt: str | None = None, name: str | None = None
) -> Document:
    """Read, decode and segment the article at ``path`` (``-``: standard input).

    ``fmt`` is a format's name (``text``, ``markdown``, ``html``) or alias; by default
    the format of the file's extension (``.md``, ``.html``, ...; for stdin, of ``name``),
    and text for any other.  ``name`` is what the document is called in reports
    (default: the path, or ``<stdin>``).  Every problem is a :class:`UserError` naming
    the file.
    """
    shown = name or ("<stdin>" if path == "-" else path)
    kind = article_format(name if path == "-" and name else path, fmt)
    text = decode_article(_read(path), shown)
    document = kind.parse(text, lang, shown)
    if not document.segments:
        raise UserError(_("is empty, nothing to translate"), path=shown)
    return document
