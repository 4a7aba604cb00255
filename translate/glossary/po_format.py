"""PO glossaries (gettext, via polib): one language pair.  Read and write.

Each concept is one entry::

    #. type: person
    #. note: Iranian foreign minister 2021-2024
    #. en admitted: Amir-Abdollahian
    #. en deprecated: Amir Abdollahiyan
    #. es deprecated: Hossein Amir-Abdollahian
    msgctxt "amir-abdollahian"
    msgid "Hossein Amir-Abdollahian"
    msgstr "Hosein Amir Abdolahian"

* ``msgctxt`` is the concept id (it also keeps two concepts with one source term apart);
  ``msgid`` the preferred source term, ``msgstr`` the preferred target term.  A concept
  without a target term is written untranslated (``msgstr ""``), for a translator to
  fill in; a concept without a source term cannot be written (``msgid`` is the key).
* Extracted comments (``#.``) carry the rest, one item a line: ``type: ...``,
  ``note: ...`` (one line per line of the note), ``case-insensitive``, ``class: ...``
  (demonym or common; absent for proper), ``keep`` (a keep-as-is entry), and for each of
  the two languages:

  - ``LANG admitted|deprecated|form: TERM`` for the other renderings, and
    ``LANG form TAG: TERM`` for a form with a declared grammar tag
    (``es form f.pl: armenias``);
  - ``LANG gender: m|f|n``, ``LANG number: sg|pl``, ``LANG class: ...`` (the class of
    that language when it differs from the concept's);
  - ``LANG not_before: WORD`` and ``LANG not_after: WORD`` (one context a line, a
    ``/regex/`` as written), ``LANG common_word: true|false``,
    ``LANG given_name: true|false``.

  For example::

      #. class: demonym
      #. en form: Armenians
      #. es form f.sg: armenia
      #. es form f.pl: armenias
      msgctxt "armenian"
      msgid "Armenian"
      msgstr "armenio"
* The pair: the header's ``Language`` is the target and ``X-Source-Language`` the source
  (a header comment ``Source language: xx`` is read too).  A header overrides languages
  given by the caller; without one they come from ``--from``/``--to``.
  ``Project-Id-Version`` is the glossary name, a header comment ``Description: ...`` its
  description.

Reading others' PO files: an entry without ``msgctxt`` gets an id made from its source
term (marked generated, as for TSV rows); fuzzy translations are treated as untranslated
(the draft is not a decision); obsolete entries (``#~``) and plural forms are ignored;
translator comments (``#``) are ignored.  Other languages of a concept cannot be
expressed in a PO file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import polib

from translate import inputs, languages
from translate.errors import GlossaryError, UserError
from translate.glossary.grammar import parse_tag
from translate.glossary.model import (
    GENDERS,
    NUMBERS,
    WORD_CLASSES,
    Concept,
    Glossary,
    LangTerms,
    Report,
    Reporter,
    bad_type_message,
    concept_type,
    read_glossary_text,
    unique_id,
)
from translate.i18n import N_, _

__all__ = ["PoFormat", "read_po", "parse_po", "dump_po", "write_po", "po_pair"]

_KINDS = {"admitted": "admitted", "deprecated": "deprecated", "form": "forms"}
_CHOICES = {"gender": GENDERS, "number": NUMBERS, "class": WORD_CLASSES}
_CONTEXTS = ("not_before", "not_after")
_FLAG_KEYS = ("common_word", "given_name")
_FLAGS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
_ITEM = re.compile(
    r"^([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)\s+(admitted|deprecated|form)"
    r"(?:\s+([A-Za-z][A-Za-z.\-]*))?:\s*(.*)$"
)
_LANG_FIELD = re.compile(
    r"^([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)\s+"
    r"(gender|number|class|not[_-]before|not[_-]after|common[_-]word|given[_-]name):\s*(.*)$",
    re.IGNORECASE,
)
_SOURCE_COMMENT = re.compile(r"^\s*source[- ]language:\s*(\S+)", re.IGNORECASE | re.MULTILINE)
_DESCRIPTION_COMMENT = re.compile(r"^\s*description:\s*(.*)$", re.IGNORECASE | re.MULTILINE)
_PAIR_HINT = N_("give --from and --to, or set Language and X-Source-Language in the PO header")


def _code(value: str) -> str:
    """A PO ``Language`` value (``pt_BR``, ``sr@latin``) as a language code."""
    return languages.normalize(value.strip().partition("@")[0])


# -- reading ---------------------------------------------------------------------------


def read_po(
    path: str | Path,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    report: Report | None = None,
) -> Glossary:
    """Read a ``.po`` glossary (see the module docstring)."""
    return parse_po(
        read_glossary_text(path),
        path,
        source_lang=source_lang,
        target_lang=target_lang,
        report=report,
    )


def _parse(text: str, path: str | Path) -> polib.POFile:
    """The PO text parsed by the input layer's loader (errors are GlossaryErrors)."""
    return inputs.load_po(path, text=text, error=GlossaryError, wrapwidth=0)


