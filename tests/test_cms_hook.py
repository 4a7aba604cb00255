"""The CMS hook: the real ``translate hook`` command with JSON on stdin, its schemas,
and the library function a Python CMS imports."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from conftest import ROOT, run_cli
from translate import engines
from translate.editorial.cms import INPUT_SCHEMA, OUTPUT_SCHEMA, translate_article
from translate.engines.base import DirectRoute, Pair, Translation
from translate.errors import UserError

TAG = re.compile(r"<[^<>]*>")
BODY = (
    "<h2>Talks in <em>Baku</em></h2>\n"
    '<p>Foreign minister <b>Amir</b>-Abdollahian arrived in <a href="https://example.com/a?x=1&amp;y=2">Baku</a> '
    "on Monday. He met Ilham Aliyev.</p>\n"
    '<p class="notranslate">Baku stays as it is.</p>\n'
)
ARTICLE = {
    "id": "2024-05-baku-talks",
    "language": "en",
    "headline": "Amir-Abdollahian in Baku",
    "standfirst": "Talks with Azerbaijan resume.",
    "body": BODY,
    "body_format": "html",
    "targets": ["es"],
    "glossaries": ["caucasus"],
    "meta": {"desk": "world", "revision": 7},
}
DESK = """\
glossary:
  name: desk
entries:
  - id: mehdi-safari
    type: person
    terms:
      en: Mehdi Safari
      fa: مهدی صفری
