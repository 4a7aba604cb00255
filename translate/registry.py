"""One lookup for every family of formats: by name and by file extension.

Each family (articles in, bitext formats, glossaries) is a :class:`Registry` of small
format objects, each with a ``name``, optional ``aliases`` and its ``extensions``, and
the methods of its family's protocol (``parse``; ``read`` and/or ``write``).  The
registry only finds formats; what a format does, and the messages for a name or an
extension it does not know, belong to the family (see :mod:`translate.formats`,
:mod:`translate.articles` and :mod:`translate.glossary`).

A format whose module is costly to import and seldom needed is registered as a
:class:`Lazy` entry, as translate-toolkit's storage factory does: its name and
extensions are declared in the registry, and its class is imported the first time a
lookup returns it (and checked against the declaration then).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import import_module
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar


class Format(Protocol):
    """What every format declares, whatever its family."""

    @property
    def name(self) -> str: ...

    @property
    def extensions(self) -> tuple[str, ...]:
        """Lower-case file name endings with their dot (``.xlf``); empty when the format
        is chosen by name only."""
        ...


F = TypeVar("F", bound=Format)


class Lazy:
    """A format declared by name and extensions; ``target`` (``module:Class``) is
    imported, and the class instantiated, when the registry first hands it out."""

    def __init__(
        self, target: str, name: str, extensions: tuple[str, ...], aliases: tuple[str, ...] = ()
    ) -> None:
        self.target = target
        self.name = name
        self.extensions = extensions
        self.aliases = aliases

    def load(self) -> Any:
        module, _, attr = self.target.partition(":")
        fmt = getattr(import_module(module), attr)()
        declared = (self.name, self.extensions, self.aliases)
        found = (fmt.name, tuple(fmt.extensions), tuple(getattr(fmt, "aliases", ())))
        if declared != found:
            raise TypeError(f"{self.target} is {found}, registered as {declared}")
        return fmt

    def __repr__(self) -> str:
        return f"Lazy({self.target!r})"


class Registry(Generic[F]):
    """The formats of one family, in the order they were added (the order names are
    listed in messages, and the first format whose extension matches wins)."""

    def __init__(self, family: str, formats: Iterable[F | Lazy] = ()) -> None:
        self.family = family
        self._formats: list[F | Lazy] = []
        for fmt in formats:
            self.add(fmt)

    def add(self, fmt: F | Lazy) -> None:
        """Add a format; a name, alias or extension another format already has is a
        programming error (ValueError)."""
        for taken, new in (
            ({n for f in self._formats for n in _names(f)}, _names(fmt)),
            ({e for f in self._formats for e in f.extensions}, fmt.extensions),
        ):
            clash = taken.intersection(new)
            if clash:
                raise ValueError(f"{self.family} format {fmt.name!r}: {sorted(clash)} taken")
        self._formats.append(fmt)

    def get(self, name: str) -> F | None:
        """The format called ``name`` (or with ``name`` among its aliases), else None."""
        for position, fmt in enumerate(self._formats):
            if name in _names(fmt):
                return self._loaded(position)
        return None

    def for_path(self, path: str | Path) -> F | None:
        """The first format whose extension ``path`` ends with (case ignored), else None."""
        lowered = str(path).lower()
        for position, fmt in enumerate(self._formats):
            if any(lowered.endswith(ext) for ext in fmt.extensions):
                return self._loaded(position)
        return None

    def names(self) -> list[str]:
        """Every format's name, in order (nothing is imported)."""
        return [fmt.name for fmt in self._formats]

    def extensions(self) -> list[str]:
        """Every extension, in order (nothing is imported)."""
        return [ext for fmt in self._formats for ext in fmt.extensions]

    def names_by_extension(self) -> dict[str, str]:
        """Extension -> format name (nothing is imported)."""
        return {ext: fmt.name for fmt in self._formats for ext in fmt.extensions}

    def __iter__(self) -> Iterator[F]:
        """Every format, loaded."""
        return (self._loaded(position) for position in range(len(self._formats)))

    def __len__(self) -> int:
        return len(self._formats)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and any(name in _names(f) for f in self._formats)

    def __repr__(self) -> str:
        return f"Registry({self.family!r}, {self.names()})"

    def _loaded(self, position: int) -> F:
        fmt = self._formats[position]
        if isinstance(fmt, Lazy):
            fmt = self._formats[position] = fmt.load()
        return fmt


def _names(fmt: Format | Lazy) -> tuple[str, ...]:
    return (fmt.name, *getattr(fmt, "aliases", ()))
