"""Parsing XML from outside without entity expansion or external entities.

TMX, TBX and XLIFF files come from translators and other tools; a billion-laughs bomb
or an XXE reference in one must be a one-line error, not a hung process or a leaked
file.  defusedxml refuses DTD entity declarations and external references outright.

This is the XML part of the input layer: files are read by
:func:`translate.inputs.read_xml`, which hands their bytes to :func:`parse_bytes`.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from translate.errors import UserError
from translate.i18n import _

__all__ = ["parse_bytes"]


def parse_bytes(data: bytes, path: str | Path, *, error: type[UserError] = UserError) -> Element:
    """The root element; ``error`` (with the line where known) for anything unsafe or
    broken."""
    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as err:
        raise error(
            _(
                "refused unsafe XML ({type}: entity declarations and external references "
                "are not allowed)"
            ).format(type=type(err).__name__),
            path=path,
            hint=_("remove the DOCTYPE's ENTITY declarations"),
        ) from None
    except ParseError as err:
        line = err.position[0] if getattr(err, "position", None) else None
        raise error(
            _("is not well-formed XML ({reason})").format(
                reason=err.msg if hasattr(err, "msg") else err
            ),
            path=path,
            line=line,
            hint=_("fix the XML or re-export it"),
        ) from None
    except (LookupError, ValueError) as err:  # expat: an encoding it cannot read
        raise error(
            _("is not well-formed XML ({reason})").format(reason=err),
            path=path,
            hint=_("fix the XML or re-export it"),
        ) from None
