"""The term report is honest: what it says was enforced is in the output, nothing it does
not report is there, and nothing of the machinery is left behind.

Every example article (examples/*.en.txt, *.en.md) and every quality-benchmark article
(benchmarks/quality/*.en.txt, *.en.md) goes through the real Translator with the shipped
glossaries (countries.yaml, then caucasus.yaml) and every engine available: Apertium
en→es and en→ca, the tiny copy-task Argos package of tests/fixtures (en→es, and the
same model relabelled en→ca as tests/test_argos.py does for pivots), and the distilled
en→es package, which translates and was never taught placeholders.  For every aligned
segment:

1. each ``enforced`` or ``corrected`` hit's target form, a declared form of its concept,
   or either in capitals or with a capital first letter, is in the target, once per hit
   of that concept;
2. no target form of any concept (preferred or declared) is in the target unless a hit
   of the segment (any status but ``missing``) is that concept (or has the same form),
   or the source segment itself has it, or an issue of the segment reports it (a model
   that repeats or invents a name); lowercase forms shorter than 4 letters (ca "rus")
   are ordinary words and skipped;
3. no private-use character (our placeholders), no U+FFFD, and no carrier left: the
   renderings of translate.glossary.carriers' candidate names (one plain engine call per
   engine and pair) appear only where the source has the same English name.

Each test lists every failing segment at once, so one run shows the whole picture.
"""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, _have_apertium_pair
from translate import engines
from translate.articles import load_article
from translate.document import Bitext
from translate.engines.base import SourceText
from translate.glossary import carriers, load_glossaries
from translate.glossary.matcher import Matcher, find_terms, term_key
from translate.glossary.model import Concept, Glossary, LangTerms
from translate.languages import upper
from translate.pipeline import Translator

GLOSSARIES = [ROOT / "glossaries" / "countries.yaml", ROOT / "glossaries" / "caucasus.yaml"]
ARTICLES = sorted(
    p
    for folder in (ROOT / "examples", ROOT / "benchmarks" / "quality")
    for pattern in ("*.en.txt", "*.en.md")
    for p in folder.glob(pattern)
)
ENGINES = [
    ("apertium", "es"),
    ("apertium", "ca"),
    ("argos-tiny", "es"),
    ("argos-tiny", "ca"),
    ("argos-distilled", "es"),
]
APERTIUM_MODES = {"es": "eng-spa", "ca": "eng-cat"}
SHORT_WORD = 4
_CONTEXT = 70


# -- engines ---------------------------------------------------------------------------


def _apertium(lang: str):
    if not _have_apertium_pair(APERTIUM_MODES[lang]):
        message = f"apertium {APERTIUM_MODES[lang]} is not installed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return engines.choose("apertium", "en", lang)


def _argos(name: str, lang: str, folder: Path):
    """A fixture package as an ArgosEngine, without touching argostranslate's folders:
    the tiny copy model (relabelled for other targets) or the distilled model.

    The package is unzipped as ``install_from_path`` does; the engine lists it alone."""
    pytest.importorskip("ctranslate2")
    pytest.importorskip("sentencepiece")
    from test_argos import FIXTURE, relabel
    from test_distilled_model import FIXTURE as DISTILLED
    from translate.engines.argos import ArgosEngine, Settings
    from translate.engines.argos_packages import InstalledPackage

    fixture = DISTILLED if name == "argos-distilled" else FIXTURE
    if not fixture.is_file():
        pytest.fail(f"missing fixture {fixture}: build it with its builder in tools/")
    package = (
        fixture if lang == "es" else relabel(fixture, folder / f"en_{lang}.argosmodel", "en", lang)
    )
    with zipfile.ZipFile(package) as archive:
        archive.extractall(folder / "packages")
        top = archive.namelist()[0].split("/")[0]
    path = folder / "packages" / top
    meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    installed = [
        InstalledPackage(
            meta["from_code"],
            meta["to_code"],
            str(meta.get("package_version", "")),
            path,
            meta.get("target_prefix") or "",
        )
    ]

    class TinyArgos(ArgosEngine):
        def packages(self):
            return installed

    return TinyArgos(Settings())


# -- one translation run per engine and pair --------------------------------------------


@dataclass
class Run:
    name: str
    lang: str
    glossary: Glossary
    bitexts: list[tuple[str, Bitext]]
    stand_ins: dict[str, str]
    """Rendering of a carrier candidate -> the English name that makes it legitimate."""


