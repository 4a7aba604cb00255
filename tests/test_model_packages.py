"""Installing ``.argosmodel`` files that are hostile or broken (issue 14).

Every hostile archive is built here from the real fixture package; each is refused with
one line and exit 2, and nothing is left in argostranslate's package folder (not even a
hidden staging folder).  The good case is the fixture itself, installed through the
real CLI into a throw-away ``ARGOS_PACKAGES_DIR``.
"""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, argos_home, run_cli

FIXTURE = ROOT / "tests" / "fixtures" / "tiny-en-es.argosmodel"
TOP = "translate-en_es-0_1"


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    return argos_home(tmp_path / "argos")


def packages_dir(env: dict[str, str]) -> Path:
    return Path(env["ARGOS_PACKAGES_DIR"])


def left_behind(env: dict[str, str]) -> list[str]:
    folder = packages_dir(env)
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def rebuild(
    dest: Path,
    *,
    metadata: object = None,
    replace: dict[str, bytes] | None = None,
    extra: list[tuple[zipfile.ZipInfo | str, bytes]] = (),  # type: ignore[assignment]
) -> Path:
    """The fixture package with its metadata, some members or extra members changed."""
    with zipfile.ZipFile(FIXTURE) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith("/metadata.json") and metadata is not None:
                data = json.dumps(metadata).encode()
            if replace and item.filename in replace:
                data = replace[item.filename]
            zout.writestr(item.filename, data)
        for info, data in extra:
            zout.writestr(info, data)
    return dest


def refused(result, *words: str) -> str:
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    for word in words:
        assert word in err, err
    return err


def good_metadata() -> dict:
    with zipfile.ZipFile(FIXTURE) as archive:
        return json.loads(archive.read(f"{TOP}/metadata.json"))


def test_the_fixture_installs_and_a_reinstall_replaces_it(home) -> None:
    for _ in range(2):
        result = run_cli("models", "install", str(FIXTURE), env=home)
        assert result.returncode == 0, result.stderr.decode()
    assert left_behind(home) == [TOP]
    listing = run_cli("models", "list", env=home)
    assert "en-es" in listing.stdout.decode(), listing.stderr.decode()


def test_a_zip_bomb_is_refused_before_anything_is_written(home, tmp_path) -> None:
    bomb = rebuild(tmp_path / "bomb.argosmodel", extra=[(f"{TOP}/padding.bin", bytes(64 << 20))])
    assert bomb.stat().st_size < 4 << 20  # 64 MB of zeros packs into a few hundred KB
    refused(run_cli("models", "install", str(bomb), env=home), "bomb.argosmodel", "unpacks to")
    assert left_behind(home) == []


def test_the_size_limit_is_configurable(home) -> None:
    env = {**home, "DRAGOMAN_MAX_PACKAGE_MB": "1"}
    refused(run_cli("models", "install", str(FIXTURE), env=env), "DRAGOMAN_MAX_PACKAGE_MB")
    assert left_behind(home) == []


@pytest.mark.parametrize(
    "name",
    [f"{TOP}/../escaped.txt", "/tmp/absolute.txt", f"{TOP}/model/../../x.txt", f"{TOP}\\..\\x"],
)
def test_members_that_leave_the_package_folder_are_refused(home, tmp_path, name) -> None:
    hostile = rebuild(tmp_path / "hostile.argosmodel", extra=[(name, b"owned")])
    refused(run_cli("models", "install", str(hostile), env=home), "outside the package")
    assert left_behind(home) == []
    assert not (packages_dir(home).parent / "escaped.txt").exists()


def test_a_symbolic_link_member_is_refused(home, tmp_path) -> None:
    link = zipfile.ZipInfo(f"{TOP}/model/link")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    hostile = rebuild(tmp_path / "link.argosmodel", extra=[(link, b"/etc/passwd")])
    refused(run_cli("models", "install", str(hostile), env=home), "outside the package")
    assert left_behind(home) == []


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (["not", "an", "object"], ("not a JSON object",)),
        ({"from_code": 5}, ("from_code",)),
        ({"to_code": ""}, ("to_code",)),
        ({"links": "http://example.org"}, ("links", "list")),
        ({"package_version": 1.0}, ("package_version", "text")),
        ({"target_prefix": ["__es__"]}, ("target_prefix",)),
        ({"package_version": "1.0\x1b]0;owned\x07"}, ("package_version", "text")),
        ({"type": "sbd"}, ("type",)),
    ],
)
def test_metadata_of_the_wrong_shape_is_refused(home, tmp_path, change, words) -> None:
    metadata = {**good_metadata(), **change} if isinstance(change, dict) else change
    broken = rebuild(tmp_path / "meta.argosmodel", metadata=metadata)
    refused(run_cli("models", "install", str(broken), env=home), "metadata.json", *words)
    assert left_behind(home) == []
    listing = run_cli("models", "list", env=home)
    assert listing.returncode == 0 and "Traceback" not in listing.stderr.decode()


def test_unreadable_metadata_is_refused(home, tmp_path) -> None:
    broken = rebuild(tmp_path / "meta.argosmodel", replace={f"{TOP}/metadata.json": b"{nope"})
    refused(run_cli("models", "install", str(broken), env=home), "metadata.json")
    assert left_behind(home) == []


def test_a_garbage_model_is_refused_and_apertium_keeps_the_pair(
    home, tmp_path, apertium_eng_spa
) -> None:
    garbage = rebuild(
        tmp_path / "garbage.argosmodel",
        replace={f"{TOP}/model/model.bin": os.urandom(4096)},
    )
    refused(run_cli("models", "install", str(garbage), env=home), "does not load")
    assert left_behind(home) == []
    result = run_cli(
        "article", "-", "--to", "es", "--report", "-", stdin=b"The talks began.\n", env=home
    )
    assert result.returncode == 0, result.stderr.decode()
    assert "apertium" in result.stderr.decode()


def test_a_broken_package_put_there_by_hand_is_skipped_with_a_warning(
    home, apertium_eng_spa
) -> None:
    folder = packages_dir(home) / "translate-en_es-9"
    folder.mkdir(parents=True)
    (folder / "metadata.json").write_text(json.dumps({**good_metadata(), "from_code": 5}))
    listing = run_cli("models", "list", env=home)
    assert listing.returncode == 0
    assert "skipping broken package" in listing.stderr.decode()
    result = run_cli("article", "-", "--to", "es", stdin=b"The talks began.\n", env=home)
    assert result.returncode == 0, result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_not_a_zip_and_a_truncated_zip_are_one_line(home, tmp_path) -> None:
    text = tmp_path / "text.argosmodel"
    text.write_text("hello")
    refused(run_cli("models", "install", str(text), env=home), "not a zip")
    truncated = tmp_path / "cut.argosmodel"
    truncated.write_bytes(FIXTURE.read_bytes()[:-200])
    result = run_cli("models", "install", str(truncated), env=home)
    refused(result, "cut.argosmodel")
    assert left_behind(home) == []
