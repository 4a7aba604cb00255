"""Write a pre-translated catalog back changing only the entries that changed.

polib writes a whole catalog in its own layout: it re-wraps every string at its width and
puts the header fields in its own order, so a run that filled nothing still changed some
seventy lines of Django's admin catalog, and a review diff showed the translator noise
instead of the new strings.  gettext's tools (``msgmerge``) and translate-toolkit keep
what they did not change, and so does this: every entry that did not change, blank
line, comment and header field is written back byte for byte.  A changed entry keeps its
comments, ``msgctxt`` and ``msgid`` lines as they were; only its flags line (``#,``)
and its ``msgstr`` lines are new, written by polib.  Header fields keep their lines and
order; a changed field is rewritten in its place, a new one is added at the end.

:func:`render` gives ``None`` when nothing changed at all, so ``translate po -i`` writes
nothing (the file keeps its bytes and its modification time).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from translate import inputs
from translate.errors import FormatError
from translate.formats import po_syntax
from translate.i18n import _

if TYPE_CHECKING:  # pragma: no cover
    import polib

    from translate.editorial.po_catalog import CatalogFile

__all__ = ["render"]


def _state(entry: polib.POEntry) -> tuple[object, ...]:
    return (entry.msgstr, dict(entry.msgstr_plural), list(entry.flags), entry.obsolete)


def _quote(text: str) -> str:
    import polib

    return f'"{polib.escape(text)}"'


def _newline(lines: list[str]) -> str:
    return "\r\n" if lines and lines[0].endswith("\r\n") else "\n"


def _is_keyword(line: str, *words: str) -> bool:
    stripped = line.strip()
    return any(stripped.startswith(w) for w in words)


def _entry_lines(block: po_syntax.Block, entry: polib.POEntry, wrapwidth: int) -> list[str]:
    """``block`` with its flags line and ``msgstr`` lines as polib writes ``entry``'s."""
    newline = _newline(block.lines)
    rendered = entry.__unicode__(wrapwidth).split("\n")
    flags = [line for line in rendered if line.startswith("#,")]
    first = next(i for i, line in enumerate(rendered) if line.startswith("msgstr"))
    msgstr = [line for line in rendered[first:] if line]
    kept: list[str] = []
    for line in block.lines:
        if _is_keyword(line, "msgstr"):
            break
        if not line.strip().startswith("#,"):
            kept.append(line)
    at = next(
        (i for i, line in enumerate(kept) if _is_keyword(line, "#|", "msgctxt", "msgid")),
        len(kept),
    )
    lines = kept[:at] + [f + newline for f in flags] + kept[at:] + [m + newline for m in msgstr]
    if not block.lines[-1].endswith("\n"):
        lines[-1] = lines[-1].rstrip("\r\n")
    return lines


def _header_lines(block: po_syntax.Block, metadata: dict[str, str]) -> list[str]:
    """``block`` (the header entry) with changed fields rewritten in place and new ones
    added at the end; every other line as it was."""
    newline = _newline(block.lines)
    start = next(i for i, line in enumerate(block.lines) if _is_keyword(line, "msgstr"))
    head, body = block.lines[: start + 1], block.lines[start + 1 :]
    simple = block.lines[start].strip() == 'msgstr ""'
    fields: dict[str, int] = {}
    original: dict[str, str] = {}
    for i, line in enumerate(body):
        value = po_syntax.unescape(line.strip())
        key, colon, rest = value.partition(":")
        if not colon or not value.endswith("\n") or key in fields:
            simple = False
            break
        fields[key] = i
        original[key] = rest.strip()
    if not simple:
        head = [f'msgstr ""{newline}']
        body, fields, original = [], {}, {}
    out = list(body)
    for key, index in fields.items():
        if key not in metadata:
            out[index] = ""
        elif metadata[key] != original[key]:
            out[index] = _quote(f"{key}: {metadata[key]}\n") + newline
    for key, value in metadata.items():
        if key not in fields:
            out.append(_quote(f"{key}: {value}\n") + newline)
    lines = head + [line for line in out if line]
    if block.lines and not block.lines[-1].endswith("\n"):
        lines[-1] = lines[-1].rstrip("\r\n")
    return lines


def _new_header(metadata: dict[str, str]) -> str:
    lines = ['msgid ""\n', 'msgstr ""\n']
    lines += [_quote(f"{key}: {value}\n") + "\n" for key, value in metadata.items()]
    return "".join(lines) + "\n"


def render(loaded: CatalogFile, path: str | Path = "catalog") -> str | None:
    """The catalog's new text, or ``None`` when it is the text it was read from."""
    catalog = loaded.catalog
    before = inputs.load_po(path, text=loaded.text, wrapwidth=catalog.wrapwidth)
    blocks = po_syntax.blocks(loaded.text, path)
    header = next((b for b in blocks if b.msgid == "" and not b.obsolete), None)
    entry_blocks = [b for b in blocks if b.msgid is not None and b is not header]
    if len(entry_blocks) != len(before) or len(before) != len(catalog):
        raise FormatError(
            _("the catalog's entries could not be matched to its lines"),
            path=path,
            hint=_("check the file with msgfmt -c"),
        )
    changed = False
    texts: dict[int, str] = {}
    for block, old, new in zip(entry_blocks, before, catalog, strict=True):
        if block.msgid != new.msgid:
            raise FormatError(
                _("the catalog's entries could not be matched to its lines"),
                path=path,
                line=block.start,
                hint=_("check the file with msgfmt -c"),
            )
        if _state(old) != _state(new):
            texts[id(block)] = "".join(_entry_lines(block, new, catalog.wrapwidth))
            changed = True
    metadata = dict(catalog.metadata)
    prefix = ""
    if metadata != dict(before.metadata):
        changed = True
        if header is not None:
            texts[id(header)] = "".join(_header_lines(header, metadata))
        else:
            prefix = _new_header(metadata)
    if not changed:
        return None
    return prefix + "".join(texts.get(id(b), b.text) for b in blocks)
