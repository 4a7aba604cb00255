"""A disk cache of read glossaries and compiled matchers, keyed by content hash.

Reading and compiling 100,000 terms takes seconds; a batch worker, a pre-commit hook
and the second article of the day all read the same files again.  What was read (a
:class:`~translate.glossary.model.Glossary`) and compiled (a matcher's automaton) is
kept in ``$XDG_CACHE_HOME/dragoman/glossaries/`` (``~/.cache/...`` by default), one
file per key, where the key is a SHA-256 of everything the result depends on: the
bytes of every glossary file, the paths (messages name them), the languages asked for,
this cache's :data:`VERSION`, Dragoman's and pyahocorasick's versions.  An edited
glossary has another key, so nothing is ever stale; old files are simply not read.

The files are pickles, which run code when loaded, so only files this process's user
wrote are read: the folder must belong to the user and be closed to others (it is
created ``0700``), and so must each file.  A file that is not a pickle of this
:data:`VERSION` (truncated, corrupt, from another version) is ignored and replaced.
Writes are atomic (a temporary file moved into place), so a reader never sees half a
file; a cache that cannot be written (read-only home, full disk) is skipped silently:
it only ever saves time.  ``DRAGOMAN_GLOSSARY_CACHE=off`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["VERSION", "key", "load", "store", "folder"]

VERSION = 1
"""Bump when the model or the matcher's compiled form changes shape."""
MAGIC = b"dragoman-glossary-cache\n"
ENV = "DRAGOMAN_GLOSSARY_CACHE"


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from translate import __version__

    try:
        aho = version("pyahocorasick")
    except PackageNotFoundError:  # pragma: no cover - a declared dependency
        aho = "?"
    return f"{VERSION}/{__version__}/{aho}"


def key(*parts: str | bytes) -> str:
    """A SHA-256 of ``parts`` (each length-prefixed, so no two lists share a key)."""
    digest = hashlib.sha256(_versions().encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def folder() -> Path | None:
    """The cache folder, created ``0700`` when missing; None when the cache is off or
    the folder is not the user's alone."""
    if os.environ.get(ENV, "").strip().lower() in ("off", "0", "no", "false"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    path = root / "dragoman" / "glossaries"
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = path.stat()
    except OSError:
        return None
    if not _private(info):
        return None
    return path


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    owner = getattr(os, "getuid", lambda: info.st_uid)()
    return info.st_uid == owner and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def load(kind: str, name: str) -> Any | None:
    """The object stored under ``kind`` and key ``name``, or None (missing, not ours,
    corrupt or of another version)."""
    where = folder()
    if where is None:
        return None
    path = where / f"{name}.{kind}"
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or not _private(info):
                return None
            if handle.read(len(MAGIC)) != MAGIC:
                return None
            if handle.readline().strip() != _versions().encode():
                return None
            return pickle.load(handle)  # noqa: S301 - our own file, checked above
    except FileNotFoundError:
        return None
    except Exception:  # a truncated or corrupt file: compute again, and replace it
        with contextlib.suppress(OSError):
            path.unlink()
        return None


def store(kind: str, name: str, value: Any) -> None:
    """Keep ``value`` under ``kind`` and key ``name`` (atomically; silently skipped
    when the cache cannot be written)."""
    where = folder()
    if where is None:
        return
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=where, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(MAGIC)
            handle.write(_versions().encode() + b"\n")
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, where / f"{name}.{kind}")
        tmp = None
    except (OSError, pickle.PicklingError, RecursionError):
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
