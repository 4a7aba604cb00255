"""``translate po`` on catalogs from outside: broken or costly headers and syntax are
refused with one line (as ``msgfmt -c`` refuses them), a catalog that did not change is
not written, and a changed one keeps every untouched byte."""

from __future__ import annotations

import difflib
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from translate.errors import FormatError
from translate.formats import po_syntax

pytestmark = pytest.mark.usefixtures("english_interface")


def header(plural: str = "nplurals=2; plural=(n != 1);", charset: str = "UTF-8") -> str:
    return (
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n"MIME-Version: 1.0\\n"\n'
        f'"Content-Type: text/plain; charset={charset}\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        f'"Plural-Forms: {plural}\\n"\n\n'
    )


BODY = 'msgid "The city is in Spain"\nmsgstr ""\n\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] ""\nmsgstr[1] ""\n'

# Django's admin catalog style: the header wrapped as Transifex writes it, fields in
# Transifex's order (Language after Content-Transfer-Encoding), strings wrapped where
# polib would not, curly quotes, an obsolete entry.
DJANGO = """\
# Django admin, Spanish.
# Copyright (C) Django Software Foundation
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: django\\n"
"Report-Msgid-Bugs-To: \\n"
"POT-Creation-Date: 2023-09-18 11:41-0300\\n"
"PO-Revision-Date: 2023-10-05 06:49+0000\\n"
"Last-Translator: Someone <someone@example.com>, 2023\\n"
"Language-Team: Spanish (http://www.transifex.com/django/django/language/"
"es/)\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Language: es\\n"
"Plural-Forms: nplurals=3; plural=n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;\\n"

#, python-format
msgid "Successfully deleted %(count)d %(items)s."
msgstr "Eliminado/s %(count)d %(items)s satisfactoriamente."

msgid ""
"The {name} “{obj}” was added successfully. You may edit it again below."
msgstr ""
"El {name} “{obj}” fue agregado correctamente. Puede editarlo nuevamente a "
"continuación."

msgid "This is a rather long message that polib would wrap at another place than this file does"
msgstr "Este es un mensaje bastante largo que polib partiría en otro sitio que este archivo"

#: contrib/admin/templates/admin/base.html:44
msgid "The house is big"
msgstr ""

#~ msgid "Old"
#~ msgstr "Viejo"
"""


def po(tmp_path: Path, text: str, name: str = "messages.po") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def refused(path: Path, *extra: str) -> str:
    """Run ``translate po -i`` on a file it must refuse; the one-line message."""
    before = path.read_bytes()
    result = run_cli("po", str(path), "--to", "es", "--engine", "apertium", "-i", *extra)
    assert result.returncode == 2, result.stderr
    assert result.stdout == b""
    message = result.stderr.decode()
    assert message.count("\n") == 1 and "Traceback" not in message
    assert path.read_bytes() == before  # nothing rewritten
    return message


# ---------------------------------------------------------------- headers and syntax


def test_costly_or_broken_plural_headers_are_refused(apertium_eng_spa, tmp_path) -> None:
    huge = po(tmp_path, header("nplurals=99999999; plural=(n != 1);") + BODY, "huge.po")
    assert "nplurals=99999999 in the Plural-Forms header: it must be 1 to 10" in refused(huge)
    zero = po(tmp_path, header("nplurals=2; plural=n%0;") + BODY, "zero.po")
    assert "the plural expression divides by zero (n = 0)" in refused(zero)
    wide = po(tmp_path, header("nplurals=2; plural=n;") + BODY, "wide.po")
    assert "gives form 2 for n = 2 (nplurals=2)" in refused(wide)
    junk = po(tmp_path, header("nplurals=2; plural=__import__('os');") + BODY, "junk.po")
    assert "is not valid" in refused(junk)
    # msgfmt -c refuses the same headers
    for path in (zero, wide, junk):
        check = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True)
        assert check.returncode != 0


