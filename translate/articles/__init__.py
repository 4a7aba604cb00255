"""Articles in: read a file (or stdin), decode it, and segment it into a Document.

``load_article`` is what the CLI calls; ``parse_article`` (and ``parse_text``,
``parse_markdown``, ``parse_html``) take a ``str`` that is already decoded (tests, the
CMS hook).  For every input, ``document.reassemble() == document.text``.

The formats are :data:`ARTICLE_FORMATS`, each a small class (:mod:`.base`) in its own
module: text (:mod:`.plaintext`), Markdown (:mod:`.markdown`), HTML (:mod:`.html`),
and Word (:mod:`.docx`) and OpenDocument (:mod:`.odt`), which are read from their bytes
(``binary``) through :mod:`.office` and written back into the original file.
A format's module is imported when an article of that format is read (or its
``parse_*`` function is asked for), so the CLI lists the formats without loading
markdown-it and the HTML tokenizer.  Reading the bytes is :mod:`translate.inputs`' job.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from translate import inputs
from translate.document import Document
from translate.errors import FormatError
from translate.i18n import _
from translate.registry import Lazy, Registry

from .base import ArticleFormat

if TYPE_CHECKING:  # pragma: no cover
    from .html import parse_html
    from .markdown import parse_markdown
    from .plaintext import parse_text

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

ARTICLE_FORMATS: Registry[ArticleFormat] = Registry(
    "article",
    (
        Lazy(
            "translate.articles.plaintext:TextArticle",
            "text",
            (".txt", ".text"),
            ("txt", "plain", "plaintext"),
        ),
        Lazy(
            "translate.articles.markdown:MarkdownArticle",
            "markdown",
            (".md", ".markdown", ".mdown", ".mkd", ".mkdn"),
            ("md",),
        ),
        Lazy("translate.articles.html:HtmlArticle", "html", (".html", ".htm"), ("htm",)),
        Lazy("translate.articles.docx:DocxArticle", "docx", (".docx",), ("word",)),
        Lazy("translate.articles.odt:OdtArticle", "odt", (".odt",), ("opendocument",)),
    ),
)
"""Every article format; the first, text, is also what a file of another extension is."""

FORMATS = tuple(ARTICLE_FORMATS.names())
"""The names: ``text``, ``markdown``, ``html``, ``docx``, ``odt``."""

_PARSERS = {"parse_text": "plaintext", "parse_markdown": "markdown", "parse_html": "html"}


def __getattr__(name: str) -> Any:
    """``parse_text``, ``parse_markdown`` and ``parse_html``, imported when asked for."""
    if name in _PARSERS:
        return getattr(import_module(f"{__name__}.{_PARSERS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def article_format(path: str, fmt: str | None = None) -> ArticleFormat:
    """The format called ``fmt`` (a name or alias, case ignored) if given, else the one
    of the file's extension, else text."""
    if fmt is not None:
        found = ARTICLE_FORMATS.get(fmt.strip().lower())
        if found is None:
            raise FormatError(
                _("unknown article format {fmt!r}").format(fmt=fmt),
                hint=_("use one of: {formats}").format(formats=", ".join(FORMATS)),
            )
        return found
    found = ARTICLE_FORMATS.for_path(path) or ARTICLE_FORMATS.get(FORMATS[0])
    assert found is not None
    return found


def detect_format(path: str, fmt: str | None = None) -> str:
    """``text``, ``markdown`` or ``html``: ``fmt`` if given, else by the file's extension."""
    return article_format(path, fmt).name


def decode_article(data: bytes, name: str) -> str:
    """The text of an article file (:func:`translate.inputs.decode`: UTF-8, a BOM
    dropped).  Raises :class:`FormatError` for binary data, other encodings, and empty
    articles."""
    if (
        b"\x00" in data
        and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
        and not inputs.utf16_guess(data)  # inputs.decode says which UTF-16 it is
    ):
        raise FormatError(_("looks like a binary file, not an article"), path=name)
    text = inputs.decode(data, name)
    if not text.strip():
        raise FormatError(_("is empty, nothing to translate"), path=name)
    return text


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
    (default: the path, or ``<stdin>``).  Every problem is a :class:`FormatError` naming
    the file.
    """
    shown = name or ("<stdin>" if path == "-" else path)
    kind = article_format(name if path == "-" and name else path, fmt)
    data = inputs.read_bytes(path, stdin=True)
    if getattr(kind, "binary", False):  # Word, OpenDocument: read from their bytes
        document = kind.parse_bytes(data, lang, shown)  # type: ignore[attr-defined]
    else:
        document = kind.parse(decode_article(data, shown), lang, shown)
    if not document.segments:
        raise FormatError(_("is empty, nothing to translate"), path=shown)
    return document
