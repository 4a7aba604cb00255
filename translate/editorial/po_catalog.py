"""Pre-translate a gettext catalog: fill the empty ``msgstr`` of a PO file by machine
translation through the glossary pipeline, and mark what was filled ``fuzzy``.

Decisions:

* Which entries: untranslated ones (empty ``msgstr``, or a plural entry with an empty
  or absent form, e.g. two forms where the rule has three: only those forms are
  filled).  Translated entries are never touched; fuzzy
  ones only with ``overwrite_fuzzy`` (all their forms are translated again).  Obsolete
  entries and the header are left alone.  Everything filled is flagged ``fuzzy``, so a
  translator reviews it and ``msgfmt`` leaves it out until then.
* Glossary terms: a term the pipeline could not place (``missing``) or could not be sure
  of (``ambiguous``: the word may not be the concept, e.g. an ordinary word or a given
  name; the engine's rendering is kept) is counted for review (``missing_terms``,
  ``ambiguous_terms``; ``translate po --strict`` fails on either); the entry stays
  fuzzy like every filled one.
* One document, one engine call: every string to translate (``msgid``, and
  ``msgid_plural`` where a plural form needs it) is one segment of one document, so the
  whole catalog goes through the engine once per run.  Leading and trailing whitespace
  (``"\\nUsage:"``, ``"Done.\\n"``) is kept exactly, as ``msgfmt -c`` requires.
* Placeholders are ``keep`` spans (the engine passes them through): printf directives
  (``%s``, ``%d``, ``%1$s``, ``%(name)s``, ``%%``; a space flag only in entries flagged
  ``c-format``/``python-format``, so "50% off" is not one), ``%{name}``, braces
  (``{name}``, ``{0}``, ``{}``, ``{{ var }}``, ``{{``/``}}``) and markup (``<b>``,
  ``</a>``, ``<br/>``, comments).  Each filled string must have exactly the placeholder
  multiset of the string it was translated from; if any form of an entry fails, the
  whole entry stays empty and is reported (line, what was lost or added).
* Plural forms: ``nplurals`` and the rule come from the catalog's ``Plural-Forms``
  header, else from Babel (CLDR) for the target language, and the header is then set.
  A form used for n = 1 only (or for a set containing 1, when ``msgid`` has the same
  placeholders as ``msgid_plural``) is translated from ``msgid``; every other form from
  ``msgid_plural``.
* Apertium capitalises the first word of each text; a string that starts in lower case
  ("of %d files") keeps its lower-case start.
* Header: ``Language`` is set when missing (and must agree with the target when
  present), ``Content-Type`` gets ``charset=UTF-8`` when missing or still ``CHARSET``
  (a copied template), so that ``msgfmt -c`` accepts the file.
"""

from __future__ import annotations

import gettext
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from translate import inputs
from translate.document import Bitext, Document, DocumentBuilder, Span
from translate.errors import FormatError, UserError
from translate.i18n import _

if TYPE_CHECKING:  # pragma: no cover
    import polib

    from translate.pipeline import Translator

__all__ = [
    "Failure",
    "Summary",
    "CatalogFile",
    "check_header",
    "check_language",
    "load_catalog",
    "placeholders",
    "plural_rule",
    "pretranslate",
    "read_catalog",
]

_MARKUP = r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>"
_RUBY = r"%\{[^{}\s]+\}"
_PRINTF = (
    r"%(?:\([^()\n]*\)|\d+\$)?{flags}(?:\*|\d+)?(?:\.(?:\*|\d+))?"
    r"(?:hh|h|ll|l|L|q|j|z|Z|t|I64|I32)?[diouxXeEfFgGcrsaAbp%]"
)
_BRACES = r"\{\{[^{}\n]*\}\}|\{[^{}\s]*\}|\{\{|\}\}"
_STRICT = re.compile("|".join([_MARKUP, _RUBY, _PRINTF.format(flags=r"[#0\- +']*"), _BRACES]), re.S)
_LOOSE = re.compile("|".join([_MARKUP, _RUBY, _PRINTF.format(flags=r"[#0\-+']*"), _BRACES]), re.S)
_FORMAT_FLAGS = (
    "c-format",
    "python-format",
    "php-format",
    "perl-format",
    "sh-format",
    "objc-format",
)
_SEPARATOR = "\n\n"


