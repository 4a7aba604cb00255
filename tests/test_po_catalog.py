"""PO catalog pre-translation with the real Apertium engine: placeholders and markup kept,
plural forms by the target's rules, translated entries untouched, msgfmt -c passes."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import polib
import pytest
from babel.messages.plurals import get_plural

from conftest import ROOT, run_cli
from translate.editorial.po_catalog import placeholders, pretranslate
from translate.engines.apertium import ApertiumEngine
from translate.engines.base import SourceText
from translate.glossary.model import Glossary
from translate.pipeline import Translator

GLOSSARY = str(ROOT / "glossaries" / "caucasus.yaml")

HEADER = """\
# Spanish translations of demo.
msgid ""
msgstr ""
"Project-Id-Version: demo 1.0\\n"
"Report-Msgid-Bugs-To: \\n"
"POT-Creation-Date: 2024-05-01 10:00+0000\\n"
"PO-Revision-Date: 2024-05-01 10:00+0000\\n"
"Last-Translator: \\n"
"Language-Team: \\n"
"Language: es\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
{plural}
"""
TWO_FORMS = '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"'

ENTRIES = """
#: app.py:10
#, python-format
msgid "Welcome to %(site)s, %(user)s!"
msgstr ""

#: app.py:11
#, python-format
msgid "The minister arrived in Baku with %(count)d advisers."
msgstr ""

#: app.py:12
#, python-brace-format
msgid "Delete <b>{name}</b> from the list of {0} items?"
msgstr ""

#: app.py:13
#, c-format
msgid "of %d files\\n"
msgstr ""

#: app.py:14
#, c-format
msgid ""
"\\n"
"Copied %1$s to %2$s: 100%% done."
msgstr ""

#: app.py:15
msgid "Open the <a href=\\"/help\\">help page</a>."
msgstr ""

#: app.py:20
#, python-format
msgid "One file was deleted."
msgid_plural "%(count)d files were deleted."
msgstr[0] ""
msgstr[1] ""

#: app.py:21
#, c-format
msgid "%d item"
msgid_plural "%d items"
msgstr[0] ""
msgstr[1] ""

#: app.py:30
msgid "The house"
msgstr "La casa"

#: app.py:31
#, fuzzy
msgid "The big house"
msgstr "La casa"

#: app.py:32
#, python-format
msgid "%(count)d result"
msgid_plural "%(count)d results"
msgstr[0] "%(count)d resultado"
msgstr[1] "%(count)d resultados"

