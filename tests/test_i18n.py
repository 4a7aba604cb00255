"""The interface in the desk's languages (Persian, Azerbaijani, Russian, Spanish).

* the real ``translate`` command speaks each language, chosen by ``--ui-lang`` (before
  argparse builds its help) or by ``LANGUAGE``/``LC_ALL``/``LANG``: help texts (ours and
  argparse's own "usage:"), usage errors and one-line error messages;
* every catalog is complete (nothing untranslated, nothing fuzzy), keeps every
  placeholder and passes ``msgfmt -c``;
* ``locales/dragoman.pot`` is what Babel extracts from the code today, and every
  message in the code is a literal (``_("... {x}").format(x=...)``, never an f-string);
* the wheel carries the compiled catalogs (hatch_build.py);
* language names follow the interface language (CLDR through Babel).

When a test here fails after a message changed: run ``scripts/i18n`` and translate the
new entries of ``locales/*/LC_MESSAGES/dragoman.po`` (see README, "Languages of the
interface").
"""

from __future__ import annotations

import ast
import gettext
import importlib.util
import inspect
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import polib
import pytest

import translate
from conftest import ROOT, run_cli
from translate import i18n

LANGS = ("fa", "az", "ru", "es")
LOCALES = ROOT / "locales"
POT = LOCALES / "dragoman.pot"
ENGLISH = {"LANGUAGE": "", "LC_ALL": "C.UTF-8", "LC_MESSAGES": "", "LANG": "C.UTF-8"}
RERUN = "run scripts/i18n and translate the new entries (README: Languages of the interface)"


def po_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / "dragoman.po"


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogs():
    """The CLI reads translate/locale/*.mo: compile the current .po files there first,
    as the editable install and scripts/i18n do (tests must not run on stale catalogs)."""
    if Path(translate.__file__).resolve().parent != ROOT / "translate":
        yield  # an installed (non-editable) package carries its own catalogs
        return
    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    hook.compile_catalogs(ROOT, ROOT / "translate" / "locale")
    yield


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language(None)


def cli(*args: str, env: dict | None = None):
    return run_cli(*args, env={**ENGLISH, **(env or {})})


# -- the real command in each language ---------------------------------------------------

HELP = {
    "es": ("uso: translate", "opciones:", "Traduce artículos de noticias sin conexión"),
    "fa": (
        "استفاده: translate",
        "گزینه\u200cها:",
        "مقاله\u200cهای خبری را به\u200cصورت آفلاین ترجمه می\u200cکند",
    ),
    "az": ("istifadə: translate", "seçimlər:", "Xəbər məqalələrini oflayn tərcümə edir"),
    "ru": ("использование: translate", "параметры:", "Переводит новостные статьи офлайн"),
}
NO_SUCH_FILE = {
    "es": "translate: error: {path}: no existe el archivo (compruebe la ruta)",
    "fa": "translate: خطا: {path}: چنین فایلی نیست (مسیر را بررسی کنید)",
    "az": "translate: xəta: {path}: belə fayl yoxdur (yolu yoxlayın)",
    "ru": "translate: ошибка: {path}: нет такого файла (проверьте путь)",
}
REQUIRED = {
    "es": "se requieren los siguientes argumentos: file",
    "fa": "این آرگومان\u200cها لازم\u200cاند: file",
    "az": "aşağıdakı arqumentlər tələb olunur: file",
    "ru": "требуются следующие аргументы: file",
}
ARTICLE_HELP = {
    "es": "idioma de origen (por defecto: según el nombre del archivo",
    "fa": "زبان مبدأ (پیش\u200cفرض: از نام فایل",
    "az": "mənbə dili (standart: fayl adından",
    "ru": "исходный язык (по умолчанию: из имени файла",
}


@pytest.mark.parametrize("lang", LANGS)
def test_help_in_each_language(lang: str) -> None:
    result = cli("--ui-lang", lang, "--help")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    for expected in HELP[lang]:
        assert expected in out
    sub = cli("--ui-lang", lang, "article", "--help")
    assert ARTICLE_HELP[lang] in sub.stdout.decode()


@pytest.mark.parametrize("lang", LANGS)
def test_error_message_in_each_language(lang: str, tmp_path: Path) -> None:
    missing = tmp_path / "missing.en.txt"
    result = cli("--ui-lang", lang, "article", str(missing), "--to", "es")
    assert result.returncode == 2
    assert result.stderr.decode() == NO_SUCH_FILE[lang].format(path=missing) + "\n"
    # argparse's own usage errors, in the interface language too (a missing file: --to
    # may come from the configuration, so it is no longer required on the command line)
    usage = cli("--ui-lang", lang, "article")
    assert usage.returncode == 2
    assert REQUIRED[lang] in usage.stderr.decode()


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANGUAGE": "ru"}, "ru"),
        ({"LANG": "fa_IR.UTF-8", "LC_ALL": ""}, "fa"),
        ({"LC_ALL": "es_ES.UTF-8"}, "es"),
        ({"LANGUAGE": "az_AZ:en"}, "az"),
    ],
)
def test_language_from_the_environment(env: dict, lang: str) -> None:
    result = cli("--help", env=env)
    assert HELP[lang][0] in result.stdout.decode()


