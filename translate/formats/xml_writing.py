"""Writing XML by hand (TMX, XLIFF): character data and attribute values escaped, and
characters XML 1.0 cannot carry replaced.  Reading XML is
:func:`translate.inputs.read_xml`'s job.
"""

from __future__ import annotations

import re

__all__ = ["INVALID_XML", "REPLACEMENT", "attrs", "xml_attr", "xml_text"]

# Characters XML 1.0 cannot carry at all (not even as character references).
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def xml_text(text: str) -> str:
    """Character data: ``& < >`` escaped, CR kept as a reference (a parser would turn a
    literal CR into LF), characters XML cannot hold replaced by U+FFFD."""
    text = INVALID_XML.sub(REPLACEMENT, text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def xml_attr(text: str) -> str:
    """An attribute value for double quotes; whitespace kept as references so that
    attribute-value normalisation does not turn line breaks and tabs into spaces."""
    return xml_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def attrs(**values: str | None) -> str:
    """`` name="value"`` pairs for the values that are not None; ``xml_lang`` becomes
    ``xml:lang`` and a ``__`` in a name a ``:`` (``its__termConfidence``)."""
    out = []
    for name, value in values.items():
        if value is None:
            continue
        name = "xml:lang" if name == "xml_lang" else name.replace("__", ":").replace("_", "-")
        out.append(f' {name}="{xml_attr(str(value))}"')
    return "".join(out)
