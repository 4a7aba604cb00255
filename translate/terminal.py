"""Text for a person's terminal: control characters shown, never obeyed.

An article from outside can hold ESC and BEL bytes; printed raw to a terminal they set
the window title, clear the screen or rewrite what was shown.  Where the CLI writes to
a terminal (the side-by-side view, the report on stderr, an error line) each control
character becomes a visible stand-in of the same width (ESC -> ␛, BEL -> ␇, C1 controls
-> �), so the columns stay aligned.  Files and pipes get the bytes as they are: a data
format's reader must see the text itself.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

__all__ = ["VisibleWriter", "for_terminal", "is_terminal", "visible"]

# C0 controls but tab and line feed, a carriage return not ending a line, DEL, C1.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f\x80-\x9f]|\r(?!\n)")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ ... ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def visible(text: str) -> str:
    """``text`` with every control character but tab and line ends made visible.

    >>> visible("Baku\\x1b]0;owned\\x07 talks")
    'Baku␛]0;owned␇ talks'
    >>> visible("line\\r\\nnext\\tcell")
    'line\\r\\nnext\\tcell'
    """
    return _CONTROLS.sub(_picture, text)


def is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class VisibleWriter:
    """A text stream that writes :func:`visible` text to the stream it wraps."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, encoding, fileno ...
        return getattr(self.stream, name)


def for_terminal(stream: TextIO) -> TextIO:
    """``stream`` itself, or behind a :class:`VisibleWriter` when it is a terminal."""
    if is_terminal(stream):
        return VisibleWriter(stream)  # type: ignore[return-value]
    return stream
