"""The lines of a PO file as gettext's own tools read them: checked, and cut into entries
with their exact text.

polib is lenient where ``msgfmt`` is not: it reads ``msgid "The house`` (no closing
quote) as ``The hous`` and writes that back, so a broken file would be "fixed" into a
different msgid.  :func:`check` refuses what ``msgfmt`` refuses for the file's syntax
(an unterminated string, a bad escape, a keyword in the wrong place, an entry without
``msgstr``), with the line, before polib sees the text.  :func:`msgfmt_check` then asks
GNU ``msgfmt`` itself, when it is installed, about what only it knows (format strings).

:func:`blocks` cuts the text into entries, each with its exact original text, so that a
catalog can be written back changing only the entries that changed
(:mod:`translate.editorial.po_rewrite`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from translate.errors import FormatError, UserError
from translate.i18n import _
from translate.inputs import ErrorType

__all__ = ["Block", "blocks", "check", "msgfmt_check", "unescape"]

_STRING = r'"(?:[^"\\]|\\(?:[ntbrfva"\\?]|[0-7]{1,3}|x[0-9A-Fa-f]+))*"'
_KEYWORD = re.compile(
    r"^(?P<keyword>msgctxt|msgid_plural|msgid|msgstr(?:\[(?P<index>\d+)\])?)[ \t]+(?P<rest>.*)$"
)
_FULL_STRING = re.compile(r"^" + _STRING + r"[ \t]*$")
_LOOSE_STRING = re.compile(r'^"(?:[^"\\]|\\.)*"[ \t]*$')
_OPEN_STRING = re.compile(r'^"(?:[^"\\]|\\.)*\\?$')
_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
MSGFMT_SECONDS = 30
"""How long ``msgfmt`` may take on one file before the check gives up on it."""


def unescape(quoted: str) -> str:
    """The text of one PO string literal, quotes included (``"a\\"b"`` -> ``a"b``)."""
    body = quoted.strip()[1:-1]

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code in _ESCAPES:
            return _ESCAPES[code]
        if code[0] in "01234567":
            return chr(int(code, 8))
        if code[0] == "x":
            return chr(int(code[1:], 16) % 0x110000)
        return code

    return re.sub(r"\\([0-7]{1,3}|x[0-9A-Fa-f]+|.)", one, body)


@dataclass
class Block:
    """One entry (or the comments at the end of a file) and its exact original text."""

    start: int
    """Its first line, 1-based."""
    lines: list[str]
    """Its lines, each with its own line end."""
    msgctxt: str | None = None
    msgid: str | None = None
    obsolete: bool = False

    @property
    def text(self) -> str:
        return "".join(self.lines)


def _strip_end(line: str) -> str:
    return line.rstrip("\r\n")


def _split_lines(text: str) -> list[str]:
    """Lines with their ends, split at ``\\n`` only (a form feed is part of a line)."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _bad(message: str, path: str | Path, line: int, error: ErrorType) -> UserError:
    return error(
        _("invalid PO file: {message}").format(message=message),
        path=path,
        line=line,
        hint=_("msgfmt -c shows the details"),
    )


def _string_problem(rest: str) -> str | None:
    """What is wrong with the string part of a line, or None."""
    rest = rest.rstrip()
    if _FULL_STRING.match(rest):
        return None
    if not rest.startswith('"'):
        return _("a string must start with a double quote")
    if _LOOSE_STRING.match(rest):
        return _("invalid escape sequence")
    if _OPEN_STRING.match(rest):
        return _("end-of-line within string")
    return _("text after the closing quote")


