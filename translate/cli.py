"""The ``translate`` command: argument parsing and exit codes; commands live in
:mod:`translate.commands`.

Exit status (:class:`translate.errors.ExitCode`): 0 success; 1 a check found problems
(``--strict`` and a missing or ambiguous term, lint errors); 2 bad input or usage, or an
output that cannot be written (a full disk), as one line on stderr; 130 Ctrl-C and 143
SIGTERM, each with one line, after the atomic writers removed their temporary files.

Heavy imports (engines, Babel data, argostranslate) happen inside the
commands so that ``translate --help`` is fast and never imports torch.
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any, NoReturn

from translate import __version__
from translate.errors import ExitCode, UserError
from translate.i18n import _, available_languages
from translate.terminal import is_terminal, visible


class Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 like every other bad input."""

    def error(self, message: str) -> NoReturn:
        raise UserError(f"{self.prog}: {message}", hint=_("see --help"))


def build_parser() -> argparse.ArgumentParser:
    from translate.commands import register_all
    from translate.commands._options import add_max_input

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
    add_max_input(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    register_all(commands)
    return parser


_WRITE_ERRORS = {errno.ENOSPC, errno.EFBIG, errno.EIO, errno.EROFS, errno.EDQUOT, errno.EBADF}
"""What writing to standard output can fail with (a full disk, /dev/full)."""

TERMINATED = 128 + signal.SIGTERM
"""The exit status after SIGTERM (143), as shells report a process the signal ended."""


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that ``finally`` blocks and the atomic
    writers clean up as for Ctrl-C (a BaseException: nothing catches it by mistake)."""


def _terminate(signum: int, frame: object) -> NoReturn:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    previous = _on_sigterm(_terminate)
    try:
        return _run(argv)
    except UserError as err:
        # a message can quote the input (a term, a line): shown, never obeyed
        message = _("translate: error: {message}").format(message=err)
        print(visible(message) if is_terminal(sys.stderr) else message, file=sys.stderr)
        return ExitCode.USAGE
    except KeyboardInterrupt:
        print(_("translate: interrupted"), file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Terminated:
        _on_sigterm(signal.SIG_IGN)  # a second TERM while we say so is not a traceback
        _quiet_stdout()
        print(_("translate: terminated; a file being written was left as it was"), file=sys.stderr)
        return TERMINATED
    except BrokenPipeError:
        _quiet_stdout()
        sys.stderr.close()
        return ExitCode.OK
    except OSError as err:
        # What the writers did not turn into a UserError: standard output on a full
        # disk or /dev/full, a closed descriptor.
        _quiet_stdout()
        reason = err.strerror or str(err)
        if err.filename:
            message = f"{err.filename}: {reason}"
        elif err.errno in _WRITE_ERRORS:
            message = _("cannot write {where}: {reason}").format(
                where=_("standard output"), reason=reason
            )
        else:
            message = reason
        print(_("translate: error: {message}").format(message=message), file=sys.stderr)
        return ExitCode.USAGE
    finally:
        if previous is not None:
            _on_sigterm(previous)


def _on_sigterm(handler: Any) -> Any:
    """Install ``handler`` for SIGTERM and return the one it replaces (None where
    signals cannot be set: not the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, handler)


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of what
    could not be written does not print a second error at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


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
    from translate.inputs import set_max_input_mb

    set_max_input_mb(getattr(args, "max_input_mb", None))
    run = getattr(args, "run", None)
    if run is None:
        parser.print_help()
        return ExitCode.USAGE
    return run(args)