def test_ui_lang_forms_and_fallback(tmp_path: Path) -> None:
    for form in ("--ui-lang=fa-IR", "--ui-lang=az-Latn", "--ui-lang=es_ES"):
        result = cli(form, "--help")
        lang = form.split("=")[1][:2]
        assert HELP[lang][0] in result.stdout.decode(), form
    # a language CLDR knows but without a catalog: English messages
    assert "usage: translate" in cli("--ui-lang", "de", "--help").stdout.decode()
    # --ui-lang wins over the environment
    assert HELP["es"][0] in cli("--ui-lang", "es", "--help", env={"LANGUAGE": "ru"}).stdout.decode()
    bad = cli("--ui-lang", "xx", "languages")
    assert bad.returncode == 2
    assert bad.stderr.decode().startswith("translate: error: unknown interface language 'xx'")


def test_report_and_text_output_follow_the_interface_language() -> None:
    from translate import report
    from translate.articles import parse_article
    from translate.document import AlignedSegment, Bitext, TermHit
    from translate.formats.text import TextWriter

    document = parse_article("Talks in Baku.\n", "en")
    hit = TermHit("baku", "place", "Baku", "Bakú", "enforced")
    aligned = AlignedSegment(document.segments[0], "Conversaciones en Bakú.", (hit,), ("Talks",))
    bitext = Bitext(document, "en", "es", "fake", (aligned,))
    i18n.set_language("ru")
    text = report.to_text(report.build([bitext]))
    assert "en→es (английский → испанский, fake): вхождений терминов: 1, применено: 1" in text
    assert "неизвестные слова: Talks" in text
    out = io.StringIO()
    TextWriter(width=100).write([bitext], out)
    assert "термины: Baku → Bakú [применён]" in out.getvalue()
    assert "== article · en → es (английский → испанский) · fake ==" in out.getvalue()


# -- language names and codes from CLDR ---------------------------------------------------


def test_language_names_in_the_interface_language() -> None:
    from translate.languages import display_name

    i18n.set_language("fa")
    assert i18n.current_language() == "fa"
    assert display_name("es", i18n.current_language()) == "اسپانیایی"
    i18n.set_language("az-Latn")
    assert display_name("ru", i18n.current_language()) == "rus"
    expected = {
        "es": "inglés → español",
        "fa": "انگلیسی → اسپانیایی",
        "az": "ingilis → ispan",
        "ru": "английский → испанский",
    }
    for lang, names in expected.items():
        i18n.set_language(lang)
        ui = i18n.current_language()
        assert f"{display_name('en', ui)} → {display_name('es', ui)}" == names


def test_languages_command_names_pairs_in_the_interface_language(apertium_eng_spa) -> None:
    result = cli("--ui-lang", "es", "languages")
    assert result.returncode == 0, result.stderr.decode()
    assert "en-es  inglés → español" in result.stdout.decode()
    result = cli("languages", env={"LANGUAGE": "ru"})
    assert "en-es  английский → испанский" in result.stdout.decode()


def test_codes_are_normalised_in_one_place() -> None:
    from translate.languages import normalize

    cases = {
        "fa-IR": "fa",
        "pes": "fa",
        "fas": "fa",
        "spa": "es",
        "es_ES": "es",
        "az-Latn": "az",
        "az-Latn-AZ": "az",
        "az-Arab": "az-Arab",
        "az-IR": "az-Arab",
        "sr-Cyrl": "sr",
        "sr-Latn": "sr-Latn",
        "rus": "ru",
        "AR": "ar",
    }
    assert {code: normalize(code) for code in cases} == cases
    # and the commands use it: a glossary keyed by BCP 47 codes
    result = cli("glossary", "cldr", "--langs", "fa-IR,az-Latn,sr-Cyrl,rus", "-o", "-")
    assert result.returncode == 0, result.stderr.decode()
    assert "languages: [fa, az, sr, ru]" in result.stdout.decode()


# -- catalogs ---------------------------------------------------------------------------


def _entries(path: Path) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(path)) if not e.obsolete]


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_is_complete(lang: str) -> None:
    po = polib.pofile(str(po_path(lang)))
    assert po.metadata.get("Language") == lang
    assert "nplurals=" in po.metadata.get("Plural-Forms", "")
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    todo = []
    for entry in _entries(po_path(lang)):
        if "fuzzy" in entry.flags:
            todo.append(("fuzzy", entry.msgid))
        elif entry.msgid_plural:
            forms = entry.msgstr_plural
            if len(forms) != nplurals or not all(forms.values()):
                todo.append(("plural", entry.msgid))
        elif not entry.msgstr:
            todo.append(("untranslated", entry.msgid))
    assert not todo, f"{po_path(lang)}: {len(todo)} to translate ({RERUN}): {todo[:5]}"


