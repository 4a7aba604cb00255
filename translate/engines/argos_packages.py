"""Argos Translate packages: list, find, download and install through ``argostranslate.package``.

We use argostranslate's own package code (settings, ``Package``, ``install_from_path``,
``uninstall``) so that packages live where argostranslate's settings say
(``ARGOS_PACKAGES_DIR``, XDG directories) and the index comes from
``ARGOS_PACKAGE_INDEX``.  What we add is what it lacks for a desk: errors that say what
to do, a download progress bar, and no RecursionError when the index is unreachable
(``get_available_packages`` calls itself forever when the index cannot be fetched).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.errors import EngineError
from translate.i18n import _


def _argos():  # the import creates argostranslate's data folders: only when needed
    import argostranslate.package
    import argostranslate.settings

    return argostranslate.package, argostranslate.settings


@dataclass(frozen=True)
class InstalledPackage:
    source: str
    target: str
    version: str
    path: Path
    target_prefix: str = ""

    @property
    def size(self) -> int:
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())


def installed() -> list[InstalledPackage]:
    """Installed translation packages; folders without metadata are skipped, not fatal."""
    package, settings = _argos()
    found = []
    for folder in settings.package_dirs:
        if not Path(folder).is_dir():
            continue
        for path in sorted(Path(folder).iterdir()):
            if not (path / "metadata.json").is_file():
                continue
            try:
                problem = metadata_problem(json.loads((path / "metadata.json").read_bytes()))
                if problem:
                    raise ValueError(problem)
                pkg = package.Package(path)
            except (OSError, ValueError, RecursionError) as err:
                print(
                    _("translate: warning: skipping broken package {path}: {error}").format(
                        path=path, error=err
                    ),
                    file=sys.stderr,
                )
                continue
            if pkg.type != "translate" or not pkg.from_code or not pkg.to_code:
                continue
            found.append(
                InstalledPackage(
                    pkg.from_code, pkg.to_code, pkg.package_version, path, pkg.target_prefix or ""
                )
            )
    return found


def available() -> list[Any]:
    """Packages in the index (``ARGOS_PACKAGE_INDEX``), fetched now.

    argostranslate's ``update_package_index`` logs and returns on a network error, and
    ``get_available_packages`` then recurses until RecursionError; we fetch the index
    first and stop with one line when it cannot be reached.
    """
    package, settings = _argos()
    url = settings.remote_package_index
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            data = response.read()
    except (urllib.error.URLError, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        raise EngineError(
            _("the package index {url} cannot be reached ({reason})").format(
                url=url, reason=reason
            ),
            hint=_("set ARGOS_PACKAGE_INDEX to a reachable index, or install a .argosmodel file"),
        ) from None
    try:
        entries = json.loads(data)
    except ValueError:
        raise EngineError(_("the package index is not valid JSON"), path=url) from None
    Path(settings.local_package_index).write_bytes(data)
    try:
        return [package.AvailablePackage(meta) for meta in entries if isinstance(meta, dict)]
    except RecursionError:  # pragma: no cover - belt and braces for argostranslate's loop
        raise EngineError(_("the package index {url} cannot be read").format(url=url)) from None


def cached_index() -> list[tuple[str, str]]:
    """The pairs of the package index as last fetched (``models available``), if any.

    Read without a network: ``translate languages`` shows what could be installed.
    A missing or unreadable cache is simply nothing to show.
    """
    _, settings = _argos()
    try:
        entries = json.loads(Path(settings.local_package_index).read_bytes())
    except (OSError, ValueError):
        return []
    if not isinstance(entries, list):
        return []
    pairs = {
        (meta["from_code"], meta["to_code"])
        for meta in entries
        if isinstance(meta, dict)
        and isinstance(meta.get("from_code"), str)
        and isinstance(meta.get("to_code"), str)
    }
    return sorted(pairs)


def download(pkg: Any, progress: Callable[[int, int], None] | None = None) -> Path:
    """Download an AvailablePackage into argostranslate's downloads folder, with progress."""
    package, settings = _argos()
    filename = package.argospm_package_name(pkg) + ".argosmodel"
    target = Path(settings.downloads_dir) / filename
    partial = target.with_suffix(".part")
    errors = []
    for link in pkg.links:
        try:
            with urllib.request.urlopen(link, timeout=60) as response, open(partial, "wb") as out:
                total = int(response.headers.get("Content-Length") or 0)
                done = 0
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
            partial.replace(target)
            return target
        except (urllib.error.URLError, OSError) as err:
            errors.append(f"{link}: {getattr(err, 'reason', err)}")
    partial.unlink(missing_ok=True)
    raise EngineError(
        _("could not download {filename}: {reasons}").format(
            filename=filename, reasons="; ".join(errors) or _("no download links")
        ),
        hint=_("copy the .argosmodel file here and run: translate models install FILE"),
    )


