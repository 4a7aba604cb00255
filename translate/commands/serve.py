"""``translate serve``: the desk server (LibreTranslate's API with glossaries, and the
review page) on uvicorn.  Needs the ``server`` extra: ``pip install 'dragoman[server]'``.

The flags and the configuration (``dragoman.toml``: engine, glossaries, source and
target languages, dates) are read here, checked once (a bad glossary or keys file is a
one-line error before anything listens), and handed to every worker as JSON; each
worker loads the engines and glossaries and calibrates the configured pairs once.
uvicorn stops on SIGTERM or Ctrl-C after the requests in flight are answered.
"""

from __future__ import annotations

import argparse
from typing import Any

from translate.commands._options import add_config, add_engine, add_glossary, optional_config
from translate.errors import ExitCode, UserError
from translate.i18n import _


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("must be a whole number")) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be 1 or more"))
    return value


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("must be a whole number")) from None
    if value < -1:
        raise argparse.ArgumentTypeError(_("must be -1 (no limit) or more"))
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("must be a number of seconds")) from None
    if not value > 0:
        raise argparse.ArgumentTypeError(_("must be more than 0"))
    return value


def register(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser(
        "serve",
        help=_("run the desk server: LibreTranslate's HTTP API with glossaries, and a review page"),
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help=_("address to listen on (default: 127.0.0.1)")
    )
    serve.add_argument(
        "--port", type=_positive, default=5000, help=_("port to listen on (default: 5000)")
    )
    serve.add_argument(
        "--workers",
        type=_positive,
        default=1,
        help=_("worker processes, each with its own engines and glossaries (default: 1)"),
    )
    add_engine(serve)
    add_glossary(
        serve,
        _("default glossary, enforced when a request names none; repeatable"),
    )
    serve.add_argument(
        "--glossary-dir",
        metavar="DIR",
        help=_("more glossaries that requests may name (default: the shipped glossaries/)"),
    )
    add_config(serve)
    serve.add_argument(
        "--api-keys",
        metavar="FILE",
        help=_("require an API key from this file (one per line) on every request"),
    )
    serve.add_argument(
        "--req-limit",
        type=_limit,
        default=0,
        metavar="N",
        help=_("requests per minute per API key or client address (default: 0, no limit)"),
    )
    serve.add_argument(
        "--char-limit",
        type=_limit,
        default=20_000,
        metavar="N",
        help=_("characters one request may send (default: 20000; -1: no limit)"),
    )
    serve.add_argument(
        "--batch-limit",
        type=_limit,
        default=100,
        metavar="N",
        help=_("texts one request may send as a list (default: 100; -1: no limit)"),
    )
    serve.add_argument(
        "--max-body",
        type=_positive,
        default=10 * 1024 * 1024,
        metavar="BYTES",
        help=_("largest request body, files included (default: 10485760)"),
    )
    serve.add_argument(
        "--timeout",
        type=_seconds,
        default=120.0,
        metavar="SECONDS",
        help=_(
            "time one request may spend translating; the engine is stopped after it too "
            "(default: 120)"
        ),
    )
    serve.add_argument(
        "--threads",
        type=_positive,
        default=4,
        help=_("translations one worker runs at once (default: 4)"),
    )
    serve.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help=_("allow browser pages from this origin (* for any); repeatable (default: CORS off)"),
    )
    serve.add_argument(
        "--forwarded-allow-ips",
        default="127.0.0.1",
        metavar="IPS",
        help=_("proxies trusted for X-Forwarded-* headers (default: 127.0.0.1)"),
    )
    serve.set_defaults(run=run)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(ExitCode.OK)


def _engine_seconds(config: Any, request_seconds: float) -> float:
    """The engine's timeout in the server: ``DRAGOMAN_ENGINE_TIMEOUT``, else
    ``engine_timeout`` in dragoman.toml, else ``--timeout``.  A request past
    ``--timeout`` is answered 500 and its thread abandoned; the engine's own timeout is
    what stops a hung Apertium pipeline in that thread, so ``0`` (wait forever) means
    ``--timeout`` here: a server never keeps a hung engine."""
    import os

    from translate.engines.base import TIMEOUT_ENV, engine_timeout

    if os.environ.get(TIMEOUT_ENV):
        configured = engine_timeout()
    elif config is not None and config.engine_timeout is not None:
        configured = config.engine_timeout or None
    else:
        configured = None
    return configured or request_seconds


def run(args: argparse.Namespace) -> int:
    import os
    import shutil
    import signal
    import tempfile
    from pathlib import Path

    try:
        import uvicorn

        from translate.server.app import ENV_CONFIG, ServerConfig, make_desk
        from translate.server.limits import read_api_keys
    except ImportError as err:
        raise UserError(
            _("the server needs packages that are not installed ({name})").format(name=err.name),
            hint="pip install 'dragoman[server]'",
        ) from None

    # uvicorn ends by raising the SIGTERM it caught again once the requests in flight are
    # answered; as SystemExit it unwinds through ``finally``, which removes the files
    # folder, and the exit status is 0.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    config = optional_config(args)
    if args.glossary_dir and not Path(args.glossary_dir).is_dir():
        raise UserError(_("no such folder"), path=args.glossary_dir)
    files = tempfile.mkdtemp(prefix="dragoman-files-")
    settings = ServerConfig(
        engine=args.engine or (config.engine if config else "auto"),
        glossaries=[str(g) for g in (args.glossary or (config.glossaries if config else []))],
        glossary_dir=args.glossary_dir,
        glossary_dirs=[str(d) for d in config.glossary_dirs] if config else [],
        source_lang=config.source_lang if config else "en",
        target_langs=list(config.target_langs) if config else [],
        localize_dates=bool(config and config.localize_dates),
        native_digits=bool(config and config.native_digits),
        api_keys=str(Path(args.api_keys).resolve()) if args.api_keys else None,
        req_limit=args.req_limit,
        char_limit=args.char_limit,
        batch_limit=args.batch_limit,
        max_body=args.max_body,
        timeout=args.timeout,
        engine_timeout=_engine_seconds(config, args.timeout),
        ui_lang=getattr(args, "ui_lang", None),
        threads=args.threads,
        cors_origins=list(args.cors_origin),
        files_dir=files,
    )
    try:
        # Fail here, with one line, rather than in every worker.
        desk = make_desk(settings)
        from translate.glossary import load_glossaries

        for name in desk.default_glossaries:
            load_glossaries(
                [desk.glossaries[name]],
                source_lang=settings.source_lang,
                target_lang=settings.target_langs[0] if settings.target_langs else None,
            )
        if settings.api_keys:
            read_api_keys(settings.api_keys)
        os.environ[ENV_CONFIG] = settings.to_json()
        uvicorn.run(
            "translate.server.app:app_from_env",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            proxy_headers=True,
            forwarded_allow_ips=args.forwarded_allow_ips,
            timeout_graceful_shutdown=max(30, int(settings.timeout) + 5),
            log_level="info",
        )
    finally:
        shutil.rmtree(files, ignore_errors=True)
    return ExitCode.OK