def po_pair(
    po: polib.POFile, path: str | Path, source_lang: str | None, target_lang: str | None
) -> tuple[str, str]:
    """The ``(source, target)`` of a parsed PO file: its header, else the caller's."""
    source = po.metadata.get("X-Source-Language", "").strip()
    if not source:
        found = _SOURCE_COMMENT.search(po.header or "")
        source = found.group(1) if found else ""
    target = po.metadata.get("Language", "").strip()
    source = source or (source_lang or "")
    target = target or (target_lang or "")
    if not (source and target):
        missing = " and ".join(
            name for name, value in (("source", source), ("target", target)) if not value
        )
        raise GlossaryError(
            _("the PO glossary does not say its {missing} language").format(missing=missing),
            path=path,
            hint=_(_PAIR_HINT),
        )
    try:
        pair = (_code(source), _code(target))
    except UserError as err:
        raise GlossaryError(err.message, path=path, hint=err.hint) from None
    if pair[0] == pair[1]:
        raise GlossaryError(
            _("source and target language are both {lang!r}").format(lang=pair[0]),
            path=path,
            hint=_(_PAIR_HINT),
        )
    return pair


def parse_po(
    text: str,
    path: str | Path = "<glossary>",
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    report: Report | None = None,
) -> Glossary:
    """Parse the text of a PO glossary (``path`` names it in messages)."""
    from translate.glossary.tabular_format import slug

    reporter = Reporter(path, report)
    po = _parse(text, path)
    source, target = po_pair(po, path, source_lang, target_lang)
    glossary = Glossary(name=Path(str(path)).stem, path=str(path), languages=[source, target])
    name = po.metadata.get("Project-Id-Version", "").strip()
    if name and name != "PACKAGE VERSION":
        glossary.name = name
    found = _DESCRIPTION_COMMENT.search(po.header or "")
    if found:
        glossary.description = found.group(1).strip()
    taken: set[str] = set()
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        line = entry.linenum
        if entry.msgid_plural:
            reporter.warning(
                line, "plural", _("plural entry {msgid!r} ignored").format(msgid=entry.msgid)
            )
            continue
        concept = Concept(id="", glossary=glossary.name, path=str(path), line=line)
        term = " ".join(entry.msgid.split())
        if not term:
            reporter.warning(line, "empty-term", _("entry with an empty source term ignored"))
            continue
        concept.terms[source] = LangTerms(
            preferred=term, line=line, term_lines=_lines(term, line), path=str(path)
        )
        translation = " ".join(entry.msgstr.split())
        if entry.fuzzy and translation:
            reporter.warning(
                line,
                "fuzzy",
                _("fuzzy translation of {term!r} ignored (not reviewed)").format(term=term),
            )
            translation = ""
        if translation:
            concept.terms[target] = LangTerms(
                preferred=translation,
                line=line,
                term_lines=_lines(translation, line),
                path=str(path),
            )
        notes: list[str] = []
        for comment in (entry.comment or "").splitlines():
            item = comment.strip()
            key, colon, value = item.partition(":")
            key, value = key.strip().lower(), value.strip()
            term_item = _ITEM.match(item)
            if not item:
                continue
            if key == "type" and colon:
                kind = concept_type(value)
                if kind is not None:
                    concept.type = kind
                else:
                    reporter.error(line, "bad-type", *bad_type_message(value))
            elif key == "note" and colon:
                notes.append(value)
            elif item.lower() == "case-insensitive":
                concept.case_sensitive = False
            elif item.lower() in ("keep", "keep-as-is"):
                concept.keep = True
            elif key == "class" and colon:
                word_class = reporter.choice(line, value, "'class'", WORD_CLASSES)
                if word_class:
                    concept.word_class = word_class  # type: ignore[assignment]
            elif term_item:
                other = " ".join(term_item.group(4).split())
                variant, tag = term_item.group(2), term_item.group(3)
                block = _block(concept, term_item.group(1))
                if block is None:
                    reporter.warning(
                        line,
                        "ignored-comment",
                        _("{kind} term {term!r}: no {lang} term in this entry; ignored").format(
                            kind=variant, term=other, lang=term_item.group(1)
                        ),
                    )
                elif tag and (variant != "form" or parse_tag(tag) is None):
                    reporter.error(
                        line,
                        "bad-tag",
                        _("{tag!r} in {item!r} is not a grammar tag").format(tag=tag, item=item),
                        _("write gender.number, e.g. f.pl, m.sg, pl"),
                    )
                elif other:
                    getattr(block, _KINDS[variant]).append(other)
                    if line is not None:
                        block.term_lines.setdefault(other, line)
                    if tag:
                        block.form_tags.setdefault(other, tag)
            elif field := _LANG_FIELD.match(item):
                _lang_field(concept, field, item, reporter, line)
        concept.note = "\n".join(notes).strip()
        if entry.msgctxt:
            concept.id = entry.msgctxt.strip()
        if not concept.id:
            concept.id = slug(term)
            concept.generated_id = True
            if concept.id in taken:
                concept.id = unique_id(concept.id, taken)
        taken.add(concept.id)
        glossary.concepts.append(concept)
    if not glossary.concepts:
        reporter.warning(None, "no-entries", _("no entries"))
    return glossary


