"""The Apertium engine: stream encoding, batching, marks, errors."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from translate.engines.apertium import ApertiumEngine, from_stream, to_stream
from translate.engines.base import SourceText


@given(st.text())
def test_stream_round_trip_without_engine(text: str) -> None:
    """Whatever the source holds, encoding then decoding gives it back (no marks)."""
    text = text.replace("\0", " ")
    assert from_stream(to_stream(text)).text == text


def test_keep_spans_become_superblanks() -> None:
    stream = to_stream("see `x[1]` now", [(4, 10)])
    assert stream == "see [`x\\[1\\]`] now"
    assert from_stream(stream).text == "see `x[1]` now"


def test_marks_are_stripped_and_unknown_words_listed() -> None:
    out = from_stream("El *Zangezur pasillo y #hablar @foo \\@user")
    assert out.text == "El Zangezur pasillo y hablar foo @user"
    assert out.unknown_words == ("Zangezur",)


def test_batch_translates_each_segment_separately(apertium_eng_spa) -> None:
    engine = ApertiumEngine()
    texts = [SourceText("The cat is here."), SourceText("Good dog!"), SourceText("It is in Baku.")]
    out = engine.translate_batch(texts, "en", "es")
    assert [t.text for t in out] == ["El gato es aquí.", "Perro bueno!", "Es en Baku."]
    assert out[2].unknown_words == ("Baku",)
    assert all("*" not in t.text for t in out)


def test_catalan_batch_keeps_segments_apart(apertium_eng_cat) -> None:
    """lt-proc -z loses a final full stop and its NUL without the trailing superblank."""
    engine = ApertiumEngine()
    out = engine.translate_batch([SourceText("Hello cat."), SourceText("Good dog.")], "en", "ca")
    assert [t.text for t in out] == ["Hola gat.", "Gos bo."]


def test_verbatim_spans_survive(apertium_eng_spa) -> None:
    engine = ApertiumEngine()
    text = "Run `make test` and read [the guide](http://example.com/a_b)."
    keep = [(4, 15), (35, 60)]
    out = engine.translate_batch([SourceText(text, tuple(keep))], "en", "es")[0].text
    assert "`make test`" in out and "(http://example.com/a_b)" in out


def test_markdown_emphasis_is_not_taken_for_a_mark(apertium_eng_spa) -> None:
    engine = ApertiumEngine()
    out = engine.translate_batch([SourceText("The *big* cat costs #5.")], "en", "es")[0]
    assert out.text.count("*") == 2 and "#5" in out.text
    assert out.unknown_words == ()


def test_pairs_use_iso_639_1_codes(apertium_eng_spa) -> None:
    pairs = {(p.source, p.target): p.detail for p in ApertiumEngine().pairs()}
    assert pairs[("en", "es")] == "eng-spa"


def test_a_missing_system_locale_does_not_break_apertium(apertium_eng_spa, tmp_path) -> None:
    """LANG=fa_IR.UTF-8 on a machine without that locale made Apertium return 7 segments
    of 52; the engine now runs under C.UTF-8 and the interface stays in Persian."""
    from conftest import run_cli, write_file

    story = write_file(
        tmp_path, "story.en.txt", "Talks resumed in Baku. The envoys met in Tehran.\n"
    )
    env = {"LANG": "fa_IR.UTF-8", "LC_ALL": "fa_IR.UTF-8", "LANGUAGE": ""}
    result = run_cli("article", str(story), "--to", "es", "--report", "-", env=env)
    assert result.returncode == 0, result.stderr.decode()
    assert "Teherán" in result.stdout.decode()
    assert "ناشناخته" in result.stderr.decode()  # "unknown": the report in Persian
