"""Reading bitexts by file extension: ``read(path) -> list[Bitext]``.

The formats that can read are those of :data:`translate.formats.BITEXT_FORMATS` with a
``read`` (JSONL, TMX, XLIFF, PO); an XLIFF 1.2 file is read through ``.xlf`` as well,
since :mod:`translate.formats.xliff` hands it on by its root element.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from translate import inputs
from translate.document import Bitext
from translate.errors import FormatError
from translate.formats import BITEXT_FORMATS
from translate.formats.base import Reader
from translate.i18n import _
from translate.registry import Registry

__all__ = ["READERS", "is_bitext", "reader", "read"]

READERS: Registry[Reader] = Registry(
    "bitext reader", (fmt for fmt in BITEXT_FORMATS if isinstance(fmt, Reader))
)
"""The bitext formats that can read."""


def is_bitext(path: str | Path) -> bool:
    """Whether ``path`` has the extension of a bitext format that can be read."""
    return READERS.for_path(path) is not None


def reader(path: str | Path) -> Callable[[str | Path], list[Bitext]]:
    """The ``read`` function for ``path``'s extension; FormatError if there is none."""
    fmt = READERS.for_path(path)
    if fmt is None:
        suffix = Path(path).suffix.lower()
        if BITEXT_FORMATS.for_path(path) is not None:  # written (.tsv, .html), not read
            raise FormatError(
                _("reading {suffix} files is not available in this version").format(suffix=suffix),
                path=path,
            )
        raise FormatError(
            _("not a bitext format: {suffix}").format(suffix=suffix or _("(no extension)")),
            path=path,
            hint=_("bitexts are {extensions} files").format(
                extensions=", ".join(sorted(READERS.extensions()))
            ),
        )
    return fmt.read


def read(path: str | Path) -> list[Bitext]:
    """All bitexts in the file at ``path``, read by the format of its extension."""
    inputs.check_file(path)
    return reader(path)(path)
