from __future__ import annotations

import pytest

from translate import languages
from translate.errors import UserError


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("es", "es"),
        ("ES", "es"),
        ("spa", "es"),
        ("eng", "en"),
        ("cat", "ca"),
        ("pes", "fa"),
        ("fas", "fa"),
        ("per", "fa"),
        ("aze", "az"),
        ("azj", "az"),
        ("rus", "ru"),
        ("arb", "ar"),
        ("iw", "he"),
        ("fa-IR", "fa"),
        ("fa_IR", "fa"),
        ("pt_BR", "pt"),
        ("pt-br", "pt"),
        ("en-US", "en"),
        # scripts: kept only when not the language's default script
        ("az-Latn", "az"),
        ("az_latn", "az"),
        ("az-Cyrl", "az-Cyrl"),
        ("AZ-cyrl-az", "az-Cyrl"),
        ("sr-Cyrl", "sr"),
        ("sr-Latn", "sr-Latn"),
        ("sh", "sr-Latn"),
        ("ru-Cyrl", "ru"),
        ("zh-Hans", "zh"),
        ("zh-Hant", "zh-Hant"),
        # a region implies a script
        ("zh-TW", "zh-Hant"),
        ("az-IR", "az-Arab"),
        ("sr-ME", "sr-Latn"),
        # languages without ISO 639-1 code, variants, extensions
        ("ckb", "ckb"),
        ("ast", "ast"),
        ("ca-ES-valencia", "ca-valencia"),
        ("en-GB-u-ca-buddhist", "en"),
        (" en ", "en"),
    ],
)
def test_normalize(code: str, expected: str) -> None:
    assert languages.normalize(code) == expected


@pytest.mark.parametrize(
    "code", ["xx", "und", "mul", "", "e", "english!", "en--US", "en-XX", "sr-Qqqq"]
)
def test_unknown_codes_raise_with_hint(code: str) -> None:
    with pytest.raises(UserError) as err:
        languages.normalize(code)
    assert err.value.hint
    assert not languages.is_known(code)


def test_unknown_code_suggests_by_name() -> None:
    with pytest.raises(UserError, match="did you mean 'fa'"):
        languages.normalize("persian")
    with pytest.raises(UserError, match="did you mean 'es'"):
        languages.normalize("Spanish")


def test_base() -> None:
    assert languages.base("sr-Latn") == "sr"
    assert languages.base("az-Cyrl") == "az"
    assert languages.base("pes") == "fa"
    assert languages.base("ckb") == "ckb"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "eng"),
        ("es", "spa"),
        ("ca", "cat"),
        ("fa", "fas"),
        ("fa-IR", "fas"),
        ("az", "aze"),
        ("az-Cyrl", "aze"),
        ("ru", "rus"),
        ("ar", "ara"),
        ("de", "deu"),
        ("fr", "fra"),
        ("zh-TW", "zho"),
        ("sq", "sqi"),
        ("ro", "ron"),
        ("gu", "guj"),
        ("ak", "aka"),
        ("ckb", "ckb"),
    ],
)
def test_to_iso639_3(code: str, expected: str) -> None:
    assert languages.to_iso639_3(code) == expected


def test_iso639_3_round_trips_for_every_two_letter_code() -> None:
    for code in sorted(languages.known_languages()):
        if len(code) != 2:
            continue
        normal = languages.normalize(code)
        three = languages.to_iso639_3(normal)
        assert len(three) == 3 and three.isalpha(), code
        assert languages.base(three) == languages.base(normal), code


def test_iso639_3_aliases_include_individual_languages() -> None:
    assert languages.iso639_3_aliases("fa")[0] == "fas"
    assert "pes" in languages.iso639_3_aliases("fa")  # Apertium's Persian
    assert languages.iso639_3_aliases("en") == ["eng"]


def test_is_known() -> None:
    assert languages.is_known("es")
    assert languages.is_known("spa")
    assert languages.is_known("sr-Cyrl")
    assert not languages.is_known("zz")


def test_display_name() -> None:
    assert languages.display_name("es") == "Spanish"
    assert languages.display_name("spa", "es") == "español"
    assert languages.display_name("fa", "es") == "persa"
    assert languages.display_name("sr-Latn") == "Serbian (Latin)"
    assert languages.display_name("az", "az") == "azərbaycan"
    assert languages.display_name("ru", "pt-BR") == "russo"
    assert languages.display_name("azb") == "azb"  # CLDR has no name: the code


def test_display_name_unknown_ui_locale() -> None:
    with pytest.raises(UserError):
        languages.display_name("es", "qq")


@pytest.mark.parametrize(
    ("code", "rtl"),
    [
        ("fa", True),
        ("ar", True),
        ("he", True),
        ("ckb", True),
        ("az-IR", True),
        ("uz-Arab", True),
        ("az", False),
        ("en", False),
        ("ru", False),
        ("es", False),
    ],
)
def test_is_rtl(code: str, rtl: bool) -> None:
    assert languages.is_rtl(code) is rtl


def test_script() -> None:
    assert languages.script("sr") == "Cyrl"
    assert languages.script("sr-Latn") == "Latn"
    assert languages.script("az-IR") == "Arab"
