"""Fingerprints of machine translations: was this file written by Dragoman, untouched?

Every machine translation the hooks write gets a *sidecar* next to it,
``.<name>.dragoman.json`` (``content/es/.story.md.dragoman.json`` for
``content/es/story.md``), holding:

* ``sha256``: the SHA-256 of the translation's bytes exactly as written;
* ``source`` and ``source_sha256``: the source file (relative to the sidecar's folder)
  and the SHA-256 of its bytes when it was translated;
* ``tool`` and ``tool_version``, ``engine``, ``source_lang``, ``target_lang``;
* ``reviewed_source_sha256`` (optional): set by ``translate precommit accept`` when a
  person has brought an edited translation up to date with the source;
* ``segments``: per paragraph of the source (as it was translated, or accepted), the
  fingerprints of its sentences (:func:`segment_fingerprint`).  When the source changes
  under an edited translation, the draft reuses the person's sentence wherever the
  source sentence is unchanged (:mod:`translate.editorial.drafts`).

Why a sidecar and not YAML front matter: the fingerprint is the hash of the file, so it
cannot be stored inside the file without hashing "the file minus its fingerprint",
and a person's editor or a CMS rewriting the front matter (key order, quoting) would
then count as an edit or, worse, lose the fingerprint.  A sidecar leaves the
translation byte for byte as the engine made it, works the same for text and
Markdown, and is ignored by the source/translation mappings (it starts with a dot).

States of a translation (:func:`state`):

``missing``      no file yet: write it;
``human``        a file without a sidecar: a person's translation, never written;
``current``      the file matches its fingerprint and the source is unchanged;
``outdated``     the file matches its fingerprint, the source changed: rewrite it;
``edited``       the file no longer matches: a person edited it; never written;
``stale``        edited, AND the source changed since the translation (or since the
                 last ``accept``): never written; the new machine draft goes next to
                 it, in ``<name>.draft`` (``story.es.md.draft``), and the hook keeps
                 failing until the translation is accepted (or replaced by the draft).

Writing is two files (the translation and its sidecar).  Both are prepared as
temporary files first; then, with SIGINT and SIGTERM held, the translation is checked
once more against what it was when the work started (an editor may have saved it
while the engine ran), and both are moved into place.  An interrupted run therefore
leaves the old pair or the new pair, never a translation without its sidecar (which
would count as a person's from then on) and never a half-written file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from translate import __version__
from translate.atomic import atomic_write, check_writable, temp_beside
from translate.errors import UserError
from translate.i18n import _

__all__ = [
    "Fingerprint",
    "State",
    "SIDECAR_SUFFIX",
    "DRAFT_SUFFIX",
    "sidecar_path",
    "draft_path",
    "changes_path",
    "remove_draft",
    "commit",
    "sha256_bytes",
    "sha256_file",
    "current_sha256",
    "read_fingerprint",
    "write_fingerprint",
    "write_machine_translation",
    "write_draft",
    "state",
    "accept",
    "segment_fingerprint",
    "signals_held",
    "Changed",
]

SIDECAR_SUFFIX = ".dragoman.json"
DRAFT_SUFFIX = ".draft"
CHANGES_SUFFIX = ".changes"
TOOL = "dragoman"

State = Literal["missing", "human", "current", "outdated", "edited", "stale"]


@dataclass
class Fingerprint:
    sha256: str
    source: str
    source_sha256: str
    source_lang: str = ""
    target_lang: str = ""
    engine: str = ""
    tool: str = TOOL
    tool_version: str = __version__
    reviewed_source_sha256: str | None = None
    segments: list[list[str]] = field(default_factory=list)

    def to_json(self) -> str:
        data = {k: v for k, v in asdict(self).items() if v is not None and v != []}
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def sidecar_path(path: str | Path) -> Path:
    p = Path(path)
    return p.with_name(f".{p.name}{SIDECAR_SUFFIX}")


def draft_path(path: str | Path) -> Path:
    p = Path(path)
    return p.with_name(p.name + DRAFT_SUFFIX)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | Path) -> str:
    return sha256_bytes(Path(path).read_bytes())


def read_fingerprint(path: str | Path) -> Fingerprint | None:
    """The fingerprint of the translation at ``path``, or None if it has no sidecar."""
    side = sidecar_path(path)
    try:
        raw = side.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        raise UserError(
            _("cannot read fingerprint: {error}").format(error=err), path=side
        ) from None
    from translate import inputs

    try:  # a contributed sidecar is untrusted JSON: the one guard
        data = inputs.parse_json(raw, side, error=UserError)
    except UserError as err:
        raise UserError(
            _("fingerprint is not valid JSON: {error}").format(error=err.message),
            path=side,
            hint=_("delete it to treat the translation as a person's"),
        ) from None
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k), str) for k in ("sha256", "source", "source_sha256")
    ):
        raise UserError(
            _("fingerprint lacks sha256, source or source_sha256"),
            path=side,
            hint=_("delete it to treat the translation as a person's"),
        )
    known = {k: data[k] for k in Fingerprint.__dataclass_fields__ if k in data}
    segments = known.get("segments", [])
    if not (
        isinstance(segments, list)
        and all(isinstance(p, list) and all(isinstance(h, str) for h in p) for p in segments)
    ):
        known["segments"] = []  # unusable: drafts then reuse nothing, which is safe
    return Fingerprint(**known)


def write_fingerprint(path: str | Path, fingerprint: Fingerprint) -> None:
    with signals_held():
        with atomic_write(sidecar_path(path)) as handle:
            handle.write(fingerprint.to_json())


def segment_fingerprint(text: str) -> str:
    """A sentence's fingerprint: its text with runs of white space made one space."""
    return sha256_bytes(" ".join(text.split()).encode("utf-8"))[:24]


