"""Sentence segmentation: exact offsets for any text, sensible sentences for news."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate.segment import segmenter_language, split_sentences


def sentences(text: str, lang: str = "en") -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang)]


def check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    pos = 0
    for start, end in spans:
        assert pos <= start < end <= len(text)
        assert text[pos:start].strip() == "", "non-space text left between sentences"
        piece = text[start:end]
        assert piece == piece.strip() and piece
        pos = end
    assert text[pos:].strip() == ""


# ---------------------------------------------------------------- properties

NEWSY = st.lists(
    st.sampled_from(
        [
            *"abcXYZ .!?;:,\n\t\"'“”«»()[]",
            "Mr.",
            "Oct.",
            "U.S.",
            "5",
            "...",
            "ƪ",
            "∯",
            "\u00a0",
            "。",
            "؟",
            "،",
            "\r\n",
            "e.g.",
            "т.е.",
            "Да.",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["en", "fa", "ru", "ar", "zh", "el", "hy", "az"]))
def test_any_text_spans_cover_everything(text: str, lang: str) -> None:
    check_spans(text, split_sentences(text, lang))


@settings(max_examples=300, deadline=None)
@given(st.lists(NEWSY, max_size=8).map(" ".join), st.sampled_from(["en", "de", "ar", "hy", "ca"]))
def test_newsy_text_spans_cover_everything(text: str, lang: str) -> None:
    check_spans(text, split_sentences(text, lang))


# ---------------------------------------------------------------- behaviour


def test_abbreviations_and_dates_do_not_break() -> None:
    text = "Mr. Smith arrived on 5 Oct. and left at 3 p.m. on Monday. The U.S. economy grew."
    assert sentences(text) == [
        "Mr. Smith arrived on 5 Oct. and left at 3 p.m. on Monday.",
        "The U.S. economy grew.",
    ]


def test_date_before_a_number_does_not_break() -> None:
    assert sentences("On 5 Oct. 2023 the U.N. met. Prof. Jones spoke.") == [
        "On 5 Oct. 2023 the U.N. met.",
        "Prof. Jones spoke.",
    ]


def test_quotes_stay_with_their_sentence() -> None:
    text = '"We are happy," he said. "Really?" she asked. He said "Go home." Then he went.'
    assert sentences(text) == [
        '"We are happy," he said.',
        '"Really?" she asked.',
        'He said "Go home."',
        "Then he went.",
    ]


def test_trailing_whitespace_is_excluded_and_offsets_exact() -> None:
    text = "  One.   Two!\n\tThree?  "
    spans = split_sentences(text, "en")
    assert [text[a:b] for a, b in spans] == ["One.", "Two!", "Three?"]
    assert spans[0] == (2, 6)


def test_repeated_sentences_get_their_own_offsets() -> None:
    text = "It rained. It rained. It rained."
    assert split_sentences(text, "en") == [(0, 10), (11, 21), (22, 32)]


def test_wrapped_line_is_not_a_sentence_end() -> None:
    text = "The minister said the plan\nwould go ahead. Critics disagreed."
    assert sentences(text) == [
        "The minister said the plan\nwould go ahead.",
        "Critics disagreed.",
    ]


def test_persian() -> None:
    text = "این یک جمله است. این جمله دوم است؟ بله! او گفت: «نه»."
    assert sentences(text, "fa") == [
        "این یک جمله است.",
        "این جمله دوم است؟",
        "بله!",
        "او گفت: «نه».",
    ]


def test_russian_abbreviations() -> None:
    text = "Это первое предложение. Это второе, т.е. продолжение. Г-н Иванов сказал: «Да». Всё."
    assert sentences(text, "ru") == [
        "Это первое предложение.",
        "Это второе, т.е. продолжение.",
        "Г-н Иванов сказал: «Да».",
        "Всё.",
    ]


def test_arabic_comma_is_not_a_sentence_end() -> None:
    assert sentences("هذه جملة، وهذه أخرى. نعم!", "ar") == ["هذه جملة، وهذه أخرى.", "نعم!"]


def test_chinese_without_spaces() -> None:
    assert sentences("你好。我很好！你呢？", "zh") == ["你好。", "我很好！", "你呢？"]


def test_languages_without_rules_fall_back() -> None:
    assert segmenter_language("az") == "en"
    assert segmenter_language("ca") == "es"
    assert segmenter_language("pt-BR") == "es"
    assert segmenter_language("uk") == "ru"
    assert segmenter_language("FA") == "fa"
    assert sentences("Bu birinci cümlədir. Dr. Əliyev gəldi.", "az") == [
        "Bu birinci cümlədir.",
        "Dr. Əliyev gəldi.",
    ]
    assert sentences("El Sr. García va arribar. Després va marxar.", "ca") == [
        "El Sr. García va arribar.",
        "Després va marxar.",
    ]


def test_pysbd_placeholder_characters_in_the_text() -> None:
    text = "A ∯ b. Then ƪ c... D ȸ."
    check_spans(text, split_sentences(text, "en"))
    assert "".join(sentences(text)).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "\u00a0"])
def test_blank_has_no_sentences(text: str) -> None:
    assert split_sentences(text, "en") == []


def test_no_punctuation_is_one_sentence() -> None:
    assert split_sentences(" headline without a stop ", "en") == [(1, 24)]


def test_a_2000_word_article_is_fast() -> None:
    rng = random.Random(7)
    words = "the minister said on 5 Oct. that Mr. Smith would visit the U.S. soon".split()
    paragraphs = []
    for _ in range(40):
        sents = []
        for _ in range(4):
            sents.append(" ".join(rng.choice(words) for _ in range(12)).capitalize() + ".")
        paragraphs.append(" ".join(sents))
    assert sum(len(p.split()) for p in paragraphs) >= 1900
    split_sentences("Warm up. Now.", "en")
    t0 = time.perf_counter()
    for p in paragraphs:
        split_sentences(p, "en")
    assert time.perf_counter() - t0 < 1.0