def placeholders(text: str, flags: Sequence[str] = ()) -> list[Span]:
    """Spans of the placeholders and markup in ``text`` (see the module docstring)."""
    strict = any(f in flags for f in _FORMAT_FLAGS)
    pattern = _STRICT if strict else _LOOSE
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _multiset(text: str, flags: Sequence[str]) -> Counter[str]:
    return Counter(text[a:b] for a, b in placeholders(text, flags))


@dataclass(frozen=True)
class Failure:
    line: int
    msgid: str
    reason: str


@dataclass
class Summary:
    """What :func:`pretranslate` did; ``filled`` counts entries, not forms."""

    filled: int = 0
    skipped: int = 0
    """Entries left alone: translated, or fuzzy without ``overwrite_fuzzy``."""
    failures: list[Failure] = field(default_factory=list)
    """Entries left empty because placeholders did not survive translation."""
    missing_terms: int = 0
    ambiguous_terms: int = 0
    """Term occurrences left as the engine rendered them because the source word may not
    be the concept: counted for review like missing ones."""
    engine: str = ""
    nplurals: int = 0
    header_changes: list[str] = field(default_factory=list)

    @property
    def terms_to_review(self) -> int:
        """Term occurrences an editor has to look at: missing or ambiguous."""
        return self.missing_terms + self.ambiguous_terms

    def text(self, name: str) -> str:
        lines = [
            f"{name}: {self.filled} filled (marked fuzzy), {self.skipped} skipped "
            f"(already translated), {len(self.failures)} placeholder failure"
            f"{'' if len(self.failures) == 1 else 's'} (left empty)"
            + (f", {self.missing_terms} glossary term(s) missing" if self.missing_terms else "")
            + (
                f", {self.ambiguous_terms} glossary term(s) ambiguous (engine's rendering kept, "
                "review them)"
                if self.ambiguous_terms
                else ""
            )
        ]
        for failure in self.failures:
            msgid = failure.msgid if len(failure.msgid) <= 60 else failure.msgid[:57] + "..."
            lines.append(f"{name}:{failure.line}: {msgid!r}: {failure.reason}")
        return "\n".join(lines) + "\n"


@dataclass
class CatalogFile:
    """A catalog and the text it was read from, which
    :func:`translate.editorial.po_rewrite.render` needs to write back only what changed."""

    catalog: polib.POFile
    text: str
    encoding: str


def load_catalog(path: str | Path) -> polib.POFile:
    """Read a PO file (:func:`read_catalog`)."""
    return read_catalog(path).catalog


def read_catalog(path: str | Path) -> CatalogFile:
    """Read a PO file, refusing what ``msgfmt`` refuses (:mod:`translate.formats.po_syntax`)
    and a header that cannot be used (:func:`check_header`); errors are
    :class:`FormatError` naming the file (and line)."""
    from translate.formats import po_syntax

    text, encoding = inputs.read_po_text(path)
    po_syntax.check(text, path)
    po_syntax.msgfmt_check(text, path, encoding)
    catalog = inputs.load_po(path, text=text, wrapwidth=78)
    catalog.encoding = encoding
    check_header(catalog, path)
    return CatalogFile(catalog, text, encoding)


MAX_PLURALS = 10
"""The most plural forms a catalog may declare (CLDR's languages have at most six)."""
_PLURAL_HEADER = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.S)
_PLURAL_PROBE = (*range(1001), 10_000, 100_000, 1_000_000, 1_000_001, 2**31 - 1)


