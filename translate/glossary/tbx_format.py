"""TBX glossaries (TermBase eXchange, ISO 30042): read and write.

Written: TBX-Basic, as TBX v2 (ISO 30042:2008, ``<martif>``) by default, or TBX v3
(ISO 30042:2019) in DCA style on request (``glossary convert --tbx-version 3``).  v2 is
the default because the common consumers read nothing else: translate-toolkit's TBX
reader (which Weblate uses) looks for ``martif``/``termEntry``/``langSet``/``tig``, and
so does OmegaT.  The two carry the same data categories; v2 names the elements
``martif``/``martifHeader``/``termEntry``/``langSet``/``tig``, has no namespace and adds
``<encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>`` to the
header.  v3::

    <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
      <tbxHeader><fileDesc><titleStmt><title>NAME</title></titleStmt>
        <sourceDesc><p>DESCRIPTION</p></sourceDesc></fileDesc></tbxHeader>
      <text><body>
        <conceptEntry id="ID">
          <descrip type="subjectField">person</descrip>   <!-- type; absent for other -->
          <note>NOTE</note>
          <note>case-insensitive</note>                    <!-- case_sensitive: false -->
          <langSec xml:lang="ru">
            <termSec><term>PREFERRED</term>
              <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
            <termSec><term>ADMITTED</term> ... admittedTerm-admn-sts ...</termSec>
            <termSec><term>DEPRECATED</term> ... deprecatedTerm-admn-sts ...</termSec>
            <termSec><term>FORM</term> ... preferredTerm-admn-sts ...
              <termNote type="termType">variant</termNote></termSec>
    ...

The dialect is TBX-Basic, not TBX-Core: TBX-Core has no data categories beyond the
term itself, and administrative status, term type and subject field are TBX-Basic
data categories.  The file validates against the TBX core structure schema
(TBXcoreStructV03.rng) and uses only TBX-Basic data categories and picklist values.

Mapping of the concept model:

* ``id`` -> ``conceptEntry/@id`` (an ``xs:ID``: an id that is not an XML name, e.g.
  ``1984``, is escaped as ``_x0031_984`` and unescaped on reading).
* preferred / admitted / deprecated -> one ``termSec`` each, with administrative status
  ``preferredTerm-`` / ``admittedTerm-`` / ``deprecatedTerm-admn-sts``.
* ``forms`` (declared word forms): TBX has no inflected-form category, so each form is
  a ``termSec`` with status ``preferredTerm-admn-sts`` (a form counts as correct, like
  the preferred term) and term type ``variant`` (TBX-Basic's "alternate form of a
  term").  Other tools see them as preferred variants, which is what they are.
* ``type`` -> ``descrip type="subjectField"`` (TBX-Basic has no named-entity type; the
  subject field is the concept-level classification other tools show and filter by).
* ``note`` -> a concept ``note``; ``case_sensitive: false`` -> a concept ``note`` that
  reads exactly ``case-insensitive`` (TBX-Basic has no data category for it).
* grammar, with TBX-Basic data categories and picklist values: the word class ->
  ``<termNote type="partOfSpeech">`` on every term of the language (``properNoun`` for
  proper, ``adjective`` for demonym, ``noun`` for common); ``gender``/``number`` of a
  language -> ``grammaticalGender`` (masculine, feminine, neuter) and
  ``grammaticalNumber`` (singular, plural) on its preferred term; a form's tag
  (``f.pl``) -> the same two on that form's ``termSec``.  The concept's class is read
  from its first language; when that language overrides it, a concept ``note``
  ``class: demonym`` says the concept's own class (a language's class equal to the
  concept's is not kept apart from it).
* what TBX-Basic has no category for, as notes in the style of ``case-insensitive``:
  ``keep: true`` -> a concept ``note`` ``keep-as-is``; on the preferred ``termSec`` of a
  language, one ``note`` per negative context (``not-before: sandwiches``,
  ``not-after: /regex/``), ``common-word`` / ``common-word: false`` and
  ``given-name`` / ``given-name: false`` (absent: decided by the word lists).
* glossary ``name`` -> ``titleStmt/title``; ``description`` -> ``sourceDesc/p``; the
  root ``xml:lang`` is the first language.

Reading also accepts TBX v2 (``<martif>`` with ``termEntry``/``langSet``/``tig`` or
``ntig``), TBX v3 in DCT style, and other tools' conventions:

* status ``preferredTerm``, ``standardizedTerm``, ``legalTerm``, ``regulatedTerm`` ->
  preferred; ``admittedTerm``, ``proposedTerm`` -> admitted; ``deprecatedTerm``,
  ``supersededTerm``, ``forbidden``, ``obsolete`` -> deprecated (with or without the
  ``-admn-sts`` suffix; TBX 2008 ``normativeAuthorization`` too).
* in each language the first preferred term that is not a ``variant`` is the preferred
  term and further preferred terms are forms; without any preferred term, the first
  term that is not deprecated is preferred; terms without a status are admitted.
* several ``langSec`` of one language (``en-US``, ``en-GB`` -> ``en``) are joined.
* a subject field that is not a Dragoman type (``Law``) is ignored (lint warns); part of
  speech ``properNoun``, ``adjective`` and ``noun`` are the word classes, other values
  are ignored, and so are gender and number values other than the above;
  definitions, contexts, transactions, cross references and notes below the concept
  other than the ones above are ignored; concept notes are joined with ``; ``.
* an entry without an id gets one made from its first term (marked generated, as for
  TSV rows).

All input goes through :mod:`translate.xmlsafe` (no entity expansion, no external
references: a bomb or XXE is a one-line error).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NoReturn
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape, quoteattr

from translate import languages, xmlsafe
from translate.errors import GlossaryError, UserError
from translate.glossary.grammar import Tag, parse_tag
from translate.glossary.model import (
    CONCEPT_TYPES,
    WORD_CLASSES,
    Concept,
    Glossary,
    LangTerms,
    Report,
    Reporter,
    WordClass,
    concept_type,
    read_glossary_bytes,
    unique_id,
)
from translate.i18n import N_, _

__all__ = [
    "DEFAULT_VERSION",
    "TbxFormat",
    "TbxVersion",
    "decode_id",
    "dump_tbx",
    "encode_id",
    "parse_tbx",
    "read_tbx",
    "write_tbx",
]

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CASE_NOTE = "case-insensitive"
KEEP_NOTE = "keep-as-is"
CLASS_NOTE = "class"
CONTEXT_NOTES = {"not-before": "not_before", "not-after": "not_after"}
FLAG_NOTES = {"common-word": "common_word", "given-name": "given_name"}
PART_OF_SPEECH: dict[WordClass, str] = {
    "proper": "properNoun",
    "demonym": "adjective",
    "common": "noun",
}
GENDER = {"m": "masculine", "f": "feminine", "n": "neuter"}
NUMBER = {"sg": "singular", "pl": "plural"}
_READ_POS = {value.lower(): key for key, value in PART_OF_SPEECH.items()}
_READ_GENDER = {value: key for key, value in GENDER.items()}
_READ_NUMBER = {value: key for key, value in NUMBER.items()}
_FLAGS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}
_READ_STATUS = {
    "preferredterm": "preferred",
    "standardizedterm": "preferred",
    "legalterm": "preferred",
    "regulatedterm": "preferred",
    "admittedterm": "admitted",
    "proposedterm": "admitted",
    "deprecatedterm": "deprecated",
    "supersededterm": "deprecated",
    "forbidden": "deprecated",
    "forbiddenterm": "deprecated",
    "obsolete": "deprecated",
    "obsoleteterm": "deprecated",
}
_ENTRY = ("conceptEntry", "termEntry")
_LANG = ("langSec", "langSet")
_TERM = ("termSec", "tig", "ntig")
_HINT = N_("see Interchange in docs/glossary-format.md")


# -- ids -------------------------------------------------------------------------------

_NAME_START = (
    r"A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF"
    r"\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"
    r"\U00010000-\U000EFFFF"
)
_NAME_CHAR = _NAME_START + r"\-.0-9\u00B7\u0300-\u036F\u203F-\u2040"
_START_RE = re.compile(f"[{_NAME_START}]")
_CHAR_RE = re.compile(f"[{_NAME_CHAR}]")
_ESCAPE_RE = re.compile(r"_x([0-9A-F]{4}|[0-9A-F]{8})_")


def encode_id(concept_id: str) -> str:
    """``concept_id`` as an XML name (``xs:ID``), reversibly (``1984`` -> ``_x0031_984``).

    As .NET's ``XmlConvert.EncodeLocalName``: a character not allowed at its position is
    written ``_xHHHH_``, and so is the ``_`` of a literal ``_xHHHH_``.  An id that is
    already an XML name without such a sequence is written unchanged.
    """
    out = []
    for i, char in enumerate(concept_id):
        allowed = _START_RE.match(char) if i == 0 else _CHAR_RE.match(char)
        if char == "_" and _ESCAPE_RE.match(concept_id, i):
            allowed = None
        if allowed:
            out.append(char)
        elif ord(char) > 0xFFFF:
            out.append(f"_x{ord(char):08X}_")
        else:
            out.append(f"_x{ord(char):04X}_")
    return "".join(out)


def decode_id(name: str) -> str:
    """The inverse of :func:`encode_id`."""
    return _ESCAPE_RE.sub(lambda m: chr(int(m.group(1), 16)), name)


# -- reading ---------------------------------------------------------------------------


def read_tbx(path: str | Path, *, report: Report | None = None) -> Glossary:
    """Read a ``.tbx`` file (TBX v3 or v2); see :class:`~translate.glossary.model.Reporter`."""
    data = read_glossary_bytes(path)
    if not data.strip():
        raise GlossaryError(_("empty glossary file"), path=path, hint=_(_HINT))
    return parse_tbx(data, path, report=report)


def parse_tbx(
    data: bytes | str, path: str | Path = "<glossary>", *, report: Report | None = None
) -> Glossary:
    """Parse TBX (bytes, or text) safely; ``path`` names it in messages."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    root = xmlsafe.parse_bytes(data, path)
    return _Reader(root, _element_lines(data, root), Path(str(path)), Reporter(path, report)).read()