#~ msgid "Old string"
#~ msgstr ""
"""


def catalog(tmp_path: Path, plural: str = TWO_FORMS, entries: str = ENTRIES) -> Path:
    path = tmp_path / "messages.po"
    path.write_text(HEADER.format(plural=plural) + entries, encoding="utf-8")
    return path


def msgfmt_check(path: Path) -> None:
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt not installed: apt-get install gettext")
    result = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def entry(po: polib.POFile, msgid: str) -> polib.POEntry:
    found = po.find(msgid)
    assert found is not None, msgid
    return found


def same_placeholders(a: str, b: str, flags=()) -> bool:
    return Counter(a[x:y] for x, y in placeholders(a, flags)) == Counter(
        b[x:y] for x, y in placeholders(b, flags)
    )


# ---------------------------------------------------------------- placeholders


def test_placeholder_patterns() -> None:
    def found(text, flags=()):
        return [text[a:b] for a, b in placeholders(text, flags)]

    assert found("%(name)s and %d, %1$s, %-5.2f, %lu, %% and %{ruby}") == [
        "%(name)s",
        "%d",
        "%1$s",
        "%-5.2f",
        "%lu",
        "%%",
        "%{ruby}",
    ]
    assert found("{name}, {0}, {}, {x!r:>10}, {{ var }}") == [
        "{name}",
        "{0}",
        "{}",
        "{x!r:>10}",
        "{{ var }}",
    ]
    assert found("a literal {{ brace") == ["{{"] and found("and }} another") == ["}}"]
    assert found('<b>bold</b> <a href="x">a</a><br/><!-- c -->') == [
        "<b>",
        "</b>",
        '<a href="x">',
        "</a>",
        "<br/>",
        "<!-- c -->",
    ]
    # "50% off" is only a directive (space flag + o) in a string flagged c-format
    assert found("Save 50% off today") == []
    assert found("Save 50% off today", ["c-format"]) == ["% o"]


# ---------------------------------------------------------------- the command


def test_fill_keeps_placeholders_and_markup(apertium_eng_spa, tmp_path) -> None:
    path = catalog(tmp_path)
    out = tmp_path / "out.po"
    result = run_cli(
        "po",
        str(path),
        "--to",
        "es",
        "--engine",
        "apertium",
        "--glossary",
        GLOSSARY,
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    summary = result.stderr.decode()
    assert summary.startswith(
        f"{path}: 8 filled (marked fuzzy), 3 skipped (already translated), 0 placeholder failures"
    ), summary
    assert result.stdout == b""
    msgfmt_check(out)
    po = polib.pofile(str(out))
    filled = [e for e in po if not e.obsolete and "fuzzy" in e.flags and e.msgid != "The big house"]
    assert len(filled) == 8
    for e in filled:
        if e.msgid_plural:
            assert all(e.msgstr_plural[i] for i in (0, 1))
        else:
            assert e.msgstr and same_placeholders(e.msgid, e.msgstr, e.flags), e
    welcome = entry(po, "Welcome to %(site)s, %(user)s!").msgstr
    assert welcome == "Bienvenido a %(site)s, %(user)s!"
    assert "Bakú" in entry(po, "The minister arrived in Baku with %(count)d advisers.").msgstr
    delete = entry(po, "Delete <b>{name}</b> from the list of {0} items?").msgstr
    assert "<b>{name}</b>" in delete and "{0}" in delete
    # leading and trailing line breaks as in the msgid; a lower-case start stays lower-case
    assert entry(po, "of %d files\n").msgstr == "de %d limas\n"
    copied = entry(po, "\nCopied %1$s to %2$s: 100%% done.").msgstr
    assert copied.startswith("\n") and "%1$s" in copied and "%2$s" in copied and "100%%" in copied
    assert '<a href="/help">' in entry(po, 'Open the <a href="/help">help page</a>.').msgstr
    assert entry(po, "Welcome to %(site)s, %(user)s!").flags == ["fuzzy", "python-format"]


def test_plural_forms_for_spanish_with_two_forms(apertium_eng_spa, tmp_path) -> None:
    path = catalog(tmp_path)
    result = run_cli("po", str(path), "--to", "es", "--engine", "apertium")
    assert result.returncode == 0, result.stderr
    po = polib.pofile(result.stdout.decode())
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    deleted = entry(po, "One file was deleted.")
    assert sorted(deleted.msgstr_plural) == [0, 1]
    # form 0 (n == 1 only) from msgid, form 1 from msgid_plural
    assert "%(count)d" not in deleted.msgstr_plural[0]
    assert deleted.msgstr_plural[1].startswith("%(count)d ")
    items = entry(po, "%d item")
    assert items.msgstr_plural == {0: "%d elemento", 1: "%d elementos"}


def test_missing_plural_forms_header_comes_from_cldr(apertium_eng_spa, tmp_path) -> None:
    path = catalog(tmp_path, plural="")
    result = run_cli("po", str(path), "--to", "es", "--engine", "apertium", "-i")
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    msgfmt_check(path)
    po = polib.pofile(str(path))
    rule = get_plural("es")
    assert po.metadata["Plural-Forms"] == f"nplurals={rule.num_plurals}; plural={rule.plural_expr};"
    for e in (entry(po, "One file was deleted."), entry(po, "%d item")):
        assert sorted(e.msgstr_plural) == list(range(rule.num_plurals))
        assert all(e.msgstr_plural.values())
    # an entry translated with two forms lacks the third now: its forms are kept and
    # only the missing one is filled (fuzzy, for review)
    result_entry = entry(po, "%(count)d result")
    assert result_entry.msgstr_plural[0] == "%(count)d resultado"
    assert result_entry.msgstr_plural[1] == "%(count)d resultados"
    assert result_entry.msgstr_plural[2] and "fuzzy" in result_entry.flags


def test_translated_and_fuzzy_entries_are_untouched(apertium_eng_spa, tmp_path) -> None:
    path = catalog(tmp_path)
    result = run_cli("po", str(path), "--to", "es", "--engine", "apertium", "-i")
    assert result.returncode == 0, result.stderr
    po = polib.pofile(str(path))
    house = entry(po, "The house")
    assert house.msgstr == "La casa" and "fuzzy" not in house.flags
    big = entry(po, "The big house")
    assert big.msgstr == "La casa" and big.flags == ["fuzzy"]
    assert [e.msgid for e in po.obsolete_entries()] == ["Old string"]
    assert po.obsolete_entries()[0].msgstr == ""


def test_overwrite_fuzzy_translates_fuzzy_entries_only(apertium_eng_spa, tmp_path) -> None:
    path = catalog(tmp_path)
    result = run_cli(
        "po", str(path), "--to", "es", "--engine", "apertium", "-i", "--overwrite-fuzzy"
    )
    assert result.returncode == 0, result.stderr
    assert "9 filled" in result.stderr.decode()
    po = polib.pofile(str(path))
    big = entry(po, "The big house")
    assert big.msgstr == "La casa grande" and big.flags == ["fuzzy"]
    assert entry(po, "The house").msgstr == "La casa"
    msgfmt_check(path)


class IgnoresKeepSpans(ApertiumEngine):
    """Apertium, but the verbatim spans are not passed on: as an engine that does not
    honour them would, it translates placeholder names ("%(count)d" -> "%(cuenta)d")."""

    def translate_batch(self, texts, source, target):
        return super().translate_batch([SourceText(t.text) for t in texts], source, target)


def test_broken_placeholders_leave_the_entry_empty_and_are_reported(
    apertium_eng_spa, tmp_path
) -> None:
    path = catalog(tmp_path)
    po = polib.pofile(str(path))
    summary = pretranslate(
        po,
        source="en",
        target="es",
        translator=Translator(Glossary(name="none"), IgnoresKeepSpans()),
        name=str(path),
    )
    lines = {f.line: f.reason for f in summary.failures}
    # "%(count)d" became "%(cuenta)d": the entry (both plural forms) stays empty
    deleted = entry(po, "One file was deleted.")
    assert deleted.msgstr_plural == {0: "", 1: ""} and "fuzzy" not in deleted.flags
    assert lines[deleted.linenum] == (
        "placeholders did not survive translation: lost %(count)d; added %(cuenta)d"
    )
    site = entry(po, "Welcome to %(site)s, %(user)s!")
    assert site.msgstr == "" and site.linenum in lines
    # what survived was filled
    assert entry(po, "%d item").msgstr_plural == {0: "%d elemento", 1: "%d elementos"}
    assert summary.filled + len(summary.failures) == 8
    text = summary.text(str(path))
    assert (
        f"{path}:{deleted.linenum}: 'One file was deleted.': placeholders did not survive" in text
    )
    po.save(str(path))
    msgfmt_check(path)


# ---------------------------------------------------------------- bad input


def test_wrong_language_and_bad_files(tmp_path) -> None:
    path = catalog(tmp_path)
    result = run_cli("po", str(path), "--to", "fa", "--engine", "apertium")
    assert result.returncode == 2
    assert "the catalog is for 'es' (its Language header), not 'fa'" in result.stderr.decode()
    assert result.stderr.decode().count("\n") == 1
    broken = tmp_path / "broken.po"
    broken.write_text('msgid "a"\nxyz "b"\n', encoding="utf-8")
    result = run_cli("po", str(broken), "--to", "es", "--engine", "apertium")
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"translate: error: {broken}:2: invalid PO file: syntax error"
        " (msgfmt -c shows the details)\n"
    )
    result = run_cli("po", str(tmp_path / "none.po"), "--to", "es")
    assert result.returncode == 2 and "none.po: no such file" in result.stderr.decode()


def test_one_document_keeps_the_whitespace_around_each_string() -> None:
    from translate.editorial.po_catalog import _document

    strings = [("\nUsage: %s", ("c-format",)), ("Done.\n", ()), ("  {n} files  ", ())]
    doc = _document(strings, "en", "c.po")
    assert doc.text == "\n\n".join(text for text, _ in strings)
    assert doc.reassemble() == doc.text and doc.before == "\n"
    assert [(s.source, s.after, s.keep, s.paragraph) for s in doc.segments] == [
        ("Usage: %s", "\n\n", ((7, 9),), 0),
        ("Done.", "\n\n\n  ", (), 1),
        ("{n} files", "  ", ((0, 3),), 2),
    ]
    assert all(doc.text[s.start : s.end] == s.source for s in doc.segments)
