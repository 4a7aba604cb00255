"""gettext for the interface: every user-facing message goes through ``_``.

Catalogs live in ``translate/locale/<lang>/LC_MESSAGES/dragoman.mo``, compiled from
``locales/<lang>/LC_MESSAGES/dragoman.po`` at build time (``hatch_build.py``) or by
``scripts/i18n``.  The language follows ``--ui-lang`` or the usual
``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG`` variables, as gettext does; a language
without a catalog falls back to English messages (language names still come from CLDR
in that language, see :func:`current_language`).

Rules for messages: wrap the literal (``_("no such file")``), never an f-string; put
values in with ``.format()`` AFTER ``_()`` (``_("unknown engine {name!r}").format(name=
name)``); a message defined before the language is known (a module constant) is marked
with ``N_`` and translated with ``_`` where it is used.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "dragoman"
LOCALE_DIR = Path(__file__).parent / "locale"

_translation: gettext.NullTranslations = gettext.translation(DOMAIN, LOCALE_DIR, fallback=True)
_requested: str | None = None


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet (module constants)."""
    return message


def _candidates(lang: str) -> list[str]:
    """gettext language names to try for a code: ``fa-IR`` -> ``fa_IR``, ``fa``."""
    parts = [p for p in lang.replace("-", "_").split(".")[0].split("@")[0].split("_") if p]
    if not parts:
        return []
    out = ["_".join(parts[:i]) for i in range(len(parts), 0, -1)]
    out[-1] = out[-1].lower()
    return out


def set_language(lang: str | None) -> None:
    """Switch the interface language (``None``: follow the environment)."""
    global _translation, _requested
    languages = _candidates(lang) if lang else None
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=languages, fallback=True)
    _requested = lang or None


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def available_languages() -> list[str]:
    """Languages with a compiled catalog, e.g. ``['az', 'es', 'fa', 'ru']``."""
    if not LOCALE_DIR.is_dir():
        return []
    return sorted(
        p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
    )


def _babel_ident(value: str) -> str | None:
    """``value`` as a locale identifier Babel knows (``fa_IR.UTF-8`` -> ``fa_IR``)."""
    from babel import Locale, UnknownLocaleError

    for candidate in _candidates(value):
        try:
            return str(Locale.parse(candidate))
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return None


def is_locale(value: str) -> bool:
    """Whether CLDR knows ``value`` as a locale (``es``, ``fa-IR``, ``az_Latn``)."""
    return _babel_ident(value) is not None


def current_language() -> str:
    """The interface language in effect, as a locale identifier Babel understands.

    ``--ui-lang`` if given, else the catalog's language, else the first usable one of
    ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; ``en`` when none is (``C``,
    ``POSIX``, unknown to CLDR).
    """
    if _requested:
        found = _babel_ident(_requested)
        if found:
            return found
    info = _translation.info() if hasattr(_translation, "info") else {}
    lang = info.get("language") if isinstance(info, dict) else None
    if lang:
        found = _babel_ident(lang)
        if found:
            return found
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for value in os.environ.get(var, "").split(":"):
            if not value or value in ("C", "POSIX") or value.startswith("C."):
                continue
            found = _babel_ident(value)
            if found:
                return found
    return "en"


# argparse builds "usage:", "options" and its error messages with the stdlib's
# gettext.  Routing them through our catalog (see :func:`translate_argparse`) makes
# ``translate --ui-lang es --help`` Spanish throughout.  The msgids are argparse's own.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def translate_argparse() -> None:
    """Make argparse's own messages use our catalog (call before building parsers)."""
    import argparse

    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
