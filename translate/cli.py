"""The ``translate`` command: argument parsing and exit codes; commands live in
:mod:`translate.commands`.

Exit status: 0 success; 1 a check found problems (``--strict`` and a missing term, lint
errors); 2 bad input or usage, as one line on stderr.  Heavy imports (engines, Babel
data, argostranslate) happen inside the commands so that ``translate --help`` is fast
and never imports torch.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from translate import __version__
from translate.errors import UserError
from translate.i18n import _

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 like every other bad input."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UserError(f"{self.prog}: {message}", hint=_("see --help"))


def build_parser() -> argparse.ArgumentParser:
    from translate.commands import register_all

    parser = Parser(
        prog="translate",
        description=_(
            "Translate news articles offline and spell every glossary name the desk's way."
        ),
    )
    parser.add_argument("--version", action="version", version=f"dragoman {__version__}")
    parser.add_argument("--ui-lang", metavar="LANG", help=_("language of the interface"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    register_all(commands)
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
    run = getattr(args, "run", None)
    if run is None:
        parser.print_help()
        return EXIT_USAGE
    return run(args)
