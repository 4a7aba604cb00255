"""Fingerprints of machine translations: was this file written by Dragoman, untouched?

Every machine translation the hooks write gets a *sidecar* next to it,
``.<name>.dragoman.json`` (``content/es/.story.md.dragoman.json`` for
``content/es/story.md``), holding:

* ``sha256``: the SHA-256 of the translation's bytes exactly as written;
* ``source`` and ``source_sha256``: the source file (relative to the sidecar's folder)
  and the SHA-256 of its bytes when it was translated;
* ``tool`` and ``tool_version``, ``engine``, ``source_lang``, ``target_lang``;
* ``reviewed_source_sha256`` (optional): set by ``translate precommit accept`` when a
  person has brought an edited translation up to date with the source.

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
                 it, in ``<name>.draft`` (``story.es.md.draft``).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from translate import __version__
from translate.atomic import atomic_write
from translate.errors import UserError
from translate.i18n import _

__all__ = [
    "Fingerprint",
    "State",
    "SIDECAR_SUFFIX",
    "DRAFT_SUFFIX",
    "sidecar_path",
    "draft_path",
    "sha256_bytes",
    "sha256_file",
    "read_fingerprint",
    "write_fingerprint",
    "write_machine_translation",
    "write_draft",
    "state",
    "accept",
]

SIDECAR_SUFFIX = ".dragoman.json"
DRAFT_SUFFIX = ".draft"
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

    def to_json(self) -> str:
        data = {k: v for k, v in asdict(self).items() if v is not None}
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
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise UserError(
            _("fingerprint is not valid JSON: {error}").format(error=err.msg),
            path=side,
            line=err.lineno,
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
    return Fingerprint(**known)


def write_fingerprint(path: str | Path, fingerprint: Fingerprint) -> None:
    with atomic_write(sidecar_path(path)) as handle:
        handle.write(fingerprint.to_json())


def _relative(source: Path, folder: Path) -> str:
    return Path(os.path.relpath(Path(source).resolve(), Path(folder).resolve())).as_posix()


def write_machine_translation(
    path: str | Path,
    text: str,
    source: str | Path,
    *,
    source_lang: str = "",
    target_lang: str = "",
    engine: str = "",
) -> Fingerprint:
    """Write a machine translation and its fingerprint (both atomically)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    with atomic_write(target) as handle:
        handle.write(text)
    fingerprint = Fingerprint(
        sha256=sha256_bytes(data),
        source=_relative(Path(source), target.parent),
        source_sha256=sha256_file(source),
        source_lang=source_lang,
        target_lang=target_lang,
        engine=engine,
    )
    write_fingerprint(target, fingerprint)
    return fingerprint


def write_draft(path: str | Path, text: str) -> tuple[Path, bool]:
    """Write the machine draft beside an edited translation; ``(draft, written)``.

    Nothing is written (``written`` False) when the draft already has this text.
    """
    draft = draft_path(path)
    try:
        if draft.read_text(encoding="utf-8") == text:
            return draft, False
    except (OSError, UnicodeDecodeError):
        pass
    with atomic_write(draft) as handle:
        handle.write(text)
    return draft, True


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


def accept(path: str | Path, source: str | Path) -> bool:
    """Mark an edited translation as up to date with ``source`` as it is now.

    The fingerprint keeps the machine hash (the file still counts as edited, so it is
    never overwritten) and records the source's hash in ``reviewed_source_sha256``;
    a draft beside it is removed.  Returns False when the file has no fingerprint.
    """
    fingerprint = read_fingerprint(path)
    if fingerprint is None:
        return False
    fingerprint.reviewed_source_sha256 = sha256_file(source)
    write_fingerprint(path, fingerprint)
    draft = draft_path(path)
    if draft.exists():
        draft.unlink()
    return True
