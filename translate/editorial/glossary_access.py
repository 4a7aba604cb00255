"""Which glossary files a request may name.

A CMS article (``translate hook``) or an HTTP request names its glossaries: a name
(``caucasus``: a ``.yaml``/``.yml``/``.tsv``/``.csv`` file of that stem in a glossary
folder) or a path.  On a desk's own machine any path is fine.  A service is another
matter: whoever can send it a request must not make it read any file the service
account can (``/etc/passwd``, another desk's private glossary, a FIFO that never
ends).  Confined, a reference must be a name, or a path that resolves (symbolic links
followed) inside one of the configured glossary folders; whether a file outside exists
is never said.

:func:`resolve_glossary` is the one place that decides it, for the CMS hook and the
server alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from translate.errors import UserError
from translate.i18n import _

__all__ = ["GLOSSARY_SUFFIXES", "resolve_glossary", "inside_any"]

GLOSSARY_SUFFIXES = (".yaml", ".yml", ".tsv", ".csv")


def inside_any(path: Path, folders: Sequence[Path]) -> bool:
    """Whether ``path`` (symbolic links followed) is inside one of ``folders``."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError, ValueError):
        return False
    for folder in folders:
        try:
            real.relative_to(folder.resolve())
            return True
        except (OSError, RuntimeError, ValueError):
            continue
    return False


def _names(folders: Sequence[Path]) -> list[str]:
    found: set[str] = set()
    for folder in folders:
        if folder.is_dir():
            found.update(p.stem for p in folder.iterdir() if p.suffix.lower() in GLOSSARY_SUFFIXES)
    return sorted(found)


def resolve_glossary(
    ref: str,
    folders: Sequence[str | Path],
    *,
    confined: bool,
    where: str = "glossaries",
    name: str | None = None,
) -> Path:
    """The file a request's glossary reference ``ref`` names.

    ``folders`` are the glossary folders, in order: a bare name is looked up in each.
    ``confined`` (a service): a path must also resolve inside one of them, else a
    :class:`UserError`; not confined (a desk's own machine), any existing file is
    taken.  ``where`` is the reference's place in the request (``$.glossaries[0]``) and
    ``name`` the request's, both for the message.
    """
    dirs = [Path(f) for f in folders]
    bare = "/" not in ref and "\\" not in ref and ref not in ("", ".", "..") and "\x00" not in ref
    if bare:
        for folder in dirs:
            for candidate in [folder / ref] + [folder / f"{ref}{s}" for s in GLOSSARY_SUFFIXES]:
                if candidate.is_file() and (not confined or inside_any(candidate, dirs)):
                    return candidate
    given = Path(ref) if "\x00" not in ref else None
    if confined:
        if given is not None and not bare and inside_any(given, dirs) and given.is_file():
            return given
        if given is not None and not bare and not inside_any(given, dirs):
            raise UserError(
                _(
                    "{where}: {ref!r} is outside the glossary folders this service reads; refused"
                ).format(where=where, ref=ref),
                path=name,
                hint=_("name a glossary of {folders}").format(
                    folders=", ".join(str(d) for d in dirs) or _("none")
                ),
            )
    elif given is not None and given.is_file():
        return given
    raise UserError(
        _("{where}: no glossary {ref!r}: not a file, nor a glossary name in {folder}").format(
            where=where, ref=ref, folder=", ".join(str(d) for d in dirs) or _("none")
        ),
        path=name,
        hint=_("shipped glossaries: {names}").format(names=", ".join(_names(dirs)) or _("none")),
    )
