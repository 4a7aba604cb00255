"""Errors that reach users as a one-line message with exit status 2, and the exit codes.

:class:`UserError` is bad input or usage.  Its subclasses say what kind, so that library
callers and tests catch by type rather than by message text; they print exactly as
:class:`UserError` does:

* :class:`GlossaryError`: a glossary file cannot be read or is malformed;
* :class:`FormatError`: an article or bitext file cannot be read in its format;
* :class:`LanguageError`: a language code that is unknown, empty or not usable here;
* :class:`EngineError`: no engine, or no engine for a language pair, or it failed.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """The exit status of every ``translate`` command."""

    OK = 0
    """Success."""
    PROBLEMS = 1
    """A check found problems: glossary violations, lint errors, terms missing under
    ``--strict``, failed articles."""
    USAGE = 2
    """Bad input or usage, with a one-line message on stderr."""
    INTERRUPTED = 130
    """Stopped by Ctrl-C (128 + SIGINT, as shells report it)."""


class UserError(Exception):
    """Bad input or usage: the CLI prints ``str(err)`` on one line and exits with 2.

    Carries the file (and line) so that every message can name where the problem is,
    and a hint so that it can say what to do about it.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return " ".join(text.split("\n"))


class GlossaryError(UserError):
    """A glossary file is missing, unreadable or malformed, or cannot be written."""


class FormatError(UserError):
    """An article or bitext file cannot be read (or written) in its format."""


class LanguageError(UserError):
    """A language code is unknown or empty, or the language is not usable here."""


class EngineError(UserError):
    """No translation engine, no engine for a language pair, or an engine failed."""