"""


def output_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(OUTPUT_SCHEMA.read_text(encoding="utf-8")))


def hook(payload, *args: str):
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return run_cli("hook", "--engine", "apertium", *args, stdin=data)


def error_line(result) -> str:
    assert result.returncode == 2, result.stdout
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert result.stdout == b""
    return lines[0]


# ---------------------------------------------------------------- schemas


def test_schemas_are_valid_and_the_example_validates() -> None:
    for path in (INPUT_SCHEMA, OUTPUT_SCHEMA):
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))
    schema = json.loads(INPUT_SCHEMA.read_text(encoding="utf-8"))
    for example in schema["examples"]:
        jsonschema.Draft202012Validator(schema).validate(example)
    jsonschema.Draft202012Validator(schema).validate(ARTICLE)


# ---------------------------------------------------------------- the command


def test_html_article_in_spanish(apertium_eng_spa) -> None:
    result = hook(ARTICLE)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    output_validator().validate(out)
    assert out["id"] == ARTICLE["id"] and out["source_lang"] == "en"
    assert out["status"] == "ok" and out["meta"] == ARTICLE["meta"]
    es = out["translations"]["es"]
    assert es["status"] == "ok" and es["engine"] == "apertium" and es["review"] == []
    assert es["headline"] == "Amir Abdolahian en Bakú"
    assert "Azerbaiyán" in es["standfirst"]
    body = es["body"]
    assert TAG.findall(body) == TAG.findall(BODY)
    assert "<b>Amir Abdolahian</b>" in body and "Ilham Alíev" in body
    assert '<a href="https://example.com/a?x=1&amp;y=2">Bakú</a>' in body
    assert '<p class="notranslate">Baku stays as it is.</p>' in body
    # the bitext gives every field back, and numbers segments across the article
    segments = es["segments"]
    assert [s["segment"] for s in segments] == list(range(len(segments)))
    for field in ("headline", "standfirst", "body"):
        rows = [s for s in segments if s["field"] == field]
        assert (
            rows[0].get("before", "") + "".join(r["source"] + r["after"] for r in rows)
            == ARTICLE[field]
        )
        assert (
            rows[0].get("before", "") + "".join(r["target"] + r["after"] for r in rows) == es[field]
        )
    report = es["report"]
    assert report["target_lang"] == "es" and report["missing"] == 0
    assert {t["id"] for t in report["terms"]} >= {
        "baku",
        "amir-abdollahian-surname",
        "ilham-aliyev",
        "azerbaijan",
    }


def test_markdown_body_and_two_languages(apertium_eng_spa, apertium_eng_cat) -> None:
    payload = {
        "id": "md-1",
        "language": "en",
        "body": "# Talks in Baku\n\nThe envoy met **Ilham Aliyev** in [Baku](https://x.az/b).\n",
        "body_format": "markdown",
        "targets": ["es", "ca"],
        "glossaries": [str(ROOT / "glossaries" / "caucasus.yaml")],
    }
    result = hook(payload, "--compact")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(b"\n") == 1
    out = json.loads(result.stdout)
    output_validator().validate(out)
    assert list(out["translations"]) == ["es", "ca"]
    assert "headline" not in out["translations"]["es"]
    for lang in ("es", "ca"):
        body = out["translations"][lang]["body"]
        assert body.startswith("# ") and "**Ilham Alíev**" in body and "](https://x.az/b)" in body
        assert "Bakú" in body


def test_a_name_without_a_target_form_needs_review(apertium_eng_spa, tmp_path) -> None:
    desk = tmp_path / "desk.yaml"
    desk.write_text(DESK, encoding="utf-8")
    payload = {
        "id": "a2",
        "language": "en",
        "headline": "Mehdi Safari in Baku",
        "body": "<p>Deputy minister <i>Mehdi</i> Safari met officials in Baku.</p>",
        "targets": ["es"],
        "glossaries": ["caucasus", str(desk)],
    }
    result = hook(payload)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    output_validator().validate(out)
    es = out["translations"]["es"]
    assert out["status"] == es["status"] == "needs-review"
    assert [(r["reason"], r["id"], r["source"], r["field"]) for r in es["review"]] == [
        ("no-target-form", "mehdi-safari", "Mehdi Safari", "headline"),
        ("no-target-form", "mehdi-safari", "Mehdi Safari", "body"),
    ]
    assert "Bakú" in es["headline"] and es["report"]["missing"] == 0
    # --strict: the same JSON, exit 1
    strict = hook(payload, "--strict")
    assert strict.returncode == 1 and json.loads(strict.stdout)["status"] == "needs-review"


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"targets": ["es", "xx"]}, "stdin: $.targets[1]: 'xx' is not a known language"),
        ({"language": "klingon"}, "stdin: $.language: 'klingon' is not a known language"),
        ({"targets": []}, "stdin: $.targets: []"),
        ({"targets": ["en"]}, "stdin: $.targets[0]: 'en' is the article's own language"),
        ({"body_format": "rtf"}, "stdin: $.body_format: 'rtf' is not one of ['html', 'markdown']"),
        ({"body": None}, "stdin: $.body: None is not of type 'string'"),
        (
            {"author": "me"},
            "stdin: $: Additional properties are not allowed ('author' was unexpected)",
        ),
        ({"glossaries": ["nope"]}, "stdin: $.glossaries[0]: no glossary 'nope'"),
    ],
)
def test_schema_errors_name_the_json_path(change, message) -> None:
    payload = {**ARTICLE, **change}
    assert error_line(hook(payload)).startswith("translate: error: " + message)


def test_missing_field() -> None:
    payload = {k: v for k, v in ARTICLE.items() if k != "body"}
    assert error_line(hook(payload)) == "translate: error: stdin: $: 'body' is a required property"


def test_invalid_json_names_line_and_column() -> None:
    line = error_line(hook(b'{\n  "id": "x",\n  "language": "en"\n  "body": ""}'))
    assert line == (
        "translate: error: stdin: invalid JSON at line 4, column 3: Expecting ',' delimiter"
    )
    assert "is empty" in error_line(hook(b"  \n"))
    assert "not of type 'object'" in error_line(hook(b"[1, 2]"))


# ---------------------------------------------------------------- the library


class LosingEngine(DirectRoute):
    """An engine that loses every name (carriers included): terms come out missing."""

    name = "losing-test-engine"
    term_marking = "carrier"

    def pairs(self):
        return [Pair("en", "es")]

    def missing_pair_hint(self, source, target):
        return "none"

    def translate_batch(self, texts, source, target):
        out = []
        for t in texts:
            if " " not in t.text.strip():
                out.append(Translation(t.text))  # calibration: carriers come back as they are
            else:
                out.append(Translation(re.sub(r"\b[A-Z][a-z]+\b", "", t.text)))
        return out


def test_library_reports_missing_terms_for_review(monkeypatch) -> None:
    monkeypatch.setitem(engines._cache, LosingEngine.name, LosingEngine())
    payload = {
        "id": "lib",
        "language": "en",
        "body": "Talks were held in Baku today.",
        "targets": ["es"],
        "body_format": "markdown",
        "glossaries": ["caucasus"],
    }
    out = translate_article(payload, engine=LosingEngine.name)
    output_validator().validate(out)
    es = out["translations"]["es"]
    assert out["status"] == es["status"] == "needs-review"
    assert [(r["reason"], r["id"], r["field"]) for r in es["review"]] == [
        ("missing", "baku", "body")
    ]
    assert es["report"]["missing"] == 1


def test_library_errors_are_user_errors() -> None:
    with pytest.raises(
        UserError, match=r"^payload: \$\.targets\[0\]: 'zz' is not a known language$"
    ):
        translate_article({**ARTICLE, "targets": ["zz"]})


class CopyEngine(LosingEngine):
    """Gives every text back as it is."""

    name = "copy-test-engine"

    def translate_batch(self, texts, source, target):
        return [Translation(t.text) for t in texts]


def test_segments_are_jsonl_records_with_their_field(monkeypatch) -> None:
    """One record function: the hook's segments are what --format jsonl writes, with
    ``field`` after ``doc``; fields are one document, numbered on, offsets moved."""
    from translate.editorial.cms import _combine, _parse_field

    monkeypatch.setitem(engines._cache, CopyEngine.name, CopyEngine())
    payload = {
        "id": "rec",
        "language": "en",
        "headline": "  Talks in Baku",
        "standfirst": "Two. Three.\n",
        "body": "# Baku\n\nFour.\n",
        "body_format": "markdown",
        "targets": ["es"],
    }
    out = translate_article(payload, engine=CopyEngine.name)
    rows = out["translations"]["es"]["segments"]
    assert [list(r) for r in rows] == [
        [
            "doc",
            "field",
            "paragraph",
            "segment",
            "source_lang",
            "target_lang",
            "source",
            "target",
            "after",
            "translated",
            "terms",
            "unknown_words",
            "engine",
            *(["before"] if "before" in r else []),
        ]
        for r in rows
    ]
    assert [(r["field"], r["paragraph"], r["segment"], r.get("before")) for r in rows] == [
        ("headline", 0, 0, "  "),
        ("standfirst", 1, 1, None),
        ("standfirst", 1, 2, None),
        ("body", 2, 3, "# "),
        ("body", 3, 4, None),
    ]
    for field in ("headline", "standfirst", "body"):
        own = [r for r in rows if r["field"] == field]
        assert (
            own[0].get("before", "") + "".join(r["source"] + r["after"] for r in own)
            == payload[field]
        )
    parts = [
        _parse_field(f, payload[f], "en", "markdown", "rec")
        for f in ("headline", "standfirst", "body")
    ]
    combined = _combine("rec", "en", parts)
    assert (
        combined.reassemble()
        == combined.text
        == "\n\n".join(payload[f] for f in ("headline", "standfirst", "body"))
    )
    assert all(combined.text[s.start : s.end] == s.source for s in combined.segments)
