"""``translate hook``: the CMS hook, one article as JSON on stdin, its translations as JSON
on stdout (schemas/cms-hook-input.schema.json, schemas/cms-hook-output.schema.json)."""

from __future__ import annotations

import argparse
import json
import sys

from translate.commands._options import add_config, add_engine, add_glossary, optional_config
from translate.errors import ExitCode, UserError
from translate.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    hook = commands.add_parser(
        "hook", help=_("CMS hook: translate one article given as JSON on standard input")
    )
    hook.add_argument(
        "file",
        nargs="?",
        default="-",
        help=_("the article as JSON (default: - reads standard input)"),
    )
    add_engine(hook)
    add_config(hook)
    add_glossary(
        hook, _("glossary applied after the article's own (it wins on conflict); repeatable")
    )
    hook.add_argument(
        "--glossary-dir",
        metavar="DIR",
        help=_("where glossary names in the article are found (default: glossaries/)"),
    )
    hook.add_argument(
        "--service",
        action="store_true",
        help=_(
            "run as a service: the article's glossaries must be names or files inside the "
            "configured glossary_dirs (else --glossary-dir); also on when glossary_dirs is set"
        ),
    )
    hook.add_argument(
        "--max-bytes",
        type=int,
        metavar="N",
        help=_("the largest article JSON read, in bytes (default: 8388608)"),
    )
    hook.add_argument(
        "--compact", action="store_true", help=_("one line of JSON instead of indented")
    )
    hook.add_argument(
        "--strict",
        action="store_true",
        help=_("exit 1 when the status is needs-review (the JSON is written all the same)"),
    )
    hook.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from translate.editorial import cms

    name = "stdin" if args.file == "-" else args.file
    limit = cms.MAX_PAYLOAD_BYTES if args.max_bytes is None else args.max_bytes
    if limit < 1:
        raise UserError(_("--max-bytes must be at least 1"))
    if args.file == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        try:
            with open(args.file, "rb") as handle:
                data = handle.read(limit + 1)
        except OSError as err:
            reason = err.strerror or str(err)
            raise UserError(
                _("cannot read it: {reason}").format(reason=reason), path=name
            ) from None
    payload = cms.read_payload(data, name, max_bytes=limit)
    for path in args.glossary:
        if not Path(path).is_file():
            raise UserError(_("glossary file not found"), path=path)
    config = optional_config(args)
    result = cms.translate_article(
        payload,
        engine=args.engine or (config.engine if config else "auto"),
        glossary_dir=args.glossary_dir or cms.GLOSSARY_DIR,
        glossaries=args.glossary or (config.glossaries if config else []),
        name=name,
        localize_dates=bool(config and config.localize_dates),
        native_digits=bool(config and config.native_digits),
        glossary_dirs=config.glossary_dirs if config else (),
        confined=args.service or bool(config and config.glossary_dirs),
    )
    text = json.dumps(
        result, ensure_ascii=False, indent=None if args.compact else 2, allow_nan=False
    )
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
    return ExitCode.PROBLEMS if args.strict and result["status"] != "ok" else ExitCode.OK
