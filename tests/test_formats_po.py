"""PO: accepted by GNU msgfmt -c, usable by Python's gettext, read back the same."""

from __future__ import annotations

import gettext
import io
import os
import shutil
import subprocess
from datetime import UTC, datetime

import polib
import pytest

from formats_sample import bitext, key, plain_bitext
from translate import formats
from translate.errors import UserError
from translate.formats import po
from translate.formats.po import PoWriter

WHEN = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def write(bitexts, **options) -> str:
    out = io.StringIO()
    PoWriter(date=WHEN, **options).write(bitexts, out)
    return out.getvalue()


@pytest.fixture
def msgfmt() -> str:
    found = shutil.which("msgfmt")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("msgfmt is not installed (scripts/setup installs gettext)")
        pytest.skip("msgfmt not installed: apt-get install gettext")
    return found


def test_registered():
    assert formats.get("po").name == "po"
    assert formats.for_path("story.fa.po").name == "po"
    assert formats.get("po").fuzzy is True


@pytest.mark.parametrize("fuzzy", [True, False], ids=["fuzzy", "not-fuzzy"])
@pytest.mark.parametrize(
    "make", [lambda: bitext("fa"), lambda: bitext("es"), plain_bitext], ids=["fa", "es", "ar"]
)
def test_msgfmt_check_accepts_it(tmp_path, msgfmt, make, fuzzy):
    path = tmp_path / "out.po"
    path.write_text(write([make()], fuzzy=fuzzy), encoding="utf-8")
    mo = tmp_path / "out.mo"
    done = subprocess.run(
        [msgfmt, "-c", "-v", "-o", str(mo), str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr.lower(), done.stderr
    if not fuzzy:  # a real consumer: gettext finds every translation by context
        catalog = gettext.GNUTranslations(mo.open("rb"))
        original = make()
        for aligned in original:
            seg = aligned.segment
            context = f"{original.document.name}:{seg.paragraph}:{seg.index}"
            assert catalog.pgettext(context, seg.source) == aligned.target


def test_headers():
    catalog = polib.pofile(write([bitext("fa")]))
    meta = catalog.metadata
    assert meta["Language"] == "fa"
    assert meta["Language-Team"] == "Persian"
    assert meta["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["Content-Transfer-Encoding"] == "8bit"
    assert meta["MIME-Version"] == "1.0"
    assert meta["Project-Id-Version"] == "caspian.en.md"
    assert meta["PO-Revision-Date"] == "2025-03-01 09:30+0000"
    assert meta["X-Generator"].startswith("Dragoman ")
    assert meta["X-Source-Language"] == "en"
    arabic = polib.pofile(write([plain_bitext()])).metadata["Plural-Forms"]
    assert arabic.startswith("nplurals=6;")


def test_entries_comments_and_flags():
    catalog = polib.pofile(write([bitext("fa")]))
    entries = list(catalog)
    assert [e.msgctxt for e in entries] == [
        f"caspian.en.md:{p}:{s}" for p, s in [(0, 0), (1, 1), (1, 2), (1, 3), (2, 4), (3, 5)]
    ]
    third = entries[2]
    assert third.msgid == "— Ministers met in Baku & Tbilisi <on Sunday>."
    assert third.comment.splitlines() == [
        "term baku (place): Baku → باکو [enforced]",
        "term tbilisi (place): Tbilisi → تفلیس [enforced]",
    ]
    assert third.fuzzy and not entries[4].fuzzy  # the code block is copied, never fuzzy
    assert entries[4].comment == "not translated (code)"
    assert entries[3].comment.splitlines()[-1] == "unknown words: maybe"
    assert third.occurrences == [("caspian.en.md", "3")]
    not_fuzzy = polib.pofile(write([bitext("fa")], fuzzy=False))
    assert not any(e.fuzzy for e in not_fuzzy)


def test_one_target_language_per_file():
    with pytest.raises(UserError) as err:
        write([bitext("fa"), bitext("es")])
    message = str(err.value)
    assert "one target language" in message and "fa, es" in message and "\n" not in message
    assert PoWriter.WRITES_ONE_TARGET


def test_msgstr_keeps_the_msgid_line_edges():
    from dataclasses import replace

    base = bitext("es")
    seg = replace(base.segments[1].segment, source="\nBAKU, 5 Oct.\n")
    odd = replace(base.segments[1], segment=seg, target="BAKÚ, 5 oct.")
    changed = replace(base, segments=(base.segments[0], odd, *base.segments[2:]))
    entry = polib.pofile(write([changed]))[1]
    assert entry.msgstr == "\nBAKÚ, 5 oct.\n"


def test_round_trip(tmp_path):
    for original in (bitext("fa"), bitext("es"), plain_bitext()):
        path = tmp_path / "out.po"
        path.write_text(write([original]), encoding="utf-8")
        (back,) = po.read(path)
        assert key(back) == key(original)
        assert (back.document.name, back.source_lang, back.target_lang, back.engine) == (
            original.document.name,
            "en",
            original.target_lang,
            "apertium",
        )
        fuzzy = [str(a.segment.index) for a in original if a.segment.translatable]
        assert back.meta["fuzzy"] == " ".join(fuzzy)
        assert [t.type for t in back.terms] == [t.type for t in original.terms]


def test_reads_a_po_file_from_elsewhere(tmp_path):
    path = tmp_path / "messages.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: es_ES\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\nmsgid "Open"\nmsgstr "Abrir"\n\n'
        'msgid "Close & quit"\nmsgstr "Cerrar y salir"\n\n'
        'msgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] "Un archivo"\nmsgstr[1] "%d archivos"\n\n'
        '#~ msgid "Old"\n#~ msgstr "Viejo"\n',
        encoding="utf-8",
    )
    (back,) = po.read(path)
    assert back.target_lang == "es" and back.document.name == "messages.po"
    assert [(a.segment.source, a.target) for a in back] == [
        ("Open", "Abrir"),
        ("Close & quit", "Cerrar y salir"),
        ("One file", "Un archivo"),
    ]
    assert back.meta["fuzzy"] == "0"


def test_broken_po_is_a_user_error(tmp_path):
    path = tmp_path / "broken.po"
    path.write_text('msgid "a"\nmsgstr "b"\nthis is not po\n', encoding="utf-8")
    with pytest.raises(UserError) as err:
        po.read(path)
    assert "broken.po" in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(UserError, match="no such file"):
        po.read(tmp_path / "absent.po")
