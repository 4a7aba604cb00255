"""The one input layer: every reader gets its bytes, text, PO catalog or XML tree here.

Articles, glossaries, bitexts (JSONL, TMX, XLIFF, PO), PO catalogs and the CMS hook's
JSON all go through these functions, so a file is found, decoded and reported on the
same way whatever reads it:

* a missing file is ``no such file`` (glossaries say ``glossary file not found``, since
  their paths come from ``--glossary`` and the configuration), a folder is ``is a
  directory, not a file``, anything else the system refuses is ``cannot read it: ...``;
* text is UTF-8, with or without a BOM; UTF-16 and invalid UTF-8 are refused with the
  line and column of the first bad byte;
* PO files are parsed by one polib loader (:func:`load_po`), in the charset their header
  declares, and its errors name the line;
* XML is parsed without entity expansion or external entities (:mod:`translate.xmlsafe`);
  it says its own encoding (CAT tools write UTF-16 TMX), so the parser decodes it.

Every problem is the caller's kind of :class:`~translate.errors.UserError` (``error``:
:class:`~translate.errors.FormatError` by default, :class:`~translate.errors.GlossaryError`
for glossaries), naming the file.  What a format then finds wrong with the content
(empty, malformed) is the format's own message.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translate.errors import FormatError, UserError
from translate.i18n import _

if TYPE_CHECKING:  # pragma: no cover
    from xml.etree.ElementTree import Element

    import polib

__all__ = [
    "check_file",
    "check_json_values",
    "decode",
    "load_po",
    "max_input_bytes",
    "parse_json",
    "read_bytes",
    "read_text",
    "read_xml",
    "set_config_max_input_mb",
    "set_max_input_mb",
    "utf16_guess",
]

ErrorType = type[UserError]

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _not_found(
    path: str | Path, error: ErrorType, missing: str | None, hint: str | None
) -> UserError:
    return error(missing or _("no such file"), path=path, hint=hint or _("check the path"))


def _directory(path: str | Path, error: ErrorType) -> UserError:
    return error(_("is a directory, not a file"), path=path)


def check_file(
    path: str | Path,
    *,
    error: ErrorType = FormatError,
    missing: str | None = None,
    hint: str | None = None,
) -> Path:
    """``path`` as a :class:`Path` if it is a file; else ``error`` saying it is missing
    (``missing`` and ``hint`` replace ``no such file`` and ``check the path``) or a
    folder.  For callers that must say so before they know how to read the file."""
    file = Path(path)
    if file.is_dir():
        raise _directory(path, error)
    if not file.exists():
        raise _not_found(path, error, missing, hint)
    return file


DEFAULT_MAX_INPUT_MB = 100
"""The largest input read by default: a long feature is under 1 MB, a book 5 MB."""
MAX_INPUT_ENV = "DRAGOMAN_MAX_INPUT_MB"
_max_input_mb: int | None = None
_config_max_input_mb: int | None = None


def set_max_input_mb(megabytes: int | None) -> None:
    """The limit ``--max-input-mb`` gives for this run (None: the environment's, else
    :data:`DEFAULT_MAX_INPUT_MB`)."""
    global _max_input_mb
    if megabytes is not None and megabytes <= 0:
        raise UserError(
            _("--max-input-mb must be a positive number of megabytes"), hint=_("see --help")
        )
    _max_input_mb = megabytes


def set_config_max_input_mb(megabytes: int | None) -> None:
    """The limit ``max_input_mb`` in the configuration gives (None: not set there); the
    flag and the environment win over it, as they do for ``engine_timeout``."""
    global _config_max_input_mb
    _config_max_input_mb = megabytes


def max_input_bytes() -> int:
    """The largest input any reader takes: ``--max-input-mb``, else
    ``DRAGOMAN_MAX_INPUT_MB``, else ``max_input_mb`` in dragoman.toml, else
    :data:`DEFAULT_MAX_INPUT_MB` megabytes."""
    if _max_input_mb is not None:
        return _max_input_mb << 20
    value = os.environ.get(MAX_INPUT_ENV, "").strip()
    if not value:
        return (_config_max_input_mb or DEFAULT_MAX_INPUT_MB) << 20
    try:
        megabytes = int(value)
    except ValueError:
        megabytes = 0
    if megabytes <= 0:
        raise UserError(
            _("{name}={value!r} is not a positive number of megabytes").format(
                name=MAX_INPUT_ENV, value=value
            )
        )
    return megabytes << 20


def _too_large(path: str | Path, error: ErrorType, limit: int) -> UserError:
    return error(
        _("is larger than {limit} MB, the most this reads").format(limit=limit >> 20),
        path=path,
        hint=_("raise the limit with --max-input-mb or {name}").format(name=MAX_INPUT_ENV),
    )


def read_bytes(
    path: str | Path,
    *,
    error: ErrorType = FormatError,
    missing: str | None = None,
    hint: str | None = None,
    stdin: bool = False,
) -> bytes:
    """The bytes of the file at ``path`` (with ``stdin``, ``-`` is standard input).

    Raises ``error`` naming the file when it is missing (``missing`` and ``hint`` replace
    ``no such file`` and ``check the path``), a folder, unreadable, not a regular file
    (a device such as ``/dev/zero``, a pipe, a socket: reading one may never end), or
    larger than :func:`max_input_bytes`.
    """
    limit = max_input_bytes()
    if stdin and str(path) == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise _too_large("<stdin>", error, limit)
        return data
    file = Path(path)
    try:
        kind = file.stat().st_mode
        if not stat.S_ISREG(kind) and not stat.S_ISDIR(kind):
            raise error(
                _("is not a regular file (a device, a pipe or a socket)"),
                path=path,
                hint=_("give a file, or - for standard input"),
            )
        with file.open("rb") as handle:
            if os.fstat(handle.fileno()).st_size > limit:
                raise _too_large(path, error, limit)
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise _too_large(path, error, limit)
        return data
    except FileNotFoundError:
        raise _not_found(path, error, missing, hint) from None
    except IsADirectoryError:
        raise _directory(path, error) from None
    except PermissionError:
        if file.is_dir():  # Windows refuses to open a folder with EACCES
            raise _directory(path, error) from None
        raise error(_("cannot read it: permission denied"), path=path) from None
    except OSError as err:
        reason = err.strerror or str(err)
        raise error(_("cannot read it: {reason}").format(reason=reason), path=path) from None


def decode(
    data: bytes,
    path: str | Path,
    *,
    error: ErrorType = FormatError,
    hint: str | None = None,
) -> str:
    """``data`` as UTF-8 text; a BOM is dropped.

    UTF-16 (by its BOM) and invalid UTF-8 raise ``error`` naming ``path``, the line and
    the column of the first bad byte; ``hint`` replaces ``save it as UTF-8``.

    >>> decode(b"\\xef\\xbb\\xbfBaku", "a.txt")
    'Baku'
    >>> decode(b"Baku\\ncaf\\xe9", "a.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    translate.errors.FormatError: a.txt:2: is not valid UTF-8 (byte 0xe9 at column 4) (...)
    """
    if data.startswith(_UTF16_BOMS):
        raise error(_("is UTF-16 text, not UTF-8"), path=path, hint=hint or _("save it as UTF-8"))
    guess = utf16_guess(data)
    if guess:
        raise error(
            _("is probably {encoding} text without a byte-order mark, not UTF-8").format(
                encoding=guess
            ),
            path=path,
            hint=hint or _("save it as UTF-8"),
        )
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        line_start = data.rfind(b"\n", 0, err.start) + 1
        column = len(data[line_start : err.start].decode("utf-8", errors="replace")) + 1
        raise error(
            _("is not valid UTF-8 (byte 0x{byte:02x} at column {column})").format(
                byte=data[err.start], column=column
            ),
            path=path,
            line=line,
            hint=hint or _("save it as UTF-8"),
        ) from None


def utf16_guess(data: bytes) -> str | None:
    """``UTF-16LE`` or ``UTF-16BE`` when ``data`` reads as that (no BOM): in text of one or
    two scripts every other byte is one of a few values (0 for ASCII, 4 for Cyrillic),
    and the whole decodes to printable text.  Else None (UTF-8 text has no zero bytes).

    >>> utf16_guess("Baku talks".encode("utf-16-le"))
    'UTF-16LE'
    >>> utf16_guess(b"Baku talks") is None
    True
    """
    sample = data[:4096]
    if b"\x00" not in sample or len(sample) < 4:
        return None
    sample = sample[: len(sample) // 2 * 2]
    for encoding, high in (("UTF-16LE", sample[1::2]), ("UTF-16BE", sample[0::2])):
        common = Counter(high).most_common(2)
        if sum(count for _value, count in common) * 10 < len(high) * 9:  # not two values in 90 %
            continue
        try:
            text = sample.decode(encoding.lower().replace("utf-", "utf_"))
        except UnicodeDecodeError:
            continue
        if all(c.isprintable() or c.isspace() for c in text.rstrip("\x00")):
            return encoding
    return None


def read_text(
    path: str | Path,
    *,
    error: ErrorType = FormatError,
    missing: str | None = None,
    hint: str | None = None,
) -> str:
    """:func:`read_bytes` then :func:`decode`: the UTF-8 text of the file at ``path``."""
    return decode(read_bytes(path, error=error, missing=missing, hint=hint), path, error=error)


class _Lines(str):
    """Text that polib splits at line ends only.

    polib reads a file line by line, but splits a string with ``str.splitlines``, which
    also breaks at form feeds, U+0085 and U+2028; inside a quoted msgid those are text.
    """

    def splitlines(self, keepends: bool = False) -> list[str]:
        return self.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def load_po(
    path: str | Path,
    *,
    text: str | None = None,
    error: ErrorType = FormatError,
    wrapwidth: int = 78,
) -> polib.POFile:
    """The PO file at ``path`` (or ``text``, already read, which ``path`` names), parsed.

    The file's bytes are decoded with the charset its header declares (UTF-8 when it
    declares none, or ``CHARSET`` as a template does).  A syntax error raises ``error``
    with the line; ``wrapwidth`` is what the catalog is written back with.
    """
    import polib

    encoding = "utf-8"
    if text is None:
        text, encoding = read_po_text(path, error=error)
    try:
        po = polib.pofile(_Lines(text + "\n"), encoding=encoding, wrapwidth=wrapwidth)
    except (OSError, ValueError) as err:
        raise _po_error(err, path, error) from None
    po.fpath = str(path)  # as if polib had read the file: save() writes it back there
    return po


_CHARSET = re.compile(rb'"?Content-Type:[^"\n]*?charset=([\w\-:.]+)')


def read_po_text(path: str | Path, error: ErrorType = FormatError) -> tuple[str, str]:
    """The text of the PO file at ``path`` and its encoding: the charset its header
    declares, UTF-8 when it declares none or a template's ``CHARSET`` (a UTF-8 BOM is
    dropped)."""
    data = read_bytes(path, error=error)
    declared = _declared_charset(data)
    if declared is None:
        return decode(data, path, error=error), "utf-8"
    try:
        return data.decode(declared), declared
    except UnicodeDecodeError as err:
        raise error(
            _("invalid PO file: {message}").format(message=err.reason),
            path=path,
            line=data.count(b"\n", 0, err.start) + 1,
            hint=_("msgfmt -c shows the details"),
        ) from None


def _declared_charset(data: bytes) -> str | None:
    """The charset the header declares when it is one Python knows and not UTF-8."""
    found = _CHARSET.search(data[:65536])
    if not found:
        return None
    name = found.group(1).decode("ascii")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return None if codec == "utf-8" else name


def _po_error(err: Exception, path: str | Path, error: ErrorType) -> UserError:
    """polib's ``Syntax error in po file (line 3): unknown keyword x`` as one line."""
    message = str(err).splitlines()[0] if str(err) else type(err).__name__
    found = re.search(r"\(line (\d+)\)", message)
    reason = re.sub(r"\s*in po file\s*(?:\S.*?\s*)?\(line \d+\)|\s*\(line \d+\)", "", message)
    reason = reason.strip().rstrip(".")
    reason = reason[:1].lower() + reason[1:]
    return error(
        _("invalid PO file: {message}").format(message=reason),
        path=path,
        line=int(found.group(1)) if found else None,
        hint=_("msgfmt -c shows the details"),
    )


