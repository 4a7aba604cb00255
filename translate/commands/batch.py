"""``translate batch``: many articles into several languages, resumable, with workers."""

from __future__ import annotations

import argparse
import os
import sys

from translate.commands._options import add_config, add_engine, add_glossary, optional_config
from translate.errors import ExitCode, UserError
from translate.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    batch = commands.add_parser(
        "batch", help=_("translate many articles (files, folders, JSONL), resumable")
    )
    batch.add_argument(
        "sources", nargs="+", metavar="SOURCE", help=_("article files, folders, or .jsonl files")
    )
    batch.add_argument("--from", dest="source", metavar="LANG", help=_("source language"))
    batch.add_argument("--to", dest="targets", metavar="LANG[,LANG]", help=_("target language(s)"))
    batch.add_argument(
        "-o", "--output", required=True, metavar="DIR", help=_("output folder (with the manifest)")
    )
    add_engine(batch)
    add_glossary(batch)
    add_config(batch)
    batch.add_argument(
        "--output-kind",
        choices=("document", "bitext", "both"),
        default="document",
        help=_("documents (default), bitexts, or both"),
    )
    batch.add_argument(
        "--format",
        "-f",
        dest="fmt",
        default="jsonl",
        metavar="FORMAT",
        help=_("the bitext format (default: jsonl)"),
    )
    batch.add_argument("--include", action="append", default=[], metavar="GLOB")
    batch.add_argument("--exclude", action="append", default=[], metavar="GLOB")
    batch.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help=_("worker processes (default: the number of cores)"),
    )
    batch.add_argument(
        "--dask",
        metavar="ADDRESS",
        help=_(
            "run on Dask: local (a LocalCluster of --workers processes) or a scheduler's "
            "address such as tcp://host:8786"
        ),
    )
    batch.add_argument(
        "--engine-timeout",
        metavar="SECONDS",
        help=_(
            "fail an article when the engine gives no answer for this long "
            "(default: DRAGOMAN_ENGINE_TIMEOUT, engine_timeout in dragoman.toml, else 120; "
            "0 waits forever)"
        ),
    )
    batch.add_argument("--localize-dates", action="store_true")
    batch.add_argument("--native-digits", action="store_true")
    batch.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from translate import batch, formats
    from translate.languages import normalize

    config = optional_config(args)
    if args.targets:
        targets = tuple(normalize(t) for t in args.targets.split(",") if t.strip())
    else:
        targets = tuple(config.target_langs) if config else ()
    if not targets:
        raise UserError(
            _("--to needs at least one language"),
            hint=_("give --to, or target_langs in dragoman.toml"),
        )
    if args.output_kind != "document":
        formats.get(args.fmt)  # an unknown format fails before any work
    glossaries = tuple(args.glossary or (config.glossaries if config else ()))
    from translate.engines.base import TIMEOUT_ENV, parse_timeout

    timeout: float | None
    if args.engine_timeout is not None:
        timeout = parse_timeout(args.engine_timeout, "--engine-timeout")
    elif os.environ.get(TIMEOUT_ENV):
        timeout = parse_timeout(os.environ[TIMEOUT_ENV])
    else:
        timeout = config.engine_timeout if config else None
    options = batch.Options(
        targets=targets,
        source_lang=normalize(args.source) if args.source else None,
        engine=args.engine or (config.engine if config else "auto"),
        glossaries=tuple(str(g) for g in glossaries),
        documents=args.output_kind in ("document", "both"),
        bitext_format=args.fmt if args.output_kind in ("bitext", "both") else None,
        localize_dates=args.localize_dates,
        native_digits=args.native_digits,
        engine_timeout=timeout,
    )
    if options.glossaries:
        from translate.glossary import load_glossaries

        load_glossaries(list(options.glossaries))  # a broken glossary fails once, here
    items = batch.collect(args.sources, args.include, args.exclude)
    workers = args.workers if args.workers is not None else (os.cpu_count() or 1)
    if workers < 1:
        raise UserError(_("--workers must be at least 1"))
    show = batch.bar_progress() if sys.stderr.isatty() else batch.plain_progress()
    summary = batch.run(items, options, args.output, workers=workers, progress=show, dask=args.dask)
    for ident, error in summary.failures:
        print(_("failed: {id}: {error}").format(id=ident, error=error), file=sys.stderr)
    if summary.drafts:
        print(
            _("{count} edited translation(s) kept; the new ones are beside them as .draft").format(
                count=summary.drafts
            ),
            file=sys.stderr,
        )
    terms = summary.terms
    print(
        _(
            "batch: {done} done, {skipped} skipped (already done), {failed} failed; terms: "
            "{enforced} enforced, {corrected} corrected, {ambiguous} ambiguous, {missing} missing"
        ).format(
            done=summary.done,
            skipped=summary.skipped,
            failed=summary.failed,
            enforced=terms["enforced"],
            corrected=terms["corrected"],
            ambiguous=terms["ambiguous"],
            missing=terms["missing"],
        ),
        file=sys.stderr,
    )
    return ExitCode.PROBLEMS if summary.failed else ExitCode.OK