def blocks(text: str, path: str | Path = "catalog", error: ErrorType = FormatError) -> list[Block]:
    """The entries of ``text`` in file order, checked as ``msgfmt`` checks the syntax.

    Raises ``error`` naming the line of the first problem.
    """
    out: list[Block] = []
    current: Block | None = None
    state = "start"  # start | comment | msgctxt | msgid | msgid_plural | msgstr
    last_keyword_line = 0

    def close(number: int) -> None:
        nonlocal current, state
        if current is not None:
            if state in ("msgctxt", "msgid", "msgid_plural"):
                raise _bad(_("missing msgstr"), path, last_keyword_line, error)
            out.append(current)
        current, state = None, "start"

    for number, raw in enumerate(_split_lines(text), start=1):
        line = _strip_end(raw).strip()
        obsolete = False
        if line.startswith("#~"):
            obsolete = True
            line = line[2:].strip()
            if not line or line.startswith(("#", "|")):
                line = "#"  # an obsolete comment line
        if not line:
            close(number)
            out.append(Block(start=number, lines=[raw]))  # blank lines stay between blocks
            continue
        if (line.startswith("#") and not obsolete) or line == "#":
            if state == "msgstr":
                close(number)
            if current is None:
                current = Block(start=number, lines=[])
            current.lines.append(raw)
            state = "comment" if state in ("start", "comment") else state
            continue
        keyword = _KEYWORD.match(line)
        if keyword:
            name = keyword["keyword"]
            kind = "msgstr" if name.startswith("msgstr") else name
            if kind in ("msgctxt", "msgid") and state == "msgstr":
                close(number)
            if current is None:
                current = Block(start=number, lines=[], obsolete=obsolete)
            allowed = {
                "msgctxt": ("start", "comment"),
                "msgid": ("start", "comment", "msgctxt"),
                "msgid_plural": ("msgid",),
                "msgstr": ("msgid", "msgid_plural", "msgstr"),
            }[kind]
            if state not in allowed:
                raise _bad(
                    _("keyword {keyword!r} in the wrong place").format(keyword=name),
                    path,
                    number,
                    error,
                )
            if kind == "msgstr" and state == "msgstr" and keyword["index"] is None:
                raise _bad(_("two msgstr in one entry"), path, number, error)
            problem = _string_problem(keyword["rest"])
            if problem:
                raise _bad(problem, path, number, error)
            current.obsolete = current.obsolete or obsolete
            value = unescape(keyword["rest"])
            if kind == "msgctxt":
                current.msgctxt = value
            elif kind == "msgid":
                current.msgid = value
            state, last_keyword_line = kind, number
            current.lines.append(raw)
            continue
        if line.startswith('"'):
            if state not in ("msgctxt", "msgid", "msgid_plural", "msgstr") or current is None:
                raise _bad(_("a string without a keyword"), path, number, error)
            problem = _string_problem(line)
            if problem:
                raise _bad(problem, path, number, error)
            if state == "msgctxt" and current.msgctxt is not None:
                current.msgctxt += unescape(line)
            elif state == "msgid" and current.msgid is not None:
                current.msgid += unescape(line)
            current.lines.append(raw)
            continue
        raise _bad(_("syntax error"), path, number, error)
    close(0)
    return out


def check(text: str, path: str | Path = "catalog", error: ErrorType = FormatError) -> None:
    """Raise ``error`` (with the line) when ``msgfmt`` would refuse the syntax of ``text``."""
    blocks(text, path, error)


def msgfmt_check(
    text: str, path: str | Path, encoding: str = "utf-8", error: ErrorType = FormatError
) -> None:
    """Ask GNU ``msgfmt`` about ``text``, the file at ``path`` as decoded (a UTF-8 BOM,
    which msgfmt refuses, already dropped): syntax, format strings, domain.  Nothing
    happens when msgfmt is not installed.

    The header is not part of this check (``--check-header``): a missing
    ``Plural-Forms`` is what ``translate po`` fills in, and the header's values are
    checked in Python (:func:`translate.editorial.po_catalog.check_header`).
    """
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return
    env = {**os.environ, "LC_ALL": "C", "LANGUAGE": ""}
    try:
        result = subprocess.run(
            [msgfmt, "--check-format", "--check-domain", "-o", os.devnull, "-"],
            input=text.encode(encoding, errors="replace"),
            capture_output=True,
            timeout=MSGFMT_SECONDS,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise error(
            _("msgfmt took more than {seconds} seconds on this file").format(
                seconds=MSGFMT_SECONDS
            ),
            path=path,
            hint=_("check the file with msgfmt -c"),
        ) from None
    except OSError:
        return
    if result.returncode == 0:
        return
    stderr = result.stderr.decode("utf-8", errors="replace").splitlines()
    for line in stderr:
        found = re.match(r"<stdin>:(\d+):(?:\d+:)?\s*(.*)$", line)
        if found and "warning:" not in found.group(2):
            raise _bad(found.group(2).strip(), path, int(found.group(1)), error)
    first = next((x for x in stderr if x.strip()), "msgfmt failed")
    raise error(
        _("invalid PO file: {message}").format(message=first.replace("<stdin>", str(path))),
        path=path,
        hint=_("msgfmt -c shows the details"),
    )
