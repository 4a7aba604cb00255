"""Language codes in one place, backed by Babel's copy of CLDR.

Every language code that enters Dragoman (command line, glossary keys, engine pair
lists, document metadata) goes through :func:`normalize`, so that the rest of the code
compares plain strings.

Canonical form (decided here, relied on everywhere):

* ``language[-Script][-variant]`` in BCP 47 case: language lower case, script title
  case, variants lower case, joined with ``-``.
* The language is ISO 639-1 where one exists (``spa`` -> ``es``, ``pes`` -> ``fa``,
  ``iw`` -> ``he``), else ISO 639-3 (``ast``, ``ckb``).  Aliases, deprecated and
  bibliographic codes and individual languages of a macrolanguage are resolved with
  CLDR's ``language_aliases`` (so ``arb`` -> ``ar``, ``azj`` -> ``az``, ``cmn`` -> ``zh``,
  and CLDR's own choices such as ``tl`` -> ``fil``, ``sh`` -> ``sr-Latn``).
* The region is dropped (``fa-IR`` -> ``fa``, ``pt_BR`` -> ``pt``): glossaries and
  engines work per language.  A region still counts for the script it implies
  (``zh-TW`` -> ``zh-Hant``, ``az-IR`` -> ``az-Arab``, ``sr-ME`` -> ``sr-Latn``).
* The script is kept only when it is not the language's default script according to
  CLDR likely subtags ("remove likely subtags"): ``sr-Cyrl`` -> ``sr``, ``az-Latn`` ->
  ``az``, ``ru-Cyrl`` -> ``ru``, but ``sr-Latn``, ``az-Cyrl``, ``uz-Cyrl``, ``zh-Hant``
  stay.  So a glossary block written ``az-Latn`` and a ``--to az`` agree, while Serbian
  in Latin and in Cyrillic letters stay apart.
* Extensions (``-u-...``, ``-x-...``) are ignored.

Engines compare languages with :func:`base` (``sr-Latn`` -> ``sr``).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping
from pathlib import PurePath

from babel import Locale, UnknownLocaleError, localedata
from babel.core import get_global

from translate.errors import LanguageError, UserError
from translate.i18n import N_, _

__all__ = [
    "normalize",
    "base",
    "script",
    "to_iso639_3",
    "iso639_3_aliases",
    "is_known",
    "display_name",
    "is_rtl",
    "known_languages",
]

_NOT_LANGUAGES = frozenset({"und", "mul", "zxx", "mis", "root"})
"""Special CLDR/ISO codes that name no language."""

# ISO 639-2/B codes: CLDR lists them as aliases too; ISO 639-3 uses the /T codes.
_BIBLIOGRAPHIC = frozenset(
    "alb arm baq bur chi cze dut fre geo ger gre ice mac mao may per rum slo tib wel".split()
)

# Where CLDR maps several three-letter codes to one ISO 639-1 code (the macrolanguage
# and one of its individual languages, legacy codes), the ISO 639-2/T = 639-3 code of
# the ISO 639-1 language.  The other 639-1 codes have exactly one candidate.
_ISO639_3_AMBIGUOUS = {
    "ak": "aka",
    "ar": "ara",
    "ay": "aym",
    "az": "aze",
    "cr": "cre",
    "dz": "dzo",
    "et": "est",
    "fa": "fas",
    "ff": "ful",
    "gn": "grn",
    "gu": "guj",
    "hr": "hrv",
    "ik": "ipk",
    "iu": "iku",
    "kg": "kon",
    "kr": "kau",
    "ku": "kur",
    "kv": "kom",
    "lv": "lav",
    "mg": "mlg",
    "mn": "mon",
    "ms": "msa",
    "ne": "nep",
    "oj": "oji",
    "om": "orm",
    "or": "ori",
    "ps": "pus",
    "qu": "que",
    "ro": "ron",
    "sa": "san",
    "sc": "srd",
    "sq": "sqi",
    "sr": "srp",
    "sw": "swa",
    "uz": "uzb",
    "yi": "yid",
    "za": "zha",
    "zh": "zho",
}

# Scripts written right to left, for languages Babel has no locale data for.
_RTL_SCRIPTS = frozenset(
    "Adlm Arab Aran Armi Avst Cprt Hebr Khar Lydi Mand Mani Mend Nbat Narb Nkoo Orkh "
    "Palm Phli Phlp Phnx Prti Rohg Samr Sarb Sogd Sogo Syrc Thaa Yezi".split()
)

_SUBTAG = re.compile(r"^[A-Za-z0-9]{1,8}$")
_LANG = re.compile(r"^[A-Za-z]{2,3}$")
_SCRIPT = re.compile(r"^[A-Za-z]{4}$")
_REGION = re.compile(r"^(?:[A-Za-z]{2}|[0-9]{3})$")
_VARIANT = re.compile(r"^(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3})$")

_HINT = N_(
    "use an ISO 639-1 code such as 'es' or 'fa', an ISO 639-3 code such as 'spa', "
    "or BCP 47 with a script such as 'sr-Latn'"
)
_UNKNOWN = {
    "language code": N_("unknown language code {code!r}"),
    "script in language code": N_("unknown script in language code {code!r}"),
    "region in language code": N_("unknown region in language code {code!r}"),
    "variant in language code": N_("unknown variant in language code {code!r}"),
}


@functools.cache
def _english() -> Locale:
    return Locale("en")


def _codes(names: Mapping[str | int | None, object]) -> list[str]:
    """The codes of one of CLDR's name tables (babel types their keys ``str | int | None``;
    the language, script, territory and variant tables have only strings)."""
    return [code for code in names if isinstance(code, str)]


@functools.cache
def _aliases() -> dict[str, str]:
    return dict(get_global("language_aliases"))


@functools.cache
def _likely() -> dict[str, str]:
    return dict(get_global("likely_subtags"))


@functools.cache
def known_languages() -> frozenset[str]:
    """Every base language code CLDR knows (names, locales, likely subtags)."""
    codes: set[str] = set()
    codes.update(k for k in _codes(_english().languages) if "_" not in k)
    codes.update(i.split("_")[0] for i in localedata.locale_identifiers())
    codes.update(k.split("_")[0] for k in _likely())
    codes = {c for c in codes if _LANG.match(c) and c.islower()}
    return frozenset(codes - _NOT_LANGUAGES)


@functools.cache
def _scripts() -> frozenset[str]:
    return frozenset(_codes(_english().scripts))


@functools.cache
def _territories() -> frozenset[str]:
    return frozenset(_codes(_english().territories))


@functools.cache
def _variants() -> frozenset[str]:
    return frozenset(v.lower() for v in _codes(_english().variants))


def _unknown(code: str, what: str = "language code") -> LanguageError:
    hint = _(_HINT)
    guess = _suggest(code)
    if guess:
        hint = _("did you mean {guess}? {hint}").format(guess=guess, hint=hint)
    return LanguageError(_(_UNKNOWN[what]).format(code=code), hint=hint)


def _suggest(code: str) -> str | None:
    """A likely intended code: by English language name, else a close code."""
    text = code.strip().lower()
    names = {name.lower(): c for c, name in _english().languages.items() if "_" not in c}
    extra = {"farsi": "fa", "persian": "fa", "castilian": "es", "valencian": "ca"}
    if text in extra:
        return f"'{extra[text]}'"
    if text in names:
        found = names[text]
        return f"'{_aliases().get(found, found)}'"
    close = difflib.get_close_matches(text, sorted(names), n=1, cutoff=0.85)
    if close:
        return f"'{names[close[0]]}' ({close[0].title()})"
    return None


@functools.lru_cache(maxsize=4096)
def _parse(code: str) -> tuple[str, str | None, str | None, tuple[str, ...]]:
    """Split and resolve a code into (language, script, region, variants), validated."""
    if not isinstance(code, str):
        raise LanguageError(
            _("language code must be text, not {type}").format(type=type(code).__name__),
            hint=_(_HINT),
        )
    raw = code.strip()
    if not raw:
        raise LanguageError(_("empty language code"), hint=_(_HINT))
    parts = re.split(r"[-_]", raw)
    if not all(_SUBTAG.match(p) for p in parts):
        raise _unknown(raw)
    lang = parts[0].lower()
    if not _LANG.match(lang):
        raise _unknown(raw)
    script = region = None
    variants: list[str] = []
    i = 1
    if i < len(parts) and _SCRIPT.match(parts[i]):
        script = parts[i].title()
        i += 1
    if i < len(parts) and _REGION.match(parts[i]):
        region = parts[i].upper()
        i += 1
    while i < len(parts) and _VARIANT.match(parts[i]):
        variants.append(parts[i].lower())
        i += 1
    if i < len(parts) and len(parts[i]) != 1:
        raise _unknown(raw)
    # (a singleton starts an extension: ignored)

    # Language aliases (bibliographic, overlong, macrolanguage, legacy, deprecated).
    seen = set()
    alias = _aliases().get(lang)
    while alias is not None and lang not in seen:
        seen.add(lang)
        alias_parts = alias.split("_")
        lang = alias_parts[0]
        for extra in alias_parts[1:]:
            if _SCRIPT.match(extra) and script is None:
                script = extra.title()
            elif _REGION.match(extra) and region is None:
                region = extra.upper()
        alias = _aliases().get(lang)
    if lang not in known_languages():
        raise _unknown(raw)
    if script is not None:
        script = get_global("script_aliases").get(script, script)
        if script not in _scripts():
            raise _unknown(raw, "script in language code")
    if region is not None:
        region = _territory_alias(region)
        if region not in _territories():
            raise _unknown(raw, "region in language code")
    for variant in variants:
        if variant not in _variants():
            raise _unknown(raw, "variant in language code")
    return lang, script, region, tuple(variants)


def _territory_alias(region: str) -> str:
    target = get_global("territory_aliases").get(region)
    if target:
        return target[0]
    return region


def _likely_script(lang: str, region: str | None = None) -> str | None:
    likely = _likely()
    full = None
    if region is not None:
        full = likely.get(f"{lang}_{region}")
    if full is None:
        full = likely.get(lang)
    if full is None:
        return None
    for part in full.split("_")[1:]:
        if _SCRIPT.match(part):
            return part
    return None


@functools.lru_cache(maxsize=4096)
def normalize(code: str) -> str:
    """The canonical form of a language code (see the module docstring).

    >>> normalize('spa'), normalize('fa-IR'), normalize('SR_latn'), normalize('zh-TW')
    ('es', 'fa', 'sr-Latn', 'zh-Hant')

    Raises :class:`~translate.errors.LanguageError` (with a hint) for codes CLDR does
    not know.
    """
    lang, script, region, variants = _parse(code)
    if script is None and region is not None:
        implied = _likely_script(lang, region)
        if implied is not None and implied != _likely_script(lang):
            script = implied
    if script is not None and script == _likely_script(lang):
        script = None
    return "-".join([lang, *([script] if script else []), *variants])


def base(code: str) -> str:
    """The base language of a code: ``sr-Latn`` -> ``sr``, ``pes`` -> ``fa``."""
    return normalize(code).split("-")[0]


def script(code: str) -> str | None:
    """The script a code is written in (explicit or CLDR's likely one), e.g. ``Cyrl``."""
    lang, explicit, region, _ = _parse(code)
    if explicit is not None:
        return explicit
    return _likely_script(lang, region)


def is_known(code: str) -> bool:
    """Whether :func:`normalize` accepts the code."""
    try:
        normalize(code)
    except UserError:
        return False
    return True


@functools.cache
def _three_letter_candidates() -> dict[str, list[str]]:
    candidates: dict[str, list[str]] = {}
    for alias, target in _aliases().items():
        if len(alias) == 3 and alias.isalpha() and "_" not in target and len(target) == 2:
            candidates.setdefault(target, []).append(alias)
    return candidates


def to_iso639_3(code: str) -> str:
    """The ISO 639-3 code of the base language: ``en`` -> ``eng``, ``fa`` -> ``fas``.

    Macrolanguages give the macrolanguage code (``fa`` -> ``fas``, ``ar`` -> ``ara``,
    ``az`` -> ``aze``), which is also ISO 639-2/T.  Some tools name an individual
    language instead (Apertium's Persian is ``pes``); see :func:`iso639_3_aliases`, or
    better, :func:`normalize` the tool's codes and compare with :func:`base`.
    """
    lang = base(code)
    if len(lang) == 3:
        return lang
    if lang in _ISO639_3_AMBIGUOUS:
        return _ISO639_3_AMBIGUOUS[lang]
    candidates = [c for c in _three_letter_candidates().get(lang, []) if c not in _BIBLIOGRAPHIC]
    if len(candidates) == 1:
        return candidates[0]
    raise LanguageError(  # pragma: no cover - CLDR covers every ISO 639-1 code
        _("no ISO 639-3 code known for {code!r}").format(code=code),
        hint=_("report this as a bug in translate.languages"),
    )


def iso639_3_aliases(code: str) -> list[str]:
    """Every three-letter code CLDR resolves to this base language, 639-3 code first.

    ``fa`` -> ``['fas', 'pes', 'per']``: useful to recognise a tool's module names.
    """
    main = to_iso639_3(code)
    lang = base(code)
    others = sorted(c for c in _three_letter_candidates().get(lang, []) if c != main)
    return [main, *others]


def _babel_locale(code: str) -> Locale | None:
    """Babel's locale for the language in the script it is written in, if any."""
    lang = base(code)
    written = script(code)
    idents = [f"{lang}_{written}"] if written else []
    if written is None or written == _likely_script(lang):
        idents.append(lang)
    for ident in idents:
        if localedata.exists(ident):
            try:
                return Locale.parse(ident)
            except (UnknownLocaleError, ValueError):  # pragma: no cover
                continue
    return None


def _ui(ui_locale: str | Locale) -> Locale:
    if isinstance(ui_locale, Locale):
        return ui_locale
    try:
        return Locale.parse(str(ui_locale).replace("-", "_"))
    except (UnknownLocaleError, ValueError) as err:
        raise LanguageError(
            _("unknown interface locale {locale!r}").format(locale=ui_locale), hint=_(_HINT)
        ) from err


def display_name(code: str, ui_locale: str | Locale = "en") -> str:
    """The language's name in the interface locale: ``es`` -> 'Spanish' / 'español'.

    A kept script is named in parentheses ('Serbian (Latin)').  Falls back to English
    names, then to the code itself.
    """
    canonical = normalize(code)
    parts = canonical.split("-")
    lang = parts[0]
    ui = _ui(ui_locale)
    english = _english()
    name = ui.languages.get(lang) or english.languages.get(lang) or lang
    details = []
    for part in parts[1:]:
        if _SCRIPT.match(part):
            details.append(ui.scripts.get(part) or english.scripts.get(part) or part)
        else:
            key = part.upper()
            details.append(ui.variants.get(key) or english.variants.get(key) or part)
    if details:
        name = f"{name} ({', '.join(details)})"
    return name


def pair_name(source: str, target: str, ui_locale: str | Locale | None = None) -> str:
    """``Spanish → Persian`` in the interface language (the current one by default),
    each name isolated when it is written right to left; codes CLDR lacks stay codes."""
    if ui_locale is None:
        from translate.i18n import current_language

        ui_locale = current_language()

    def name(code: str) -> str:
        try:
            return isolate(display_name(code, ui_locale))
        except UserError:
            return code

    return f"{name(source)} → {name(target)}"


def is_rtl(code: str) -> bool:
    """Whether the language (in its script) is written right to left.

    Babel's ``Locale.character_order`` where CLDR has the locale, else the script's
    direction (``az-IR`` -> Arabic script -> right to left).
    """
    locale = _babel_locale(code)
    if locale is not None:
        return locale.character_order == "right-to-left"
    return script(code) in _RTL_SCRIPTS


FSI, PDI = "\u2068", "\u2069"
"""Unicode FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (UAX #9)."""


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter (bidi class R or AL)."""
    import unicodedata

    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def isolate(text: str) -> str:
    """``text`` between FSI and PDI when it holds right-to-left letters, else unchanged.

    An isolated run takes its direction from its own first strong letter and cannot
    reorder the text around it: "Baku → باکو [enforced]" stays in that order in an
    English line, and "۵ اکتبر ۲۰۲۳" reads right to left inside it.
    """
    if not text or not has_rtl(text) or (text.startswith(FSI) and text.endswith(PDI)):
        return text
    return f"{FSI}{text}{PDI}"


def balance_isolates(lines: list[str]) -> list[str]:
    """Close isolates that line wrapping split: a line ending inside FSI ... PDI gets a
    PDI, and the next line opens it again with an FSI."""
    out: list[str] = []
    carry = False
    for line in lines:
        if carry:
            line = FSI + line
        depth = 0
        for ch in line:
            if ch == FSI:
                depth += 1
            elif ch == PDI and depth:
                depth -= 1
        carry = depth > 0
        out.append(line + PDI * depth)
    return out


def upper(text: str, lang: str) -> str:
    """Upper case with the Turkic dotted capital İ where the language has it."""
    if base(lang) in ("tr", "az", "crh", "tt", "kk"):
        text = text.replace("i", "İ")
    return text.upper()


def is_all_caps(text: str) -> bool:
    """True for "BAKU" (a wire dateline), false for "Baku", "OIC"-only checks are the caller's."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= 2
        and all(c.isupper() or not c.islower() for c in letters)
        and any(c.isupper() for c in letters)
    )


def lang_from_name(path: str) -> str | None:
    """The language a file name gives before its extension (``story.en.txt``), if any."""
    suffixes = PurePath(path).suffixes
    if len(suffixes) >= 2 and is_known(suffixes[-2][1:]):
        return normalize(suffixes[-2][1:])
    return None
