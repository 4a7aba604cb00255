"""Argos Translate packages: list, find, download and install through ``argostranslate.package``.

We use argostranslate's own package code (settings, ``Package``, ``install_from_path``,
``uninstall``) so that packages live where argostranslate's settings say
(``ARGOS_PACKAGES_DIR``, XDG directories) and the index comes from
``ARGOS_PACKAGE_INDEX``.  What we add is what it lacks for a desk: errors that say what
to do, a download progress bar, and no RecursionError when the index is unreachable
(``get_available_packages`` calls itself forever when the index cannot be fetched).
"""

from __future__ import annotations

import json
import sys
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
                pkg = package.Package(path)
            except (OSError, ValueError) as err:
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


def install_file(path: str | Path) -> InstalledPackage:
    """Install a ``.argosmodel`` with argostranslate's ``install_from_path``.

    The archive is checked first: a zip with ``metadata.json`` inside one top-level
    folder (argostranslate installs a flat zip but can never list it afterwards).
    """
    path = Path(path)
    if not path.is_file():
        raise EngineError(_("no such file"), path=path, hint=_("check the path"))
    if not zipfile.is_zipfile(path):
        raise EngineError(_("is not an Argos package (not a zip archive)"), path=path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        tops = {n.split("/", 1)[0] for n in names}
        meta = [n for n in names if n.count("/") == 1 and n.endswith("/metadata.json")]
        if len(tops) != 1 or not meta:
            raise EngineError(
                _("is not an Argos package: expected one top-level folder holding metadata.json"),
                path=path,
            )
        try:
            metadata = json.loads(archive.read(meta[0]))
        except ValueError:
            raise EngineError(_("has an unreadable metadata.json"), path=path) from None
    package, settings = _argos()
    package.install_from_path(path)
    folder = Path(settings.package_data_dir) / tops.pop()
    return InstalledPackage(
        metadata.get("from_code", ""),
        metadata.get("to_code", ""),
        metadata.get("package_version", ""),
        folder,
        metadata.get("target_prefix", ""),
    )


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