MAX_JSON_DEPTH = 200
"""Deepest nesting :func:`parse_json` takes (Python's parser overflows near 1000)."""


class _Refused(ValueError):
    pass


def parse_json(
    text: str,
    path: str | Path,
    *,
    line: int | None = None,
    error: ErrorType = FormatError,
    max_depth: int = MAX_JSON_DEPTH,
    max_digits: int | None = None,
) -> Any:
    """``text`` as JSON, or ``error`` naming ``path`` (and the line) for anything
    :func:`json.loads` would let through or crash on: malformed JSON, nesting deeper
    than ``max_depth`` (at most :data:`MAX_JSON_DEPTH`: deeper is a RecursionError), an
    integer of more than ``max_digits`` digits (Python's own limit, 4300, by default),
    ``NaN`` and ``Infinity`` (not JSON: writing them back gives invalid JSON) and a lone
    surrogate (``"\\ud800"``: no UTF-8 writer can write it).  ``line``: where ``text``
    starts in the file (JSON Lines).

    The one guard for untrusted JSON: files, JSON Lines records and the CMS hook's
    payloads all come through here."""
    import json

    def constant(name: str) -> Any:
        raise _Refused(_("{value} is not JSON (send numbers, or a string)").format(value=name))

    def bounded_int(digits: str) -> int:
        n = len(digits.lstrip("-"))
        if max_digits is not None and n > max_digits:
            raise _Refused(
                _("an integer of {n} digits (at most {limit})").format(n=n, limit=max_digits)
            )
        return int(digits)

    where = line or 1
    max_depth = min(max_depth, MAX_JSON_DEPTH)
    if _depth(text) > MAX_JSON_DEPTH:
        raise error(
            _("JSON nested deeper than {depth} levels").format(depth=max_depth),
            path=path,
            line=line,
        )
    try:
        value = json.loads(text, parse_constant=constant, parse_int=bounded_int)
    except json.JSONDecodeError as err:
        raise error(
            _("invalid JSON at line {line}, column {column}: {reason}").format(
                line=where + err.lineno - 1, column=err.colno, reason=err.msg
            ),
            path=path,
            line=line,
        ) from None
    except (ValueError, RecursionError) as err:  # digits over the limit, NaN
        reason = str(err).split(";")[0] if str(err) else type(err).__name__
        raise error(
            _("invalid JSON: {reason}").format(reason=reason), path=path, line=line
        ) from None
    check_json_values(value, path, line=line, error=error, max_depth=max_depth)
    return value


