"""Translations whose source is gone: deleted, or renamed.

Two kinds are found, over the whole folder of the configuration (``.git`` left out):

* a machine translation's sidecar names its source (relative to the sidecar), and that
  file is gone (the translation itself may be gone too: the sidecar is then the orphan);
* a file a ``translation`` pattern matches whose source (by the same pattern) is gone.
  (Front-matter mappings cannot be checked this way: the source is what names them.)

Fixing is safe or not done:

* a translation with a fingerprint whose source's content is found under another name
  that the mappings make a source (a ``git mv``) is moved after it, with its sidecar
  and draft, when the new place is free or holds only an untouched machine
  translation (the hook writes one for the renamed source);
* a machine translation nobody edited (it matches its fingerprint) of a deleted
  source is removed with its sidecar and draft;
* anything else is a person's work: reported, never removed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from translate.editorial import fingerprint as fp
from translate.editorial.config import Config
from translate.editorial.patterns import ignored
from translate.errors import UserError
from translate.i18n import _

__all__ = ["Orphan", "find_orphans", "file_hashes", "fix"]

Show = Callable[[Path], str]


@dataclass
class Orphan:
    translation: Path
    source: Path
    """Where its source was."""
    fingerprint: fp.Fingerprint | None

    @property
    def exists(self) -> bool:
        return self.translation.is_file()

    def describe(self, show: Show) -> str:
        if not self.exists:
            return _(
                "{sidecar}: fingerprint of a missing translation (source {source} is gone)"
            ).format(sidecar=show(fp.sidecar_path(self.translation)), source=show(self.source))
        return _("{file}: orphaned translation: its source {source} is gone").format(
            file=show(self.translation), source=show(self.source)
        )


def _files(config: Config) -> Iterator[Path]:
    for folder, dirs, names in os.walk(config.root):
        dirs[:] = sorted(d for d in dirs if d != ".git")
        for name in sorted(names):
            yield Path(folder) / name


def find_orphans(config: Config) -> list[Orphan]:
    """Every orphaned translation (or sidecar) under the configuration's folder."""
    out: dict[Path, Orphan] = {}
    files = list(_files(config))
    for path in files:
        name = path.name
        if not (name.startswith(".") and name.endswith(fp.SIDECAR_SUFFIX)):
            continue
        translation = path.with_name(name[1 : -len(fp.SIDECAR_SUFFIX)])
        try:
            found = fp.read_fingerprint(translation)
        except UserError:
            continue  # a broken sidecar is reported where it is used
        if found is None:
            continue
        source = (path.parent / found.source).resolve()
        if not source.is_file():
            out[translation.resolve()] = Orphan(translation, source, found)
    for path in files:
        rel = config.relative(path)
        if rel is None or ignored(rel) or path.resolve() in out:
            continue
        for mapping in config.mappings:
            if mapping.front_matter is not None:
                continue
            for lang in config.target_langs:
                origin = mapping.source_for(rel, config.source_lang, lang)
                # with a sidecar, the sidecar's source decided above
                if (
                    origin is not None
                    and not (config.root / origin).is_file()
                    and not fp.sidecar_path(path).is_file()
                ):
                    out[path.resolve()] = Orphan(path, config.root / origin, None)
    return sorted(out.values(), key=lambda o: str(o.translation))


def _renamed(
    config: Config, orphan: Orphan, hashes: dict[str, list[Path]]
) -> tuple[Path, Path] | None:
    """``(new source, new translation)`` when the source's content lives on under a
    name the mappings make a source (``hashes``: the files of the folder by SHA-256)."""
    known = orphan.fingerprint
    if known is None:
        return None
    lang = known.target_lang
    for digest in (known.source_sha256, known.reviewed_source_sha256):
        for path in hashes.get(digest or "", []):
            try:
                targets = config.translations_of(path)
            except UserError:
                continue
            target = targets.get(lang) if lang else None
            if target is None and len(targets) == 1:
                target = next(iter(targets.values()))
            if target is not None:
                return path, target
    return None


def file_hashes(config: Config) -> dict[str, list[Path]]:
    """The files of the configuration's folder (no hidden ones, drafts or sidecars) by
    SHA-256: where a renamed source is looked for."""
    out: dict[str, list[Path]] = {}
    for path in _files(config):
        rel = config.relative(path)
        if rel is None or ignored(rel):
            continue
        try:
            out.setdefault(fp.sha256_file(path), []).append(path)
        except OSError:
            continue
    return out


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def fix(
    config: Config,
    orphan: Orphan,
    show: Show = str,
    hashes: dict[str, list[Path]] | None = None,
) -> tuple[bool, str]:
    """Move or remove one orphan when that is safe; ``(fixed, what was done)``.
    ``hashes`` is :func:`file_hashes` (computed here when not given)."""
    old = orphan.translation
    if orphan.exists and orphan.fingerprint is not None and hashes is None:
        hashes = file_hashes(config)
    moved = _renamed(config, orphan, hashes or {}) if orphan.exists else None
    if moved is not None:
        source, target = moved
        config.confine(target, origin=source)
        # the hook may have machine-translated the renamed source already: the old
        # translation (perhaps a person's work) takes the place of that fresh one
        fresh = target.exists() and fp.state(target, source) == "current"
        if not fresh and (target.exists() or fp.sidecar_path(target).exists()):
            return False, _(
                "{file}: its source moved to {source}, but {target} exists: not moved"
            ).format(file=show(old), source=show(source), target=show(target))
        assert orphan.fingerprint is not None
        known = orphan.fingerprint
        known.source = Path(os.path.relpath(source.resolve(), target.parent.resolve())).as_posix()
        target.parent.mkdir(parents=True, exist_ok=True)
        with fp.signals_held():
            fp.commit([(fp.sidecar_path(target), known.to_json().encode("utf-8"))], None, None)
            os.replace(old, target)
            _remove(fp.sidecar_path(old))
            for extra, new in (
                (fp.draft_path(old), fp.draft_path(target)),
                (fp.changes_path(old), fp.changes_path(target)),
            ):
                if extra.exists():
                    os.replace(extra, new)
        return True, _("{file}: moved to {target}, after its source {source}").format(
            file=show(old), target=show(target), source=show(source)
        )
    if not orphan.exists:
        with fp.signals_held():
            for extra in (fp.sidecar_path(old), fp.draft_path(old), fp.changes_path(old)):
                _remove(extra)
        return True, _("{sidecar}: removed (its translation and source are gone)").format(
            sidecar=show(fp.sidecar_path(old))
        )
    machine = orphan.fingerprint
    if machine is not None and fp.sha256_file(old) == machine.sha256:
        with fp.signals_held():
            for extra in (old, fp.sidecar_path(old), fp.draft_path(old), fp.changes_path(old)):
                _remove(extra)
        return True, _("{file}: removed (an untouched machine translation of {source})").format(
            file=show(old), source=show(orphan.source)
        )
    return False, _(
        "{file}: orphaned translation with a person's work (its source {source} is gone): "
        "not removed; move or git rm it yourself"
    ).format(file=show(old), source=show(orphan.source))