def check_header(catalog: polib.POFile, name: str | Path = "catalog") -> None:
    """Refuse a ``Plural-Forms`` header that ``msgfmt -c`` refuses, or that would cost
    more than it could be worth: ``nplurals`` outside 1..:data:`MAX_PLURALS` (each form
    is a string to hold for every entry), a rule that does not parse, divides by zero
    or gives a form number ``nplurals`` does not have (tried for n = 0..1000 and a few
    large numbers)."""
    header = catalog.metadata.get("Plural-Forms", "").strip()
    if not header:
        return
    hint = _("fix the Plural-Forms header, or delete it to use the language's CLDR rule")
    found = _PLURAL_HEADER.match(header)
    if not found or len(found.group(2)) > 500:
        raise FormatError(
            _("the Plural-Forms header is not 'nplurals=N; plural=EXPRESSION;'"),
            path=name,
            hint=hint,
        )
    nplurals = int(found.group(1)) if len(found.group(1)) < 6 else MAX_PLURALS + 1
    if not 1 <= nplurals <= MAX_PLURALS:
        raise FormatError(
            _("nplurals={count} in the Plural-Forms header: it must be 1 to {most}").format(
                count=found.group(1)[:12], most=MAX_PLURALS
            ),
            path=name,
            hint=hint,
        )
    try:
        rule = gettext.c2py(found.group(2))
    except (ValueError, SyntaxError, RecursionError):
        raise FormatError(
            _("the plural expression {expr!r} is not valid").format(expr=found.group(2)[:60]),
            path=name,
            hint=hint,
        ) from None
    for n in _PLURAL_PROBE:
        try:
            form = rule(n)
        except ArithmeticError:
            raise FormatError(
                _("the plural expression divides by zero (n = {n})").format(n=n),
                path=name,
                hint=hint,
            ) from None
        if not 0 <= form < nplurals:
            raise FormatError(
                _("the plural expression gives form {form} for n = {n} (nplurals={count})").format(
                    form=form, n=n, count=nplurals
                ),
                path=name,
                hint=hint,
            )


def check_language(catalog: polib.POFile, target: str, name: str = "catalog") -> None:
    """Raise :class:`UserError` when the catalog's ``Language`` header names another
    language than ``target``."""
    from translate.languages import base, normalize

    language = catalog.metadata.get("Language", "").strip()
    if not language:
        return
    try:
        declared = normalize(language.replace("_", "-"))
    except UserError:
        return
    if base(declared) != base(target):
        raise UserError(
            _("the catalog is for {language!r} (its Language header), not {target!r}").format(
                language=language, target=target
            ),
            path=name,
            hint=_("give the right --to, or a catalog for that language"),
        )


