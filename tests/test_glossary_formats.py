from __future__ import annotations

from pathlib import Path

import pytest

from conftest import glossary_content, write_file
from translate.errors import GlossaryError, UserError
from translate.glossary import glossary_format, load_glossaries, load_glossary, save_glossary
from translate.glossary.model import Concept, Glossary, LangTerms, merge
from translate.glossary.tabular_format import dump_tabular, parse_tabular, slug, write_tsv
from translate.glossary.yaml_format import dump_yaml, parse_yaml

CONTRACT = """\
glossary:
  name: caucasus                 # short name used in reports (default: file stem)
  description: People, places and organisations of the Iran / Caucasus / Caspian beat
  languages: [en, es, ca, fa, az, ru, ar]   # optional; informative
entries:
  - id: amir-abdollahian         # unique, stable, lowercase ASCII slug
    type: person                 # person | place | organisation | other
    case_sensitive: true         # optional, default true (names); false for common-noun terms
    note: Iranian foreign minister 2021-2024   # optional, free text
    terms:
      en:
        preferred: Hossein Amir-Abdollahian
        admitted: [Amir-Abdollahian]          # other acceptable forms (recognised in a source)
        deprecated: [Amir Abdollahiyan]       # known wrong renderings, corrected in output
      es:
        preferred: Hosein Amir Abdolahian
        admitted: [Amir Abdolahian]
        deprecated: [Amir-Abdollahian, Hossein Amir-Abdollahian]
      ru:
        preferred: Хосейн Амир Абдоллахиян
        forms: [Хосейна Амира Абдоллахияна, Хосейну Амиру Абдоллахияну]   # declared word forms
  - id: baku
    type: place
    terms: {en: Baku, es: Bakú, fa-IR: باکو, az-Latn: Bakı, no: Baku, pt: 1984}
"""


def preferred(glossary: Glossary) -> list[tuple[str, dict[str, str]]]:
    return [(c.id, {lang: t.preferred for lang, t in c.terms.items()}) for c in glossary]


# -- YAML ------------------------------------------------------------------------------


def test_yaml_contract_example(tmp_path: Path) -> None:
    glossary = load_glossary(write_file(tmp_path, "caucasus.yaml", CONTRACT))
    assert glossary.name == "caucasus"
    assert glossary.description.startswith("People, places")
    assert glossary.languages == ["en", "es", "ca", "fa", "az", "ru", "ar"]
    aa, baku = glossary.concepts
    assert (aa.id, aa.type, aa.case_sensitive) == ("amir-abdollahian", "person", True)
    assert aa.note == "Iranian foreign minister 2021-2024"
    assert aa.line == 6
    assert aa.terms["en"].line == 11
    assert aa.terms["en"].preferred == "Hossein Amir-Abdollahian"
    assert aa.terms["en"].admitted == ["Amir-Abdollahian"]
    assert aa.terms["es"].deprecated == ["Amir-Abdollahian", "Hossein Amir-Abdollahian"]
    assert aa.terms["ru"].forms[1] == "Хосейну Амиру Абдоллахияну"
    assert aa.terms["es"].line_of("Amir Abdolahian") == 17
    assert aa.glossary == "caucasus" and aa.path.endswith("caucasus.yaml")
    # shorthand strings, normalised codes, 'no' is Norwegian, terms stay text
    assert preferred(Glossary("x", [baku])) == [
        (
            "baku",
            {"en": "Baku", "es": "Bakú", "fa": "باکو", "az": "Bakı", "no": "Baku", "pt": "1984"},
        )
    ]
    assert baku.line == 22


def test_yaml_defaults_and_name_from_stem(tmp_path: Path) -> None:
    glossary = load_glossary(
        write_file(tmp_path, "desk.yml", "entries:\n  - id: x\n    terms: {en: X}\n")
    )
    assert glossary.name == "desk"
    (concept,) = glossary.concepts
    assert (concept.type, concept.case_sensitive, concept.note) == ("other", True, "")


def test_yaml_round_trip(tmp_path: Path) -> None:
    original = load_glossary(write_file(tmp_path, "a.yaml", CONTRACT))
    text = dump_yaml(original)
    again = parse_yaml(text, "b.yaml")
    assert glossary_content(again) == glossary_content(original)
    assert again.name == original.name and again.languages == original.languages
    save_glossary(original, tmp_path / "c.yml")
    assert glossary_content(load_glossary(tmp_path / "c.yml")) == glossary_content(original)
    assert "'no': Baku" in text  # quoted so that YAML 1.1 readers do not see False