def _fields(text: str) -> list[str]:
    text = text.replace("{{", "").replace("}}", "")
    return sorted(set(re.findall(r"\{(\w*)[^{}]*\}", text)))


def _percent(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)[srd]|%[sd]", text))


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_placeholders_and_spacing(lang: str) -> None:
    for entry in _entries(po_path(lang)):
        if "fuzzy" in entry.flags:
            continue  # a guess for the translator: test_catalog_is_complete reports it
        originals = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        strings = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for msgstr in strings:
            if not msgstr:
                continue  # untranslated: test_catalog_is_complete reports it
            original = originals[-1]
            if "python-brace-format" in entry.flags:
                assert _fields(msgstr) == _fields(original), (entry.msgid, msgstr)
            if "python-format" in entry.flags:
                assert _percent(msgstr) == _percent(original), (entry.msgid, msgstr)
            assert msgstr.startswith(" ") == original.startswith(" "), (entry.msgid, msgstr)
            assert msgstr.endswith(" ") == original.endswith(" "), (entry.msgid, msgstr)
            if lang != "fa":  # bidi marks and ZWNJ belong to Persian only
                assert not set(msgstr) & set("\u200c\u200e\u200f"), (entry.msgid, msgstr)


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_passes_msgfmt_check(lang: str, tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        if os.environ.get("CI"):
            pytest.fail("msgfmt is not installed (scripts/setup installs gettext)")
        pytest.skip("msgfmt not installed: apt-get install gettext")
    result = subprocess.run(
        [msgfmt, "-c", "-o", str(tmp_path / "out.mo"), str(po_path(lang))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _ids(entries) -> set[tuple[str, str]]:
    return {(e.msgid, e.msgid_plural or "") for e in entries if e.msgid and not e.obsolete}


def test_pot_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.pot"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_",
            "-k",
            "ngettext:1,2",
            "-k",
            "N_",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    extracted = _ids(polib.pofile(str(fresh)))
    shipped = _ids(polib.pofile(str(POT)))
    assert extracted == shipped, (
        f"{RERUN}; new in the code: {sorted(extracted - shipped)[:5]}, "
        f"gone from the code: {sorted(shipped - extracted)[:5]}"
    )
    assert len(extracted) > 200


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_has_exactly_the_pot_messages(lang: str) -> None:
    assert _ids(_entries(po_path(lang))) == _ids(polib.pofile(str(POT))), RERUN


def test_messages_in_the_code_are_literals() -> None:
    """``_("unknown engine {name!r}").format(name=name)``, never ``_(f"...")``: an
    f-string's msgid would be the formatted text, found in no catalog."""
    bad = []
    for path in sorted((ROOT / "translate").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            count = {"_": 1, "N_": 1, "ngettext": 2}.get(node.func.id)
            if count is None:
                continue
            for arg in node.args[:count]:
                literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                constant = isinstance(arg, (ast.Name, ast.Subscript)) and node.func.id == "_"
                if not (literal or constant):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)[:70]}")
    assert not bad, "\n".join(bad)


def test_argparse_messages_are_the_standard_librarys() -> None:
    import argparse

    source = inspect.getsource(argparse)
    for message in (
        "usage: ",
        "positional arguments",
        "options",
        "show this help message and exit",
        "the following arguments are required: %s",
    ):
        assert message in i18n.ARGPARSE_MESSAGES
        assert repr(message) in source or f'"{message}"' in source, message


# -- building --------------------------------------------------------------------------


def test_build_hook_compiles_loadable_catalogs(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    built = hook.compile_catalogs(ROOT, tmp_path)
    assert sorted(target for _mo, target in built) == [
        f"translate/locale/{lang}/LC_MESSAGES/dragoman.mo" for lang in sorted(LANGS)
    ]
    es = gettext.translation("dragoman", tmp_path, languages=["es"])
    assert es.gettext("no such file") == "no existe el archivo"
    ru = gettext.translation("dragoman", tmp_path, languages=["ru"])
    assert ru.ngettext("{n} note", "{n} notes", 5) == "{n} примечаний"


def test_wheel_carries_the_compiled_catalogs(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("dragoman-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        for lang in LANGS:
            name = f"translate/locale/{lang}/LC_MESSAGES/dragoman.mo"
            assert name in names
            catalog = gettext.GNUTranslations(io.BytesIO(archive.read(name)))
            assert catalog.gettext("no such file") != "no such file"
        assert not [n for n in names if n.endswith(".po")]