MAX_UNPACKED_MB = 4096
"""Largest total a package may unpack to (``DRAGOMAN_MAX_PACKAGE_MB``); the biggest
Argos packages are under 1 GB."""
MAX_RATIO = 100
"""Largest ratio of unpacked to packed size: models and vocabularies compress a few
times at most, a zip bomb a thousand times."""
MAX_MEMBERS = 10_000

_CODE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{1,8})*$")
_STR_FIELDS = (
    "code",
    "package_version",
    "argos_version",
    "from_name",
    "to_name",
    "type",
    "package_type",
    "target_prefix",
    "description",
)
_LIST_FIELDS = (
    "links",
    "from_codes",
    "to_codes",
    "languages",
    "dependencies",
    "source_languages",
    "target_languages",
)


def _max_unpacked() -> int:
    value = os.environ.get("DRAGOMAN_MAX_PACKAGE_MB")
    if not value:
        return MAX_UNPACKED_MB << 20
    try:
        megabytes = int(value)
    except ValueError:
        megabytes = -1
    if megabytes <= 0:
        raise EngineError(
            _("{name}={value!r} is not a number").format(
                name="DRAGOMAN_MAX_PACKAGE_MB", value=value
            )
        )
    return megabytes << 20


def metadata_problem(metadata: Any) -> str | None:
    """What is wrong with a package's ``metadata.json`` content, or None.

    argostranslate reads any JSON and fails later, in ``models list`` or the first
    translation; a field of the wrong type is refused here instead.
    """
    if not isinstance(metadata, dict):
        return _("metadata.json is not a JSON object")
    for key in ("from_code", "to_code"):
        value = metadata.get(key)
        if not isinstance(value, str) or not _CODE.match(value):
            return _("metadata.json: {key} must be a language code such as en").format(key=key)
    for key in _STR_FIELDS:
        value = metadata.get(key, "")
        # one line of printable text: it is shown in `models list` and in messages
        if not isinstance(value, str) or (key != "description" and not value.isprintable()):
            return _("metadata.json: {key} must be text").format(key=key)
    for key in _LIST_FIELDS:
        if key in metadata and not isinstance(metadata[key], list):
            return _("metadata.json: {key} must be a list").format(key=key)
    if metadata.get("type", "translate") != "translate":
        return _("metadata.json: type must be translate")
    return None


def _unsafe_member(info: zipfile.ZipInfo) -> bool:
    """Whether a member could land outside its package folder when extracted, or is
    not a plain file or folder (a symbolic link, a device)."""
    name = info.filename
    parts = name.rstrip("/").split("/")
    if (
        not name
        or "\\" in name
        or "\0" in name
        or name.startswith("/")
        or re.match(r"^[A-Za-z]:", name)
        or any(part in ("", ".", "..") for part in parts)
    ):
        return True
    kind = (info.external_attr >> 16) & 0o170000
    return kind not in (0, stat.S_IFREG, stat.S_IFDIR)


def check_archive(path: Path, archive: zipfile.ZipFile) -> tuple[str, dict[str, Any]]:
    """The package's folder name and metadata, once every member passed: one top-level
    folder, paths that stay inside it, sizes within bounds, metadata of the right types.

    Raises EngineError naming the file; nothing has been written.
    """
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise EngineError(
            _("is not an Argos package: {count} files in the archive").format(count=len(infos)),
            path=path,
        )
    for info in infos:
        if _unsafe_member(info):
            raise EngineError(
                _(
                    "refused: the archive member {name!r} would be written outside the package"
                ).format(name=info.filename),
                path=path,
                hint=_("only install packages from a source you trust"),
            )
    names = [i.filename for i in infos]
    tops = {n.split("/", 1)[0] for n in names}
    meta = [n for n in names if n.count("/") == 1 and n.endswith("/metadata.json")]
    if len(tops) != 1 or not meta:
        raise EngineError(
            _("is not an Argos package: expected one top-level folder holding metadata.json"),
            path=path,
        )
    top = tops.pop()
    unpacked = sum(i.file_size for i in infos)
    packed = max(1, path.stat().st_size)
    limit = _max_unpacked()
    squeezed = any(
        i.file_size > 1 << 20 and i.file_size > MAX_RATIO * max(1, i.compress_size) for i in infos
    )
    if unpacked > limit or unpacked > MAX_RATIO * packed or squeezed:
        raise EngineError(
            _("refused: the archive unpacks to {size} MB from {packed} MB").format(
                size=unpacked >> 20, packed=round(packed / (1 << 20), 1)
            ),
            path=path,
            hint=_(
                "an Argos package unpacks to at most {limit} MB (DRAGOMAN_MAX_PACKAGE_MB)"
            ).format(limit=limit >> 20),
        )
    try:
        metadata = json.loads(archive.read(meta[0]))
    except (ValueError, RecursionError):
        raise EngineError(_("has an unreadable metadata.json"), path=path) from None
    problem = metadata_problem(metadata)
    if problem:
        raise EngineError(problem, path=path, hint=_("the package is broken; get it again"))
    return top, metadata