def _lines(term: str, line: int | None) -> dict[str, int]:
    """``term_lines`` for one term (polib gives no line for an entry it built itself)."""
    return {term: line} if line is not None else {}


def _block(concept: Concept, code: str) -> LangTerms | None:
    try:
        return concept.terms.get(_code(code))
    except UserError:
        return None


def _lang_field(
    concept: Concept, found: re.Match, item: str, reporter: Reporter, line: int | None
) -> None:
    """``es gender: f``, ``en not_before: sandwiches``, ``en common_word: true`` ..."""
    code, key, value = found.group(1), found.group(2).lower().replace("-", "_"), found.group(3)
    value = value.strip()
    block = _block(concept, code)
    if block is None:
        reporter.warning(
            line,
            "ignored-comment",
            _("{item!r}: no {lang} term in this entry; ignored").format(item=item, lang=code),
        )
        return
    what = f"{key!r} of {code}"
    if key in _CHOICES:
        chosen = reporter.choice(line, value, what, _CHOICES[key])
        if chosen:
            setattr(block, "word_class" if key == "class" else key, chosen)
    elif key in _CONTEXTS:
        if value and value not in getattr(block, key):
            getattr(block, key).append(value)
    elif value.lower() in _FLAGS:
        setattr(block, key, _FLAGS[value.lower()])
    else:
        reporter.error(line, "wrong-type", _("{what} must be true or false").format(what=what))


def _comments(lang: str, block: LangTerms) -> list[str]:
    """The extracted comments of one language of a concept."""
    out = [f"{lang} admitted: {term}" for term in block.admitted]
    out += [f"{lang} deprecated: {term}" for term in block.deprecated]
    for term in block.forms:
        tag = block.form_tags.get(term)
        out.append(f"{lang} form {tag}: {term}" if tag else f"{lang} form: {term}")
    for key, attr in (("gender", "gender"), ("number", "number"), ("class", "word_class")):
        if getattr(block, attr):
            out.append(f"{lang} {key}: {getattr(block, attr)}")
    for key in _CONTEXTS:
        out += [f"{lang} {key}: {context}" for context in getattr(block, key)]
    for key in _FLAG_KEYS:
        if getattr(block, key) is not None:
            out.append(f"{lang} {key}: {'true' if getattr(block, key) else 'false'}")
    return out


