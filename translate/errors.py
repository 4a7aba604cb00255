"""The one exception type that reaches users as a one-line message with exit status 2."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """The exit statuses every command uses (see README, Exit status)."""

    OK = 0
    PROBLEMS = 1
    """A check found problems (glossary violations, terms to review under --strict)."""
    USAGE = 2
    """Bad input or usage: one line on stderr."""


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