def test_unterminated_string_is_refused_not_rewritten(apertium_eng_spa, tmp_path) -> None:
    broken = po(tmp_path, header() + 'msgid "The house\nmsgstr ""\n')
    message = refused(broken)
    assert message == (
        f"translate: error: {broken}:9: invalid PO file: end-of-line within string"
        " (msgfmt -c shows the details)\n"
    )
    # msgfmt agrees (it names the line after, where it noticed)
    check = subprocess.run(
        ["msgfmt", "-c", "-o", os.devnull, str(broken)], capture_output=True, text=True
    )
    assert check.returncode != 0 and "end-of-line within string" in check.stderr


def test_format_errors_only_msgfmt_sees_are_refused(apertium_eng_spa, tmp_path) -> None:
    """A translated c-format entry whose msgstr lost the %d: msgfmt --check-format."""
    text = header() + '#, c-format\nmsgid "%d files"\nmsgstr "archivos"\n\n' + BODY
    message = refused(po(tmp_path, text))
    assert ":11: invalid PO file:" in message and "format specification" in message


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('msgid "a\nmsgstr ""\n', 1, "end-of-line within string"),
        ('msgid "a"\nmsgstr "b" x\n', 2, "text after the closing quote"),
        ('msgid "a\\q"\nmsgstr ""\n', 1, "invalid escape sequence"),
        ('msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 1, "missing msgstr"),
        ('msgstr "b"\n', 1, "keyword 'msgstr' in the wrong place"),
        ('msgid "a"\nmsgstr "b"\n"c\n', 3, "end-of-line within string"),
        ('msgid "a"\nxyz "b"\n', 2, "syntax error"),
        ('"a"\n', 1, "a string without a keyword"),
        ("msgid a\nmsgstr ''\n", 1, "a string must start with a double quote"),
    ],
)
def test_python_side_syntax_check(text: str, line: int, reason: str) -> None:
    """The check that runs whether or not msgfmt is installed."""
    with pytest.raises(FormatError) as caught:
        po_syntax.check(text, "x.po")
    assert (caught.value.line, caught.value.message) == (line, f"invalid PO file: {reason}")


def test_a_charset_that_cannot_hold_the_translation_becomes_utf8(
    apertium_eng_spa, tmp_path
) -> None:
    path = po(tmp_path, header(charset="US-ASCII") + BODY)
    out = tmp_path / "out.po"
    result = run_cli("po", str(path), "--to", "es", "--engine", "apertium", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "España" in text
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in text
    check = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(out)], capture_output=True)
    assert check.returncode == 0, check.stderr


def test_a_declared_latin1_catalog_is_written_in_latin1(apertium_eng_spa, tmp_path) -> None:
    path = tmp_path / "latin.po"
    text = header(charset="ISO-8859-1") + 'msgid "Café"\nmsgstr "Café"\n\n' + BODY
    path.write_bytes(text.encode("latin-1"))
    result = run_cli("po", str(path), "--to", "es", "--engine", "apertium")
    assert result.returncode == 0, result.stderr
    assert "España".encode("latin-1") in result.stdout
    assert 'msgstr "Café"'.encode("latin-1") in result.stdout


# ---------------------------------------------------------------- layout kept


def test_nothing_filled_writes_nothing(apertium_eng_spa, tmp_path) -> None:
    done = DJANGO.replace(
        'msgid "The house is big"\nmsgstr ""',
        'msgid "The house is big"\nmsgstr "La casa es grande"',
    )
    path = po(tmp_path, done)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    result = run_cli("po", str(path), "--to", "es", "--engine", "apertium", "-i")
    assert result.returncode == 0, result.stderr
    assert "0 filled" in result.stderr.decode()
    assert path.read_bytes() == done.encode("utf-8")
    assert path.stat().st_mtime == 1_000_000_000  # not even replaced by the same bytes
    # to stdout the catalog comes out as it went in
    result = run_cli("po", str(path), "--to", "es", "--engine", "apertium")
    assert result.stdout == done.encode("utf-8")