def test_yaml_writes_case_insensitive_flag(tmp_path: Path) -> None:
    glossary = Glossary(
        "t",
        [Concept("un", "organisation", {"en": LangTerms("United Nations")}, case_sensitive=False)],
    )
    assert glossary_content(parse_yaml(dump_yaml(glossary))) == glossary_content(glossary)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("entries:\n  - id: x\n    terms: {en: [a, b}\n", 3, "invalid YAML"),
        (
            "entries:\n  - id: x\n    terms:\n      en:\n        admitted: [X]\n",
            5,
            "no 'preferred'",
        ),
        ("entries:\n  - id: x\n    terms:\n      en: {preferred: ''}\n", 4, "empty 'preferred'"),
        ("entries:\n  - id: x\n    type: city\n    terms: {en: X}\n", 3, "unknown type 'city'"),
        ("entries:\n  - id: x\n    terms: [en, X]\n", 3, "'terms' must map"),
        ("entries:\n  - id: x\n", 2, "has no 'terms'"),
        ("entries:\n  - type: place\n    terms: {en: X}\n", 2, "without 'id'"),
        ("entries:\n  - id: x\n    terms: {en: X, EN: Y}\n", 3, "language 'en' given twice"),
        ("entries:\n  - id: x\n    id: y\n    terms: {en: X}\n", 3, "'id' given twice"),
        (
            "entries:\n  - id: x\n    case_sensitive: maybe\n    terms: {en: X}\n",
            3,
            "true or false",
        ),
        ("entries:\n  - id: x\n    terms: {en: {preferred: [A, B]}}\n", 3, "must be one term"),
        ("entries:\n  - id: x\n    terms: {xx: X}\n", 3, "unknown language code 'xx'"),
        (
            "entries:\n  - id: x\n    case-sensitive: false\n    terms: {en: X}\n",
            3,
            "'case_sensitive'",
        ),
        ("entries:\n  - id: x\n    terms: {en: {preferred: X, prefered: Y}}\n", 3, "unknown key"),
        ("- id: x\n", 1, "a glossary is a mapping"),
        ("glossary:\n  name: x\n", 1, "no 'entries'"),
        ("entries: {id: x}\n", 1, "must be a list"),
        ("entries:\n  - just text\n", 2, "an entry must be a mapping"),
        ("entries:\n  - id: x\n    terms: {en: \x07}\n", 3, "not allowed"),
    ],
)
def test_yaml_errors_name_file_and_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    path = write_file(tmp_path, "bad.yaml", text)
    with pytest.raises(UserError) as err:
        load_glossary(path)
    assert err.value.path == str(path)
    assert err.value.line == line
    assert fragment in str(err.value)
    assert "\n" not in str(err.value)


def test_organization_spelling_accepted(tmp_path: Path) -> None:
    path = write_file(
        tmp_path, "g.yaml", "entries:\n  - id: un\n    type: Organization\n    terms: {en: UN}\n"
    )
    assert load_glossary(path).concepts[0].type == "organisation"


# -- files -----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    for name in ("nope.yaml", "nope.txt"):  # not found before the extension is looked at
        with pytest.raises(GlossaryError) as err:
            load_glossary(tmp_path / name)
        assert str(err.value) == (
            f"{tmp_path / name}: glossary file not found (check the path given with --glossary)"
        )


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError) as err:
        load_glossary(tmp_path)
    assert str(err.value) == f"{tmp_path}: is a directory, not a file"


def test_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match=r"unknown glossary format '\.txt'"):
        load_glossary(write_file(tmp_path, "g.txt", "x"))
    with pytest.raises(GlossaryError, match="unknown glossary format"):
        glossary_format(tmp_path / "g")


