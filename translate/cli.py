"""The ``translate`` command: argument parsing and exit codes; commands live in
:mod:`translate.commands`.

Exit status (:class:`translate.errors.ExitCode`): 0 success; 1 a check found problems
(``--strict`` and a missing or ambiguous term, lint errors); 2 bad input or usage, as one
line on stderr.  Heavy imports (engines, Babel data, argostranslate) happen inside the
commands so that ``translate --help`` is fast and never imports torch.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from translate import __version__
from translate.errors import ExitCode, UserError
from translate.i18n import _, available_languages


class Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 like every other bad input."""

    def error(self, message: str) -> NoReturn:
        raise UserError(f"{self.prog}: {message}", hint=_("see --help"))


def build_parser() -> argparse.ArgumentParser:
    from translate.commands import register_all

    parser = Parser(
        prog="translate",
        description=_(
            "Translate news articles offline and spell every glossary name the desk's way."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"dragoman {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--ui-lang",
        metavar="LANG",
        help=_(
            "language of the interface: {languages} (default: from LANGUAGE, LC_ALL, LANG)"
        ).format(languages=", ".join(["en", *available_languages()])),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    register_all(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(argv)
    except UserError as err:
        print(_("translate: error: {message}").format(message=err), file=sys.stderr)
        return ExitCode.USAGE
    except KeyboardInterrupt:
        print(_("translate: interrupted"), file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()
        return ExitCode.OK


def _ui_lang(argv: Sequence[str]) -> str | None:
    """``--ui-lang`` from the command line, found before argparse builds any help text."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--ui-lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--ui-lang="):
            return arg.split("=", 1)[1]
    return None


def _run(argv: Sequence[str] | None) -> int:
    from translate.i18n import is_locale, set_language, translate_argparse

    argv = list(sys.argv[1:] if argv is None else argv)
    ui_lang = _ui_lang(argv)
    set_language(ui_lang)  # before any _() below: help texts are built in it
    if ui_lang is not None and not is_locale(ui_lang):
        raise UserError(
            _("unknown interface language {lang!r}").format(lang=ui_lang),
            hint=_("use a language code such as es, fa, az or ru"),
        )
    translate_argparse()
    parser = build_parser()
    args = parser.parse_args(argv)
    run = getattr(args, "run", None)
    if run is None:
        parser.print_help()
        return ExitCode.USAGE
    return run(args)
