"""The ``ambiguous`` term status in everything that consumes statuses: the report, every
bitext writer and reader, the CMS hook, the PO catalog pre-translation and ``--strict``.

``ambiguous``: the source word may not be the concept (an ordinary word such as "Turkey"
at the start of a headline, a given name such as "Chad" in "Chad Ferris"); the engine's
rendering is kept for an editor to decide.  The bitexts here are built by hand, so no
engine and no enforcement are needed; where a command or the hook has to translate, the
pipeline is replaced by one that returns such a bitext.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import polib
import pytest

from conftest import need_schema
from formats_sample import SCHEMAS, term_hits
from translate import engines, formats, report
from translate.articles import parse_text
from translate.document import TERM_STATUSES, AlignedSegment, Bitext, Document, TermHit
from translate.engines.base import DirectRoute, Pair, Translation
from translate.errors import UserError

pytestmark = pytest.mark.usefixtures("english_interface")

ARTICLE = (
    "Turkey prices rose before the holiday.\n\n"
    "Ankara said Turkey would reply. Chad Ferris met Aliyev in Baku.\n"
)
TURKEY_NOTE = "at the start of a sentence: may be the common word"
CHAD_NOTE = "followed by a surname: may be a given name"

# segment index -> (target, [(id, type, source, target form, status, note)])
ES = {
    0: (
        "Los precios del pavo subieron antes de la fiesta.",
        [("turkey", "place", "Turkey", "Turquía", "ambiguous", TURKEY_NOTE)],
    ),
    1: (
        "Ankara dijo que Turquía respondería.",
        [
            ("ankara", "place", "Ankara", "Ankara", "enforced", ""),
            ("turkey", "place", "Turkey", "Turquía", "enforced", ""),
        ],
    ),
    # "Chad" is also the Spanish form of the country, and it is in the translation: an
    # ambiguous term must not be marked in the target all the same (nobody placed it)
    2: (
        "Chad Ferris se reunió con Aliev en la capital.",
        [
            ("chad", "place", "Chad", "Chad", "ambiguous", CHAD_NOTE),
            ("aliyev", "person", "Aliyev", "Alíev", "corrected", "engine wrote Aliev"),
            ("baku", "place", "Baku", "Bakú", "missing", "not in the translation"),
        ],
    ),
}


def document() -> Document:
    return parse_text(ARTICLE, "en", "turkey.en.txt")


def sample(target_lang: str = "es", table: dict | None = None) -> Bitext:
    doc = document()
    table = ES if table is None else table
    aligned = []
    for seg in doc.segments:
        target, terms = table[seg.index]
        aligned.append(
            AlignedSegment(seg, target, term_hits(seg, terms, "desk"), engine="apertium")
        )
    return Bitext(doc, "en", target_lang, "apertium", tuple(aligned))


def only(status: str) -> Bitext:
    """The sample with every term given ``status``."""
    table = {i: (t, [(*x[:4], status, x[5]) for x in terms]) for i, (t, terms) in ES.items()}
    return sample(table=table)


def key(bitext: Bitext) -> list[tuple]:
    return [
        (a.segment.source, a.target, tuple((t.id, t.source, t.target, t.status) for t in a.terms))
        for a in bitext
    ]


def statuses(bitext: Bitext) -> list[tuple[str, str]]:
    return [(t.id, t.status) for t in bitext.terms]


def write(name: str, bitexts) -> str:
    out = io.StringIO()
    formats.get(name).write(bitexts, out)
    return out.getvalue()


def test_ambiguous_is_a_status() -> None:
    assert "ambiguous" in TERM_STATUSES
    assert statuses(sample()) == [
        ("turkey", "ambiguous"),
        ("ankara", "enforced"),
        ("turkey", "enforced"),
        ("chad", "ambiguous"),
        ("aliyev", "corrected"),
        ("baku", "missing"),
    ]


# ---------------------------------------------------------------- the report


def test_report_counts_ambiguous_per_term_and_in_total() -> None:
    pair = report.build([sample()])["pairs"][0]
    assert (
        pair["occurrences"],
        pair["enforced"],
        pair["corrected"],
        pair["ambiguous"],
        pair["missing"],
    ) == (6, 2, 1, 2, 1)
    terms = {t["id"]: t for t in pair["terms"]}
    turkey = terms["turkey"]
    assert (turkey["occurrences"], turkey["enforced"], turkey["ambiguous"]) == (2, 1, 1)
    assert turkey["status"] == "ambiguous" and turkey["notes"] == [TURKEY_NOTE]
    assert terms["chad"]["status"] == "ambiguous" and terms["chad"]["segments"] == [2]
    assert terms["aliyev"]["status"] == "corrected"
    assert terms["baku"]["status"] == "missing"
    assert terms["ankara"]["status"] == "enforced"


@pytest.mark.parametrize(
    ("fates", "overall"),
    [
        (("enforced", "corrected", "ambiguous", "missing"), "missing"),
        (("ambiguous", "missing"), "missing"),
        (("enforced", "ambiguous", "corrected"), "ambiguous"),
        (("corrected", "ambiguous"), "ambiguous"),
        (("enforced", "corrected"), "corrected"),
        (("enforced", "enforced"), "enforced"),
    ],
)
def test_overall_term_status_is_its_worst_occurrence(fates, overall) -> None:
    doc = parse_text(" ".join("Turkey spoke." for _ in fates) + "\n", "en", "t.en.txt")
    aligned = tuple(
        AlignedSegment(seg, "Turquía habló.", (TermHit("turkey", "place", "Turkey", "Turquía", s),))
        for seg, s in zip(doc.segments, fates, strict=True)
    )
    pair = report.build([Bitext(doc, "en", "es", "x", aligned)])["pairs"][0]
    assert [t["status"] for t in pair["terms"]] == [overall]
    assert pair["occurrences"] == sum(pair[s] for s in TERM_STATUSES) == len(fates)


def test_needs_review_when_missing_or_ambiguous() -> None:
    assert report.needs_review(report.build([sample()]))
    ambiguous_only = report.build([only("ambiguous")])
    assert report.needs_review(ambiguous_only) and not report.has_missing(ambiguous_only)
    missing_only = report.build([only("missing")])
    assert report.needs_review(missing_only) and report.has_missing(missing_only)
    for fine in ("enforced", "corrected"):
        assert not report.needs_review(report.build([only(fine)]))
    assert not report.needs_review(report.build([]))
    # a report written before ambiguous existed (no such key) still answers
    old = {"pairs": [{"enforced": 3, "corrected": 1, "missing": 0}]}
    assert not report.needs_review(old) and not report.has_missing(old)
    assert report.needs_review({"pairs": [{"enforced": 3, "corrected": 1, "missing": 2}]})


def test_report_text_shows_ambiguous() -> None:
    text = report.to_text(report.build([sample()]))
    assert "6 term occurrences, 2 enforced, 1 corrected, 2 ambiguous, 1 missing" in text, text
    lines = {line.split()[1].rstrip(":"): line for line in text.splitlines()[1:]}
    assert lines["turkey"].split()[0] == "ambiguous" and TURKEY_NOTE in lines["turkey"]
    assert lines["chad"].split()[0] == "ambiguous" and CHAD_NOTE in lines["chad"]
    assert lines["baku"].split()[0] == "missing"
    # the JSON report round-trips and keeps the counts
    assert json.loads(report.to_json(report.build([sample()])))["pairs"][0]["ambiguous"] == 2


@pytest.fixture
def compiled_catalogs():
    """The current .po files compiled into translate/locale, as tests/test_i18n.py does."""
    import importlib.util

    import translate
    from conftest import ROOT

    if Path(translate.__file__).resolve().parent == ROOT / "translate":
        spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
        hook = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(hook)
        hook.compile_catalogs(ROOT, ROOT / "translate" / "locale")


def test_report_text_in_another_interface_language(compiled_catalogs) -> None:
    from translate import i18n

    i18n.set_language("es")
    try:
        text = report.to_text(report.build([sample()]))
    finally:
        i18n.set_language("en")
    assert "2 ambiguas" in text or "2 ambiguos" in text, text
    assert "ambiguous" not in text.split("\n")[0]


# ---------------------------------------------------------------- plain writers


def test_text_and_tsv_name_the_status() -> None:
    from translate.formats.text import TextWriter

    out = io.StringIO()
    TextWriter(width=160).write([sample()], out)
    text = out.getvalue()
    assert "Turkey → Turquía [ambiguous]" in text and "Chad → Chad [ambiguous]" in text
    assert "Baku → Bakú [missing]" in text
    tsv = write("tsv", [sample()])
    assert "Turkey → Turquía [ambiguous]" in tsv.splitlines()[1]


def test_markdown_flags_and_lists_ambiguous_terms() -> None:
    text = write("md", [sample()])
    assert "Glossary terms: 2 enforced, 1 corrected, 2 ambiguous, 1 missing." in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    first = rows[1]  # after the header row
    assert "**Turkey** ❓" in first.split(" | ")[0]
    assert "**" not in first.split(" | ")[1]  # the engine's "pavo" is not a glossary form
    third = rows[3]
    assert "**Chad** ❓" in third.split(" | ")[0] and "**Baku** ⚠" in third.split(" | ")[0]
    target = third.split(" | ")[1]
    assert "**Chad**" not in target and "**Alíev**" not in target  # Aliev: not the form
    assert "- ❓ ambiguous in segment 1: Turkey may not be `turkey` (Turquía)" in text
    assert TURKEY_NOTE in text and "- ⚠ missing in segment 3: Baku → Bakú (`baku`)" in text


def test_html_marks_flags_and_highlights_ambiguous_terms() -> None:
    lxml_html = pytest.importorskip("lxml.html")
    page = write("html", [sample()])
    root = lxml_html.document_fromstring(page)
    assert "mark.term-ambiguous" in page
    assert root.xpath('//p[@class="legend"]/mark[@class="term term-ambiguous"]')
    rows = root.xpath("//tr")[1:]
    classes = [r.get("class") for r in rows]
    assert classes == ["seg has-ambiguous", "seg", "seg has-missing has-ambiguous"]
    src = rows[0].xpath('.//td[@class="src"]//mark')
    assert [(m.text, m.get("class"), m.get("title")) for m in src] == [
        ("Turkey", "term term-ambiguous", "turkey · ambiguous · desk")
    ]
    assert not rows[0].xpath('.//td[@class="tgt"]//mark')
    # "Chad" is in the Spanish target, but nobody placed it: not marked
    assert [m.text for m in rows[2].xpath('.//td[@class="tgt"]//mark')] == []
    flags = [f.text_content() for f in root.xpath('//span[@class="flag-ambiguous"]')]
    assert len(flags) == 2
    assert "ambiguous" in flags[0] and "Turkey" in flags[0] and "Turquía" in flags[0]
    assert TURKEY_NOTE in flags[0] and "engine's rendering was kept" in flags[0]
    assert root.xpath('//span[@class="flag-missing"]')
    assert "glossary terms: 2 enforced, 1 corrected, 2 ambiguous, 1 missing" in page


# ---------------------------------------------------------------- bitext formats, round trips


def test_jsonl_writes_and_reads_back_ambiguous(tmp_path) -> None:
    from translate.formats import jsonl

    text = write("jsonl", [sample()])
    first = json.loads(text.splitlines()[0])
    assert first["terms"][0]["status"] == "ambiguous"
    path = tmp_path / "t.jsonl"
    path.write_text(text, encoding="utf-8")
    (back,) = jsonl.read(path)
    assert key(back) == key(sample())
    assert report.build([back])["pairs"][0]["ambiguous"] == 2


def test_jsonl_old_files_read_and_unknown_statuses_are_errors(tmp_path) -> None:
    from translate.formats import jsonl

    old = {
        "doc": "d",
        "paragraph": 0,
        "segment": 0,
        "source_lang": "en",
        "target_lang": "es",
        "source": "Talks in Baku.",
        "target": "Conversaciones en Bakú.",
        "after": "\n",
        "terms": [
            {"id": "baku", "source": "Baku", "target": "Bakú", "status": "enforced"},
            {"id": "x", "source": "Talks", "target": "T"},
        ],
    }
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps(old) + "\n", encoding="utf-8")
    (back,) = jsonl.read(path)
    assert statuses(back) == [("baku", "enforced"), ("x", "missing")]
    bad = {**old, "terms": [{"id": "baku", "source": "Baku", "target": "Bakú", "status": "maybe"}]}
    path.write_text(json.dumps(old) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(UserError) as err:
        jsonl.read(path)
    assert "'maybe'" in str(err.value) and "ambiguous" in str(err.value)
    assert err.value.line == 2


def test_tmx_writes_and_reads_back_ambiguous(tmp_path) -> None:
    from translate.formats import tmx

    text = write("tmx", [sample()])
    assert "turkey|Turkey|Turquía|ambiguous|place" in text
    path = tmp_path / "t.tmx"
    path.write_text(text, encoding="utf-8")
    (back,) = tmx.read(path)
    assert key(back) == key(sample())
    etree = pytest.importorskip("lxml.etree")
    dtd_path = need_schema(SCHEMAS / "tmx" / "tmx14.dtd")
    dtd = etree.DTD(str(dtd_path))
    assert dtd.validate(etree.fromstring(text.encode())), dtd.error_log.filter_from_errors()


def _xliff21_schema():
    from test_formats_xliff import build_xliff21_schema

    return build_xliff21_schema()


def test_xliff21_writes_validates_and_reads_back_ambiguous(tmp_path) -> None:
    from translate.formats import xliff

    text = write("xliff", [sample()])
    x2 = "{urn:oasis:names:tc:xliff:document:2.0}"
    dg = "{urn:dragoman:xliff:1}"
    root = ET.fromstring(text)
    segments = list(root.iter(f"{x2}segment"))
    assert [s.get("subState") for s in segments] == [
        "dragoman:term-ambiguous",
        "dragoman:mt",
        "dragoman:term-missing",
    ]
    assert all(s.get("state") == "initial" for s in segments)
    notes = [(n.get("category"), n.text) for n in root.iter(f"{x2}note")]
    assert [c for c, _ in notes] == [
        "dragoman:term-ambiguous",
        "dragoman:term-ambiguous",
        "dragoman:term-missing",
    ]
    assert "Turkey may not be turkey (Turquía)" in notes[0][1] and TURKEY_NOTE in notes[0][1]
    marks = [(m.get(f"{dg}id"), m.get(f"{dg}status")) for m in segments[0].iter(f"{x2}mrk")]
    assert marks == [("turkey", "ambiguous")]  # in the source only, not in the target
    target_marks = [m.get(f"{dg}id") for m in segments[2].find(f"{x2}target").iter(f"{x2}mrk")]
    assert target_marks == ["aliyev"] or target_marks == []
    assert "chad" not in target_marks
    path = tmp_path / "t.xlf"
    path.write_text(text, encoding="utf-8")
    (back,) = xliff.read(path)
    assert key(back) == key(sample())
    schema = _xliff21_schema()
    from lxml import etree

    assert schema.validate(etree.fromstring(text.encode())), schema.error_log.filter_from_errors()


def test_xliff12_writes_validates_and_reads_back_ambiguous(tmp_path) -> None:
    from test_formats_xliff import need_schemas
    from translate.formats import xliff12

    text = write("xliff12", [sample()])
    x1 = "{urn:oasis:names:tc:xliff:document:1.2}"
    root = ET.fromstring(text)
    units = list(root.iter(f"{x1}trans-unit"))
    # paragraph 0: an ambiguous term; paragraph 1: ambiguous and missing
    assert [u.find(f"{x1}target").get("state") for u in units] == [
        "needs-review-translation",
        "needs-review-translation",
    ]
    notes = [n.text for n in units[0].iter(f"{x1}note")]
    assert len(notes) == 1 and "ambiguous" in notes[0] and "Turkey" in notes[0]
    assert len(list(units[1].iter(f"{x1}note"))) == 2
    path = tmp_path / "t.xlf"
    path.write_text(text, encoding="utf-8")
    (back,) = xliff12.read(path)
    assert key(back) == key(sample())
    # enforced/corrected only: no review state
    fine = ET.fromstring(write("xliff12", [only("enforced")]))
    assert {t.get("state") for t in fine.iter(f"{x1}target")} == {"translated"}

    from test_formats_xliff import build_xliff12_schema

    schema = build_xliff12_schema()
    etree = need_schemas()
    assert schema.validate(etree.fromstring(text.encode())), schema.error_log.filter_from_errors()


def test_po_writes_and_reads_back_ambiguous(tmp_path) -> None:
    from translate.formats import po

    text = write("po", [sample()])
    assert "#. term turkey (place): Turkey → Turquía [ambiguous]" in text
    path = tmp_path / "t.po"
    path.write_text(text, encoding="utf-8")
    (back,) = po.read(path)
    assert key(back) == key(sample())


@pytest.mark.parametrize("name", ["jsonl", "tmx", "xliff", "xliff12", "po"])
def test_old_files_without_ambiguous_still_read(name, tmp_path) -> None:
    """A file an earlier version wrote (three statuses only) reads the same."""
    from translate.formats import readers

    old = only("enforced")
    # the n-th term of a segment takes the n-th status; segments hold one to three terms
    table = {
        i: (
            t,
            [
                (*x[:4], s, "")
                for x, s in zip(terms, ("corrected", "missing", "enforced"), strict=False)
            ],
        )
        for i, (t, terms) in ES.items()
    }
    for bitext in (old, sample(table=table)):
        suffix = {"jsonl": ".jsonl", "tmx": ".tmx", "xliff": ".xlf", "xliff12": ".xlf", "po": ".po"}
        path = tmp_path / f"old{suffix[name]}"
        path.write_text(write(name, [bitext]), encoding="utf-8")
        assert "ambiguous" not in path.read_text(encoding="utf-8").replace("term-ambiguous", "")
        (back,) = readers.read(path)
        assert key(back) == key(bitext)


# ---------------------------------------------------------------- the CMS hook


class EchoEngine(DirectRoute):
    """Gives every text back as it is (the pipeline below decides the term statuses)."""

    name = "echo-ambiguous-test"
    term_marking = "carrier"

    def pairs(self):
        return [Pair("en", "es")]

    def missing_pair_hint(self, source, target):
        return "none"

    def translate_batch(self, texts, source, target):
        return [Translation(t.text) for t in texts]


def fake_translate(word: str, status: str):
    """A ``Translator.translate`` that copies the source and reports every ``word`` with
    ``status`` (enforcement that produces ``ambiguous`` is not needed to test consumers)."""

    def translate(self, document, target, *, engine=None):
        engine = engine or self.engine_for(document.lang, target)
        aligned = []
        for seg in document.segments:
            hits = tuple(
                TermHit(
                    word.lower(),
                    "place",
                    word,
                    "Turquía",
                    status,
                    m.start(),
                    m.end(),
                    note=TURKEY_NOTE if status == "ambiguous" else "",
                )
                for m in re.finditer(re.escape(word), seg.source)
            )
            aligned.append(AlignedSegment(seg, seg.source, hits, engine=engine.name))
        return Bitext(document, document.lang, target, engine.name, tuple(aligned))

    return translate


@pytest.fixture
def echo(monkeypatch):
    monkeypatch.setitem(engines._cache, EchoEngine.name, EchoEngine())
    return EchoEngine.name


def cms_output_validator() -> jsonschema.Draft202012Validator:
    from translate.editorial.cms import OUTPUT_SCHEMA

    return jsonschema.Draft202012Validator(json.loads(OUTPUT_SCHEMA.read_text(encoding="utf-8")))


PAYLOAD = {
    "id": "amb-1",
    "language": "en",
    "headline": "Turkey prices rise",
    "body": "<p>Prices of turkey rose. Ankara said nothing.</p>",
    "targets": ["es"],
}


def test_cms_hook_ambiguous_needs_review(echo, monkeypatch) -> None:
    from translate.editorial.cms import translate_article
    from translate.pipeline import Translator

    monkeypatch.setattr(Translator, "translate", fake_translate("Turkey", "ambiguous"))
    out = translate_article(PAYLOAD, engine=echo)
    cms_output_validator().validate(out)
    es = out["translations"]["es"]
    assert out["status"] == es["status"] == "needs-review"
    assert es["review"] == [
        {
            "reason": "ambiguous",
            "id": "turkey",
            "source": "Turkey",
            "field": "headline",
            "segment": 0,
            "note": TURKEY_NOTE,
        }
    ]
    assert es["report"]["ambiguous"] == 1 and es["report"]["missing"] == 0
    assert es["report"]["terms"][0]["status"] == "ambiguous"
    assert es["segments"][0]["terms"][0]["status"] == "ambiguous"


def test_cms_hook_missing_and_fine_terms(echo, monkeypatch) -> None:
    from translate.editorial.cms import translate_article
    from translate.pipeline import Translator

    monkeypatch.setattr(Translator, "translate", fake_translate("Turkey", "missing"))
    out = translate_article(PAYLOAD, engine=echo)
    cms_output_validator().validate(out)
    assert [r["reason"] for r in out["translations"]["es"]["review"]] == ["missing"]
    assert out["status"] == "needs-review"
    for fine in ("enforced", "corrected"):
        monkeypatch.setattr(Translator, "translate", fake_translate("Turkey", fine))
        out = translate_article(PAYLOAD, engine=echo)
        cms_output_validator().validate(out)
        assert out["status"] == out["translations"]["es"]["status"] == "ok"


def test_cms_output_schema_knows_the_status() -> None:
    from translate.editorial.cms import OUTPUT_SCHEMA

    schema = json.loads(OUTPUT_SCHEMA.read_text(encoding="utf-8"))
    defs = schema["$defs"]
    assert set(defs["term"]["properties"]["status"]["enum"]) == set(TERM_STATUSES)
    review = defs["translation"]["properties"]["review"]["items"]["properties"]["reason"]["enum"]
    assert "ambiguous" in review and "missing" in review
    term = defs["report"]["properties"]["terms"]["items"]
    assert set(term["properties"]["status"]["enum"]) == set(TERM_STATUSES)
    assert set(TERM_STATUSES) <= set(defs["report"]["required"]) and set(TERM_STATUSES) <= set(
        term["required"]
    )


# ---------------------------------------------------------------- PO catalogs


CATALOG = """\
msgid ""
msgstr ""
"Language: es\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Turkey is on the menu."
msgstr ""

