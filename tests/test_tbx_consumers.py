"""TBX that other tools read: ``glossary convert … .tbx`` writes TBX-Basic v2 (``martif``)
by default, which translate-toolkit's reader (the one Weblate uses) reads term for
term, and v3 with ``--tbx-version 3``, which it cannot read (the reason v2 is the
default).  translate-toolkit runs in a virtual environment of its own, made once per
test session, so that it is not a dependency of Dragoman's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, need_schema, run_cli, skip_or_fail
from translate.glossary import load_glossary

CAUCASUS = ROOT / "glossaries" / "caucasus.yaml"
TBX_RNG = ROOT.parent / "shared" / "schemas" / "tbx" / "TBXcoreStructV03.rng"

READER = """\
import json, sys
from translate.storage import tbx
path, source, target = sys.argv[1:4]
try:
    with open(path, "rb") as handle:
        store = tbx.tbxfile(handle, sourcelanguage=source, targetlanguage=target)
except Exception as err:
    print(json.dumps({"error": type(err).__name__}))
    raise SystemExit(0)
units = [u for u in store.units if not u.isheader()]
print(json.dumps({"units": [[u.getid(), u.source, u.target] for u in units]}))
"""


@pytest.fixture(scope="session")
def toolkit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Python of a fresh virtual environment with translate-toolkit from PyPI."""
    venv = tmp_path_factory.mktemp("translate-toolkit") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "translate-toolkit",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if install.returncode != 0:
        skip_or_fail(
            "pip could not install translate-toolkit from PyPI into a test virtual environment: "
            + (install.stderr.strip().splitlines() or ["no output"])[-1]
        )
    return python


def read_with_toolkit(python: Path, path: Path, source: str, target: str) -> dict:
    script = path.parent / "read_tbx.py"
    script.write_text(READER, encoding="utf-8")
    result = subprocess.run(
        [str(python), str(script), str(path), source, target],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_translate_toolkit_reads_the_default_tbx(toolkit: Path, tmp_path: Path) -> None:
    glossary = load_glossary(CAUCASUS)
    out = tmp_path / "caucasus.tbx"
    result = run_cli("glossary", "convert", str(CAUCASUS), str(out))
    assert (result.returncode, result.stderr) == (0, b"")
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith('<martif type="TBX-Basic"')
    for target in ("ru", "es", "fa", "az"):
        read = read_with_toolkit(toolkit, out, "en", target)
        expected = [
            [
                c.id,
                c.terms["en"].preferred,
                c.terms[target].preferred if target in c.terms else None,
            ]
            for c in glossary
            if c.terms and "en" in c.terms
        ]
        assert read["units"] == expected


def test_tbx_version_3_is_what_the_toolkit_cannot_read(toolkit: Path, tmp_path: Path) -> None:
    out = tmp_path / "caucasus.tbx"
    result = run_cli("glossary", "convert", str(CAUCASUS), str(out), "--tbx-version", "3")
    assert (result.returncode, result.stderr) == (0, b"")
    assert "<tbx " in out.read_text(encoding="utf-8")
    read = read_with_toolkit(toolkit, out, "en", "ru")
    assert "units" not in read or read["units"] == []


def test_both_versions_read_back_the_same_glossary(tmp_path: Path) -> None:
    from conftest import glossary_content

    glossary = load_glossary(CAUCASUS)
    for version in ("2", "3"):
        out = tmp_path / f"v{version}.tbx"
        result = run_cli("glossary", "convert", str(CAUCASUS), str(out), "--tbx-version", version)
        assert result.returncode == 0, result.stderr
        assert glossary_content(load_glossary(out)) == glossary_content(glossary)


def test_version_3_validates_and_version_2_is_tbx_basic_v2(tmp_path: Path) -> None:
    etree = pytest.importorskip("lxml.etree", reason="lxml (test extra) validates TBX")
    schema = etree.RelaxNG(etree.parse(str(need_schema(TBX_RNG))))
    v3, v2 = tmp_path / "v3.tbx", tmp_path / "v2.tbx"
    assert (
        run_cli("glossary", "convert", str(CAUCASUS), str(v3), "--tbx-version", "3").returncode == 0
    )
    assert schema.validate(etree.parse(str(v3))), schema.error_log
    assert run_cli("glossary", "convert", str(CAUCASUS), str(v2)).returncode == 0
    root = etree.parse(str(v2)).getroot()
    # TBX-Basic v2's structure (TBXBasiccoreStructV02.dtd): no namespace, martif >
    # martifHeader + text/body > termEntry > langSet > tig > term, termNote*, note*
    assert (root.tag, root.get("type"), root.nsmap) == ("martif", "TBX-Basic", {})
    assert [c.tag for c in root] == ["martifHeader", "text"]
    assert root.findtext("martifHeader/encodingDesc/p[@type='XCSURI']") == "TBXBasicXCSV02.xcs"
    for entry in root.iterfind("text/body/termEntry"):
        tags = [c.tag for c in entry]
        first_lang = tags.index("langSet")
        assert set(tags[:first_lang]) <= {"descrip", "note"}
        assert set(tags[first_lang:]) == {"langSet"}
        for tig in entry.iterfind("langSet/tig"):
            children = [c.tag for c in tig]
            assert children[0] == "term" and children.count("term") == 1
            assert children == sorted(children, key=["term", "termNote", "note"].index)


def test_tbx_version_only_for_tbx_output(tmp_path: Path) -> None:
    result = run_cli(
        "glossary", "convert", str(CAUCASUS), str(tmp_path / "x.yaml"), "--tbx-version", "3"
    )
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "translate: error: --tbx-version is for a .tbx output"
        " (leave it out, or write a .tbx file)\n"
    )
    assert not (tmp_path / "x.yaml").exists()
    result = run_cli(
        "glossary", "convert", str(CAUCASUS), str(tmp_path / "x.tbx"), "--tbx-version", "4"
    )
    assert result.returncode == 2 and b"invalid choice" in result.stderr
