"""Atomic file output: a reader sees the old file or the whole new one, never a part.

Everything is written to a temporary file in the destination's folder (same file
system) and moved into place with ``os.replace`` only once writing succeeded.  A
destination that is a device or a pipe (``-o /dev/stdout``) is written to directly:
replacing it with a file would break the system's ``/dev``.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from translate.errors import UserError
from translate.i18n import _


def check_writable(path: str | Path) -> None:
    """Fail before any work is done when ``path`` cannot be written."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UserError(
            _("is a directory, not a file"), path=target, hint=_("give a file name with -o")
        )
    if not folder.is_dir():
        raise UserError(
            _("folder does not exist"), path=folder, hint=_("create it or choose another -o")
        )
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise UserError(
            _("cannot write here (permission denied)"), path=target, hint=_("choose another -o")
        )


@contextlib.contextmanager
def atomic_write(path: str | Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text handle whose content replaces ``path`` when the block ends without error.

    A failure of the system (a full disk, a read-only folder, a file over the size
    limit) is a :class:`UserError` naming ``path``; on any failure, Ctrl-C or SIGTERM
    included, the temporary file is removed and ``path`` is as it was.
    """
    target = Path(path)
    check_writable(target)
    with _failures(target):
        if _is_device(target):
            with open(target, "w", encoding=encoding, newline="") as handle:
                yield handle
            return
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            _replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise


def write_atomically(path: str | Path, data: str | bytes) -> None:
    """Write text (UTF-8) or bytes to ``path`` atomically (as :func:`atomic_write`)."""
    if isinstance(data, str):
        with atomic_write(path) as handle:
            handle.write(data)
        return
    target = Path(path)
    check_writable(target)
    with _failures(target):
        if _is_device(target):
            with open(target, "wb") as raw:
                raw.write(data)
            return
        tmp = temp_beside(target, data)
        try:
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise


def temp_beside(target: Path, data: bytes) -> str:
    """``data`` on disk in a temporary file beside ``target``, with the permissions
    ``target`` has (a new file: the umask's); its name, for the caller to move into
    place.  On any failure the temporary file is gone."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as raw:
            raw.write(data)
            raw.flush()
            os.fsync(raw.fileno())
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


def _is_device(target: Path) -> bool:
    """Whether ``target`` is there and not a regular file (``/dev/stdout``, ``/dev/null``,
    a pipe): it is written to as it is, never replaced by a file."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _replace(tmp: str, target: Path) -> None:
    """Give ``tmp`` the target's permissions (a new file: the umask's) and move it there."""
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
    os.chmod(tmp, mode)
    os.replace(tmp, target)


@contextlib.contextmanager
def _failures(target: Path) -> Iterator[None]:
    """The system's refusals while writing ``target`` as one line naming it."""
    try:
        yield
    except UserError:
        raise
    except OSError as err:
        reason = err.strerror or str(err)
        raise UserError(
            _("cannot write it: {reason}").format(reason=reason),
            path=target,
            hint=_("nothing was changed; choose another -o, or free some space"),
        ) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
