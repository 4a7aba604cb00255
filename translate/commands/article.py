"""``translate article``: an article in, aligned bilingual text and a term report out."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translate.commands._options import (
    add_config,
    add_engine,
    add_glossary,
    add_max_input,
    default_source,
    input_formats,
    make_translator,
    optional_config,
)
from translate.errors import ExitCode, UserError
from translate.i18n import _

if TYPE_CHECKING:  # pragma: no cover
    from translate.document import Bitext, Document
    from translate.pipeline import Translator


def register(commands: argparse._SubParsersAction) -> None:
    article = commands.add_parser(
        "article", help=_("translate an article and enforce glossary terms")
    )
    article.add_argument(
        "file",
        help=_(
            "article (.txt, .md, .html, .docx, .odt); - reads standard input, as text "
            "unless --input-format says otherwise"
        ),
    )
    article.add_argument(
        "--from",
        dest="source",
        metavar="LANG",
        help=_("source language (default: from the file name, e.g. story.en.txt, else en)"),
    )
    article.add_argument(
        "--to",
        dest="targets",
        metavar="LANG[,LANG]",
        help=_("target language(s), comma-separated (default: the config's target_langs)"),
    )
    add_engine(article)
    add_glossary(article)
    add_config(article)
    article.add_argument(
        "--format",
        "-f",
        dest="fmt",
        metavar="FORMAT",
        help=_(
            "output format: text, tsv, jsonl, tmx, xliff, xliff12, po, html, md "
            "(default: from -o's extension, else text)"
        ),
    )
    article.add_argument(
        "--input-format",
        choices=input_formats(),
        help=_(
            "how to read the article (default: by extension; .md is Markdown, .html "
            "HTML; standard input is text): give html for an HTML page on standard input"
        ),
    )
    article.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=_(
            "output file, or a pattern with {lang} for one file per language, e.g. "
            "'out/{stem}.{lang}{ext}' (default: stdout)"
        ),
    )
    article.add_argument(
        "--output-kind",
        choices=("document", "bitext"),
        help=_(
            "document: the translated article in its own format; bitext: aligned "
            "source and target (default: document when -o looks like story.es.md for "
            "story.en.md, else bitext)"
        ),
    )
    article.add_argument(
        "--report",
        metavar="FILE",
        help=_("term report: .json for JSON, - for a summary on stderr, else a text summary"),
    )
    article.add_argument(
        "--strict",
        action="store_true",
        help=_("exit 1 when any glossary term is missing or ambiguous (needs review)"),
    )
    article.add_argument(
        "--no-fuzzy",
        action="store_true",
        help=_("PO output: do not mark machine translations fuzzy"),
    )
    article.add_argument(
        "--localize-dates",
        action="store_true",
        help=_("write dates in datelines and bylines the target language's way (CLDR, Gregorian)"),
    )
    article.add_argument(
        "--native-digits",
        action="store_true",
        help=_("with --localize-dates: the language's own digits (Persian ۵, Arabic ٥)"),
    )
    article.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=_("show a progress bar on stderr (default: when stderr is a terminal)"),
    )
    add_max_input(article)

    article.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from translate.articles import article_format, load_article
    from translate.atomic import check_writable
    from translate.languages import normalize
    from translate.outputs import choose_kind, fields

    config = optional_config(args)
    source = default_source(args, config, args.file)
    if args.targets:
        targets = [normalize(t) for t in args.targets.split(",") if t.strip()]
    else:
        targets = list(config.target_langs) if config else []
    if not targets:
        raise UserError(
            _("--to needs at least one language"),
            hint=_("give --to, or target_langs in dragoman.toml"),
        )
    source_format = article_format(args.file, args.input_format).name
    kind = choose_kind(args.output_kind, args.fmt, args.output, args.file, source_format)
    per_lang = bool(args.output) and "lang" in fields(args.output)
    # Every output path is known and checked before any work is done.
    if kind == "document":
        writer = None
        outputs, reports = _document_paths(args, targets, per_lang)
        combined_report = args.report if args.report and "lang" not in fields(args.report) else None
        paths = [*outputs.values(), *reports.values(), args.report]
    else:
        writer = _bitext_writer(args, targets, per_lang)
        outputs, reports = {}, {}
        combined_report = args.report
        paths = [args.output, args.report]
    for path in paths:
        if path and path != "-":
            check_writable(path)

    translator = make_translator(args, config, source=source, targets=targets)
    original = args.file
    if args.file == "-" and getattr(article_format("-", args.input_format), "binary", False):
        original = _spool_stdin(args.input_format)  # a document is rebuilt from its bytes
    try:
        document = load_article(original, source, fmt=args.input_format, name=_shown(args.file))
        return _finish(
            args, translator, document, targets, original, writer, outputs, reports, combined_report
        )
    finally:
        if original != args.file:
            Path(original).unlink(missing_ok=True)


def _finish(
    args: argparse.Namespace,
    translator: Translator,
    document: Document,
    targets: list[str],
    original: str,
    writer: Any,
    outputs: dict[str, str],
    reports: dict[str, str | None],
    combined_report: str | None,
) -> int:
    """Translate ``document`` and write every output and report (paths checked)."""
    from translate import report
    from translate.atomic import atomic_write, write_atomically
    from translate.outputs import document_bytes
    from translate.terminal import for_terminal, is_terminal, visible

    bitexts = _translate(translator, document, targets, args.progress)

    if writer is None:
        for target, bitext in zip(targets, bitexts, strict=True):
            data = document_bytes(bitext, original)
            if outputs[target] == "-" and is_terminal(sys.stdout):
                sys.stdout.write(visible(data.decode("utf-8", errors="replace")))
                sys.stdout.flush()
            elif outputs[target] == "-":
                sys.stdout.flush()
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
            else:
                write_atomically(outputs[target], data)
            _write_report(reports[target], report.build([bitext]))
    elif args.output and args.output != "-":
        with atomic_write(args.output) as handle:
            writer.write(bitexts, handle)
    else:
        writer.write(bitexts, for_terminal(sys.stdout))
        sys.stdout.flush()

    summary = report.build(bitexts)
    _write_report(combined_report, summary)
    return ExitCode.PROBLEMS if args.strict and report.needs_review(summary) else ExitCode.OK


def _shown(path: str) -> str:
    return "<stdin>" if path == "-" else path


def _spool_stdin(fmt: str) -> str:
    """Standard input in a temporary file: a Word or OpenDocument file is read, and
    later rebuilt, from its bytes (the caller removes it)."""
    import tempfile

    from translate import inputs

    data = inputs.read_bytes("-", stdin=True)
    fd, path = tempfile.mkstemp(prefix="dragoman-stdin-", suffix=f".{fmt}")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return path


def _translate(
    translator: Translator, document: Document, targets: list[str], progress: bool | None
) -> list[Bitext]:
    """``translator.translate_all``, with a progress bar on stderr when one is wanted
    (each pair's engine behind :class:`translate.progress.EngineProgress`)."""
    from translate import progress as shown

    if not shown.wanted(progress):
        return translator.translate_all(document, targets)
    engines = {t: translator.engine_for(document.lang, t) for t in targets}
    with shown.bar(document.name) as bar:
        return [
            translator.translate(document, t, engine=shown.with_progress(engines[t], bar))
            for t in targets
        ]


def _document_paths(
    args: argparse.Namespace, targets: list[str], per_lang: bool
) -> tuple[dict[str, str], dict[str, str | None]]:
    """Each language's document (``-``: stdout) and report path, from ``-o``/``--report``."""
    from translate.outputs import expand, fields, report_beside

    if args.fmt:
        raise UserError(
            _("-f names a bitext format; a document is written in the article's own"),
            hint=_("drop -f, or use --output-kind bitext"),
        )
    if len(targets) > 1 and not per_lang:
        raise UserError(
            _("a document holds one language, and --to gives {count}").format(count=len(targets)),
            hint=_("put {lang} in -o, e.g. -o 'out/{stem}.{lang}{ext}'"),
        )
    outputs = {t: expand(args.output, args.file, t) if args.output else "-" for t in targets}
    # the report: as --report asks (with {lang}: one per language), else one beside each file
    reports: dict[str, str | None] = dict.fromkeys(targets)
    if args.report and "lang" in fields(args.report):
        reports = {t: expand(args.report, args.file, t) for t in targets}
    elif not args.report and args.output and args.output != "-":
        reports = {t: report_beside(outputs[t]) for t in targets}
    return outputs, reports


def _bitext_writer(args: argparse.Namespace, targets: list[str], per_lang: bool) -> Any:
    """The bitext format ``-f`` names, else the one of ``-o``'s extension, else text."""
    from translate import formats

    if per_lang:
        raise UserError(
            _("a bitext holds every language in one file: -o takes no {lang}"),
            hint=_("use --output-kind document for one file per language"),
        )
    if args.fmt:
        writer = formats.get(args.fmt)
    else:
        writer = (args.output and formats.for_path(args.output)) or formats.get("text")
    if len(targets) > 1 and getattr(writer, "WRITES_ONE_TARGET", False):
        raise UserError(
            _("{fmt} holds one target language, and --to gives {count}").format(
                fmt=writer.name, count=len(targets)
            ),
            hint=_("run once per language with its own -o, or use --format tmx"),
        )
    if args.no_fuzzy and writer.name == "po":
        from translate.formats.po import PoWriter

        writer = PoWriter(fuzzy=False)
    return writer


def _write_report(path: str | None, summary: dict) -> None:
    """``-``: a summary on stderr; ``.json``: JSON; else a text summary; atomically."""
    from translate import report
    from translate.atomic import atomic_write

    if path == "-":
        from translate.terminal import for_terminal

        for_terminal(sys.stderr).write(report.to_text(summary))
    elif path:
        text = report.to_json(summary) if path.endswith(".json") else report.to_text(summary)
        with atomic_write(path) as handle:
            handle.write(text)
