"""Word alignment from the engines, and what rides on it.

Apertium's word-bound blanks and the attention of an Argos model each say which target
words translate which source words.  Markup placement and the correction of mangled
names stand on that, so the links themselves are checked here on real engines, along
with the choice of term marking by probing the engine.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from translate.calibration import keeps_placeholders, marker_for
from translate.document import SourceText, Translation
from translate.engines.argos import _drop_keeps, _put_keeps
from translate.engines.base import DirectRoute, Pair
from translate.glossary.markers import PlaceholderMarker
from translate.inline import aligned_span


def linked(source: str, target: str, links, word: str) -> list[str]:
    start = source.index(word)
    return [target[a:b] for s, (a, b) in links if s[0] <= start < s[1]]


def test_apertium_word_links_follow_reordering(apertium_eng_spa) -> None:
    from translate import engines

    engine = engines.choose("apertium", "en", "es")
    source = "The new pipeline of the minister opened in Tehran."
    target = engine.translate_batch([SourceText(source)], "en", "es")[0].text
    links = engine.align([(source, target)], "en", "es")[0]
    assert linked(source, target, links, "new") == ["nueva"]
    assert linked(source, target, links, "pipeline") == ["tubería"]
    assert linked(source, target, links, "Tehran") == ["Teherán"]


def test_apertium_links_survive_a_changed_translation(apertium_eng_spa) -> None:
    """The glossary changed the engine's output: links follow the words that stayed."""
    from translate import engines

    engine = engines.choose("apertium", "en", "es")
    source = "The red house of Pezeshkian fell."
    target = "La casa roja de Pezeshkián cayó."
    links = engine.align([(source, target)], "en", "es")[0]
    assert linked(source, target, links, "red") == ["roja"]
    assert linked(source, target, links, "Pezeshkian") == ["Pezeshkián"]
    assert aligned_span(4, 7, links) == (8, 12)


def _tiny_package(tmp_path: Path) -> Path:
    from test_argos import FIXTURE

    with zipfile.ZipFile(FIXTURE) as archive:
        archive.extractall(tmp_path)
        return tmp_path / archive.namelist()[0].split("/")[0]


def test_argos_attention_links_a_copy_to_itself(tmp_path) -> None:
    pytest.importorskip("ctranslate2")
    from translate.engines.argos import Settings, _Model
    from translate.engines.argos_packages import InstalledPackage

    path = _tiny_package(tmp_path)
    meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    model = _Model(InstalledPackage("en", "es", str(meta["package_version"]), path), Settings())
    source = "Iranian President Masoud Pezeshkian met Ilham Aliyev in Bakú."
    links = model.align([(source, source)])[0]
    assert links and all(s == t for s, t in links)
    assert model.copies_marks()  # the copy model was taught to keep them


def test_verbatim_spans_come_back_after_their_word() -> None:
    text = SourceText("Call `grep -r` now and <br> again.", ((5, 14), (23, 27)))
    bare, atoms = _drop_keeps(text)
    assert bare == "Call now and again."
    # an engine that reorders: "now" and "again" swap, links say so
    out = "Llama otra vez y ahora."
    links = [((0, 4), (0, 5)), ((5, 8), (17, 22)), ((9, 12), (15, 16)), ((13, 18), (6, 14))]
    got = _put_keeps(out, bare, atoms, links)
    assert got.text == "Llama `grep -r` otra vez y <br> ahora." and got.issues == ()


def test_a_verbatim_span_with_no_anchor_is_appended_and_said() -> None:
    bare, atoms = _drop_keeps(SourceText("Call `x` now.", ((5, 8),)))
    got = _put_keeps("Llama ahora.", bare, atoms, [])
    assert got.text == "Llama ahora. `x`"
    assert len(got.issues) == 1 and "`x`" in got.issues[0]


class _Probe(DirectRoute):
    name = "probe"
    term_marking = "auto"

    def __init__(self, keeps: bool) -> None:
        self.keeps = keeps

    def pairs(self):
        return [Pair("en", "es")]

    def missing_pair_hint(self, source, target):  # pragma: no cover
        return None

    def translate_batch(self, texts, source, target):
        if self.keeps:
            return [Translation(t.text) for t in texts]
        # as a model without byte fallback: unknown pieces come back as " ⁇ "
        return [
            Translation("".join(" ⁇ " if 0xE000 <= ord(c) < 0xF900 else c for c in t.text))
            for t in texts
        ]


def test_auto_marking_probes_the_engine() -> None:
    assert keeps_placeholders(_Probe(True), "en", "es")
    assert isinstance(marker_for(_Probe(True), "en", "es"), PlaceholderMarker)
    assert not keeps_placeholders(_Probe(False), "en", "es")
    assert marker_for(_Probe(False), "en", "es") is None  # plain, corrected by alignment
