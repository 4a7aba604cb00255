"""Right-to-left interface lines keep their order: ``--ui-lang fa languages`` and
``models list`` show each pair source → target as written, the version and size after
the names, and the report's date line keeps "5 Oct. 2023" together.

The order is checked as a terminal shows it: GNU FriBidi (the UAX #9 implementation
terminals and toolkits use, Debian's libfribidi0) gives each character's visual
position."""

from __future__ import annotations

import ctypes
import ctypes.util
from pathlib import Path

import pytest

from conftest import ROOT, argos_home, run_cli, skip_or_fail
from translate.languages import display_name

FIXTURE = ROOT / "tests" / "fixtures" / "tiny-en-es.argosmodel"
_FRIBIDI_PAR_ON = 0x00000040  # the paragraph direction from its first strong letter


def visual_positions(line: str) -> list[int]:
    """For each character of ``line`` (logical order), its column on screen."""
    name = ctypes.util.find_library("fribidi")
    if name is None:
        skip_or_fail("GNU FriBidi not installed: apt-get install libfribidi0")
    lib = ctypes.CDLL(name)
    n = len(line)
    text = (ctypes.c_uint32 * n)(*(ord(c) for c in line))
    out = (ctypes.c_uint32 * n)()
    l_to_v = (ctypes.c_int32 * n)()
    base = ctypes.c_uint32(_FRIBIDI_PAR_ON)
    assert lib.fribidi_log2vis(text, n, ctypes.byref(base), out, l_to_v, None, None)
    return list(l_to_v)


def columns(line: str, part: str) -> list[int]:
    """The screen columns of ``part``'s characters in ``line``."""
    start = line.index(part)
    return visual_positions(line)[start : start + len(part)]


def reads_left_to_right(line: str, *parts: str) -> bool:
    """Whether ``parts`` appear on screen from left to right in this order."""
    firsts = [min(columns(line, p)) for p in parts]
    return firsts == sorted(firsts)


def test_the_check_itself_can_fail() -> None:
    """Without isolates a Persian pair reads backwards (what the commands printed)."""
    en, es = display_name("en", "fa"), display_name("es", "fa")
    bare = f"  en-es  {en} → {es}  1.0  12.3 MB"
    assert not reads_left_to_right(bare, en, es)


def test_languages_in_persian_keep_the_pairs_order() -> None:
    result = run_cli("--ui-lang", "fa", "languages")
    assert result.returncode == 0, result.stderr
    lines = [x for x in result.stdout.decode().splitlines() if x.startswith("  en-es ")]
    if not lines:
        skip_or_fail("apertium eng-spa not installed: apt-get install apertium-eng-spa")
    en, es = display_name("en", "fa"), display_name("es", "fa")
    for line in lines:
        assert reads_left_to_right(line, "en-es", en, es, "eng-spa"), line


def test_models_list_in_persian_keeps_names_version_and_size_in_order(tmp_path: Path) -> None:
    env = argos_home(tmp_path)
    assert run_cli("models", "install", str(FIXTURE), env=env).returncode == 0
    result = run_cli("--ui-lang", "fa", "models", "list", env=env)
    assert result.returncode == 0, result.stderr
    [line] = [x for x in result.stdout.decode().splitlines() if x.startswith("en-es")]
    en, es = display_name("en", "fa"), display_name("es", "fa")
    fields = line.split("  ")
    version, size = fields[2], fields[3]
    assert reads_left_to_right(line, "en-es", en, es, version, size), line


@pytest.fixture
def persian():
    from translate.i18n import set_language

    set_language("fa")
    yield
    set_language(None)


def test_report_date_line_keeps_the_date_together(persian) -> None:
    from translate import report

    pair = {
        "doc": "baku.en.md",
        "source_lang": "en",
        "target_lang": "fa",
        "engine": "apertium",
        "occurrences": 0,
        "enforced": 0,
        "corrected": 0,
        "missing": 0,
        "terms": [],
        "unknown_words": [],
        "dates": [{"source": "5 Oct. 2023", "target": "۵ اکتبر ۲۰۲۳", "engine": "5 Oct. 2023"}],
    }
    text = report.to_text({"pairs": [pair]})
    [line] = [x for x in text.splitlines() if "Oct." in x]
    start = line.index("5 Oct. 2023")
    shown = visual_positions(line)[start : start + len("5 Oct. 2023")]
    # one left-to-right run: consecutive columns, "5" first
    assert shown == list(range(shown[0], shown[0] + len(shown))), line