# -- writing ---------------------------------------------------------------------------


def _pair(glossary: Glossary, langs: Sequence[str] | None) -> tuple[str, str]:
    codes = [languages.normalize(c) for c in langs] if langs else list(glossary.languages)
    if not codes:
        codes = list(dict.fromkeys(lang for concept in glossary for lang in concept.terms))
    if len(codes) != 2:
        raise GlossaryError(
            _("a PO glossary holds one language pair, not {count} languages").format(
                count=len(codes)
            ),
            path=glossary.path or None,
            hint=_("give the pair with --from and --to"),
        )
    if codes[0] == codes[1]:
        raise GlossaryError(_("source and target language are both {lang!r}").format(lang=codes[0]))
    return codes[0], codes[1]


def dump_po(glossary: Glossary, langs: Sequence[str] | None = None) -> str:
    """The glossary as PO text for the pair ``langs`` (``[source, target]``).

    Concepts without a source term are left out; without a target term they are
    written untranslated.  Raises :class:`UserError` for an id given twice (PO needs
    each ``msgctxt``/``msgid`` once).
    """
    source, target = _pair(glossary, langs)
    po = polib.POFile(wrapwidth=0, encoding="utf-8")
    header = [f"Dragoman glossary: {glossary.name}"]
    if glossary.description:
        header.append(f"Description: {' '.join(glossary.description.split())}")
    header.append(f"Source language: {source}")
    header.append(
        "msgctxt is the concept id; type, note, other renderings and grammar are in #. "
        "comments (docs/glossary-format.md)."
    )
    po.header = "\n".join(header)
    po.metadata = {
        "Project-Id-Version": glossary.name,
        "PO-Revision-Date": "",
        "Last-Translator": "",
        "Language-Team": "",
        "Language": target,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": source,
    }
    seen: dict[str, int | None] = {}
    for concept in glossary:
        if source not in concept.terms:
            continue
        if concept.id in seen:
            raise GlossaryError(
                _("concept id {id!r} is given twice; a PO glossary needs unique ids").format(
                    id=concept.id
                ),
                path=concept.path or glossary.path or None,
                line=concept.line,
                hint=_("run 'translate glossary lint' and rename one"),
            )
        seen[concept.id] = concept.line
        comments: list[str] = []
        if concept.type != "other":
            comments.append(f"type: {concept.type}")
        if concept.note:
            comments += [f"note: {line}" for line in concept.note.splitlines()]
        if not concept.case_sensitive:
            comments.append("case-insensitive")
        if concept.word_class != "proper":
            comments.append(f"class: {concept.word_class}")
        if concept.keep:
            comments.append("keep")
        for lang in (source, target):
            block = concept.terms.get(lang)
            if block is not None:
                comments += _comments(lang, block)
        po.append(
            polib.POEntry(
                msgctxt=concept.id,
                msgid=concept.terms[source].preferred,
                msgstr=concept.terms[target].preferred if target in concept.terms else "",
                comment="\n".join(comments),
            )
        )
    text = str(po)
    return text if text.endswith("\n") else text + "\n"


def write_po(glossary: Glossary, path: str | Path, langs: Sequence[str] | None = None) -> None:
    """Write the pair ``langs`` of the glossary to ``path`` as a PO file."""
    Path(path).write_text(dump_po(glossary, langs), encoding="utf-8")


class PoFormat:
    """A gettext PO pair, as :data:`translate.glossary.GLOSSARY_FORMATS` lists it."""

    name = "po"
    extensions = (".po",)

    def read(
        self, path: str | Path, *, report: Report | None = None, **pair: str | None
    ) -> Glossary:
        return read_po(path, report=report, **pair)

    def write(
        self, glossary: Glossary, path: str | Path, languages: Sequence[str] | None = None
    ) -> None:
        write_po(glossary, path, languages)
