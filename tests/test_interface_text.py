"""Interface text that came from libraries in English only is in the interface language:
JSON Schema errors of the CMS hook (jsonschema's wording in English, word for word)."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import run_cli
from translate.schema_messages import describe

ARTICLE = {
    "id": "baku-talks",
    "language": "en",
    "targets": ["es"],
    "headline": "Talks in Baku",
    "body": "Ministers met in Baku.",
}
SCHEMA = {
    "type": "object",
    "required": ["body"],
    "additionalProperties": False,
    "properties": {
        "body": {"type": "string", "minLength": 1},
        "targets": {"type": "array", "minItems": 1, "uniqueItems": True},
        "format": {"enum": ["html", "markdown"]},
        "n": {"type": "integer", "minimum": 1, "maximum": 9},
        "code": {"type": "string", "pattern": "^[a-z]+$", "maxLength": 3},
    },
}


@pytest.mark.parametrize(
    "instance",
    [
        {},
        {"body": None},
        {"body": ""},
        {"body": "x", "author": "me"},
        {"body": "x", "author": "me", "desk": 1},
        {"body": "x", "targets": []},
        {"body": "x", "targets": ["es", "es"]},
        {"body": "x", "format": "rtf"},
        {"body": "x", "n": 0},
        {"body": "x", "n": 10},
        {"body": "x", "code": "A1"},
        {"body": "x", "code": "abcd"},
    ],
)
def test_english_is_jsonschemas_own_wording(english_interface, instance) -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    [error] = list(validator.iter_errors(instance))
    assert describe(error) == error.message


def errors(payload: dict, lang: str) -> str:
    result = run_cli(
        "--ui-lang", lang, "hook", "--engine", "apertium", stdin=json.dumps(payload).encode()
    )
    assert result.returncode == 2 and result.stdout == b""
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize(
    ("change", "english"),
    [
        ({"body": None}, "None is not of type 'string'"),
        ({"author": "me"}, "Additional properties are not allowed ('author' was unexpected)"),
        ({"targets": []}, "[] should be non-empty"),
        ({"body_format": "rtf"}, "'rtf' is not one of ['html', 'markdown']"),
        ({"targets": ["xx"]}, "'xx' is not a known language"),
    ],
)
def test_cms_hook_schema_errors_in_the_interface_language(change, english) -> None:
    payload = {**ARTICLE, **change}
    assert errors(payload, "en").endswith(english)
    for lang in ("es", "fa", "az", "ru"):
        line = errors(payload, lang)
        assert english not in line, (lang, line)
        assert "stdin: $" in line  # the JSON path stays