msgid "Open the file."
msgstr ""
"""


@pytest.mark.parametrize("status", ["ambiguous", "missing", "enforced"])
def test_po_catalog_counts_ambiguous_for_review(status, echo, monkeypatch, tmp_path) -> None:
    from translate.editorial.po_catalog import pretranslate
    from translate.glossary.model import Glossary
    from translate.pipeline import Translator

    monkeypatch.setattr(Translator, "translate", fake_translate("Turkey", status))
    path = tmp_path / "es.po"
    path.write_text(CATALOG, encoding="utf-8")
    catalog = polib.pofile(str(path))
    summary = pretranslate(
        catalog, source="en", target="es", translator=Translator(Glossary("none"), EchoEngine())
    )
    entry = catalog.find("Turkey is on the menu.")
    assert entry.msgstr and "fuzzy" in entry.flags  # filled, and stays fuzzy
    assert summary.ambiguous_terms == (status == "ambiguous")
    assert summary.missing_terms == (status == "missing")
    assert summary.terms_to_review == (status != "enforced")
    text = summary.text("es.po")
    assert ("1 glossary term(s) ambiguous" in text) == (status == "ambiguous")


@pytest.mark.parametrize(("status", "code"), [("ambiguous", 1), ("missing", 1), ("enforced", 0)])
def test_po_command_strict_fails_on_ambiguous(
    status, code, echo, monkeypatch, tmp_path, capsys
) -> None:
    from translate.cli import main
    from translate.pipeline import Translator

    monkeypatch.setattr(Translator, "translate", fake_translate("Turkey", status))
    path = tmp_path / "es.po"
    path.write_text(CATALOG, encoding="utf-8")
    assert main(["po", str(path), "--to", "es", "--engine", echo, "-i", "--strict"]) == code
    assert main(["po", str(path), "--to", "es", "--engine", echo, "--overwrite-fuzzy"]) == 0


# ---------------------------------------------------------------- translate article --strict


def test_article_strict_fails_on_ambiguous_with_real_enforcement(
    apertium_eng_spa, tmp_path
) -> None:
    """The real command, engine and enforcement: "Georgia" in "Georgia Kellaway" is a
    given name (caucasus.yaml: ``given_name: true``), so it is reported ambiguous and
    ``--strict`` fails, although no term is missing."""
    from conftest import ROOT, run_cli

    article = tmp_path / "story.en.txt"
    article.write_text("Georgia Kellaway met officials in Baku.\n", encoding="utf-8")
    report_path = tmp_path / "report.json"
    args = [
        "article",
        str(article),
        "--to",
        "es",
        "--engine",
        "apertium",
        "-g",
        str(ROOT / "glossaries" / "caucasus.yaml"),
        "--report",
        str(report_path),
    ]
    strict = run_cli(*args, "--strict")
    pair = json.loads(report_path.read_text(encoding="utf-8"))["pairs"][0]
    terms = {t["id"]: t["status"] for t in pair["terms"]}
    assert terms.get("georgia") == "ambiguous", pair
    assert pair["ambiguous"] >= 1 and pair["missing"] == 0
    assert strict.returncode == 1, strict.stderr
    relaxed = run_cli(*args)
    assert relaxed.returncode == 0, relaxed.stderr
    assert b"[ambiguous]" in relaxed.stdout


def test_article_strict_fails_on_ambiguous(echo, monkeypatch, tmp_path, capsys) -> None:
    """``--strict`` exits 1 on an ambiguous term, 0 on enforced and corrected ones.

    Independent of what enforcement rules ambiguous today: the decision is checked on
    :func:`report.needs_review` (what ``--strict`` uses) and through the command with
    the pipeline replaced by one that reports a chosen status.
    """
    from translate.cli import main
    from translate.pipeline import Translator

    assert report.needs_review(report.build([only("ambiguous")]))
    assert not report.needs_review(report.build([only("corrected")]))

    article = tmp_path / "story.en.txt"
    article.write_text("Turkey prices rose.\n", encoding="utf-8")
    args = ["article", str(article), "--to", "es", "--engine", echo, "--report", "-"]
    for status, code in (("ambiguous", 1), ("missing", 1), ("enforced", 0), ("corrected", 0)):
        monkeypatch.setattr(Translator, "translate", fake_translate("Turkey", status))
        capsys.readouterr()
        assert main([*args, "--strict"]) == code, status
        err = capsys.readouterr().err
        assert ("1 ambiguous" in err) == (status == "ambiguous"), err
        assert main(args) == 0  # without --strict the report is all


def test_strict_help_mentions_ambiguous(capsys) -> None:
    from translate.cli import main

    for command in ("article", "po"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        help_text = " ".join(capsys.readouterr().out.split())
        assert "missing or ambiguous" in help_text, command