def _stand_ins(engine, lang: str) -> dict[str, str]:
    """Every candidate carrier name (and demonym carrier, in its inflections), translated
    plainly by the engine: rendering -> English name."""
    names = sorted({n for pool in carriers.CANDIDATES.values() for n in pool})
    demonyms = tuple(getattr(carriers, "DEMONYMS", ()))
    phrases = [
        p.format(d)
        for d in demonyms
        for p in ("{}", "{}s", "the {} woman", "the {} men", "the {} women")
    ]
    outputs = engine.translate_batch([SourceText(t) for t in [*names, *phrases]], "en", lang)
    found: dict[str, str] = {}
    for name, out in zip(names, outputs[: len(names)], strict=True):
        text = out.text.strip().strip(".").strip()
        if text:
            found.setdefault(text, name)
    rest = outputs[len(names) :]
    for n, demonym in enumerate(demonyms):
        group = [o.text.strip().strip(".") for o in rest[5 * n : 5 * n + 5]]
        bare = group[0]
        if not bare:
            continue
        found.setdefault(bare, demonym)
        stem = bare.casefold()[:4]
        for text in group[1:]:
            for word in text.split():
                if word.casefold().startswith(stem):
                    found.setdefault(word, demonym)
    return found


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossaries(GLOSSARIES)


@pytest.fixture(scope="module", params=ENGINES, ids=[f"{n}-en-{lang}" for n, lang in ENGINES])
def run(request, glossary, tmp_path_factory) -> Run:
    name, lang = request.param
    if name == "apertium":
        engine = _apertium(lang)
    else:
        engine = _argos(name, lang, tmp_path_factory.mktemp(f"{name}-{lang}"))
    pipeline = Translator(glossary)
    bitexts = []
    for path in ARTICLES:
        document = load_article(str(path), "en")
        bitexts.append(
            (path.relative_to(ROOT).as_posix(), pipeline.translate(document, lang, engine=engine))
        )
    stand_ins = _stand_ins(engine, lang)
    # What the enforcer's own calibration says a carrier becomes ("OTAN" in a sentence,
    # where the bare "NATO" gives "De la otan"), where it says so.
    marker = pipeline.enforcer(engine, "en", lang).marker
    own = marker.stand_ins() if marker is not None and hasattr(marker, "stand_ins") else {}
    for rendering, english in own.items() if isinstance(own, dict) else ((r, r) for r in own):
        stand_ins.setdefault(rendering, english)
    return Run(name, lang, glossary, bitexts, stand_ins)


def test_there_are_articles_of_both_formats() -> None:
    assert {p.suffix for p in ARTICLES} == {".txt", ".md"}, ARTICLES


# -- helpers ---------------------------------------------------------------------------


def _spellings(forms: list[str], lang: str) -> list[str]:
    out: list[str] = []
    for form in forms:
        for spelling in (form, upper(form, lang), form[:1].upper() + form[1:]):
            if spelling and spelling not in out:
                out.append(spelling)
    return out


def _accepted(concept: Concept | None, lang: str) -> list[str]:
    terms = concept.terms.get(lang) if concept else None
    return [f for f in terms.accepted() if f] if terms else []


