"""gettext for the interface: every user-facing message goes through ``_``.

Catalogs live in ``translate/locale/<lang>/LC_MESSAGES/dragoman.mo`` (compiled from
``locales/`` at build time).  The language follows ``--ui-lang`` or the usual
``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG`` variables, as gettext does.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "dragoman"
LOCALE_DIR = Path(__file__).parent / "locale"

_translation: gettext.NullTranslations = gettext.translation(
    DOMAIN, LOCALE_DIR, fallback=True
)


def set_language(lang: str | None) -> None:
    """Switch the interface language (``None``: follow the environment)."""
    global _translation
    languages = [lang] if lang else None
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=languages, fallback=True)


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def current_language() -> str:
    """The interface language in effect, as a locale identifier Babel understands."""
    info = _translation.info() if hasattr(_translation, "info") else {}
    lang = info.get("language") if isinstance(info, dict) else None
    if lang:
        return lang.replace("-", "_")
    import os

    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value.split(":")[0].split(".")[0]
    return "en"
