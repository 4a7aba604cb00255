"""Every reader of outside input either parses or raises UserError, for any bytes.

The readers come from the registries (one target per article format, glossary
extension and bitext reader, and the CMS hook's JSON: see ``fuzz_targets``).  Hypothesis
feeds each random bytes and mutations of a valid file; ``scripts/fuzz`` runs the same
check for minutes, and every crash it saved under ``tests/fuzz_crashes`` is replayed
here as a regression test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fuzz_targets
from fuzz_targets import CRASHES, check, crashes, seeds, strategy, targets

TARGETS = sorted(targets())

# Crashes in modules this suite's authors do not own, reported to their owners: each
# replay is expected to fail until the module is fixed (strict: a fix makes it pass,
# and then this entry must go).  Key: the file under tests/fuzz_crashes.
REPORTED: dict[str, str] = {}


def test_every_registered_reader_is_a_target() -> None:
    from translate.articles import ARTICLE_FORMATS
    from translate.formats.readers import READERS
    from translate.glossary import GLOSSARY_FORMATS

    families = {family for family, _ in targets().values()}
    assert families == {"article", "glossary", "bitext", "json"}
    assert len(TARGETS) == (
        len(ARTICLE_FORMATS) + len(GLOSSARY_FORMATS.extensions()) + len(READERS.extensions()) + 1
    )


@pytest.mark.parametrize("target", TARGETS)
def test_each_target_has_a_seed_that_parses(target: str) -> None:
    """A seed that the reader refuses would make the mutations test nothing useful."""
    known = seeds(target)
    assert known, f"no seed for {target}"
    _, read = targets()[target]
    assert read(known[0]) is not None


@pytest.mark.parametrize("target", TARGETS)
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same inputs in every run: scripts/fuzz explores at random
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_any_bytes_parse_or_raise_user_error(target: str, data: st.DataObject) -> None:
    check(target, data.draw(strategy(target), label="input"))


def _replays() -> list:
    cases = []
    for target in TARGETS:
        for path in crashes(target):
            key = f"{target}/{path.name}"
            marks = ()
            if key in REPORTED:
                marks = (pytest.mark.xfail(strict=True, reason=REPORTED[key]),)
            cases.append(pytest.param(target, path, id=key, marks=marks))
    return cases


@pytest.mark.parametrize(("target", "path"), _replays())
def test_crashes_found_by_fuzzing_stay_fixed(target: str, path: Path) -> None:
    check(target, path.read_bytes())


def test_the_crash_folder_names_only_known_targets() -> None:
    if CRASHES.is_dir():
        assert {p.name for p in CRASHES.iterdir()} <= set(TARGETS)
    assert set(REPORTED) <= {f"{t}/{p.name}" for t in TARGETS for p in crashes(t)}
    assert fuzz_targets.main(["--list"]) == 0