def _relative(source: Path, folder: Path) -> str:
    return Path(os.path.relpath(Path(source).resolve(), Path(folder).resolve())).as_posix()


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (then act as usual): what is
    done inside happens whole or not at all."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):  # not the main thread, or no such call
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _prepare(target: Path, data: bytes) -> str:
    """``data`` in a temporary file beside ``target``, on disk; its name."""
    check_writable(target)
    return temp_beside(target, data)


def current_sha256(path: str | Path) -> str | None:
    """The SHA-256 of the file at ``path``, or None when there is none."""
    try:
        return sha256_file(path)
    except FileNotFoundError:
        return None


class Changed(Exception):
    """The translation changed on disk while it was being translated: not written."""


def commit(files: Sequence[tuple[Path, bytes]], guard: Path | None, expected: str | None) -> None:
    """Write ``files`` together: each prepared in a temporary file, then, with signals
    held, ``guard`` checked to still have the SHA-256 ``expected`` (None: not to exist)
    and every file moved into place.  Raises :class:`Changed` (nothing written) when
    ``guard`` changed."""
    prepared: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            prepared.append((_prepare(path, data), path))
        with signals_held():
            if guard is not None and current_sha256(guard) != expected:
                raise Changed(str(guard))
            for tmp, path in prepared:
                os.replace(tmp, path)
            prepared = []
    finally:
        for tmp, _path in prepared:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def write_machine_translation(
    path: str | Path,
    text: str,
    source: str | Path,
    *,
    source_lang: str = "",
    target_lang: str = "",
    engine: str = "",
    segments: list[list[str]] | None = None,
    expected: str | Literal[False] | None = False,
) -> Fingerprint:
    """Write a machine translation and its fingerprint, together (module docstring).

    ``expected`` is the SHA-256 the translation had when the work started (None: it
    did not exist); if it has another now, :class:`Changed` is raised and nothing is
    written.  ``False`` (the default) checks nothing.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    fingerprint = Fingerprint(
        sha256=sha256_bytes(data),
        source=_relative(Path(source), target.parent),
        source_sha256=sha256_file(source),
        source_lang=source_lang,
        target_lang=target_lang,
        engine=engine,
        segments=segments or [],
    )
    commit(
        [(target, data), (sidecar_path(target), fingerprint.to_json().encode("utf-8"))],
        None if expected is False else target,
        None if expected is False else expected,
    )
    return fingerprint


def changes_path(path: str | Path) -> Path:
    """The list of what is new in the draft of ``path`` (``story.es.md.draft.changes``)."""
    return draft_path(path).with_name(draft_path(path).name + CHANGES_SUFFIX)


def write_draft(path: str | Path, text: str, changes: str | None = None) -> tuple[Path, bool]:
    """Write the machine draft beside an edited translation, with ``changes`` (what is
    new in it) in :func:`changes_path`; ``(draft, written)``.

    Nothing is written (``written`` False) when the draft already has this text.
    """
    draft = draft_path(path)
    side = changes_path(path)
    try:
        same = draft.read_text(encoding="utf-8") == text
        if same and (changes is None or side.read_text(encoding="utf-8") == changes):
            return draft, False
    except (OSError, UnicodeDecodeError):
        pass
    files = [(draft, text.encode("utf-8"))]
    if changes is not None:
        files.append((side, changes.encode("utf-8")))
    commit(files, None, None)
    if changes is None:
        with contextlib.suppress(FileNotFoundError):
            side.unlink()
    return draft, True


def remove_draft(path: str | Path) -> None:
    for extra in (draft_path(path), changes_path(path)):
        with contextlib.suppress(FileNotFoundError):
            extra.unlink()


def state(path: str | Path, source: str | Path) -> State:
    """Where the translation at ``path`` of ``source`` stands (module docstring)."""
    target = Path(path)
    if not target.exists():
        return "missing"
    fingerprint = read_fingerprint(target)
    if fingerprint is None:
        return "human"
    source_hash = sha256_file(source)
    if sha256_file(target) == fingerprint.sha256:
        return "current" if source_hash == fingerprint.source_sha256 else "outdated"
    known = fingerprint.reviewed_source_sha256 or fingerprint.source_sha256
    return "edited" if source_hash == known else "stale"


def accept(path: str | Path, source: str | Path, segments: list[list[str]] | None = None) -> bool:
    """Mark an edited translation as up to date with ``source`` as it is now.

    The fingerprint keeps the machine hash (the file still counts as edited, so it is
    never overwritten) and records the source's hash in ``reviewed_source_sha256``
    (and the fingerprints of its sentences, ``segments``, when given); a draft beside
    it is removed.  Returns False when the file has no fingerprint.
    """
    fingerprint = read_fingerprint(path)
    if fingerprint is None:
        return False
    fingerprint.reviewed_source_sha256 = sha256_file(source)
    if segments is not None:
        fingerprint.segments = segments
    write_fingerprint(path, fingerprint)
    remove_draft(path)
    return True
