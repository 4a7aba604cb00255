"""The editors' review page (``/``) and its download route (``POST /v1/export``).

The page is static HTML, CSS and JavaScript in ``static/`` (no build step, nothing
fetched from another host) that talks to the desk's own API: ``POST /v1/article`` to
translate, ``POST /v1/check`` to re-check an edited sentence.  This module adds what
the API lacks for a page:

* ``GET /``: the page, its words in the server's interface language (``_()``), filled
  into the template escaped, and the messages the script shows as a JSON island;
* ``GET /review/settings``: the languages with their script direction
  (:func:`translate.languages.is_rtl`, which LibreTranslate's ``/languages`` has no
  field for) and the server's glossaries;
* ``POST /v1/export``: the segments as the page holds them (the JSONL contract, edited
  targets included) written by the project's own writers: a bitext format of
  :data:`translate.formats.BITEXT_FORMATS` or the translated document
  (:func:`translate.outputs.document_text`).

The export trusts nothing it is sent: the body is bounded in bytes, validated against
a JSON Schema (types, sizes, known language codes, term statuses) before the records are
made into bitexts, and every failure is a 400 with LibreTranslate's ``{"error": ...}``.
"""

from __future__ import annotations

import html
import io
import json
import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from translate.errors import UserError
from translate.i18n import N_, _

if TYPE_CHECKING:
    from translate.server.desk import Desk

__all__ = ["routes", "export", "EXPORT_SCHEMA", "MAX_EXPORT_BYTES", "MESSAGES"]

