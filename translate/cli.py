"""The ``translate`` command: argument parsing, output files and exit codes, nothing more.

Exit status: 0 success; 1 a check found problems (``--strict`` and a missing term, lint
errors); 2 bad input or usage, as one line on stderr.  Heavy imports (engines, Babel
data, argostranslate) happen inside the commands so that ``translate --help`` is fast
and never imports torch.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from translate import __version__
from translate.errors import UserError
from translate.i18n import _

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 like every other bad input."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UserError(f"{self.prog}: {message}", hint=_("see --help"))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="translate",
        description=_(
            "Translate news articles offline and spell every glossary name the desk's way."
        ),
    )
    parser.add_argument("--version", action="version", version=f"dragoman {__version__}")
    parser.add_argument("--ui-lang", metavar="LANG", help=_("language of the interface"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    article = commands.add_parser(
        "article", help=_("translate an article and enforce glossary terms")
    )
    article.add_argument("file", help=_("article (.txt or .md); - reads standard input"))
    article.add_argument(
        "--from", dest="source", metavar="LANG",
        help=_("source language (default: from the file name, e.g. story.en.txt, else en)"),
    )
    article.add_argument(
        "--to", dest="targets", metavar="LANG[,LANG]", required=True,
        help=_("target language(s), comma-separated"),
    )
    article.add_argument(
        "--engine", default="auto",
        help=_("translation engine: auto (default), argos, apertium, or a plugin"),
    )
    article.add_argument(
        "--glossary", "-g", action="append", default=[], metavar="FILE",
        help=_("glossary (.yaml, .tsv, .csv); repeat for several, the last wins on conflict"),
    )
    article.add_argument(
        "--format", "-f", dest="fmt", metavar="FORMAT",
        help=_("output format: text, tsv, jsonl (default: from -o's extension, else text)"),
    )
    article.add_argument(
        "--input-format", choices=("text", "markdown"),
        help=_("how to read the article (default: by extension; .md is Markdown)"),
    )
    article.add_argument("-o", "--output", metavar="FILE", help=_("output file (default: stdout)"))
    article.add_argument(
        "--report", metavar="FILE",
        help=_("term report: .json for JSON, - for a summary on stderr, else a text summary"),
    )
    article.add_argument(
        "--strict", action="store_true", help=_("exit 1 when any glossary term is missing")
    )

    glossary = commands.add_parser("glossary", help=_("work with glossaries"))
    gcommands = glossary.add_subparsers(dest="glossary_command", metavar="COMMAND", parser_class=_Parser)
    lint = gcommands.add_parser("lint", help=_("check glossaries for mistakes"))
    lint.add_argument("files", nargs="+", metavar="FILE")
    lint.add_argument("--from", dest="source", metavar="LANG", help=_("source language of pair TSV/CSV files"))
    lint.add_argument("--to", dest="target", metavar="LANG", help=_("target language of pair TSV/CSV files"))

    commands.add_parser("languages", help=_("installed language pairs per engine"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(argv)
    except UserError as err:
        print(_("translate: error: {message}").format(message=err), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(_("translate: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.ui_lang:
        from translate.i18n import set_language

        set_language(args.ui_lang)
    if args.command == "article":
        return cmd_article(args)
    if args.command == "glossary" and args.glossary_command == "lint":
        return cmd_glossary_lint(args)
    if args.command == "languages":
        return cmd_languages(args)
    parser.print_help()
    return EXIT_USAGE


def _source_lang(args: argparse.Namespace) -> str:
    from translate.languages import is_known, normalize

    if args.source:
        return normalize(args.source)
    suffixes = Path(args.file).suffixes
    if len(suffixes) >= 2 and is_known(suffixes[-2][1:]):
        return normalize(suffixes[-2][1:])
    return "en"


def cmd_article(args: argparse.Namespace) -> int:
    from translate import engines, formats, report
    from translate.articles import load_article
    from translate.atomic import atomic_write, check_writable
    from translate.glossary import load_glossaries
    from translate.glossary.model import Glossary
    from translate.languages import normalize
    from translate.pipeline import Pipeline

    source = _source_lang(args)
    targets = [normalize(t) for t in args.targets.split(",") if t.strip()]
    if not targets:
        raise UserError(_("--to needs at least one language"))
    if args.fmt:
        writer = formats.get(args.fmt)
    else:
        writer = (args.output and formats.for_path(args.output)) or formats.get("text")
    for path in (args.output, args.report):
        if path and path != "-":
            check_writable(path)

    glossary = (
        load_glossaries(args.glossary, source_lang=source, target_lang=targets[0])
        if args.glossary
        else Glossary(name="none")
    )
    document = load_article(args.file, source, fmt=args.input_format)
    chosen = {t: engines.choose(args.engine, source, t) for t in targets}
    pipeline = Pipeline(glossary)
    bitexts = [pipeline.translate(document, chosen[t], t) for t in targets]

    if args.output and args.output != "-":
        with atomic_write(args.output) as handle:
            writer.write(bitexts, handle)
    else:
        writer.write(bitexts, sys.stdout)
        sys.stdout.flush()

    summary = report.build(bitexts)
    if args.report == "-":
        sys.stderr.write(report.to_text(summary))
    elif args.report:
        text = report.to_json(summary) if args.report.endswith(".json") else report.to_text(summary)
        with atomic_write(args.report) as handle:
            handle.write(text)
    return EXIT_PROBLEMS if args.strict and report.has_missing(summary) else EXIT_OK


def cmd_glossary_lint(args: argparse.Namespace) -> int:
    from translate.glossary.lint import lint

    issues = lint(args.files, source_lang=args.source, target_lang=args.target)
    for issue in issues:
        print(issue.format())
    errors = sum(1 for i in issues if i.severity == "error")
    warnings = len(issues) - errors
    print(
        _("{files} file(s) checked: {errors} error(s), {warnings} warning(s)").format(
            files=len(args.files), errors=errors, warnings=warnings
        ),
        file=sys.stderr,
    )
    return EXIT_PROBLEMS if errors else EXIT_OK


def cmd_languages(args: argparse.Namespace) -> int:
    from translate import engines
    from translate.i18n import current_language
    from translate.languages import display_name

    ui = current_language()
    for name in engines.available():
        try:
            engine = engines.load(name)
            pairs = engine.pairs()
        except UserError as err:
            print(f"{name}: {err}")
            continue
        print(f"{name}:")
        if not pairs:
            print("  " + _("(no pairs installed)") + "  " + engine.missing_pair_hint("en", "es"))
        for pair in pairs:
            print(
                f"  {pair.source}-{pair.target}  {display_name(pair.source, ui)} → "
                f"{display_name(pair.target, ui)}" + (f"  ({pair.detail})" if pair.detail else "")
            )
    return EXIT_OK