def _element_lines(data: bytes, root: Element) -> dict[int, int]:
    """Line of each element (by ``id``): ElementTree keeps none.

    A second pass with a bare expat parser over a document :mod:`translate.xmlsafe` has
    already accepted: it loads no external DTD or entity (expat's default) and stops at
    any entity declaration, as xmlsafe does.  Lines are a convenience for messages: on
    any surprise the map is empty.
    """
    from xml.parsers import expat

    lines: list[int] = []
    parser = expat.ParserCreate()

    def refuse(*_args: object) -> NoReturn:
        raise ValueError("entity declaration")

    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = lambda *_: lines.append(parser.CurrentLineNumber)
    try:
        parser.Parse(data, True)
    except Exception:  # noqa: BLE001 - the tree itself is already parsed
        return {}
    elements = list(root.iter())
    if len(elements) != len(lines):
        return {}
    return {id(element): line for element, line in zip(elements, lines, strict=True)}


def _local(tag: object) -> tuple[str | None, str]:
    """``(namespace, local name)`` of an element tag."""
    if not isinstance(tag, str):
        return None, ""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return None, tag


def _is_tbx_ns(namespace: str | None) -> bool:
    return namespace is None or namespace.startswith("urn:iso:std:iso:30042")


def _text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _category(element: Element) -> tuple[str, str] | None:
    """``(data category, value)`` of a DCA (``<termNote type=...>``) or DCT element."""
    namespace, local = _local(element.tag)
    if _is_tbx_ns(namespace):
        if local in ("termNote", "descrip", "admin") and element.get("type"):
            return element.get("type", ""), _text(element)
        return None
    return local, _text(element)