def test_a_filled_entry_is_the_only_change(apertium_eng_spa, tmp_path) -> None:
    path = po(tmp_path, DJANGO)
    result = run_cli("po", str(path), "--to", "es", "--engine", "apertium", "-i")
    assert result.returncode == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(DJANGO.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == ["+#, fuzzy", '-msgstr ""', '+msgstr "La casa es grande"']
    check = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True)
    assert check.returncode == 0, check.stderr


def test_new_header_fields_are_added_at_the_end_in_place(apertium_eng_spa, tmp_path) -> None:
    """No Plural-Forms: it is added (from CLDR) after the last field; the rest stays."""
    text = header().replace('"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n', "") + BODY
    path = po(tmp_path, text)
    result = run_cli("po", str(path), "--to", "es", "--engine", "apertium", "-i")
    assert result.returncode == 0, result.stderr
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:6] == text.splitlines()[:6]
    assert lines[6].startswith('"Plural-Forms: nplurals=')
    assert lines[7] == ""


def test_crlf_lines_stay_crlf(apertium_eng_spa, tmp_path) -> None:
    text = (header() + BODY).replace("\n", "\r\n")
    path = tmp_path / "crlf.po"
    path.write_bytes(text.encode("utf-8"))
    result = run_cli("po", str(path), "--to", "es", "--engine", "apertium", "-i")
    assert result.returncode == 0, result.stderr
    data = path.read_bytes()
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    assert b"Espa\xc3\xb1a" in data


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)


@settings(max_examples=60, deadline=None)
@given(
    entries=st.lists(st.tuples(_text, _text, st.booleans()), max_size=6, unique_by=lambda e: e[0])
)
def test_blocks_give_back_the_text_and_an_unchanged_catalog_renders_none(entries) -> None:
    import polib

    from translate.editorial.po_catalog import CatalogFile
    from translate.editorial.po_rewrite import render

    catalog = polib.POFile(wrapwidth=78)
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "es"}
    for msgid, msgstr, fuzzy in entries:
        if msgid:
            catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] * fuzzy))
    text = str(catalog)
    blocks = po_syntax.blocks(text)
    assert "".join(b.text for b in blocks) == text
    assert [b.msgid for b in blocks if b.msgid] == [e.msgid for e in catalog]
    from translate import inputs

    loaded = inputs.load_po("x.po", text=text)
    assert render(CatalogFile(loaded, text, "utf-8"), "x.po") is None
    for entry in loaded:
        entry.msgstr = "changed"
    out = render(CatalogFile(loaded, text, "utf-8"), "x.po")
    if len(loaded):
        assert out is not None
        assert [e.msgstr for e in inputs.load_po("x.po", text=out)] == ["changed"] * len(loaded)


def test_check_refuses_a_broken_po_bitext(tmp_path) -> None:
    """The bitext reader (translate check FILE.po) refuses what msgfmt refuses too."""
    broken = po(tmp_path, header() + 'msgid "The house\nmsgstr "La casa"\n')
    result = run_cli("check", str(broken), "-g", "glossaries/caucasus.yaml")
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"translate: error: {broken}:9: invalid PO file: end-of-line within string"
        " (msgfmt -c shows the details)\n"
    )


_po_like = st.lists(
    st.sampled_from(
        [
            'msgid "a"',
            'msgstr "b"',
            'msgid_plural "c"',
            'msgstr[0] "d"',
            'msgctxt "e"',
            '"f"',
            "# note",
            "#, fuzzy",
            '#~ msgid "g"',
            '#~ msgstr "h"',
            "",
            '"open',
            'msgid "\\q"',
            "x",
        ]
    ),
    max_size=12,
).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(_po_like, st.text(max_size=200)))
def test_the_syntax_check_accepts_or_refuses_any_text(text: str) -> None:
    """Any text: blocks come back joined to the text, or a FormatError with a line."""
    try:
        blocks = po_syntax.blocks(text, "x.po")
    except FormatError as err:
        assert err.line is not None and 1 <= err.line <= text.count("\n") + 1
        return
    assert "".join(b.text for b in blocks) == text
