"""Sentence segmentation: exact offsets for any text, sensible sentences for news."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pysbd.languages import LANGUAGE_CODES

from translate.segment import segmenter_language, split_sentences, split_sentences_pysbd

ROOT = Path(__file__).resolve().parent.parent


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


# ---------------------------------------------------------------- same cuts as pysbd
#
# split_sentences cuts plain paragraphs itself and sends the rest to pysbd;
# split_sentences_pysbd sends every paragraph to pysbd (the way it was before).  The
# two must give the same spans everywhere.

ARTICLES = sorted(
    p
    for folder in (ROOT / "examples", ROOT / "benchmarks" / "quality")
    for p in folder.glob("*.*.*")
    if p.suffix in {".txt", ".md"}
)


def _paragraphs(text: str) -> list[str]:
    # as the article readers cut them (blank lines), and each line on its own too
    blocks = [b for b in text.split("\n\n") if b.strip()]
    return blocks + [line for b in blocks for line in b.splitlines() if line.strip()]


def test_the_articles_are_all_here() -> None:
    assert len(ARTICLES) >= 17
    assert {p.name.split(".")[-2] for p in ARTICLES} >= {"en", "es", "ca"}


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_articles_cut_as_pysbd_cuts_them(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    source_lang = path.name.split(".")[-2]
    # the article in its own language, and the same text under other languages' rules
    for lang in (source_lang, "en", "es", "fa", "ru", "az", "de", "fr"):
        for para in _paragraphs(text):
            assert split_sentences(para, lang) == split_sentences_pysbd(para, lang), (lang, para)


NEWS_TEXTS = {
    "en": "Mr. Smith arrived on 5 Oct. and left at 3 p.m. on Monday. The U.S. economy grew. "
    'Officials said "the talks went well" on Monday. "Nothing changes" Baku said. '
    "The leaders' statement, issued in Ashgabat, set out three aims. It was signed.",
    "es": 'El Sr. García llegó el 5 de oct. a Madrid. Dijo que "todo va bien". Después se fue. '
    "La reunión terminó a las 18.00 h. El ministro habló con la prensa.",
    "ca": "El ministre d'Afers Estrangers va dir que la col·laboració continua. Ho va dir dilluns. "
    "«Tot va bé», va afegir. Després va marxar.",
    "fa": "این یک جمله است. این جمله دوم است؟ بله! او گفت: «نه». پایتخت ایران تهران است.",
    "ru": "Это первое предложение. Это второе, т.е. продолжение. Г-н Иванов сказал: «Да». Всё. "
    "Министр прибыл в Баку. Переговоры продолжатся завтра.",
    "az": "Bu birinci cümlədir. Dr. Əliyev gəldi. Prezident İlham Əliyev Bakıda danışdı.",
    "de": "Am 5. Oktober kam er an. Dr. Müller sagte, es gehe gut. Das ist alles.",
}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Arabic's rules take the abbreviation "جم" at the very start without a space
        # before it, then keep the stop after any word that ends in it
        ("جمxyz went home. The teamجم. Then he left.", "ar"),
        ("The firm is Müller Co. KG in Berlin. Then it closed.", "en"),
        ('He said "we leave." Then he left. "Fine" Baku said.', "en"),
        ('«Ja.» Dann ging er. „Gut“ sagte er. Er sagte "nein." Dann ging er.', "de"),
        ('"Mr." Smith came. (See below.) Then he left.', "en"),
    ],
)
def test_corner_cases_cut_as_pysbd(text: str, lang: str) -> None:
    assert split_sentences(text, lang) == split_sentences_pysbd(text, lang)


def test_a_quotation_without_a_full_stop_in_the_paragraph_stays_whole() -> None:
    # pysbd applies none of its rules when the language's sentence marks are absent
    text = '"Nothing changes" Baku said ; then left'
    assert split_sentences(text, "en") == split_sentences_pysbd(text, "en") == [(0, 39)]


@pytest.mark.parametrize("lang", sorted(NEWS_TEXTS))
def test_news_in_each_source_language_cuts_as_pysbd(lang: str) -> None:
    text = NEWS_TEXTS[lang]
    assert split_sentences(text, lang) == split_sentences_pysbd(text, lang)
    assert len(split_sentences(text, lang)) >= 3


_CAPS = ["The", "A", "I", "In", "He", "Baku", "Москва", "Это", "Αθήνα", "ایران", "Él", "Officials"]
_WORDS = [
    *"the minister said baku and of in was iran's leaders' d'agost col·laboració été".split(),
    *"Москва сказал پایتخت می\u200cگوید είναι 2018 123 G7 1990s".split(),
]
# Things that pysbd treats specially, mixed in now and then.
_NEAR = [
    *"U.S. p.m. e.g. 5 12 1. a. B. x ... … ? ! (Desk) (a) (b) (i) 1) 2) [x] -- - —".split(),
    *"'quoted' ‘q’ „q“ »q« ”sv” : ; ، ؟ ° ² \\ {a} · No Nov Dr Mr Sr St Inc gen".split(),
    "Oct",
    "Oct",
    "Aug",
    "sept",
    "No",
    "iv",
    "bs. as",
]
_ENDS = [".", ".", ".", ".", "", '".', "».", "”.", ").", '."', "?", "!", "…", ","]


@st.composite
def _news_paragraph(draw: st.DrawFn) -> str:
    word = st.one_of(
        st.sampled_from(_WORDS),
        st.sampled_from(_WORDS),
        st.sampled_from(_WORDS),
        st.sampled_from(_NEAR),
    )
    quote = st.tuples(
        st.sampled_from(['"', "“", "«", '"', "("]),
        st.lists(word, min_size=1, max_size=4).map(" ".join),
        st.sampled_from(["", "", "", ",", ".", ".", "?", " ", ". We left.", ". U.S. aid."]),
    ).map(lambda t: t[0] + t[1] + t[2] + {'"': '"', "“": "”", "«": "»", "(": ")"}[t[0]])
    sentences = []
    for _ in range(draw(st.integers(1, 4))):
        parts = [draw(st.sampled_from(_CAPS))]
        parts += draw(st.lists(st.one_of(word, word, word, quote), max_size=10))
        if draw(st.integers(0, 9)) == 0:
            parts.insert(0, draw(quote))
        sentences.append(" ".join(parts) + draw(st.sampled_from(_ENDS)))
    seps = draw(st.lists(st.sampled_from([" ", " ", " ", "  ", "\n", "\t", "\u00a0"]), min_size=4))
    return "".join(s + sep for s, sep in zip(sentences, seps, strict=False))


@settings(max_examples=400, deadline=None)
@given(_news_paragraph(), st.sampled_from([*sorted(LANGUAGE_CODES), "ca", "az", "uk", "pt"]))
def test_generated_news_cuts_as_pysbd(text: str, lang: str) -> None:
    assert split_sentences(text, lang) == split_sentences_pysbd(text, lang)


def _abbreviations(lang: str) -> list[str]:
    rules = LANGUAGE_CODES[segmenter_language(lang)].Abbreviation
    found = rules.ABBREVIATIONS + rules.PREPOSITIVE_ABBREVIATIONS + rules.NUMBER_ABBREVIATIONS
    return sorted({a.strip() for a in found if a.strip().isalpha()})


_TOKENS = (
    "the said baku in of Iran's été сказал ایران Baku He I I'm I'll 2018 123 12 5 a B xi".split()
)
_CLOSERS = {'"': '"', "“": "”", "«": "»", "(": ")"}


@st.composite
def _abbreviated_paragraph(draw: st.DrawFn, lang: str) -> str:
    """Mostly plain text, with the language's abbreviations in any case before anything."""
    abbreviations = _abbreviations(lang) or ["x"]
    out, open_mark = [], ""
    for _ in range(draw(st.integers(2, 25))):
        word = draw(
            st.one_of(
                st.sampled_from(_TOKENS),
                st.sampled_from(abbreviations).flatmap(
                    lambda a: st.sampled_from([a, a.upper(), a.capitalize()])
                ),
            )
        )
        roll = draw(st.integers(0, 99))
        if not open_mark and roll < 8:
            open_mark = draw(st.sampled_from(sorted(_CLOSERS)))
            word = open_mark + word
        elif open_mark and roll < 25:
            word += draw(st.sampled_from(["", ".", ","])) + _CLOSERS[open_mark]
            open_mark = ""
        if draw(st.integers(0, 2)) == 0:
            word += draw(st.sampled_from([".", ".", ",", ":", ";"]))
        out.append(word + draw(st.sampled_from([" ", " ", " ", "  "])))
    return "".join(out).strip() + (_CLOSERS[open_mark] if open_mark else "")


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([*sorted(LANGUAGE_CODES), "ca", "az", "uk"]).flatmap(
        lambda lang: st.tuples(_abbreviated_paragraph(lang), st.just(lang))
    )
)
def test_abbreviations_quotes_and_brackets_cut_as_pysbd(case: tuple[str, str]) -> None:
    text, lang = case
    assert split_sentences(text, lang) == split_sentences_pysbd(text, lang)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["en", "es", "fa", "ru", "az", "ca", "ar", "de"]))
def test_sentences_and_what_lies_between_give_back_the_text(text: str, lang: str) -> None:
    spans = split_sentences(text, lang)
    pieces, pos = [], 0
    for start, end in spans:
        pieces += [text[pos:start], text[start:end]]
        pos = end
    assert "".join([*pieces, text[pos:]]) == text
    assert all(not gap.strip() for gap in [*pieces[0::2], text[pos:]])
    assert spans == split_sentences_pysbd(text, lang)
