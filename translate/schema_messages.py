"""JSON Schema errors in the interface language.

jsonschema words its messages in English only ("'headline' is a required property"),
and a CMS hook's caller reads them in the desk's language like every other message.
:func:`describe` says the same thing through gettext for the keywords our schemas use
(and a few more); a keyword it does not know keeps jsonschema's wording.  The English
messages are jsonschema's own, word for word, so nothing changes for an English desk.
"""

from __future__ import annotations

from typing import Any

from translate.i18n import _, ngettext

__all__ = ["describe"]


def _show(value: Any, limit: int = 80) -> str:
    """A value as jsonschema shows it (Python's repr), cut to a readable length."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(error: Any) -> str:
    """One line for a :class:`jsonschema.ValidationError`, in the interface language
    (in English, jsonschema's own wording)."""
    keyword = error.validator
    expected = error.validator_value
    instance = error.instance
    value = _show(instance)
    if keyword == "required":
        missing = [n for n in expected if isinstance(instance, dict) and n not in instance]
        return _("{name} is a required property").format(
            name=_show(missing[0] if missing else expected[0])
        )
    if keyword == "type":
        wanted = [expected] if isinstance(expected, str) else list(expected)
        return _("{value} is not of type {types}").format(
            value=value, types=", ".join(repr(t) for t in wanted)
        )
    if keyword == "additionalProperties" and isinstance(instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted((k for k in instance if k not in allowed), key=str)
        return ngettext(
            "Additional properties are not allowed ({names} was unexpected)",
            "Additional properties are not allowed ({names} were unexpected)",
            len(extra),
        ).format(names=", ".join(repr(k) for k in extra))
    if keyword == "enum":
        return _("{value} is not one of {choices}").format(value=value, choices=_show(expected))
    if keyword == "const":
        return _("{expected} was expected").format(expected=_show(expected))
    if keyword in ("minLength", "minItems"):
        if expected == 1:
            return _("{value} should be non-empty").format(value=value)
        return _("{value} is too short").format(value=value)
    if keyword in ("maxLength", "maxItems"):
        return _("{value} is too long").format(value=value)
    if keyword == "uniqueItems":
        return _("{value} has non-unique elements").format(value=value)
    if keyword == "pattern":
        return _("{value} does not match {pattern}").format(value=value, pattern=repr(expected))
    if keyword == "minimum":
        return _("{value} is less than the minimum of {n}").format(value=value, n=repr(expected))
    if keyword == "maximum":
        return _("{value} is greater than the maximum of {n}").format(value=value, n=repr(expected))
    if keyword == "format" and expected == "language":
        return _("{value} is not a known language").format(value=value)
    return str(error.message)