def _extract(archive: zipfile.ZipFile, into: Path, limit: int) -> None:
    """Every member under ``into``, never more bytes than ``limit`` in all (a header
    may lie about a member's size)."""
    written = 0
    for info in archive.infolist():
        target = into / info.filename
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(info) as source, open(target, "wb") as out:
            while chunk := source.read(1 << 20):
                written += len(chunk)
                if written > limit:
                    raise EngineError(_("refused: the archive unpacks to more than it says"))
                out.write(chunk)


def load_test(folder: Path, metadata: dict[str, Any]) -> None:
    """Load the model in ``folder`` and translate one sentence: a package whose model is
    garbage is refused here, not chosen by ``--engine auto`` and then crashing.

    The same libraries and files as the Argos engine (:mod:`translate.engines.argos`,
    which imports this module): the SentencePiece model and the CTranslate2 model.
    """
    import ctranslate2
    import sentencepiece

    spm = folder / "sentencepiece.model"
    if not spm.is_file():
        raise EngineError(
            _("the model does not load: {reason}").format(reason="no sentencepiece.model"),
            hint=_("the package is broken; get it again"),
        )
    prefix = metadata.get("target_prefix") or ""
    try:
        sp = sentencepiece.SentencePieceProcessor(model_file=str(spm))
        translator = ctranslate2.Translator(str(folder / "model"), device="cpu")
        result = translator.translate_batch(
            [sp.encode("Hello.", out_type=str)],
            target_prefix=[[prefix]] if prefix else None,
            max_decoding_length=32,
        )
        out = sp.decode(result[0].hypotheses[0])
    except Exception as err:  # ctranslate2 and sentencepiece raise what they like
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise EngineError(
            _("the model does not load: {reason}").format(reason=reason[:200]),
            hint=_("the package is broken; get it again"),
        ) from None
    if not isinstance(out, str):
        raise EngineError(
            _("the model does not load: {reason}").format(reason="no translation"),
            hint=_("the package is broken; get it again"),
        )


def install_file(path: str | Path) -> InstalledPackage:
    """Install a ``.argosmodel`` where argostranslate's settings say packages live.

    argostranslate's ``install_from_path`` extracts any zip as it is.  Here the archive
    is checked first (:func:`check_archive`), unpacked into a hidden folder beside the
    packages, its model loaded and asked for one sentence (:func:`load_test`), and only
    then moved into place, replacing an older copy of the same package.  Whatever fails,
    nothing is left behind.
    """
    path = Path(path)
    if not path.is_file():
        raise EngineError(_("no such file"), path=path, hint=_("check the path"))
    if not zipfile.is_zipfile(path):
        raise EngineError(_("is not an Argos package (not a zip archive)"), path=path)
    package, settings = _argos()
    data_dir = Path(settings.package_data_dir)
    lock = getattr(package, "package_lock", None) or contextlib.nullcontext()
    try:
        with lock, zipfile.ZipFile(path) as archive:
            top, metadata = check_archive(path, archive)
            unpacked = sum(i.file_size for i in archive.infolist())
            data_dir.mkdir(parents=True, exist_ok=True)
            if shutil.disk_usage(data_dir).free < unpacked:
                raise EngineError(
                    _("not enough free space for the package ({size} MB)").format(
                        size=unpacked >> 20
                    ),
                    path=data_dir,
                )
            staging = Path(tempfile.mkdtemp(dir=data_dir, prefix=".installing-"))
            try:
                _extract(archive, staging, unpacked)
                try:
                    load_test(staging / top, metadata)
                except EngineError as err:
                    raise EngineError(err.message, path=path, hint=err.hint) from None
                _move_into_place(staging / top, data_dir / top)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as err:
        raise EngineError(
            _("is not an Argos package: {reason}").format(reason=err), path=path
        ) from None
    except OSError as err:
        raise EngineError(
            _("cannot install it: {reason}").format(reason=err.strerror or err), path=path
        ) from None
    with contextlib.suppress(ImportError):
        from argostranslate.translate import get_installed_languages

        get_installed_languages.cache_clear()
    return InstalledPackage(
        metadata["from_code"],
        metadata["to_code"],
        metadata.get("package_version", ""),
        data_dir / top,
        metadata.get("target_prefix", ""),
    )


def _move_into_place(new: Path, final: Path) -> None:
    """``new`` becomes ``final``; an older copy there is removed only once it is."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        os.replace(final, old)
    try:
        os.replace(new, final)
    except OSError:
        if old is not None:
            os.replace(old, final)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def remove(source: str, target: str) -> list[InstalledPackage]:
    package, _settings = _argos()
    gone = [p for p in installed() if (p.source, p.target) == (source, target)]
    if not gone:
        raise EngineError(
            _("no Argos package {source}→{target} is installed").format(
                source=source, target=target
            ),
            hint=_("see: translate models list"),
        )
    for pkg in gone:
        package.uninstall(package.Package(pkg.path))
    return gone