def plural_rule(catalog: polib.POFile, target: str) -> tuple[int, str, bool]:
    """``(nplurals, plural expression, from_header)`` for the catalog and target."""
    header = catalog.metadata.get("Plural-Forms", "")
    found = re.search(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", header)
    if found:
        return int(found.group(1)), found.group(2), True
    from babel.core import UnknownLocaleError
    from babel.messages.plurals import get_plural

    try:
        rule = get_plural(target.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        rule = get_plural("en")
    return rule.num_plurals, rule.plural_expr, False


def _form_sources(nplurals: int, expr: str) -> Callable[[str, str, Sequence[str]], list[str]]:
    """For each plural form, whether it is translated from msgid (True) or msgid_plural."""
    try:
        rule = gettext.c2py(expr)
    except (ValueError, SyntaxError):
        rule = gettext.c2py("n != 1")
    numbers: list[set[int]] = [set() for _ in range(nplurals)]
    for n in range(1001):
        form = rule(n)
        if 0 <= form < nplurals:
            numbers[form].add(n)

    def sources(msgid: str, msgid_plural: str, flags: Sequence[str]) -> list[str]:
        same = _multiset(msgid, flags) == _multiset(msgid_plural, flags)
        return [msgid if ns == {1} or (1 in ns and same) else msgid_plural for ns in numbers]

    return sources


def _split(text: str) -> tuple[str, str, str]:
    core = text.strip()
    if not core:
        return text, "", ""
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return lead, core, trail


def _has_words(text: str, keep: Sequence[Span]) -> bool:
    pos = 0
    for a, b in [*keep, (len(text), len(text))]:
        if any(c.isalpha() for c in text[pos:a]):
            return True
        pos = b
    return False


def _document(strings: list[tuple[str, Sequence[str]]], lang: str, name: str) -> Document:
    """One segment per string, each its own paragraph; the whitespace around a string is
    kept in ``after`` (and the document's ``before``), the strings joined by a blank
    line."""
    parts = [_split(text) for text, _flags in strings]
    builder = DocumentBuilder(name, lang, before=parts[0][0] if parts else "", format="po")
    for i, ((_text, flags), (_lead, core, trail)) in enumerate(zip(strings, parts, strict=True)):
        keep = tuple(placeholders(core, flags))
        after = trail + _SEPARATOR + parts[i + 1][0] if i + 1 < len(parts) else trail
        builder.paragraph()
        builder.add(core, after, keep=keep, translatable=_has_words(core, keep))
    return builder.build()


def _keep_case(source: str, target: str, keep: Sequence[Span], out_keep: Sequence[str]) -> str:
    """A source that starts with a lower-case letter keeps a lower-case start."""

    def first_letter(text: str, spans: Sequence[Span]) -> int | None:
        pos = 0
        for a, b in [*spans, (len(text), len(text))]:
            for i in range(pos, a):
                if text[i].isalpha():
                    return i
            pos = b
        return None

    s = first_letter(source, keep)
    if s is None or not source[s].islower():
        return target
    spans = [(m.start(), m.end()) for k in out_keep for m in re.finditer(re.escape(k), target)]
    t = first_letter(target, sorted(spans))
    if t is None or not target[t].isupper() or target[t].lower() == target[t]:
        return target
    return target[:t] + target[t].lower() + target[t + 1 :]


def _describe(want: Counter[str], got: Counter[str]) -> str:
    lost = want - got
    added = got - want
    parts = []
    if lost:
        parts.append("lost " + ", ".join(sorted(lost.elements())))
    if added:
        parts.append("added " + ", ".join(sorted(added.elements())))
    return "placeholders did not survive translation: " + "; ".join(parts)


def pretranslate(
    catalog: polib.POFile,
    *,
    source: str,
    target: str,
    translator: Translator,
    overwrite_fuzzy: bool = False,
    name: str = "catalog",
) -> Summary:
    """Fill ``catalog`` in place (see the module docstring) and say what was done."""
    summary = Summary(engine=translator.engine_for(source, target).name)
    check_language(catalog, target, name)
    check_header(catalog, name)
    nplurals, expr, from_header = plural_rule(catalog, target)
    summary.nplurals = nplurals
    form_sources = _form_sources(nplurals, expr)

    # what to translate: (entry, {form index or None: source string})
    work: list[tuple[polib.POEntry, dict[int | None, str]]] = []
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        fuzzy = "fuzzy" in entry.flags
        if entry.msgid_plural:
            existing = {i: entry.msgstr_plural.get(i, "") for i in range(nplurals)}
            empty = [i for i, text in existing.items() if not text]
            if fuzzy and overwrite_fuzzy:
                todo = list(range(nplurals))
            elif fuzzy and len(empty) < nplurals:
                summary.skipped += 1
                continue
            else:
                todo = empty
            if not todo:
                summary.skipped += 1
                continue
            sources = form_sources(entry.msgid, entry.msgid_plural, entry.flags)
            work.append((entry, {i: sources[i] for i in todo}))
        else:
            if entry.msgstr and not (fuzzy and overwrite_fuzzy):
                summary.skipped += 1
                continue
            work.append((entry, {None: entry.msgid}))

    strings: list[tuple[str, Sequence[str]]] = []
    index: dict[tuple[str, tuple[str, ...]], int] = {}
    for entry, forms in work:
        for text in forms.values():
            key = (text, tuple(entry.flags))
            if key not in index and _split(text)[1]:
                index[key] = len(strings)
                strings.append((text, entry.flags))

    translated: dict[tuple[str, tuple[str, ...]], str] = {}
    if strings:
        document = _document(strings, source, name)
        bitext: Bitext = translator.translate(document, target)
        for (text, flags), aligned in zip(strings, bitext, strict=True):
            seg = aligned.segment
            lead, core, trail = _split(text)
            out = aligned.target
            if seg.translatable:
                kept = [core[a:b] for a, b in seg.keep]
                out = _keep_case(core, out, seg.keep, kept)
            translated[(text, tuple(flags))] = lead + out + trail
            summary.missing_terms += sum(1 for t in aligned.terms if t.status == "missing")
            summary.ambiguous_terms += sum(1 for t in aligned.terms if t.status == "ambiguous")

    for entry, forms in work:
        results: dict[int | None, str] = {}
        problems = []
        for form, text in forms.items():
            out = translated.get((text, tuple(entry.flags)), text)
            want, got = _multiset(text, entry.flags), _multiset(out, entry.flags)
            if want != got:
                problems.append(_describe(want, got))
            results[form] = out
        if problems:
            summary.failures.append(Failure(entry.linenum or 0, entry.msgid, problems[0]))
            continue
        if None in results:
            entry.msgstr = results[None]
        else:
            plural = dict(entry.msgstr_plural)
            plural.update((form, text) for form, text in results.items() if form is not None)
            entry.msgstr_plural = {i: plural.get(i, "") for i in range(nplurals)}
        if "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
        summary.filled += 1

    _fix_header(catalog, target, nplurals, expr, from_header, summary)
    return summary


def _encodable(catalog: polib.POFile) -> bool:
    """Whether every string of the catalog can be written in its declared charset."""
    import codecs

    encoding = catalog.encoding or "utf-8"
    try:
        if codecs.lookup(encoding).name == "utf-8":
            return True
    except LookupError:
        return False
    for entry in catalog:
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        try:
            for text in texts:
                text.encode(encoding)
        except UnicodeEncodeError:
            return False
    return True


def _fix_header(
    catalog: polib.POFile,
    target: str,
    nplurals: int,
    expr: str,
    from_header: bool,
    summary: Summary,
) -> None:
    meta = catalog.metadata
    if not from_header:
        meta["Plural-Forms"] = f"nplurals={nplurals}; plural={expr};"
        summary.header_changes.append("Plural-Forms")
    if not meta.get("Language", "").strip():
        meta["Language"] = target.replace("-", "_")
        summary.header_changes.append("Language")
    content = meta.get("Content-Type", "")
    if "charset=" not in content or "charset=CHARSET" in content:
        meta["Content-Type"] = "text/plain; charset=UTF-8"
        summary.header_changes.append("Content-Type")
        catalog.encoding = "utf-8"
    elif not _encodable(catalog):
        # a filled string the declared charset (US-ASCII, ISO-8859-1...) cannot hold: the
        # file becomes UTF-8, which holds every text the old charset could
        meta["Content-Type"] = re.sub(r"charset=[\w\-:.]+", "charset=UTF-8", content)
        summary.header_changes.append("Content-Type")
        catalog.encoding = "utf-8"
    if not meta.get("Content-Transfer-Encoding"):
        meta["Content-Transfer-Encoding"] = "8bit"
        summary.header_changes.append("Content-Transfer-Encoding")
    if "MIME-Version" not in meta:
        meta["MIME-Version"] = "1.0"
