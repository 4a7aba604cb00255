"""Bitext readers by file extension: ``read(path) -> list[Bitext]``.

Each input format lives in its own module with a ``read`` function; this table only
says which module reads which extension.  Modules are imported when a file of theirs
is read, so a format whose module is not there (or has no ``read`` yet) fails with a
clear :class:`~translate.errors.UserError` instead of at import time.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from translate.document import Bitext
from translate.errors import UserError
from translate.i18n import _

__all__ = ["READERS", "is_bitext", "reader", "read"]

READERS: dict[str, str] = {
    ".jsonl": "translate.formats.jsonl",
    ".ndjson": "translate.formats.jsonl",
    ".tmx": "translate.formats.tmx",
    ".xlf": "translate.formats.xliff",
    ".xliff": "translate.formats.xliff",
    ".po": "translate.formats.po",
}


def is_bitext(path: str | Path) -> bool:
    """Whether ``path`` has the extension of a bitext format (JSONL, TMX, XLIFF, PO)."""
    return Path(path).suffix.lower() in READERS


def reader(path: str | Path):
    """The ``read`` function for ``path``'s extension; UserError if there is none."""
    suffix = Path(path).suffix.lower()
    module_name = READERS.get(suffix)
    if module_name is None:
        raise UserError(
            _("not a bitext format: {suffix}").format(suffix=suffix or _("(no extension)")),
            path=path,
            hint=_("bitexts are {extensions} files").format(extensions=", ".join(sorted(READERS))),
        )
    try:
        module = import_module(module_name)
    except ModuleNotFoundError as err:
        if err.name != module_name:
            raise
        module = None
    read_fn = getattr(module, "read", None)
    if read_fn is None:
        raise UserError(
            _("reading {suffix} files is not available in this version").format(suffix=suffix),
            path=path,
        )
    return read_fn


def read(path: str | Path) -> list[Bitext]:
    """All bitexts in the file at ``path``, read by the module for its extension."""
    if not Path(path).exists():
        raise UserError(_("no such file"), path=path, hint=_("check the path"))
    return reader(path)(path)