STATIC = Path(__file__).resolve().parent / "static"
MAX_EXPORT_BYTES = 8 * 1024 * 1024
"""Largest export request: the segments of a long article in a few languages, as JSON."""
MAX_SEGMENTS = 20_000
MAX_TEXT = 100_000
"""Longest source or target of one segment, in characters."""
DOCUMENT_FORMATS = {"text": ".txt", "markdown": ".md", "html": ".html"}
DOCUMENT_TYPES = {"text": "text/plain", "markdown": "text/markdown", "html": "text/html"}
BITEXT_TYPES = {
    "tmx": "application/x-tmx+xml",
    "xliff": "application/xliff+xml",
    "xliff12": "application/xliff+xml",
    "po": "text/x-gettext-translation",
    "jsonl": "application/jsonl",
}
_ASSETS = {"review.js": "text/javascript", "review.css": "text/css"}
_NAME = re.compile(r"[^A-Za-z0-9._-]+")
# The page's own scripts and styles only: an inserted <script> could not run even if a
# bug let one into the DOM.
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_HEADERS = {
    "Content-Security-Policy": _CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

# -- the page's words ---------------------------------------------------------------------

MESSAGES: dict[str, str] = {
    "title": N_("Dragoman review"),
    "intro": N_(
        "Translate an article with the desk's glossaries, check every name, edit and "
        "download the result. Nothing leaves this server."
    ),
    "skip": N_("Skip to the translations"),
    "article": N_("Article"),
    "article_text": N_("Article text (paste it here, or choose a file)"),
    "upload": N_("Or upload a file (.txt, .md, .html)"),
    "format": N_("Format of the article"),
    "format_text": N_("Plain text"),
    "format_markdown": N_("Markdown"),
    "format_html": N_("HTML"),
    "source_language": N_("Language of the article"),
    "targets": N_("Translate into"),
    "glossaries": N_("Glossaries to enforce"),
    "api_key": N_("API key (this server asks for one)"),
    "no_glossaries": N_("The server has no glossaries."),
    "translate": N_("Translate"),
    "results": N_("Translations"),
    "legend": N_("Term statuses"),
    "enforced": N_("enforced"),
    "corrected": N_("corrected"),
    "ambiguous": N_("ambiguous"),
    "missing": N_("missing"),
    "enforced_help": N_("the glossary's form is in the translation"),
    "corrected_help": N_("the engine's rendering was replaced by the glossary's form"),
    "ambiguous_help": N_("the word may not be this name: the engine's rendering was kept"),
    "missing_help": N_("the glossary's form is not in the translation"),
    "no-target-form": N_("no form for this language"),
    "markup": N_("an issue in the engine's output"),
    "deprecated": N_("a deprecated form"),
    "loading": N_("Loading languages and glossaries…"),
    "ready": N_("Ready."),
    "translating": N_("Translating into {languages}…"),
    "translated": N_("Translated into {languages}: {review} item(s) to review."),
    "need_text": N_("Paste an article or choose a file first."),
    "need_target": N_("Choose at least one language to translate into."),
    "file_read": N_("Read {name} ({format})."),
    "file_too_big": N_("{name} is too large (at most {size} MB)."),
    "file_unknown": N_("{name}: choose a .txt, .md or .html file."),
    "request_failed": N_("The server answered {status}: {error}"),
    "network_failed": N_("Could not reach the server: {error}"),
    "status_ok": N_("ok"),
    "status_needs_review": N_("needs review"),
    "engine": N_("Engine: {engine}"),
    "review_list": N_("To review"),
    "review_none": N_("Nothing to review: every term is in place."),
    "review_item": N_("Segment {segment}: {source} ({reason})"),
    "go_to": N_("Go to segment {segment}"),
    "table_caption": N_("{language}: source and translation, sentence by sentence"),
    "col_number": N_("#"),
    "col_source": N_("Source"),
    "col_target": N_("Translation"),
    "col_terms": N_("Terms"),
    "term_line": N_("{source} → {target}: {status}"),
    "no_terms": N_("no glossary terms"),
    "edit": N_("Edit segment {segment}"),
    "edit_label": N_("Translation of segment {segment} ({language})"),
    "recheck": N_("Re-check"),
    "cancel": N_("Cancel"),
    "checking": N_("Checking segment {segment}…"),
    "check_clean": N_("Segment {segment} re-checked: every term is in place."),
    "check_problems": N_("Segment {segment} re-checked: {count} problem(s)."),
    "violation_missing": N_('missing "{expected}" for "{source}"'),
    "violation_deprecated": N_('deprecated "{found}": write "{expected}"'),
    "edited": N_("edited"),
    "download": N_("Download"),
    "download_format": N_("Download {language} as"),
    "download_document": N_("Document (the article's own format)"),
    "download_tmx": N_("TMX (translation memory)"),
    "download_xliff": N_("XLIFF 2.1"),
    "download_po": N_("PO (gettext)"),
    "downloading": N_("Preparing {name}…"),
    "downloaded": N_("{name} is ready."),
}
"""The page's words, by key: the template's ``{{key}}`` and the script's messages."""


def page_messages() -> dict[str, str]:
    """The page's words in the current interface language."""
    return {key: _(text) for key, text in MESSAGES.items()}


def _island(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>``
    or ``&`` can close the element or start a comment."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@cache
def _template() -> str:
    return (STATIC / "index.html").read_text(encoding="utf-8")


def render_page() -> str:
    """The page with its words filled in, each escaped for HTML."""
    from translate.i18n import current_language

    words = page_messages()
    lang = current_language().replace("_", "-")
    values = {
        **{k: html.escape(v) for k, v in words.items()},
        "lang": html.escape(lang),
        "dir": direction(lang),
        "messages_json": _island(words),
    }
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], _template())


def direction(code: str) -> str:
    """``rtl`` or ``ltr`` for a language (``ltr`` for a code CLDR does not know)."""
    from translate.languages import is_rtl

    try:
        return "rtl" if is_rtl(code) else "ltr"
    except UserError:
        return "ltr"


async def page(request: Request) -> Response:
    return HTMLResponse(render_page(), headers=_HEADERS)


