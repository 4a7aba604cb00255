"""Right-to-left text where Dragoman shows it: the terminal's side-by-side text and the
report summary isolate Persian and Arabic (UAX #9 isolates), so a line keeps its order."""

from __future__ import annotations

import io

import pytest

from translate import report
from translate.articles import parse_article
from translate.document import AlignedSegment, Bitext, TermHit
from translate.formats.text import TextWriter
from translate.languages import FSI, PDI, balance_isolates, isolate

RLI = "\u2067"
SOURCE = "Foreign ministers met in Baku on Sunday to discuss the South Caucasus.\n"
PERSIAN = "وزیران خارجه روز یکشنبه در باکو برای گفت‌وگو دربارهٔ قفقاز جنوبی دیدار کردند."
ARABIC = "التقى وزراء الخارجية في باكو يوم الأحد لبحث جنوب القوقاز."


# Messages asserted below are the English ones, whatever the developer's locale.
pytestmark = pytest.mark.usefixtures("english_interface")


def bitext(target: str, lang: str, unknown: tuple[str, ...] = ()) -> Bitext:
    document = parse_article(SOURCE, "en", name="baku.en.txt")
    (segment,) = document.segments
    hits = (
        TermHit("baku", "place", "Baku", {"fa": "باکو", "ar": "باكو"}[lang], "enforced"),
        TermHit(
            "south-caucasus",
            "place",
            "South Caucasus",
            {"fa": "قفقاز جنوبی", "ar": "جنوب القوقاز"}[lang],
            "missing",
        ),
    )
    aligned = AlignedSegment(segment, target, hits, unknown_words=unknown, engine="fake")
    return Bitext(document, "en", lang, "fake", (aligned,))


def test_text_output_isolates_every_right_to_left_cell() -> None:
    for target, lang in ((PERSIAN, "fa"), (ARABIC, "ar")):
        out = io.StringIO()
        TextWriter(width=80).write([bitext(target, lang)], out)
        lines = out.getvalue().splitlines()
        rows = [line for line in lines if " │ " in line]
        assert len(rows) >= 2  # the translation wraps over several lines
        for row in rows:
            left, right = row.split(" │ ", 1)
            assert FSI not in left and RLI not in left  # English stays as it is
            if right:
                # each wrapped piece is its own right-to-left isolate, closed on its line
                assert right.startswith(RLI) and right.endswith(PDI)
                assert right.count(RLI) == right.count(PDI) == 1
        name = {"fa": "Persian", "ar": "Arabic"}[lang]
        assert lines[0] == f"== baku.en.txt · en → {lang} (English → {name}) · fake =="
        terms = next(line for line in lines if line.lstrip().startswith("terms:"))
        target_term = {"fa": "باکو", "ar": "باكو"}[lang]
        assert f"Baku → {FSI}{target_term}{PDI} [enforced]" in terms


def test_wrapped_term_lines_keep_isolates_balanced() -> None:
    out = io.StringIO()
    TextWriter(width=40).write([bitext(PERSIAN, "fa")], out)
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("terms:"))
    for line in lines[start:]:
        assert line.count(FSI) == line.count(PDI)


def test_report_text_isolates_right_to_left_terms() -> None:
    summary = report.build([bitext(PERSIAN, "fa", unknown=("یکشنبه",))])
    text = report.to_text(summary)
    assert f"Baku → {FSI}باکو{PDI} ×1" in text
    assert f"South Caucasus → {FSI}قفقاز جنوبی{PDI} ×1" in text
    assert f"unknown words: {FSI}یکشنبه{PDI}" in text
    for line in text.splitlines():
        assert line.count(FSI) == line.count(PDI)
    # the JSON report holds the plain strings, no control characters
    assert FSI not in report.to_json(summary)


def test_isolate_helpers() -> None:
    assert isolate("Baku") == "Baku"
    assert isolate("باکو") == f"{FSI}باکو{PDI}"
    assert isolate(isolate("باکو")) == f"{FSI}باکو{PDI}"
    assert balance_isolates([f"a {FSI}باکو و", f"تهران{PDI} b"]) == [
        f"a {FSI}باکو و{PDI}",
        f"{FSI}تهران{PDI} b",
    ]


def test_html_direction_comes_from_cldr() -> None:
    from translate.languages import is_rtl

    assert is_rtl("fa") and is_rtl("ar") and is_rtl("az-Arab") and is_rtl("he")
    assert not is_rtl("az") and not is_rtl("ru") and not is_rtl("fa-Latn")
