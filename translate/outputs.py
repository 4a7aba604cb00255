"""Where translations go: the kind of output, and file names from a pattern.

Two kinds: a *document* is the translated article in its own format (text, Markdown,
HTML: layout, markup and front matter kept, :meth:`Bitext.target_text`), one file per
target language; a *bitext* is one of the aligned bilingual formats (:mod:`translate
.formats`).  ``-f`` names a bitext format; otherwise ``-o`` decides: ``story.es.md``
for a source ``story.en.md`` (an article extension of the source's format and a
language in the name, or ``{lang}`` in a pattern) is a document, anything else a bitext.

A pattern names one file per language: ``out/{stem}.{lang}{ext}`` with ``{stem}`` the
source's name without its language and extension (``story``), ``{lang}`` the target
language, ``{ext}`` the source's extension (``.md``) and ``{name}`` the source's whole
file name.  Only these fields are filled, from the source's base name and a language
code, so a pattern cannot reach outside the folder it names.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Literal

from translate.document import Bitext
from translate.errors import UserError
from translate.i18n import _

Kind = Literal["document", "bitext"]
KINDS: tuple[Kind, ...] = ("document", "bitext")
FIELDS = frozenset({"stem", "lang", "ext", "name"})


def fields(pattern: str) -> set[str]:
    """The ``{field}`` names of a pattern; an unknown one is a usage error."""
    try:
        found = {f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None}
    except ValueError as err:
        raise UserError(
            _("-o {pattern!r} is not a valid pattern: {reason}").format(pattern=pattern, reason=err)
        ) from None
    unknown = found - FIELDS
    if unknown:
        raise UserError(
            _("-o {pattern!r}: unknown field {field}").format(
                pattern=pattern, field="{" + sorted(unknown)[0] + "}"
            ),
            hint=_("use {stem}, {lang}, {ext} or {name}"),
        )
    return found


def source_parts(source: str) -> dict[str, str]:
    """``stem``, ``ext`` and ``name`` of a source path (``-``: standard input)."""
    from translate.languages import lang_from_name

    name = "article.txt" if source == "-" else Path(source).name
    path = Path(name)
    ext = path.suffix
    stem = path.name[: -len(ext)] if ext else path.name
    if lang_from_name(name):
        stem = stem.rsplit(".", 1)[0]
    return {"stem": stem, "ext": ext, "name": name}


def expand(pattern: str, source: str, lang: str) -> str:
    """The file name for one target language."""
    fields(pattern)
    return pattern.format(lang=lang, **source_parts(source))


def choose_kind(
    explicit: str | None, fmt: str | None, output: str | None, source: str, source_format: str
) -> Kind:
    """The output kind: as asked, else a bitext when ``-f`` names a format or there is no
    ``-o``, else a document when ``-o`` looks like a translation of the source."""
    if explicit:
        return "document" if explicit == "document" else "bitext"
    if fmt or not output or output == "-":
        return "bitext"
    from translate.articles import ARTICLE_FORMATS
    from translate.languages import lang_from_name

    if "lang" in fields(output):
        probe = expand(output, source, "xx")
        named = True
    else:
        probe, named = output, lang_from_name(output) is not None
    found = ARTICLE_FORMATS.for_path(probe)
    return "document" if named and found is not None and found.name == source_format else "bitext"


def report_beside(document: str) -> str:
    """The report's name next to a document: ``story.es.md`` -> ``story.es.report.json``."""
    path = Path(document)
    return str(path.with_name(path.stem + ".report.json"))


_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
_LANG_ATTR = re.compile(r"""\s(lang|dir)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.I)


def document_text(bitext: Bitext) -> str:
    """The translated article; an HTML page's ``<html lang dir>`` says its language,
    and its character references are written as the source wrote them."""
    from translate.articles.html import as_written

    # the source's character references (HTML and Markdown)
    text = as_written(bitext.document, bitext.target_text())
    if bitext.document.format != "html":
        return text
    from translate.languages import is_rtl

    found = _HTML_TAG.search(text)
    if found is None:
        return text
    tag = _LANG_ATTR.sub("", found.group(0))
    attrs = f' lang="{bitext.target_lang}"' + (' dir="rtl"' if is_rtl(bitext.target_lang) else "")
    tag = tag[:5] + attrs + tag[5:]
    return text[: found.start()] + tag + text[found.end() :]


def document_bytes(bitext: Bitext, source: str) -> bytes:
    """The translated article as a file: text formats in UTF-8; a Word or OpenDocument
    file rebuilt from the original at ``source``, with the translated runs."""
    from translate.articles import ARTICLE_FORMATS

    fmt = ARTICLE_FORMATS.get(bitext.document.format)
    if fmt is not None and getattr(fmt, "binary", False):
        from translate import inputs

        original = inputs.read_bytes(source, stdin=False)
        return fmt.render(bitext, original)  # type: ignore[attr-defined]
    return document_text(bitext).encode("utf-8")