def _json_path(parts: tuple[Any, ...]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


def check_json_values(
    value: Any,
    path: str | Path,
    *,
    line: int | None = None,
    error: ErrorType = FormatError,
    max_depth: int = MAX_JSON_DEPTH,
) -> None:
    """Refuse what JSON can carry but no writer should echo: nesting deeper than
    ``max_depth``, strings with lone surrogates (they cannot be written as UTF-8), and
    ``NaN`` or infinite numbers (``1e999`` parses to infinity; a caller from Python can
    pass ``nan``).  Each error names the JSON path.  Walked without recursion, so any
    depth is safe to check."""
    import math

    stack: list[tuple[Any, tuple[Any, ...]]] = [(value, ())]
    while stack:
        item, at = stack.pop()
        if len(at) > max_depth:
            raise error(
                _("{where}: nested deeper than {limit} levels").format(
                    where=_json_path(at[:3]) + "...", limit=max_depth
                ),
                path=path,
                line=line,
            )
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise error(
                    _("{where}: a lone surrogate (\\u{code:04x}) is not text").format(
                        where=_json_path(at),
                        code=ord(next(c for c in item if "\ud800" <= c <= "\udfff")),
                    ),
                    path=path,
                    line=line,
                ) from None
        elif isinstance(item, float) and not math.isfinite(item):
            raise error(
                _("{where}: {value} is not JSON (send numbers, or a string)").format(
                    where=_json_path(at), value=item
                ),
                path=path,
                line=line,
            )
        elif isinstance(item, dict):
            for key, member in item.items():
                stack.append((key, at))
                stack.append((member, (*at, key)))
        elif isinstance(item, list):
            stack.extend((member, (*at, i)) for i, member in enumerate(item))


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKETS = re.compile(r"[\[\]{}]")


def _depth(text: str) -> int:
    """The deepest bracket nesting in ``text``, strings skipped (an upper bound is
    enough: it only decides whether to parse at all).

    >>> _depth('{"a": [1, "[[["], "b": {}}')
    2
    """
    depth = deepest = 0
    for found in _BRACKETS.finditer(_JSON_STRING.sub("", text)):
        if found.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def read_xml(path: str | Path, *, error: ErrorType = FormatError) -> Element:
    """The root element of the XML file at ``path``, parsed safely
    (:func:`translate.xmlsafe.parse_bytes`: no entities, no external references)."""
    from translate import xmlsafe

    return xmlsafe.parse_bytes(read_bytes(path, error=error), path, error=error)