def _excerpt(text: str, start: int = 0, end: int | None = None) -> str:
    end = start if end is None else end
    a = max(0, start - _CONTEXT // 2)
    b = min(len(text), end + _CONTEXT // 2)
    return ("…" if a else "") + text[a:b].replace("\n", " ") + ("…" if b < len(text) else "")


def _report(run: Run, failures: list[str], what: str) -> str:
    lines = [f"{run.name} en→{run.lang}: {len(failures)} {what}"] + [f"  {f}" for f in failures]
    text = "\n".join(lines)
    print(text)
    return text


class _TargetForms:
    """Every preferred or declared target form of the glossary, leftmost-longest."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.by_id = {c.id: c for c in glossary}
        stripped = []
        for concept in glossary:
            forms = [
                f for f in _accepted(concept, lang) if not (f.islower() and len(f) < SHORT_WORD)
            ]
            # a lower-case form at a sentence start ("Rusos", "Mar Caspio") is that form too
            forms += [f[:1].upper() + f[1:] for f in forms if f[:1].islower()]
            if forms:
                stripped.append(
                    Concept(
                        concept.id,
                        concept.type,
                        {lang: LangTerms(forms[0], forms=forms[1:])},
                        case_sensitive=concept.case_sensitive,
                    )
                )
        self.matcher = Matcher(stripped, lang)


# -- 1. what the report says is enforced is there ----------------------------------------


def test_enforced_and_corrected_terms_are_in_the_target(run: Run) -> None:
    failures = []
    for article, bitext in run.bitexts:
        concepts = {c.id: c for c in run.glossary}
        for aligned in bitext:
            wanted: dict[str, list] = {}
            for hit in aligned.terms:
                if hit.status in ("enforced", "corrected"):
                    wanted.setdefault(hit.id, []).append(hit)
            for cid, hits in wanted.items():
                concept = concepts.get(cid)
                forms = _spellings(
                    [h.target for h in hits] + _accepted(concept, run.lang), run.lang
                )
                sensitive = concept.case_sensitive if concept else True
                found = len(find_terms(aligned.target, forms, sensitive, lang=run.lang))
                if found < len(hits):
                    statuses = "/".join(sorted({h.status for h in hits}))
                    failures.append(
                        f"{article} #{aligned.segment.index}: {cid} {statuses} ×{len(hits)} as "
                        f"{hits[0].target!r}, found ×{found} | {_excerpt(aligned.target, 0, _CONTEXT)}"
                    )
    assert not failures, _report(run, failures, "enforced/corrected hits not in their target")


# -- 2. nothing the report does not account for --------------------------------------------


def test_no_glossary_form_without_a_hit(run: Run) -> None:
    forms = _TargetForms(run.glossary, run.lang)
    failures = []
    for article, bitext in run.bitexts:
        for aligned in bitext:
            hit_ids = {h.id for h in aligned.terms if h.status != "missing"}
            allowed = {
                term_key(f, case_sensitive=False)
                for cid in hit_ids
                for f in _accepted(forms.by_id.get(cid), run.lang)
                + [h.target for h in aligned.terms if h.id == cid]
            }
            for match in forms.matcher.find(aligned.target):
                if (
                    match.concept.id in hit_ids
                    or term_key(match.surface, case_sensitive=False) in allowed
                ):
                    continue
                if find_terms(
                    aligned.segment.source, [match.surface], match.concept.case_sensitive
                ):
                    continue  # the source has it as is (a name spelled alike in both)
                if any(repr(match.surface) in issue for issue in aligned.issues):
                    continue  # reported: the engine repeated or invented it
                failures.append(
                    f"{article} #{aligned.segment.index}: {match.surface!r} ({match.concept.id}) without a hit"
                    f" | {_excerpt(aligned.target, match.start, match.end)}"
                )
    assert not failures, _report(run, failures, "glossary forms no hit accounts for")


# -- 3. no stand-in or mark left -----------------------------------------------------------


def test_no_stand_in_or_mark_is_left(run: Run) -> None:
    failures = []
    for article, bitext in run.bitexts:
        for aligned in bitext:
            target, source = aligned.target, aligned.segment.source
            where = f"{article} #{aligned.segment.index}"
            for i, ch in enumerate(target):
                if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd":
                    failures.append(f"{where}: U+{ord(ch):04X} left | {_excerpt(target, i, i + 1)}")
            for rendering, name in run.stand_ins.items():
                spans = find_terms(target, [rendering], True, lang=run.lang)
                if not spans or find_terms(source, [name, name + "s"], True):
                    continue
                start, end = spans[0]
                failures.append(
                    f"{where}: carrier {rendering!r} ({name}) left ×{len(spans)} | {_excerpt(target, start, end)}"
                )
    assert not failures, _report(run, failures, "stand-ins or marks left")


def test_stand_ins_were_found(run: Run) -> None:
    """The carrier check above is only as good as the renderings it looks for."""
    assert len(run.stand_ins) >= 20, run.stand_ins


@pytest.mark.engine
def test_two_glossaries_naming_one_country_alike_is_not_an_invented_name(tmp_path: Path) -> None:
    """The desk's "Turkey" and CLDR's "Türkiye" are two concepts that both write
    "Turquía": the output's "Turquía" is explained by either, so the article must not be
    sent to review as if the engine had invented a name."""
    if not _have_apertium_pair("eng-spa"):
        pytest.skip("apertium-eng-spa is not installed")
    from conftest import run_cli

    article = tmp_path / "turkey.en.txt"
    article.write_text("Turkey and Iran signed a deal. Turkey's president spoke.\n")
    out = tmp_path / "turkey.jsonl"
    result = run_cli(
        "article", str(article), "--to", "es", "--engine", "apertium",
        "-g", str(ROOT / "glossaries/caucasus.yaml"), "-g", str(ROOT / "glossaries/countries.yaml"),
        "--format", "jsonl", "-o", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sum(r["target"].count("Turquía") for r in records) == 2
    assert [r.get("issues", []) for r in records] == [[], []]
