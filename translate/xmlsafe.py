"""Parsing XML from outside without entity expansion or external entities.

TMX, TBX and XLIFF files come from translators and other tools; a billion-laughs bomb
or an XXE reference in one must be a one-line error, not a hung process or a leaked
file.  defusedxml refuses DTD entity declarations and external references outright.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from translate.errors import UserError
from translate.i18n import _


def parse_bytes(data: bytes, path: str | Path) -> Element:
    """The root element; UserError (with the line where known) for anything unsafe or broken."""
    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as err:
        raise UserError(
            _(
                "refused unsafe XML ({type}: entity declarations and external references "
                "are not allowed)"
            ).format(type=type(err).__name__),
            path=path,
            hint=_("remove the DOCTYPE's ENTITY declarations"),
        ) from None
    except ParseError as err:
        line = err.position[0] if getattr(err, "position", None) else None
        raise UserError(
            _("is not well-formed XML ({reason})").format(
                reason=err.msg if hasattr(err, "msg") else err
            ),
            path=path, line=line, hint=_("fix the XML or re-export it"),
        ) from None


def parse_file(path: str | Path) -> Element:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise UserError(_("no such file"), path=path, hint=_("check the path")) from None
    except IsADirectoryError:
        raise UserError(_("is a directory, not a file"), path=path) from None
    except OSError as err:
        raise UserError(_("cannot read it: {strerror}").format(strerror=err.strerror), path=path) from None
    return parse_bytes(data, path)
