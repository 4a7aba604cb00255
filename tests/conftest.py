"""Shared fixtures.  Real engines are required: in CI (``CI`` set) a missing Apertium
fails the run instead of skipping, so a broken install step cannot pass silently."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _have_apertium_pair(mode: str) -> bool:
    return shutil.which("apertium") is not None and Path(
        f"/usr/share/apertium/modes/{mode}.mode"
    ).exists()


@pytest.fixture
def apertium_eng_spa() -> None:
    if not _have_apertium_pair("eng-spa"):
        if os.environ.get("CI"):
            pytest.fail("apertium eng-spa is not installed (scripts/setup installs it)")
        pytest.skip("apertium eng-spa not installed: apt-get install apertium apertium-eng-spa")


@pytest.fixture
def apertium_eng_cat() -> None:
    if not _have_apertium_pair("eng-cat"):
        if os.environ.get("CI"):
            pytest.fail("apertium eng-cat is not installed (scripts/setup installs it)")
        pytest.skip("apertium eng-cat not installed: apt-get install apertium-eng-cat")


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None, env: dict | None = None):
    """Run the real ``translate`` console script as a user would."""
    exe = Path(sys.executable).with_name("translate")
    # English interface unless a test asks otherwise, whatever the developer's locale.
    full_env = {**os.environ, "COLUMNS": "120", "LANGUAGE": "", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8",
                **(env or {})}
    return subprocess.run(
        [str(exe), *args],
        input=stdin,
        capture_output=True,
        cwd=cwd or ROOT,
        env=full_env,
        check=False,
    )


@pytest.fixture
def english_interface():
    """Messages asserted are the English ones, whatever the developer's locale
    (``pytestmark = pytest.mark.usefixtures("english_interface")`` in a test module)."""
    from translate.i18n import set_language

    set_language("en")
    yield
    set_language(None)


def write_file(tmp_path: Path, name: str, content: str | bytes) -> Path:
    """``content`` written to ``tmp_path / name`` (text as UTF-8); the path."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def glossary_content(glossary) -> list[tuple]:
    """What a glossary says, without file positions."""
    return [
        (
            c.id,
            c.type,
            c.case_sensitive,
            c.note,
            {lang: (t.preferred, t.admitted, t.deprecated, t.forms) for lang, t in c.terms.items()},
        )
        for c in glossary
    ]
