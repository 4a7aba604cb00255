"""``translate glossary ...``: glossary tools (lint)."""

from __future__ import annotations

import argparse
import sys

from translate.i18n import _

EXIT_OK, EXIT_PROBLEMS = 0, 1


def register(commands: argparse._SubParsersAction) -> None:
    glossary = commands.add_parser("glossary", help=_("work with glossaries"))
    gcommands = glossary.add_subparsers(dest="glossary_command", metavar="COMMAND")
    glossary.set_defaults(run=lambda args: _usage(glossary))
    lint = gcommands.add_parser("lint", help=_("check glossaries for mistakes"))
    lint.add_argument("files", nargs="+", metavar="FILE")
    lint.add_argument("--from", dest="source", metavar="LANG", help=_("source language of pair TSV/CSV files"))
    lint.add_argument("--to", dest="target", metavar="LANG", help=_("target language of pair TSV/CSV files"))

    lint.set_defaults(run=run_lint)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def run_lint(args: argparse.Namespace) -> int:
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