@dataclass
class _Term:
    """One ``termSec`` (``tig``, ``ntig``) as read."""

    term: str
    status: str | None = None
    variant: bool = False
    line: int | None = None
    word_class: WordClass | None = None
    gender: str | None = None
    number: str | None = None
    notes: list[str] = field(default_factory=list)


def _note_text(element: Element) -> str:
    raw = "".join(element.itertext()).strip()
    return "\n".join(part.strip() for part in raw.splitlines())


def _flag_note(text: str) -> tuple[str, bool] | None:
    """``common-word`` -> ``("common_word", True)``; ``given-name: false`` -> ``(..., False)``."""
    key, colon, value = text.partition(":")
    attr = FLAG_NOTES.get(key.strip().lower())
    if attr is None:
        return None
    if not colon:
        return attr, True
    flag = _FLAGS.get(value.strip().lower())
    return None if flag is None else (attr, flag)


def _status(value: str) -> str | None:
    key = value.strip().lower()
    for suffix in ("-admn-sts", "-admn-st"):
        if key.endswith(suffix):
            key = key[: -len(suffix)]
    return _READ_STATUS.get(key)


class _Reader:
    def __init__(self, root: Element, lines: dict[int, int], path: Path, reporter: Reporter):
        self.root = root
        self.lines = lines
        self.path = path
        self.reporter = reporter

    def line(self, element: Element | None) -> int | None:
        return None if element is None else self.lines.get(id(element))

    def children(self, element: Element, *names: str) -> Iterable[Element]:
        for child in element:
            namespace, local = _local(child.tag)
            if _is_tbx_ns(namespace) and local in names:
                yield child

    def read(self) -> Glossary:
        namespace, local = _local(self.root.tag)
        if local not in ("tbx", "martif") or not _is_tbx_ns(namespace):
            raise GlossaryError(
                _("not a TBX file (the root element is <{local}>, not <tbx> or <martif>)").format(
                    local=local
                ),
                path=self.path,
                line=self.line(self.root),
                hint=_(_HINT),
            )
        glossary = Glossary(name=self.path.stem, path=str(self.path))
        langs: list[str] = []
        root_lang = self.root.get(XML_LANG)
        if root_lang:
            code = self.language(root_lang, self.root)
            if code:
                langs.append(code)
        for header in self.children(self.root, "tbxHeader", "martifHeader"):
            for desc in self.children(header, "fileDesc"):
                for stmt in self.children(desc, "titleStmt"):
                    for title in self.children(stmt, "title"):
                        if _text(title):
                            glossary.name = _text(title)
                for source in self.children(desc, "sourceDesc"):
                    parts = [
                        _text(p)
                        for p in self.children(source, "p")
                        if _text(p) and p.get("type") != "generator"
                    ]
                    glossary.description = " ".join(parts)
        taken: set[str] = set()
        for text in self.children(self.root, "text"):
            for body in self.children(text, "body"):
                for entry in self.children(body, *_ENTRY):
                    concept = self.entry(entry, glossary, taken)
                    if concept is None:
                        continue
                    taken.add(concept.id)
                    glossary.concepts.append(concept)
                    langs += [lang for lang in concept.terms if lang not in langs]
        if not glossary.concepts:
            self.reporter.warning(self.line(self.root), "no-entries", _("no concept entries"))
        glossary.languages = langs
        return glossary

    def language(self, code: str, element: Element) -> str | None:
        try:
            return languages.normalize(code.partition("@")[0])
        except UserError as err:
            self.reporter.error(self.line(element), "unknown-language", err.message, err.hint)
            return None

    def entry(self, entry: Element, glossary: Glossary, taken: set[str]) -> Concept | None:
        line = self.line(entry)
        concept = Concept(id="", glossary=glossary.name, path=str(self.path), line=line)
        concept.id = decode_id((entry.get("id") or "").strip())
        notes: list[str] = []
        declared_class: WordClass | None = None
        for child in entry:
            namespace, local = _local(child.tag)
            if _is_tbx_ns(namespace) and local == "note":
                text = _note_text(child)
                key, colon, value = text.partition(":")
                if text.lower() == CASE_NOTE:
                    concept.case_sensitive = False
                elif text.lower() == KEEP_NOTE:
                    concept.keep = True
                elif (
                    colon
                    and key.strip().lower() == CLASS_NOTE
                    and (named := value.strip().lower()) in WORD_CLASSES
                ):
                    declared_class = named
                elif text:
                    notes.append(text)
                continue
            descrips = [child]
            if _is_tbx_ns(namespace) and local == "descripGrp":
                descrips = list(self.children(child, "descrip"))
            for descrip in descrips:
                category = _category(descrip)
                if category and category[0] == "subjectField":
                    self.subject_field(category[1], descrip, concept)
        concept.note = "; ".join(notes)
        pending: dict[str, list[_Term]] = {}
        for lang_sec in self.children(entry, *_LANG):
            code = lang_sec.get(XML_LANG) or lang_sec.get("lang") or ""
            if not code:
                self.reporter.error(
                    self.line(lang_sec), "missing-language", _("language section without xml:lang")
                )
                continue
            lang = self.language(code, lang_sec)
            if lang is None:
                continue
            if lang not in pending:
                pending[lang] = []
                concept.terms[lang] = LangTerms(
                    preferred="", line=self.line(lang_sec), path=str(self.path)
                )
            pending[lang] += self.lang_sec(lang_sec, lang, concept)
        classes: dict[str, WordClass] = {}
        for lang, terms in pending.items():
            word_class = self.sort_terms(concept.terms[lang], terms, lang, concept)
            if word_class is False:
                del concept.terms[lang]
            elif word_class:
                classes[lang] = word_class
        # The concept's class: declared in a note, else its first language's.
        first_class: WordClass = next(
            (classes[lang] for lang in concept.terms if lang in classes), "proper"
        )
        concept.word_class = declared_class or first_class
        for lang, word_class in classes.items():
            if word_class != concept.word_class and lang in concept.terms:
                concept.terms[lang].word_class = word_class
        if not concept.terms:
            name = concept.id or "(no id)"
            self.reporter.warning(
                line, "no-terms", _("entry {name!r} has no terms").format(name=name)
            )
            return None
        if not concept.id:
            from translate.glossary.tabular_format import slug

            first = next(iter(concept.terms.values()))
            concept.id = slug(first.preferred)
            concept.generated_id = True
            if concept.id in taken:
                concept.id = unique_id(concept.id, taken)
        return concept

    def subject_field(self, value: str, element: Element, concept: Concept) -> None:
        kind = concept_type(value)
        if kind is not None:
            concept.type = kind
        else:
            self.reporter.warning(
                self.line(element),
                "ignored-subject-field",
                _("subject field {value!r} is not a Dragoman type ({types}); ignored").format(
                    value=value, types=", ".join(CONCEPT_TYPES)
                ),
            )

    def lang_sec(self, lang_sec: Element, lang: str, concept: Concept) -> list[_Term]:
        """Each term of a language section, with its status, grammar and notes."""
        out = []
        for term_sec in self.children(lang_sec, *_TERM):
            term_el = next(
                (
                    e
                    for e in term_sec.iter()
                    if _local(e.tag)[1] == "term" and _is_tbx_ns(_local(e.tag)[0])
                ),
                None,
            )
            term = _text(term_el) if term_el is not None else ""
            if not term:
                self.reporter.warning(
                    self.line(term_sec),
                    "empty-term",
                    _("empty term in {id!r} ({lang})").format(id=concept.id, lang=lang),
                )
                continue
            item = _Term(term, line=self.line(term_el))
            for element in term_sec.iter():
                namespace, local = _local(element.tag)
                if _is_tbx_ns(namespace) and local == "note":
                    text = _note_text(element)
                    if text:
                        item.notes.append(text)
                    continue
                category = _category(element)
                if category is None:
                    continue
                name, value = category
                key = value.strip().lower()
                if name in ("administrativeStatus", "normativeAuthorization"):
                    item.status = _status(value) or item.status
                elif name == "termType" and value == "variant":
                    item.variant = True
                elif name == "partOfSpeech":
                    item.word_class = _READ_POS.get(key.replace(" ", "")) or item.word_class
                elif name == "grammaticalGender":
                    item.gender = _READ_GENDER.get(key) or item.gender
                elif name == "grammaticalNumber":
                    item.number = _READ_NUMBER.get(key) or item.number
            out.append(item)
        return out

    def sort_terms(
        self, block: LangTerms, terms: list[_Term], lang: str, concept: Concept
    ) -> WordClass | Literal[False] | None:
        """Sort a language's terms into preferred, admitted, deprecated and forms, with
        their grammar and notes.  The language's word class (its preferred term's part
        of speech, else the first term's that has one), None without one, False when
        the language has no usable term."""
        chosen = next(
            (i for i, t in enumerate(terms) if t.status == "preferred" and not t.variant),
            None,
        )
        if chosen is None:
            chosen = next((i for i, t in enumerate(terms) if t.status == "preferred"), None)
        if chosen is None:
            chosen = next((i for i, t in enumerate(terms) if t.status != "deprecated"), None)
        if chosen is None:
            if terms:
                self.reporter.warning(
                    block.line,
                    "no-preferred",
                    _("only deprecated terms for {id!r} ({lang}); language ignored").format(
                        id=concept.id, lang=lang
                    ),
                )
            return False
        for i, item in enumerate(terms):
            term, status = item.term, item.status
            if item.line is not None:
                block.term_lines.setdefault(term, item.line)
            if i == chosen:
                block.preferred = term
                block.gender = item.gender
                block.number = item.number
            elif status == "preferred":
                block.forms.append(term)
                tag = str(Tag(item.gender, item.number))
                if tag:
                    block.form_tags.setdefault(term, tag)
            elif status == "deprecated":
                block.deprecated.append(term)
            else:
                block.admitted.append(term)
            for note in item.notes:
                self.term_note(block, note)
        preferred = terms[chosen]
        return preferred.word_class or next((t.word_class for t in terms if t.word_class), None)

    @staticmethod
    def term_note(block: LangTerms, note: str) -> None:
        """A note of a term that carries a field TBX-Basic has no category for."""
        key, colon, value = note.partition(":")
        attr = CONTEXT_NOTES.get(key.strip().lower())
        if attr is not None and colon:
            context = value.strip()
            if context and context not in getattr(block, attr):
                getattr(block, attr).append(context)
            return
        flag = _flag_note(note)
        if flag is not None:
            setattr(block, flag[0], flag[1])


