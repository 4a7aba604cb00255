"""The desk server's ASGI application: LibreTranslate's API with glossaries, and
Dragoman's own ``/v1`` endpoints.

LibreTranslate's endpoints keep its shapes, so that its clients and plugins work
unchanged: ``POST /translate`` (``q`` a string or a list; JSON, urlencoded or multipart
bodies; ``source: "auto"`` detects it), ``POST /detect``, ``GET /languages``,
``POST /translate_file`` with ``GET /download_file/NAME``, ``GET /frontend/settings``,
and errors as ``{"error": "..."}`` with 400, 403, 413, 429 or 500.  Dragoman adds
``glossary`` (server glossary names, comma-separated or a list), ``glossary_entries``
(inline pairs) and, in every answer, ``terms`` and ``review``; ``GET /v1/glossaries``,
``POST /v1/article`` (the CMS hook's schema) and ``POST /v1/check``.  The review
page's routes (:mod:`translate.server.review`) come last.

Every request is served by the worker's :class:`~translate.server.desk.Desk` in a
thread (the engines block), with a time limit; a bad request is a 4xx with one line,
an unexpected failure a 500 with one line (the traceback goes to the server's log),
and the worker goes on serving.  Detection (:mod:`translate.server.detect`) chooses
among the languages the server translates from.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from translate.errors import UserError
from translate.i18n import _
from translate.server.desk import Desk, EngineFailed, server_glossaries
from translate.server.limits import BodyLimit, BodyTooLarge, RateLimiter, read_api_keys

__all__ = ["ServerConfig", "create_app", "app_from_env", "ENV_CONFIG", "FILE_FORMATS"]

log = logging.getLogger("translate.server")

ENV_CONFIG = "DRAGOMAN_SERVE_CONFIG"
"""How ``translate serve`` hands its settings to each worker process (JSON)."""
FILE_FORMATS = (".txt", ".md", ".html", ".docx", ".odt")
"""What ``/translate_file`` takes (the article formats Dragoman reads and writes back)."""
_FILE_NAME = re.compile(r"^[0-9a-f]{32}\.[^/\\\x00]{1,200}$")
_FILE_TTL = 3600.0
"""Seconds a translated file stays downloadable."""


@dataclass
class ServerConfig:
    """Everything a worker needs to build its app; plain values, so it travels as JSON."""

    engine: str = "auto"
    glossaries: list[str] = field(default_factory=list)
    """``--glossary`` files (else the configuration's): the server's default glossaries."""
    glossary_dir: str | None = None
    """Where more glossaries a request may name are (``--glossary-dir``)."""
    glossary_dirs: list[str] = field(default_factory=list)
    """Without ``--glossary-dir``: the configuration's ``glossary_dirs`` (the folders a
    confined CMS hook reads too); without either, the shipped glossaries."""
    source_lang: str = "en"
    target_langs: list[str] = field(default_factory=list)
    """Pairs to load and calibrate at start-up (the configuration's)."""
    localize_dates: bool = False
    native_digits: bool = False
    api_keys: str | None = None
    """A file of API keys; when given, every API request needs one (403)."""
    req_limit: int = 0
    """Requests per minute per API key (or client address without keys); 0: no limit."""
    char_limit: int = 20_000
    """Characters one request may send (``q``, an article's fields); -1: no limit."""
    batch_limit: int = 100
    """Texts one ``q`` list may have; -1: no limit."""
    max_body: int = 10 * 1024 * 1024
    """Bytes of one request body (413 past it)."""
    timeout: float = 120.0
    """Seconds one request may spend translating (500 past it)."""
    engine_timeout: float | None = None
    """Seconds the engine may go without answering (the Translators' ``engine_timeout``):
    Apertium's pipeline that hangs is killed after it, so it is not left running in an
    abandoned thread.  None: the engine's own (``DRAGOMAN_ENGINE_TIMEOUT``, else 120 s)."""
    ui_lang: str | None = None
    """``--ui-lang``: the interface language of the review page and the messages.  It
    travels here because workers past the first are new processes that never saw the
    command line."""
    threads: int = 4
    """Translations one worker runs at once; more requests wait their turn."""
    cors_origins: list[str] = field(default_factory=list)
    """Origins allowed by CORS (``*`` for any); empty: CORS off."""
    files_dir: str | None = None
    """Where translated files wait to be downloaded (shared by the workers)."""

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> ServerConfig:
        return cls(**json.loads(text))


class ApiError(Exception):
    """A request the server refuses, with the HTTP status to answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def error(message: str, status: int = 400) -> JSONResponse:
    """LibreTranslate's error shape: one line."""
    return JSONResponse({"error": " ".join(message.split())}, status_code=status)


# -- request parameters ------------------------------------------------------------------

_MAX_JSON_DEPTH = 32


async def json_body(request: Request) -> Any:
    """The JSON body, through the one guard for untrusted JSON
    (:func:`translate.inputs.parse_json`: nesting, huge integers, NaN, lone
    surrogates); 400 with its one line."""
    from translate import inputs

    data = await request.body()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(_("Invalid request: the body is not UTF-8")) from None
    try:
        return inputs.parse_json(text, _("request"), error=UserError, max_depth=_MAX_JSON_DEPTH)
    except UserError as err:
        raise ApiError(str(err)) from None


async def params(request: Request) -> dict[str, Any]:
    """A request's parameters as LibreTranslate reads them: a JSON object, or form
    fields (urlencoded or multipart) and the query string.  A repeated form field (``q``
    given twice) is a list."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        value = await json_body(request)
        if not isinstance(value, dict):
            raise ApiError(_("Invalid JSON format"))
        return value
    out: dict[str, Any] = {}
    for key in request.query_params:
        out[key] = request.query_params[key]
    if request.method == "POST" and kind in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        form = await request.form(max_files=1, max_fields=200)
        for key in form:
            values = form.getlist(key)
            out[key] = values if len(values) > 1 else values[0]
    return out


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ApiError(_("Invalid request: missing {name} parameter").format(name=name))
    return value.strip()


def _glossary_param(value: Any) -> list[str] | str | None:
    if value is None or value == "":
        return None
    if isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            raise ApiError(_("Invalid request: glossary must name server glossaries"))
        return value
    if isinstance(value, str):
        return value
    raise ApiError(_("Invalid request: glossary must name server glossaries"))


# -- the application ---------------------------------------------------------------------


class Server:
    """The routes' shared state: the desk, the limits and the files store."""

    def __init__(self, config: ServerConfig, desk: Desk) -> None:
        self.config = config
        self.desk = desk
        self.keys = read_api_keys(config.api_keys) if config.api_keys else None
        self.rate = RateLimiter(config.req_limit)
        self.slots = anyio.CapacityLimiter(max(1, config.threads))
        files = config.files_dir or tempfile.mkdtemp(prefix="dragoman-files-")
        self.files = Path(files)
        self.files.mkdir(parents=True, exist_ok=True)

    # -- access ---------------------------------------------------------------------------

    def access(self, request: Request, values: dict[str, Any]) -> None:
        """API key (403) and rate limit (429) for one request."""
        key = values.get("api_key")
        if key is not None and not isinstance(key, str):
            raise ApiError(_("Invalid API key"), 403)
        if self.keys is not None:
            if not key:
                raise ApiError(
                    _("An API key is required: send it as api_key (ask the server's operator)"),
                    403,
                )
            if key not in self.keys:
                raise ApiError(_("Invalid API key"), 403)
        who = key or (request.client.host if request.client else "local")
        if not self.rate.allow(who):
            raise ApiError(
                _("Slowdown: more than {n} requests per minute").format(n=self.config.req_limit),
                429,
            )

    def check_chars(self, texts: list[str]) -> None:
        limit = self.config.char_limit
        chars = sum(len(t) for t in texts)
        if limit >= 0 and chars > limit:
            raise ApiError(
                _("Invalid request: request ({size}) exceeds text limit ({limit})").format(
                    size=chars, limit=limit
                )
            )

    async def run(self, work: Callable[[], Any]) -> Any:
        """Run desk work in a thread, at most ``threads`` at once, within the time limit."""
        try:
            with anyio.fail_after(self.config.timeout):
                return await anyio.to_thread.run_sync(
                    work, limiter=self.slots, abandon_on_cancel=True
                )
        except TimeoutError:
            raise ApiError(
                _("Cannot translate text: no answer from the engine within {n} s").format(
                    n=f"{self.config.timeout:g}"
                ),
                500,
            ) from None

    # -- files ----------------------------------------------------------------------------

    def store(self, data: bytes, filename: str) -> str:
        """Keep a translated file for download; returns its name in the store."""
        self.expire()
        name = f"{secrets.token_hex(16)}.{filename}"
        from translate.atomic import write_atomically

        write_atomically(self.files / name, data)
        return name

    def expire(self) -> None:
        cutoff = time.time() - _FILE_TTL
        for path in self.files.iterdir():
            try:
                if path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink()
            except OSError:
                continue


def _server(request: Request) -> Server:
    server: Server = request.app.state.server
    return server


async def languages(request: Request) -> Response:
    server = _server(request)
    return JSONResponse(await server.run(server.desk.languages))


async def frontend_settings(request: Request) -> Response:
    server = _server(request)
    config = server.config
    langs = await server.run(server.desk.languages)
    codes = {entry["code"]: entry for entry in langs}
    source = codes.get(config.source_lang) or (langs[0] if langs else None)
    targets = source["targets"] if source else []
    target_code = next((t for t in config.target_langs if t in targets), None) or (
        targets[0] if targets else None
    )
    from translate.languages import display_name

    def named(code: str | None) -> dict[str, str] | None:
        return {"code": code, "name": display_name(code, "en")} if code else None

    return JSONResponse(
        {
            "charLimit": config.char_limit,
            "frontendTimeout": int(config.timeout * 1000),
            "apiKeys": server.keys is not None,
            "keyRequired": server.keys is not None,
            "suggestions": False,
            "filesTranslation": True,
            "supportedFilesFormat": list(FILE_FORMATS),
            "language": {
                "source": named(source["code"] if source else None),
                "target": named(target_code),
            },
            "glossaries": server.desk.glossary_names(),
            "defaultGlossaries": list(server.desk.default_glossaries),
        }
    )


async def translate(request: Request) -> Response:
    server = _server(request)
    values = await params(request)
    server.access(request, values)
    q = values.get("q")
    batch = isinstance(q, list)
    given = q if isinstance(q, list) else [q]
    if not given or not any(given) or not all(isinstance(t, str) for t in given):
        raise ApiError(_("Invalid request: missing {name} parameter").format(name="q"))
    texts = [str(t) for t in given]
    source = _text(values.get("source"), "source")
    target = _text(values.get("target"), "target")
    if batch and 0 <= server.config.batch_limit < len(texts):
        raise ApiError(
            _("Invalid request: request ({size}) exceeds text limit ({limit})").format(
                size=len(texts), limit=server.config.batch_limit
            )
        )
    if "json" not in request.headers.get("content-type", ""):
        # form bodies end lines with CRLF (RFC 2046): count and translate them as LF
        texts = ["\n".join(t.splitlines()) for t in texts]
    server.check_chars(texts)
    fmt = values.get("format") or "text"
    glossary = _glossary_param(values.get("glossary"))
    entries = values.get("glossary_entries")
    results = await server.run(
        lambda: server.desk.translate_texts(
            texts, source, target, fmt=fmt, glossaries=glossary, entries=entries
        )
    )
    if batch:
        body: dict[str, Any] = {
            "translatedText": [r.text for r in results],
            "terms": [r.terms for r in results],
            "review": [r.review for r in results],
        }
        if results and results[0].detected is not None:
            body["detectedLanguage"] = [r.detected for r in results]
    else:
        body = {
            "translatedText": results[0].text,
            "terms": results[0].terms,
            "review": results[0].review,
        }
        if results[0].detected is not None:
            body["detectedLanguage"] = results[0].detected
    return JSONResponse(body)


async def detect(request: Request) -> Response:
    server = _server(request)
    values = await params(request)
    server.access(request, values)
    q = values.get("q")
    if not isinstance(q, str) or not q.strip():
        raise ApiError(_("Invalid request: missing {name} parameter").format(name="q"))
    server.check_chars([q])
    return JSONResponse(await server.run(lambda: server.desk.detect(q)))


async def translate_file(request: Request) -> Response:
    from starlette.datastructures import UploadFile

    server = _server(request)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "multipart/form-data":
        raise ApiError(_("Invalid request: send the file as multipart/form-data"))
    form = await request.form(max_files=1, max_fields=50)
    values: dict[str, Any] = {k: form.get(k) for k in form}
    server.access(request, values)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise ApiError(_("Invalid request: missing {name} parameter").format(name="file"))
    source = _text(values.get("source"), "source")
    target = _text(values.get("target"), "target")
    filename = Path(upload.filename or "").name
    if not filename:
        raise ApiError(_("Invalid request: empty file"))
    if Path(filename).suffix.lower() not in FILE_FORMATS:
        raise ApiError(
            _("Invalid request: file format not supported (send {formats})").format(
                formats=", ".join(FILE_FORMATS)
            )
        )
    data = await upload.read()
    if not data:
        raise ApiError(_("Invalid request: empty file"))
    glossary = _glossary_param(values.get("glossary"))
    entries = values.get("glossary_entries")

    def work() -> Any:
        with tempfile.TemporaryDirectory(prefix="dragoman-upload-") as folder:
            path = Path(folder) / filename
            path.write_bytes(data)
            if Path(filename).suffix.lower() in (".txt", ".md", ".html"):
                from translate.articles import decode_article

                server.check_chars([decode_article(data, filename)])
            return server.desk.translate_file(
                path, filename, source, target, glossaries=glossary, entries=entries
            )

    result = await server.run(work)
    stored = server.store(result.data, result.filename)
    url = str(request.url_for("download_file", filename=stored))
    return JSONResponse({"translatedFileUrl": url, "terms": result.terms, "review": result.review})


async def download_file(request: Request) -> Response:
    server = _server(request)
    name = request.path_params["filename"]
    path = server.files / name
    if not _FILE_NAME.match(name) or path.resolve().parent != server.files.resolve():
        raise ApiError(_("Invalid filename"))
    if not path.is_file():
        raise ApiError(_("no such file (translated files are kept for an hour)"), 404)
    return FileResponse(path, filename=name.split(".", 1)[1])


async def glossaries(request: Request) -> Response:
    desk = _server(request).desk
    return JSONResponse(
        {"glossaries": desk.glossary_names(), "default": list(desk.default_glossaries)}
    )


def _article_chars(payload: Any) -> list[str]:
    if not isinstance(payload, dict):
        return []
    return [v for k in ("headline", "standfirst", "body") if isinstance(v := payload.get(k), str)]


async def article(request: Request) -> Response:
    server = _server(request)
    payload = await json_body(request)
    key = payload.pop("api_key", None) if isinstance(payload, dict) else None
    server.access(request, {"api_key": key} if key is not None else {})
    server.check_chars(_article_chars(payload))
    return JSONResponse(await server.run(lambda: server.desk.article(payload)))


async def check(request: Request) -> Response:
    server = _server(request)
    payload = await json_body(request)
    key = payload.pop("api_key", None) if isinstance(payload, dict) else None
    server.access(request, {"api_key": key} if key is not None else {})
    if isinstance(payload, dict):
        server.check_chars(
            [v for k in ("source", "translation") if isinstance(v := payload.get(k), str)]
        )
    return JSONResponse(await server.run(lambda: server.desk.check(payload)))


# -- errors --------------------------------------------------------------------------------


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error(exc.message, exc.status)


async def _user_error(request: Request, exc: Exception) -> Response:
    return error(str(exc), 400)


async def _engine_failed(request: Request, exc: Exception) -> Response:
    log.error("%s %s: %s", request.method, request.url.path, exc)
    return error(_("Cannot translate text: {reason}").format(reason=exc), 500)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return error(str(exc.detail), exc.status_code)


async def _too_large(request: Request, exc: Exception) -> Response:
    limit = _server(request).config.max_body
    return error(_("request body too large: the limit is {size} bytes").format(size=limit), 413)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return error(
        _("Cannot translate text: internal error ({kind}); see the server's log").format(
            kind=type(exc).__name__
        ),
        500,
    )


def _multipart_error() -> type[Exception] | None:
    try:
        from starlette.formparsers import MultiPartException
    except ImportError:  # pragma: no cover
        return None
    return MultiPartException


async def _form_error(request: Request, exc: Exception) -> Response:
    return error(_("Invalid request: {reason}").format(reason=exc), 400)


# -- building it ---------------------------------------------------------------------------


def make_desk(config: ServerConfig) -> Desk:
    from translate.editorial.cms import GLOSSARY_DIR

    if config.glossary_dir:
        folders = [Path(config.glossary_dir)]
    else:
        folders = [Path(d) for d in config.glossary_dirs] or [GLOSSARY_DIR]
    found, defaults = server_glossaries(folders, config.glossaries)
    return Desk(
        engine=config.engine,
        glossaries=found,
        default_glossaries=defaults,
        localize_dates=config.localize_dates,
        native_digits=config.native_digits,
        engine_timeout=config.engine_timeout,
    )


def create_app(config: ServerConfig | None = None, desk: Desk | None = None) -> Starlette:
    """The application for one worker: the desk (loaded and warmed at start-up), the
    API routes, then the review page's routes."""
    from translate.server import review

    config = config or ServerConfig()
    desk = desk or make_desk(config)
    server = Server(config, desk)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if config.target_langs:
            try:
                await anyio.to_thread.run_sync(
                    desk.warm, config.source_lang, list(config.target_langs)
                )
            except UserError as err:
                log.warning("could not load a pair at start-up: %s", err)
        yield

    routes = [
        Route("/languages", languages, methods=["GET", "POST"]),
        Route("/translate", translate, methods=["POST"]),
        Route("/translate_file", translate_file, methods=["POST"]),
        Route("/detect", detect, methods=["POST"]),
        Route("/download_file/{filename}", download_file, methods=["GET"], name="download_file"),
        Route("/frontend/settings", frontend_settings, methods=["GET"]),
        Route("/v1/glossaries", glossaries, methods=["GET"]),
        Route("/v1/article", article, methods=["POST"]),
        Route("/v1/check", check, methods=["POST"]),
        *review.routes(),
    ]
    handlers: dict[Any, Callable[..., Any]] = {
        ApiError: _api_error,
        EngineFailed: _engine_failed,
        UserError: _user_error,
        HTTPException: _http_error,
        BodyTooLarge: _too_large,
        Exception: _unexpected,
    }
    multipart = _multipart_error()
    if multipart is not None:
        handlers[multipart] = _form_error
    middleware = [Middleware(BodyLimit, limit=config.max_body)]
    if config.cors_origins:
        from starlette.middleware.cors import CORSMiddleware

        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=config.cors_origins,
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type"],
                max_age=86400,
            )
        )
    app = Starlette(
        routes=routes, middleware=middleware, exception_handlers=handlers, lifespan=lifespan
    )
    app.state.desk = desk
    app.state.server = server
    return app


def app_from_env() -> Starlette:
    """The app of one ``translate serve`` worker (uvicorn's factory)."""
    text = os.environ.get(ENV_CONFIG)
    config = ServerConfig.from_json(text) if text else ServerConfig()
    if config.ui_lang:
        from translate.i18n import set_language

        set_language(config.ui_lang)  # a spawned worker starts in the environment's
    return create_app(config)
