"""Shared fixtures and markers.

Real engines and the official schemas are required: in CI (``CI`` set) a missing Apertium
pair or a missing ``../shared/schemas`` fails the run instead of skipping
(:func:`skip_or_fail`), so a broken install step cannot pass silently.

Markers (registered in pyproject.toml) are set here, not in the test modules:

* ``engine``: the test uses one of :data:`ENGINE_FIXTURES` (Apertium, or the tiny Argos
  model of tests/fixtures).  ``pytest -m "not engine"`` is the quick run.
* ``slow``: the tests in :data:`SLOW`, the longest of the suite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT.parent / "shared" / "schemas"
"""The official XLIFF, TMX and TBX schemas, kept beside the repository, not in it."""

# Fixtures that bring a real engine, by name; a name that other modules also use for
# something else is tied to the module that defines the engine fixture.
ENGINE_FIXTURES: dict[str, str | None] = {
    "apertium_eng_spa": None,
    "apertium_eng_cat": None,
    "machine_jsonl": "test_check_cli",  # an Apertium translation made once per module
    "argos_env": "test_argos",  # the tiny Argos model installed in a throw-away folder
    "installed": "test_tiny_model",
    "run": "test_honest_report",  # Apertium en-es/en-ca and the tiny Argos model
    "review_server": None,  # test_review_page: translate serve with Apertium and the tiny model
}

# The longest tests (5 s or more each on the 2-core CI machine, `pytest --durations=25`),
# as module -> test function names (every parametrisation of a name is marked).
SLOW: dict[str, set[str]] = {
    "test_argos": {
        "test_install_file_list_translate_remove",
        "test_pivot_through_english_keeps_alignment_and_terms",
        "test_translation_makes_no_network_access",
        "test_auto_prefers_argos_and_names_both_installs",
        "test_a_sentence_longer_than_the_model_goes_through_in_pieces",
        "test_install_from_a_loopback_package_index",
    },
    "test_honest_report": {"test_enforced_and_corrected_terms_are_in_the_target"},
    "test_precommit": {"test_precommit_translates_then_never_overwrites_a_persons_edit"},
    "test_matcher": {"test_hundred_thousand_terms"},
    "test_review_page": {
        "test_translate_into_spanish_and_persian_shows_each_terms_status",
        "test_an_edited_sentence_is_checked_again",
    },
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__ if isinstance(item, pytest.Function) else ""
        if any(
            name in ENGINE_FIXTURES and ENGINE_FIXTURES[name] in (None, module)
            for name in getattr(item, "fixturenames", ())
        ):
            item.add_marker(pytest.mark.engine)
        if getattr(item, "originalname", None) in SLOW.get(module, ()):
            item.add_marker(pytest.mark.slow)


def skip_or_fail(message: str) -> NoReturn:
    """Skip the test for want of ``message``'s prerequisite, or fail it in CI (``CI``
    set), where everything the tests need is installed and a skip would hide a gap."""
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set: nothing may be missing)")
    pytest.skip(message)


def need_schema(path: Path = SCHEMAS) -> Path:
    """``path``, a schema file or folder under :data:`SCHEMAS`, when it is there;
    otherwise the test is skipped, or fails in CI."""
    if not path.exists():
        skip_or_fail(f"official schema not found at {path} (the schemas live in ../shared/schemas)")
    return path


def _have_apertium_pair(mode: str) -> bool:
    return (
        shutil.which("apertium") is not None
        and Path(f"/usr/share/apertium/modes/{mode}.mode").exists()
    )


@pytest.fixture
def apertium_eng_spa() -> None:
    if not _have_apertium_pair("eng-spa"):
        skip_or_fail("apertium eng-spa not installed: apt-get install apertium apertium-eng-spa")


@pytest.fixture
def apertium_eng_cat() -> None:
    if not _have_apertium_pair("eng-cat"):
        skip_or_fail("apertium eng-cat not installed: apt-get install apertium-eng-cat")


def argos_home(folder: Path) -> dict[str, str]:
    """argostranslate's folders, all under ``folder``, and an index no one answers: the
    environment for CLI subprocesses that must not touch the user's packages."""
    return {
        "ARGOS_PACKAGES_DIR": str(folder / "packages"),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CACHE_HOME": str(folder / "cache"),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",
    }


def run_cli(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None, env: dict | None = None
):
    """Run the real ``translate`` console script as a user would."""
    exe = Path(sys.executable).with_name("translate")
    # English interface unless a test asks otherwise, whatever the developer's locale.
    full_env = {
        **os.environ,
        "COLUMNS": "120",
        "LANGUAGE": "",
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        **(env or {}),
    }
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
