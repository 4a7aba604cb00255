"""The tiny copy-task Argos package (tests/fixtures/tiny-en-es.argosmodel) is real.

It installs through the genuine ``argostranslate.package.install_from_path`` into a
throw-away packages dir, is listed by ``get_installed_packages()`` as en -> es, and
the CTranslate2 model + SentencePiece model it ships copy held-out sentences exactly
(names in several scripts, numbers, quotes, placeholder tokens, a ~170-piece sentence).

Rebuild the fixture with ``tools/tiny_argos_model/build.py`` (see its README).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "tiny-en-es.argosmodel"
TOP_LEVEL = "translate-en_es-0_1"

ctranslate2 = pytest.importorskip("ctranslate2")
spm = pytest.importorskip("sentencepiece")
pytest.importorskip("argostranslate.package")

# Hand-written, not produced by the corpus generator in build.py.
HELD_OUT = [
    # ~170 SentencePiece pieces: the length of a long wire sentence
    "President İlham Əliyev said on Tuesday in Bakú that the peace treaty with Ереван "
    "was “ready to be signed” after 14 rounds of talks, while officials in Teherán (تهران) "
    "and Moscú (Москва) welcomed the announcement, although Nikol Pashinyan's spokesman "
    "insisted that border delimitation “hasn't been finalised” and that €350 million "
    "in aid would be discussed in Geneva on 17/09/2025.",
    "Bakú y Teherán firmaron un acuerdo de 4.5% sobre el gas.",
    "Əliyev met Pashinyan in Ereván on Monday.",
    "Ереван and Москва traded accusations on Monday night.",
    "Officials in باکو and تهران said the railway link would open in 2026.",
    "“We will not accept this,” the minister's spokesman told AFP.",
    "\ue000 said on Tuesday that talks with \ue001 would resume in Geneva.",
    "The central bank raised rates to 21.5% on March 3, 2025, its 4th increase this year.",
    "⟦1⟧ arrived in ⟦2⟧ at 09:15 — two hours late.",
    "ZXQ7 told reporters that ZXQ12 had left Kyiv.",
    "Mette Frederiksen and Bjørn Ødegård visited Malmö, Łódź and Kraków.",
    "Сергей Лавров заявил: «Мы готовы к переговорам».",
    "مسعود پزشکیان و عباس عراقچی در تهران دیدار کردند.",
    "At least 37 people were killed and 112 injured in Xankəndi, according to the Red Cross.",
    "Seán O'Brien didn't comment on Iran's nuclear programme.",
    "Gazprom's exports fell 12.3% to $4.7 billion (Reuters).",
    "Will Kassym-Jomart Tokayev go to Astaná?",
    "Nguyễn Phú Trọng, 80, died on July 19, 2024.",
    "The UN envoy, \ue005, met \ue006 and \ue007 in Doha.",
    "Sheikh Tamim bin Hamad Al Thani welcomed the deal — “a historic day”.",
]

# Runs in a fresh interpreter: argostranslate.settings reads ARGOS_PACKAGES_DIR and the
# XDG dirs once, at import time, and creates them.  install_from_path() finishes with
# `from argostranslate.translate import get_installed_languages` (to clear a cache);
# the real module pulls in stanza/torch, so a stub stands in for it.
_INSTALL = textwrap.dedent(
    """
    import json, sys, types

    stub = types.ModuleType("argostranslate.translate")
    def get_installed_languages():
        return []
    get_installed_languages.cache_clear = lambda: None
    stub.get_installed_languages = get_installed_languages
    sys.modules["argostranslate.translate"] = stub

    from argostranslate import package, settings

    package.install_from_path(sys.argv[1])
    print(json.dumps({
        "package_data_dir": str(settings.package_data_dir),
        "real_translate_imported": "stanza" in sys.modules or "torch" in sys.modules,
        "packages": [
            {"path": str(p.package_path), "from_code": p.from_code, "to_code": p.to_code,
             "type": p.type, "str": str(p), "tokenizer": type(p.tokenizer).__name__}
            for p in package.get_installed_packages()
        ],
    }))
    """
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("argos")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "SNAP"))}
    env.update(
        ARGOS_PACKAGES_DIR=str(tmp / "packages"),
        XDG_DATA_HOME=str(tmp / "data"),
        XDG_CONFIG_HOME=str(tmp / "config"),
        XDG_CACHE_HOME=str(tmp / "cache"),
        HOME=str(tmp / "home"),
    )
    proc = subprocess.run(
        [sys.executable, "-c", _INSTALL, str(FIXTURE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    info["tmp"] = tmp
    return info


def test_fixture_is_a_zip_with_one_top_level_folder():
    with zipfile.ZipFile(FIXTURE) as z:
        names = z.namelist()
    assert {n.split("/")[0] for n in names} == {TOP_LEVEL}
    for required in (
        "metadata.json",
        "sentencepiece.model",
        "model/model.bin",
        "model/config.json",
        "README.md",
    ):
        assert f"{TOP_LEVEL}/{required}" in names
    assert FIXTURE.stat().st_size < 6_000_000


def test_installs_and_lists_en_es(installed):
    assert Path(installed["package_data_dir"]) == installed["tmp"] / "packages"
    assert not installed["real_translate_imported"]
    pkgs = installed["packages"]
    assert len(pkgs) == 1, pkgs
    pkg = pkgs[0]
    assert (pkg["from_code"], pkg["to_code"], pkg["type"]) == ("en", "es", "translate")
    assert pkg["str"] == "English → Spanish"
    assert pkg["tokenizer"] == "SentencePieceTokenizer"
    assert Path(pkg["path"]) == installed["tmp"] / "packages" / TOP_LEVEL


@pytest.fixture(scope="module")
def model(installed):
    path = Path(installed["packages"][0]["path"])
    sp = spm.SentencePieceProcessor(model_file=str(path / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(path / "model"), device="cpu", intra_threads=1)
    return sp, translator


def test_held_out_set_is_what_it_claims(model):
    sp, _ = model
    lengths = [len(sp.encode(s)) for s in HELD_OUT]
    assert len(HELD_OUT) == 20
    assert 160 <= lengths[0] <= 200, lengths[0]
    text = "".join(HELD_OUT)
    assert any("\u0400" <= c <= "\u04ff" for c in text)  # Cyrillic
    assert any("\u0600" <= c <= "\u06ff" for c in text)  # Arabic script (Persian)
    assert any("\ue000" <= c <= "\uf8ff" for c in text)  # private use
    for s in HELD_OUT:  # the tokenizer itself is lossless
        assert sp.decode(sp.encode(s, out_type=str)) == s


@pytest.mark.parametrize("beam_size", [1, 4])
def test_copies_held_out_sentences_exactly(model, beam_size):
    sp, translator = model
    tokens = [sp.encode(s, out_type=str) for s in HELD_OUT]
    # Argos calls translate_batch(..., beam_size=4, length_penalty=0.2); greedy too.
    results = translator.translate_batch(
        tokens,
        beam_size=beam_size,
        length_penalty=0.2,
        max_batch_size=32,
        max_decoding_length=256,
    )
    outputs = [sp.decode(r.hypotheses[0]) for r in results]
    wrong = [(s, o) for s, o in zip(HELD_OUT, outputs, strict=True) if s != o]
    assert not wrong, wrong