# -- writing ---------------------------------------------------------------------------


def _source_language(glossary: Glossary, source: str | None) -> str:
    if source:
        return languages.normalize(source)
    if glossary.languages:
        return glossary.languages[0]
    for concept in glossary:
        for lang in concept.terms:
            return lang
    return "en"


TbxVersion = Literal[2, 3]
DEFAULT_VERSION: TbxVersion = 2
"""TBX v2 (``martif``) unless asked otherwise: translate-toolkit's reader (and so
Weblate) and OmegaT read only v2."""
_NAMES: dict[int, dict[str, str]] = {
    2: {
        "root": "martif",
        "header": "martifHeader",
        "entry": "termEntry",
        "lang": "langSet",
        "term": "tig",
    },
    3: {
        "root": "tbx",
        "header": "tbxHeader",
        "entry": "conceptEntry",
        "lang": "langSec",
        "term": "termSec",
    },
}


def dump_tbx(glossary: Glossary, source_lang: str | None = None, version: TbxVersion = 3) -> str:
    """The glossary as TBX-Basic text, v3 (DCA style) or v2 (``martif``); see the module
    docstring.  Files are written as :data:`DEFAULT_VERSION` (:class:`TbxFormat`,
    ``glossary convert``); this text function gives v3 unless asked.

    Concepts without terms are left out (TBX needs a language section with a term).
    Raises :class:`UserError` for an id given twice (TBX ids are unique).
    """
    seen: dict[str, str] = {}
    for concept in glossary:
        name = encode_id(concept.id)
        if name in seen:
            raise GlossaryError(
                _("concept id {id!r} is given twice; TBX needs unique ids").format(id=concept.id),
                path=concept.path or glossary.path or None,
                line=concept.line,
                hint=_("run 'translate glossary lint' and rename one"),
            )
        seen[name] = concept.id
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    lang = _source_language(glossary, source_lang)
    names = _NAMES[version]
    if version == 2:
        out.append(f'<martif type="TBX-Basic" xml:lang={quoteattr(lang)}>\n')
    else:
        out.append(
            f'<tbx type="TBX-Basic" style="dca" xml:lang={quoteattr(lang)} xmlns="{NAMESPACE}">\n'
        )
    out.append(f"  <{names['header']}>\n    <fileDesc>\n")
    if glossary.name:
        out.append(
            f"      <titleStmt>\n        <title>{_esc(glossary.name)}</title>\n      </titleStmt>\n"
        )
    description = glossary.description or f"Glossary {glossary.name}".strip()
    attrs = "" if glossary.description else ' type="generator"'
    out.append(
        f"      <sourceDesc>\n        <p{attrs}>{_esc(description)}</p>\n      </sourceDesc>\n"
    )
    out.append("    </fileDesc>\n")
    if version == 2:
        # the TBX-Basic v2 constraint specification, as TBX-Basic files name it
        out.append('    <encodingDesc>\n      <p type="XCSURI">TBXBasicXCSV02.xcs</p>\n')
        out.append("    </encodingDesc>\n")
    out.append(f"  </{names['header']}>\n")
    concepts = [c for c in glossary if c.terms]
    if not concepts:
        # v2's DTD requires a body; v3's schema allows an empty text
        out.append(
            "  <text>\n    <body/>\n  </text>\n</martif>\n"
            if version == 2
            else "  <text/>\n</tbx>\n"
        )
        return "".join(out)
    out.append("  <text>\n    <body>\n")
    for concept in concepts:
        out.append(f"      <{names['entry']} id={quoteattr(encode_id(concept.id))}>\n")
        if concept.type != "other":
            out.append(f'        <descrip type="subjectField">{concept.type}</descrip>\n')
        if concept.note:
            out.append(f"        <note>{_esc(concept.note)}</note>\n")
        if not concept.case_sensitive:
            out.append(f"        <note>{CASE_NOTE}</note>\n")
        if concept.keep:
            out.append(f"        <note>{KEEP_NOTE}</note>\n")
        first = next(iter(concept.terms.values()))
        if first.word_class and first.word_class != concept.word_class:
            # the reader takes the first language's class for the concept's: say it
            out.append(f"        <note>{CLASS_NOTE}: {concept.word_class}</note>\n")
        for code, block in concept.terms.items():
            out.append(f"        <{names['lang']} xml:lang={quoteattr(code)}>\n")
            pos = PART_OF_SPEECH[concept.word_class_in(code)]
            rows: list[tuple[str, str, bool, Tag | None, list[str]]] = [
                (
                    block.preferred,
                    "preferred",
                    False,
                    Tag(block.gender, block.number),
                    _block_notes(block),
                )
            ]
            rows += [(t, "admitted", False, None, []) for t in block.admitted]
            rows += [(t, "deprecated", False, None, []) for t in block.deprecated]
            rows += [
                (t, "preferred", True, parse_tag(block.form_tags.get(t, "")), [])
                for t in block.forms
            ]
            for term, status, variant, tag, notes in rows:
                out.append(f"          <{names['term']}>\n            <term>{_esc(term)}</term>\n")
                out.append(
                    '            <termNote type="administrativeStatus">'
                    f"{STATUS[status]}</termNote>\n"
                )
                if variant:
                    out.append('            <termNote type="termType">variant</termNote>\n')
                out.append(f'            <termNote type="partOfSpeech">{pos}</termNote>\n')
                if tag is not None and tag.gender in GENDER:
                    out.append(
                        '            <termNote type="grammaticalGender">'
                        f"{GENDER[tag.gender]}</termNote>\n"
                    )
                if tag is not None and tag.number in NUMBER:
                    out.append(
                        '            <termNote type="grammaticalNumber">'
                        f"{NUMBER[tag.number]}</termNote>\n"
                    )
                out += [f"            <note>{_esc(note)}</note>\n" for note in notes]
                out.append(f"          </{names['term']}>\n")
            out.append(f"        </{names['lang']}>\n")
        out.append(f"      </{names['entry']}>\n")
    out.append(f"    </body>\n  </text>\n</{names['root']}>\n")
    return "".join(out)