async def asset(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in _ASSETS:
        return JSONResponse({"error": _("no such file")}, status_code=404)
    return FileResponse(STATIC / name, media_type=_ASSETS[name], headers=_HEADERS)


# -- settings --------------------------------------------------------------------------------


def settings(desk: Desk) -> dict[str, Any]:
    """What the page needs to draw its form: the source languages with their targets
    (as ``GET /languages``), every language's name (in the interface language, as the
    page's own words) and direction by code, and the glossaries by name."""
    sources = desk.languages()
    codes = [str(entry["code"]) for entry in sources]
    codes += [str(t) for entry in sources for t in entry.get("targets", [])]
    names = {code: {"name": _language_name(code), "dir": direction(code)} for code in codes}
    languages = [
        {
            "code": str(entry["code"]),
            **names[str(entry["code"])],
            "targets": [str(t) for t in entry.get("targets", [])],
        }
        for entry in sources
    ]
    return {
        "languages": languages,
        "names": names,
        "glossaries": desk.glossary_names(),
        "default_glossaries": list(desk.default_glossaries),
    }


def _language_name(code: str) -> str:
    from translate.i18n import current_language
    from translate.languages import display_name

    try:
        return display_name(code, current_language())
    except UserError:
        return code


async def settings_route(request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    data = await run_in_threadpool(settings, request.app.state.desk)
    server = getattr(request.app.state, "server", None)
    data["key_required"] = getattr(server, "keys", None) is not None
    return JSONResponse(data)


# -- export ----------------------------------------------------------------------------------

_TERM = {
    "type": "object",
    "required": ["source", "target", "status"],
    "properties": {
        "id": {"type": "string", "maxLength": 500},
        "type": {"type": "string", "maxLength": 100},
        "source": {"type": "string", "maxLength": 2000},
        "target": {"type": "string", "maxLength": 2000},
        "status": {"enum": ["enforced", "corrected", "ambiguous", "missing"]},
    },
}
_TEXT = {"type": "string", "maxLength": MAX_TEXT}
_SEGMENT = {
    "type": "object",
    "required": ["doc", "paragraph", "segment", "source_lang", "target_lang", "source", "target"],
    "properties": {
        "doc": {"type": "string", "maxLength": 200},
        "field": {"type": "string", "maxLength": 50},
        "paragraph": {"type": "integer", "minimum": 0, "maximum": MAX_SEGMENTS},
        "segment": {"type": "integer", "minimum": 0, "maximum": MAX_SEGMENTS},
        "source_lang": {"type": "string", "format": "language", "maxLength": 50},
        "target_lang": {"type": "string", "format": "language", "maxLength": 50},
        "source": _TEXT,
        "target": _TEXT,
        "before": _TEXT,
        "after": _TEXT,
        "translated": {"type": "boolean"},
        "terms": {"type": "array", "maxItems": 1000, "items": _TERM},
        "unknown_words": {
            "type": "array",
            "maxItems": 1000,
            "items": {"type": "string", "maxLength": 200},
        },
        "engine": {"type": "string", "maxLength": 100},
    },
}
EXPORT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["format", "segments"],
    "additionalProperties": False,
    "properties": {
        "format": {"type": "string", "maxLength": 20},
        "name": {"type": "string", "maxLength": 200},
        "document_format": {"enum": sorted(DOCUMENT_FORMATS)},
        "segments": {"type": "array", "minItems": 1, "maxItems": MAX_SEGMENTS, "items": _SEGMENT},
    },
}
"""``POST /v1/export``: ``format`` (``document`` or a bitext format name), ``name`` (the
file name's stem), ``document_format`` (for ``document``: how the article was read)
and ``segments``, JSONL records as ``/v1/article`` gives them."""


def _validate(payload: Any) -> None:
    import jsonschema
    from jsonschema.exceptions import best_match

    from translate.languages import is_known

    checker = jsonschema.FormatChecker(formats=())
    checker.checks("language")(lambda v: not isinstance(v, str) or is_known(v))
    validator = jsonschema.Draft202012Validator(EXPORT_SCHEMA, format_checker=checker)
    error = best_match(validator.iter_errors(payload))
    if error is not None:
        message = error.message
        if error.validator == "format":
            message = _("{value!r} is not a known language").format(value=error.instance)
        elif error.validator in ("maxLength", "maxItems"):
            message = _("too long (at most {limit})").format(limit=error.validator_value)
        raise UserError(f"{error.json_path}: {message}", path="export")


def safe_name(name: str) -> str:
    """A file name stem with nothing but letters, digits, dot, dash and underscore.

    >>> safe_name("../../etc/passwd story")
    'etc_passwd_story'
    """
    cleaned = _NAME.sub("_", name).strip("._-")[:80]
    return cleaned.replace("..", "_") or "article"


def export(payload: Any) -> tuple[bytes, str, str]:
    """The file asked for: ``(content, media type, file name)``.  Raises
    :class:`UserError` for a request that is not the schema's, an unknown format, or a
    format that cannot hold what was sent (a PO or XLIFF file of two languages)."""
    from translate import formats
    from translate.formats.jsonl import from_objects
    from translate.languages import normalize

    _validate(payload)
    fmt = payload["format"]
    if fmt != "document":
        formats.get(fmt)  # the UserError naming the choices
    rows = []
    for row in payload["segments"]:
        row = dict(row)
        row["source_lang"] = normalize(row["source_lang"])
        row["target_lang"] = normalize(row["target_lang"])
        rows.append(row)
    bitexts = from_objects(list(enumerate(rows, 1)), "export")
    stem = safe_name(payload.get("name") or bitexts[0].document.name)
    langs = sorted({b.target_lang for b in bitexts})
    if fmt == "document":
        from translate.outputs import document_text

        if len(bitexts) != 1:
            raise UserError(
                _("a document holds one translation, not {count}").format(count=len(bitexts)),
                path="export",
                hint=_("export one language at a time"),
            )
        kind = payload.get("document_format", "text")
        bitext = bitexts[0]
        bitext = replace(bitext, document=replace(bitext.document, format=kind))
        content = document_text(bitext).encode("utf-8")
        name = f"{stem}.{bitext.target_lang}{DOCUMENT_FORMATS[kind]}"
        return content, DOCUMENT_TYPES[kind] + "; charset=utf-8", name
    writer = formats.get(fmt)
    out = io.StringIO()
    writer.write(bitexts, out)
    suffix = writer.extensions[0] if writer.extensions else f".{fmt}"
    lang_part = langs[0] if len(langs) == 1 else "multi"
    media = BITEXT_TYPES.get(fmt, "text/plain")
    return out.getvalue().encode("utf-8"), media + "; charset=utf-8", f"{stem}.{lang_part}{suffix}"


async def _bounded_body(request: Request, limit: int) -> bytes | None:
    """The request body, or None once it passes ``limit`` bytes (the rest unread)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def export_route(request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    from translate.editorial.cms import read_payload

    body = await _bounded_body(request, MAX_EXPORT_BYTES)
    if body is None:
        return _error(
            _("export: the request is larger than {size} MB").format(
                size=MAX_EXPORT_BYTES // (1024 * 1024)
            ),
            413,
        )
    try:
        payload = read_payload(body, "export")
        if isinstance(payload, dict):
            key = payload.pop("api_key", None)
            server = getattr(request.app.state, "server", None)
            if server is not None:  # the API's keys and rate limit (403, 429)
                server.access(request, {"api_key": key} if key is not None else {})
        content, media, name = await run_in_threadpool(export, payload)
    except UserError as err:
        return _error(str(err))
    except RecursionError:
        return _error(_("export: the JSON is nested too deeply"))
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Content-Type-Options": "nosniff",
    }
    return Response(content, media_type=media, headers=headers)


def routes() -> list[Any]:
    """Starlette routes for ``/``, its assets, its settings and ``/v1/export``."""
    return [
        Route("/", page, methods=["GET"]),
        Route("/review/settings", settings_route, methods=["GET"]),
        Route("/review/{name}", asset, methods=["GET"]),
        Route("/v1/export", export_route, methods=["POST"]),
    ]
