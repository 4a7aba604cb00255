"""Locale-aware dates in datelines and bylines (translate/datelines.py, --localize-dates)."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from translate import report
from translate.articles import parse_article
from translate.datelines import date_notes, find_dates, format_localized, localize_dates
from translate.document import AlignedSegment, Bitext

# Messages asserted below are the English ones, whatever the developer's locale.
pytestmark = pytest.mark.usefixtures("english_interface")


ARTICLE = (
    "Talks in Baku\n\n"
    "By Jane Doe, 5 October 2023\n\n"
    "BAKU, 5 Oct. (Dragoman Wire) — Ministers met. They talk again on 6 October.\n"
)


def bitext(
    translations: dict[str, str], target_lang: str, text: str = ARTICLE, source_lang: str = "en"
) -> Bitext:
    """A bitext of ``text`` whose targets are given per source sentence (else copied)."""
    document = parse_article(text, source_lang)
    aligned = tuple(
        AlignedSegment(s, translations.get(s.source, s.source), engine="fake")
        for s in document.segments
    )
    return Bitext(document, source_lang, target_lang, "fake", aligned)


def targets(b: Bitext) -> dict[str, str]:
    return {a.segment.source: a.target for a in b}


def test_english_dates_are_found_in_their_usual_forms() -> None:
    found = find_dates("BAKU, 5 Oct. — on October 5, 2023, Sept. 12 and 1st March 2024")
    assert [(f.text, f.day, f.month, f.year, f.abbreviated) for f in found] == [
        ("5 Oct.", 5, 10, None, True),
        ("October 5, 2023", 5, 10, 2023, False),
        ("Sept. 12", 12, 9, None, True),
        ("1st March 2024", 1, 3, 2024, False),
    ]
    assert find_dates("They may 5 times") == []  # "may" is a verb, not May
    assert find_dates("31 February 2023") == []  # no such date
    assert [f.text for f in find_dates("It ended on 5 October.")] == ["5 October"]


@pytest.mark.parametrize(
    ("lang", "long", "short"),
    [
        ("es", "5 de octubre de 2023", "5 oct"),
        ("ca", "5 d’octubre del 2023", "5 d’oct."),
        ("ru", "5 октября 2023\u202fг.", "5 окт."),  # CLDR: narrow no-break space
        ("az", "5 oktyabr 2023", "5 okt"),
        ("fa", "5 اکتبر 2023", "5 اکتبر"),
    ],
)
def test_babel_formats_long_and_short_dates(lang: str, long: str, short: str) -> None:
    (full,) = find_dates("5 October 2023")
    (abbreviated,) = find_dates("5 Oct.")
    assert format_localized(full, lang) == long
    assert format_localized(abbreviated, lang) == short


def test_dateline_and_byline_in_spanish_body_untouched() -> None:
    source = bitext(
        {
            "By Jane Doe, 5 October 2023": "Por Jane Doe, 5 octubre 2023",
            "BAKU, 5 Oct. (Dragoman Wire) — Ministers met.": "BAKÚ, 5 Oct. (Cable Dragoman) — Los ministros se reunieron.",
            "They talk again on 6 October.": "Vuelven a hablar el 6 October.",
        },
        "es",
    )
    out = localize_dates(source)
    got = targets(out)
    assert got["By Jane Doe, 5 October 2023"] == "Por Jane Doe, 5 de octubre de 2023"
    assert got["BAKU, 5 Oct. (Dragoman Wire) — Ministers met."] == (
        "BAKÚ, 5 oct (Cable Dragoman) — Los ministros se reunieron."
    )
    # only datelines and bylines: a date in the body is the engine's business
    assert got["They talk again on 6 October."] == "Vuelven a hablar el 6 October."
    # the original is kept, and the input is not modified (a pure function)
    assert [(n["source"], n["engine"], n["target"]) for n in date_notes(out)] == [
        ("5 October 2023", "5 octubre 2023", "5 de octubre de 2023"),
        ("5 Oct.", "5 Oct.", "5 oct"),
    ]
    assert targets(source)["By Jane Doe, 5 October 2023"] == "Por Jane Doe, 5 octubre 2023"
    assert "dates" not in source.meta


def test_persian_keeps_the_gregorian_calendar_and_can_use_persian_digits() -> None:
    text = "Tehran, 5 October 2023 (Dragoman Wire) — Talks resumed.\n"
    engine = "تهران، 5 October 2023 (دراگومان) — مذاکرات از سر گرفته شد."
    plain = localize_dates(bitext({text.strip(): engine}, "fa", text))
    assert "تهران، 5 اکتبر 2023 (" in targets(plain)[text.strip()]
    native = localize_dates(bitext({text.strip(): engine}, "fa", text), native_digits=True)
    assert "تهران، ۵ اکتبر ۲۰۲۳ (" in targets(native)[text.strip()]
    assert "مهر" not in targets(native)[text.strip()]  # not the Solar Hijri month


def test_arabic_native_digits_and_digits_already_native_are_found() -> None:
    text = "CAIRO, 5 Oct. (Wire) — Talks.\n"
    engine = "القاهرة، ٥ أكتوبر (وكالة) — محادثات."
    out = localize_dates(bitext({text.strip(): engine}, "ar", text), native_digits=True)
    assert targets(out)[text.strip()] == "القاهرة، ٥ أكتوبر (وكالة) — محادثات."
    assert date_notes(out)[0]["status"] == "kept"


def test_russian_year_word_is_replaced_not_duplicated() -> None:
    text = "MOSCOW, 5 October 2023 — Talks.\n"
    engine = "МОСКВА, 5 октября 2023 года — Переговоры."
    out = localize_dates(bitext({text.strip(): engine}, "ru", text))
    assert targets(out)[text.strip()] == "МОСКВА, 5 октября 2023\u202fг. — Переговоры."


def test_a_date_the_engine_lost_is_reported_not_invented() -> None:
    text = "BAKU, 5 Oct. (Wire) — Talks.\n"
    out = localize_dates(bitext({text.strip(): "BAKÚ (Cable) — Conversaciones."}, "es", text))
    assert targets(out)[text.strip()] == "BAKÚ (Cable) — Conversaciones."
    assert date_notes(out) == [
        {"segment": 0, "source": "5 Oct.", "status": "not-found", "target": "5 oct"}
    ]


def test_non_english_source_is_left_alone() -> None:
    text = "BAKÚ, 5 de octubre de 2023 — Conversaciones.\n"
    source = bitext({}, "en", text, source_lang="es")
    assert localize_dates(source) is source


def test_report_keeps_the_engine_rendering() -> None:
    out = localize_dates(
        bitext({"By Jane Doe, 5 October 2023": "Por Jane Doe, 5 octubre 2023"}, "es")
    )
    summary = report.build([out])
    assert summary["pairs"][0]["dates"][0]["engine"] == "5 octubre 2023"
    json.loads(report.to_json(summary))
    assert "date 5 October 2023 → 5 de octubre de 2023 (engine: 5 octubre 2023)" in report.to_text(
        summary
    )


def test_cli_localize_dates_with_apertium(apertium_eng_spa, tmp_path) -> None:
    out = tmp_path / "r.json"
    result = run_cli(
        "article",
        "examples/baku-talks.en.txt",
        "--to",
        "es",
        "-g",
        "glossaries/caucasus.yaml",
        "--localize-dates",
        "--format",
        "jsonl",
        "--report",
        str(out),
        env={"LANGUAGE": "", "LC_ALL": "C.UTF-8"},
    )
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    dateline = next(r for r in rows if r["source"].startswith("BAKU, 5 Oct."))
    assert dateline["target"].startswith("BAKÚ, 5 oct (")
    dates = json.loads(out.read_text(encoding="utf-8"))["pairs"][0]["dates"]
    assert dates[0]["source"] == "5 Oct." and dates[0]["engine"] == "5 Oct."