def _block_notes(block: LangTerms) -> list[str]:
    """Notes for the fields of a language that TBX-Basic has no data category for."""
    notes = [f"not-before: {c}" for c in block.not_before]
    notes += [f"not-after: {c}" for c in block.not_after]
    for name, attr in FLAG_NOTES.items():
        value = getattr(block, attr)
        if value is not None:
            notes.append(name if value else f"{name}: false")
    return notes


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _esc(text: str) -> str:
    return escape(_XML_INVALID.sub("", text))


def write_tbx(
    glossary: Glossary,
    path: str | Path,
    source_lang: str | None = None,
    version: TbxVersion = DEFAULT_VERSION,
) -> None:
    """Write the glossary to ``path`` as TBX (UTF-8)."""
    Path(path).write_text(dump_tbx(glossary, source_lang, version), encoding="utf-8")


class TbxFormat:
    """TBX, as :data:`translate.glossary.GLOSSARY_FORMATS` lists it."""

    name = "tbx"
    extensions = (".tbx",)
    version: TbxVersion = DEFAULT_VERSION

    def read(
        self, path: str | Path, *, report: Report | None = None, **pair: str | None
    ) -> Glossary:
        return read_tbx(path, report=report)  # a TBX file names its languages

    def write(
        self, glossary: Glossary, path: str | Path, languages: Sequence[str] | None = None
    ) -> None:
        write_tbx(glossary, path, languages[0] if languages else None, self.version)
