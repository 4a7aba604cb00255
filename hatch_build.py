"""Hatch build hook: compile the interface catalogs into the wheel.

``locales/<lang>/LC_MESSAGES/dragoman.po`` are the sources (committed); the compiled
``translate/locale/<lang>/LC_MESSAGES/dragoman.mo`` are build products (``*.mo`` is
gitignored).  For a wheel they are compiled into a temporary folder and force-included
at ``translate/locale/...``; for an editable install (which imports ``translate`` from
the source tree) they are compiled into ``translate/locale/`` in place.  Babel does the
compiling (fuzzy entries are left out, as msgfmt does).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DOMAIN = "dragoman"


def compile_catalogs(root: Path, out_dir: Path) -> list[tuple[Path, str]]:
    """Compile every ``locales/*/LC_MESSAGES/*.po`` under ``root`` into ``out_dir``.

    Returns ``(compiled file, path inside the package tree)`` pairs.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    built = []
    for po in sorted((root / "locales").glob("*/LC_MESSAGES/*.po")):
        lang = po.parent.parent.name
        relative = f"{lang}/LC_MESSAGES/{po.stem}.mo"
        mo = out_dir / relative
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=lang, domain=po.stem)
        with mo.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        built.append((mo, f"translate/locale/{relative}"))
    return built


class LocaleBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        root = Path(self.root)
        if version == "editable":
            compile_catalogs(root, root / "translate" / "locale")
            return
        self._tmp = Path(tempfile.mkdtemp(prefix="dragoman-locale-"))
        for mo, target in compile_catalogs(root, self._tmp):
            build_data["force_include"][str(mo)] = target

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