@pytest.mark.parametrize("name", ["g.yaml", "g.tsv", "g.csv"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    with pytest.raises(UserError, match="empty glossary"):
        load_glossary(write_file(tmp_path, name, "  \n\n"))


@pytest.mark.parametrize("name", ["g.yaml", "g.tsv"])
def test_invalid_utf8_names_the_line(tmp_path: Path, name: str) -> None:
    data = (
        "entries:\n  - id: x\n    terms: {en: Caf\xe9}\n"
        if name.endswith("yaml")
        else "en\tes\nCaf\xe9\tCaf\xe9\n"
    )
    path = write_file(tmp_path, name, data.encode("latin-1"))
    with pytest.raises(UserError) as err:
        load_glossary(path)
    assert "UTF-8" in str(err.value)
    assert err.value.line == (3 if name.endswith("yaml") else 2)


def test_bom_is_dropped(tmp_path: Path) -> None:
    path = write_file(tmp_path, "g.tsv", "\ufeffen\tes\nBaku\tBakú\n".encode())
    assert preferred(load_glossary(path)) == [("baku", {"en": "Baku", "es": "Bakú"})]


# -- tabular ---------------------------------------------------------------------------


def test_tsv_without_header_needs_languages(tmp_path: Path) -> None:
    path = write_file(tmp_path, "g.tsv", "Baku\tBakú\nAmir-Abdollahian\tAmir Abdolahian\n")
    with pytest.raises(UserError, match="no header row") as err:
        load_glossary(path)
    assert "--from" in str(err.value)
    glossary = load_glossary(path, source_lang="eng", target_lang="es-ES")
    assert preferred(glossary) == [
        ("baku", {"en": "Baku", "es": "Bakú"}),
        ("amir-abdollahian", {"en": "Amir-Abdollahian", "es": "Amir Abdolahian"}),
    ]
    baku = glossary.concepts[0]
    assert baku.type == "other" and baku.generated_id and baku.line == 1
    assert glossary.concepts[1].terms["es"].line == 2


def test_tsv_header_wins_over_given_languages(tmp_path: Path) -> None:
    path = write_file(tmp_path, "g.tsv", "fa\ten\n\nباکو\tBaku\n")
    glossary = load_glossary(path, source_lang="en", target_lang="es")
    assert glossary.languages == ["fa", "en"]
    # the id is a slug of the first column's term
    assert preferred(glossary) == [("باکو", {"fa": "باکو", "en": "Baku"})]
    assert glossary.concepts[0].line == 3


def test_tsv_ids_are_unique_slugs(tmp_path: Path) -> None:
    path = write_file(tmp_path, "g.tsv", "en\tru\nBaku\tБаку\nbaku\tбаку\nБаку\tБаку\n")
    assert [c.id for c in load_glossary(path)] == ["baku", "baku-2", "баку"]
    path = write_file(tmp_path, "h.tsv", "en\tru\nBaku\tБаку\nBaku\tбаку\nBAKU\tБаку\n")
    assert [c.id for c in load_glossary(path)] == ["baku", "baku-2", "baku-3"]


def test_slug() -> None:
    assert slug("Amir-Abdollahian") == "amir-abdollahian"
    assert slug("Bakı") == "baki"
    assert slug("Azərbaycan Respublikası") == "azerbaycan-respublikasi"
    assert slug("Iran's  Guard") == "iran-s-guard"
    assert slug("Баку") == "баку"
    assert slug("...") == "term"


def test_csv_pair_with_quoting(tmp_path: Path) -> None:
    path = write_file(
        tmp_path,
        "g.csv",
        'en,es\n"Tehran, Iran","Teherán, Irán"\n"The ""Guardian""",The Guardian\n',
    )
    assert preferred(load_glossary(path)) == [
        ("tehran-iran", {"en": "Tehran, Iran", "es": "Teherán, Irán"}),
        ("the-guardian", {"en": 'The "Guardian"', "es": "The Guardian"}),
    ]


def test_csv_semicolon(tmp_path: Path) -> None:
    path = write_file(tmp_path, "g.csv", "en;es\nBaku;Bakú\n")
    assert preferred(load_glossary(path)) == [("baku", {"en": "Baku", "es": "Bakú"})]


def test_multilanguage_csv(tmp_path: Path) -> None:
    path = write_file(
        tmp_path,
        "m.csv",
        "id,type,en,es,fa-IR,note,case_sensitive\n"
        'tehran,place,Tehran,Teherán,تهران,"capital, Iran",\n'
        ",organisation,United Nations,Naciones Unidas,,,false\n"
        "baku,,Baku,,,\n",
    )
    glossary = load_glossary(path)
    assert glossary.languages == ["en", "es", "fa"]
    assert glossary_content(glossary) == [
        (
            "tehran",
            "place",
            True,
            "capital, Iran",
            {
                "en": ("Tehran", [], [], []),
                "es": ("Teherán", [], [], []),
                "fa": ("تهران", [], [], []),
            },
        ),
        (
            "united-nations",
            "organisation",
            False,
            "",
            {"en": ("United Nations", [], [], []), "es": ("Naciones Unidas", [], [], [])},
        ),
        ("baku", "other", True, "", {"en": ("Baku", [], [], [])}),
    ]
    assert not glossary.concepts[0].generated_id
    assert glossary.concepts[1].generated_id


@pytest.mark.parametrize(
    ("name", "text", "line", "fragment"),
    [
        ("g.tsv", "en\tes\nBaku\tBakú\tBaku\n", 2, "3 cells"),
        ("g.tsv", "en\tes\nBaku\t\n", 2, "empty es term"),
        ("g.tsv", "en\txx\nBaku\tBakú\n", 1, "unknown language code 'xx'"),
        ("g.tsv", "en\ten\nBaku\tBakú\n", 1, "given twice"),
        ("g.csv", 'en,es\n"Baku,Bakú\n', 2, "invalid CSV"),
        ("g.csv", "id,type,en\nx,city,X\n", 2, "unknown type"),
    ],
)
def test_tabular_errors(tmp_path: Path, name: str, text: str, line: int, fragment: str) -> None:
    path = write_file(tmp_path, name, text)
    with pytest.raises(UserError) as err:
        load_glossary(path)
    assert err.value.path == str(path)
    assert err.value.line == line
    assert fragment in str(err.value)


def test_tabular_round_trips(tmp_path: Path) -> None:
    glossary = Glossary(
        "t",
        [
            Concept(
                "tehran",
                "place",
                {"en": LangTerms("Tehran"), "es": LangTerms("Teherán")},
                note="a, b",
            ),
            Concept(
                "un",
                "organisation",
                {"en": LangTerms("UN"), "fa": LangTerms("سازمان ملل")},
                case_sensitive=False,
            ),
        ],
    )
    save_glossary(glossary, tmp_path / "m.csv")
    assert glossary_content(load_glossary(tmp_path / "m.csv")) == glossary_content(glossary)
    save_glossary(glossary, tmp_path / "p.tsv", ["en", "es"])
    assert (tmp_path / "p.tsv").read_text(encoding="utf-8") == "en\tes\nTehran\tTeherán\n"
    with pytest.raises(UserError, match="two languages"):
        save_glossary(glossary, tmp_path / "q.tsv")


def test_pair_export_with_variants_for_deepl(tmp_path: Path) -> None:
    glossary = Glossary(
        "t",
        [
            Concept(
                "aa",
                "person",
                {
                    "en": LangTerms(
                        "Hossein Amir-Abdollahian",
                        admitted=["Amir-Abdollahian"],
                        deprecated=["Amir Abdollahiyan"],
                    ),
                    "es": LangTerms("Hosein Amir Abdolahian"),
                },
            )
        ],
    )
    write_tsv(glossary, tmp_path / "deepl.tsv", "en", "es", header=False, variants=True)
    assert (tmp_path / "deepl.tsv").read_text(encoding="utf-8").splitlines() == [
        "Hossein Amir-Abdollahian\tHosein Amir Abdolahian",
        "Amir-Abdollahian\tHosein Amir Abdolahian",
        "Amir Abdollahiyan\tHosein Amir Abdolahian",
    ]
    text = dump_tabular(glossary, ["en", "es"], delimiter=",")
    assert text == "en,es\nHossein Amir-Abdollahian,Hosein Amir Abdolahian\n"


def test_parse_tabular_directly() -> None:
    glossary = parse_tabular("en\tes\nIran\tIrán\n", "x.tsv")
    assert preferred(glossary) == [("iran", {"en": "Iran", "es": "Irán"})]


# -- merging ---------------------------------------------------------------------------

SHIPPED = """\
entries:
  - id: baku
    type: place
    terms: {en: Baku, es: Bakú, ru: Баку}
  - id: tehran
    type: place
    note: capital
    terms: {en: Tehran, es: Teherán}
"""


def test_load_glossaries_last_wins_by_term(tmp_path: Path) -> None:
    shipped = write_file(tmp_path, "shipped.yaml", SHIPPED)
    desk = write_file(tmp_path, "desk.tsv", "Baku\tBaku\nIsfahan\tIsfahán\n")
    merged = load_glossaries([shipped, desk], source_lang="en", target_lang="es")
    assert preferred(merged) == [
        ("baku", {"en": "Baku", "es": "Baku", "ru": "Баку"}),
        ("tehran", {"en": "Tehran", "es": "Teherán"}),
        ("isfahan", {"en": "Isfahan", "es": "Isfahán"}),
    ]
    assert merged.concepts[0].type == "place"  # a TSV row has no type to impose
    assert merged.concepts[0].terms["es"].path == str(desk)
    # the other order: the shipped file wins
    merged = load_glossaries([desk, shipped], source_lang="en", target_lang="es")
    assert preferred(merged)[0] == ("baku", {"en": "Baku", "es": "Bakú", "ru": "Баку"})


def test_load_glossaries_last_wins_by_id(tmp_path: Path) -> None:
    shipped = write_file(tmp_path, "shipped.yaml", SHIPPED)
    desk = write_file(tmp_path, "desk.yaml", "entries:\n  - id: tehran\n    terms: {es: Teheran}\n")
    merged = load_glossaries([shipped, desk])
    assert preferred(merged)[1] == ("tehran", {"en": "Tehran", "es": "Teheran"})
    # unset type ('other') and note do not erase the shipped ones
    assert (merged.concepts[1].type, merged.concepts[1].note) == ("place", "capital")


def test_merge_by_term_ignores_hyphen_and_case_rules() -> None:
    a = Glossary(
        "a",
        [Concept("aa", "person", {"en": LangTerms("Amir-Abdollahian"), "ru": LangTerms("Амир")})],
    )
    b = Glossary(
        "b",
        [
            Concept(
                "x",
                "person",
                {"en": LangTerms("Amir Abdollahian"), "es": LangTerms("Amir Abdolahian")},
            )
        ],
    )
    c = Glossary(
        "c",
        [Concept("y", "person", {"en": LangTerms("AMIR ABDOLLAHIAN"), "es": LangTerms("AMIR")})],
    )
    merged = merge([a, b, c])
    assert preferred(merged) == [
        ("aa", {"en": "Amir Abdollahian", "ru": "Амир", "es": "Amir Abdolahian"}),
        ("y", {"en": "AMIR ABDOLLAHIAN", "es": "AMIR"}),
    ]
    assert merged.name == "a+b+c"
    # inputs untouched
    assert preferred(a) == [("aa", {"en": "Amir-Abdollahian", "ru": "Амир"})]


def test_merge_generated_id_collision_gets_suffix() -> None:
    a = Glossary("a", [Concept("georgia", "place", {"en": LangTerms("Georgia")})])
    b = Glossary(
        "b", [Concept("georgia", "other", {"en": LangTerms("Georgia State")}, generated_id=True)]
    )
    assert [c.id for c in merge([a, b])] == ["georgia", "georgia-2"]


def test_merge_never_joins_entries_of_one_file_by_term(tmp_path: Path) -> None:
    text = """\
entries:
  - id: oic-acronym
    type: organisation
    terms: {en: OIC, fa: سازمان همکاری اسلامی}
  - id: oic
    type: organisation
    terms: {en: Organisation of Islamic Cooperation, fa: سازمان همکاری اسلامی}
"""
    merged = load_glossaries([write_file(tmp_path, "g.yaml", text)])
    assert [c.id for c in merged] == ["oic-acronym", "oic"]


def test_merge_by_source_term_only() -> None:
    shipped = Glossary(
        "a",
        [
            Concept(
                "oic-acronym",
                "organisation",
                {"en": LangTerms("OIC"), "fa": LangTerms("سازمان همکاری اسلامی")},
            )
        ],
    )
    desk = Glossary(
        "b",
        [
            Concept(
                "oic",
                "organisation",
                {
                    "en": LangTerms("Organisation of Islamic Cooperation"),
                    "fa": LangTerms("سازمان همکاری اسلامی"),
                },
            )
        ],
    )
    # English source (given, or the desk entry's first language): different concepts
    assert [c.id for c in merge([shipped, desk], source_lang="en")] == ["oic-acronym", "oic"]
    assert [c.id for c in merge([shipped, desk])] == ["oic-acronym", "oic"]
    # Persian source: the same source term, the desk entry overrides
    merged = merge([shipped, desk], source_lang="fa")
    assert preferred(merged) == [
        ("oic-acronym", {"en": "Organisation of Islamic Cooperation", "fa": "سازمان همکاری اسلامی"})
    ]
