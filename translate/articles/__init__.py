"""Articles in: read a file (or stdin), decode it, and segment it into a Document.

``load_article`` is what the CLI calls; ``parse_text`` and ``parse_markdown`` take a
``str`` that is already decoded (tests, the CMS hook).  For every input,
``document.reassemble() == document.text``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from translate.document import Document
from translate.errors import UserError
from translate.i18n import _

from .html import parse_html
from .markdown import parse_markdown
from .plaintext import parse_text

__all__ = [
    "load_article",
    "parse_article",
    "parse_text",
    "parse_markdown",
    "parse_html",
    "decode_article",
    "detect_format",
    "FORMATS",
]

FORMATS = ("text", "markdown", "html")
_ALIASES = {
    "text": "text", "txt": "text", "plain": "text", "plaintext": "text",
    "markdown": "markdown", "md": "markdown",
    "html": "html", "htm": "html",
}
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".mkdn"}
_HTML_SUFFIXES = {".html", ".htm"}


def detect_format(path: str, fmt: str | None = None) -> str:
    """``text``, ``markdown`` or ``html``: ``fmt`` if given, else by the file's extension."""
    if fmt is not None:
        found = _ALIASES.get(fmt.strip().lower())
        if found is None:
            raise UserError(
                _("unknown article format {fmt!r}").format(fmt=fmt),
                hint=_("use one of: {formats}").format(formats=", ".join(FORMATS)),
            )
        return found
    suffix = Path(path).suffix.lower()
    if suffix in _HTML_SUFFIXES:
        return "html"
    return "markdown" if suffix in _MARKDOWN_SUFFIXES else "text"


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
    fmt = detect_format(name, fmt)
    if fmt == "markdown":
        return parse_markdown(text, lang, name)
    if fmt == "html":
        return parse_html(text, lang, name)
    return parse_text(text, lang, name)


def load_article(
    path: str, lang: str, *, fmt: str | None = None, name: str | None = None
) -> Document:
    """Read, decode and segment the article at ``path`` (``-``: standard input).

    ``fmt`` is ``text`` or ``markdown``; by default ``.md``/``.markdown`` files are
    Markdown and everything else (and stdin, unless ``name`` ends in ``.md``) is text.
    ``name`` is what the document is called in reports (default: the path, or
    ``<stdin>``).  Every problem is a :class:`UserError` naming the file.
    """
    shown = name or ("<stdin>" if path == "-" else path)
    kind = detect_format(name if path == "-" and name else path, fmt)
    text = decode_article(_read(path), shown)
    document = parse_article(text, lang, kind, shown)
    if not document.segments:
        raise UserError(_("is empty, nothing to translate"), path=shown)
    return document
