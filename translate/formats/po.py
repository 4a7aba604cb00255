"""Gettext PO (format ``po``, ``.po``), with polib: for translators' PO editors, read and
write.

Written (``msgfmt -c`` accepts it):

* one entry per segment: ``msgctxt`` is ``<document>:<paragraph>:<segment>`` (0-based,
  as in JSONL; the document name may itself contain ``:``, the last two fields are the
  numbers), ``msgid`` the source sentence, ``msgstr`` the translation, and a ``#:``
  reference ``<document>:<line>`` when the name has no spaces;
* the term report as extracted comments (``#.``), one line per term,
  ``term <id> (<type>): <source> → <target> [<status>]``, plus ``unknown words: ...``
  and ``not translated (<kind>)`` for copied-through code blocks.  Extracted comments,
  not translator comments (``# ``): they come from the tool, editors show them
  read-only, and ``msgmerge`` refreshes them, while ``# `` comments belong to the
  translator;
* machine output flagged ``fuzzy`` (so it is not used until someone reviews it) unless
  the writer is made with ``PoWriter(fuzzy=False)``; copied-through code blocks are
  never fuzzy;
* full headers: Project-Id-Version, POT-Creation-Date and PO-Revision-Date (now, or the
  writer's ``date``), Last-Translator (Dragoman and the engine), Language-Team (the
  language's English name from CLDR), Language (gettext style, ``sr_Latn``),
  MIME-Version, Content-Type (UTF-8), Content-Transfer-Encoding, Plural-Forms (Babel's
  CLDR plural rules for the target), X-Generator, X-Source-Language.

A PO file holds one language: bitexts for several target languages are a one-line
UserError asking for one output file per language (``WRITES_ONE_TARGET``).  Several
documents into one language are fine (``msgctxt`` keeps them apart).

Where ``msgid`` starts or ends with a newline, ``msgstr`` is given the same (``msgfmt -c``
requires it; engines sometimes drop it).

:func:`read` gives bitexts back from any PO file: ``msgstr`` is used even when the entry
is fuzzy, and ``bitext.meta["fuzzy"]`` lists the fuzzy segment numbers (space-separated).
Without our ``msgctxt`` every entry is its own paragraph of one document; the exact text
between segments is not kept in PO, so it is rebuilt as a space or a blank line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO, cast

import polib

from translate import inputs
from translate.document import TERM_STATUSES, Bitext, TermHit, TermStatus
from translate.errors import UserError
from translate.formats import po_syntax
from translate.formats.base import TOOL, VERSION, require_one_target
from translate.formats.records import Record, assemble, kind_of, lang_code, to_int
from translate.i18n import _

TERM_LINE = re.compile(
    r"^term (?P<id>\S+) \((?P<type>[^)]*)\): (?P<source>.*?) → (?P<target>.*) "
    r"\[(?P<status>" + "|".join(TERM_STATUSES) + r")\]$"
)
NOT_TRANSLATED = re.compile(r"^not translated \((?P<kind>[a-z_]+)\)$")
UNKNOWN = "unknown words: "


def plural_forms(lang: str) -> str:
    """``nplurals=N; plural=EXPR;`` from Babel's plural table (CLDR, gettext conventions)
    for the language, else for its base language, else English-style two forms."""
    from babel import UnknownLocaleError
    from babel.messages.plurals import get_plural

    for candidate in (lang.replace("-", "_"), lang.split("-")[0]):
        try:
            return get_plural(candidate).plural_forms
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return "nplurals=2; plural=(n != 1);"


def term_comment(term: TermHit) -> str:
    return f"term {term.id} ({term.type}): {term.source} → {term.target} [{term.status}]"


def _po_date(when: datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M%z")


def _same_edges(msgid: str, msgstr: str) -> str:
    if msgid.startswith("\n") and not msgstr.startswith("\n"):
        msgstr = "\n" + msgstr
    if not msgid.startswith("\n"):
        msgstr = msgstr.lstrip("\n")
    if msgid.endswith("\n") and not msgstr.endswith("\n"):
        msgstr += "\n"
    if not msgid.endswith("\n"):
        msgstr = msgstr.rstrip("\n")
    return msgstr


class PoFormat:
    name = "po"
    extensions = (".po",)
    WRITES_ONE_TARGET = True

    def __init__(self, fuzzy: bool = True, date: datetime | None = None) -> None:
        self.fuzzy = fuzzy
        self.date = date

    @staticmethod
    def read(path: str | Path) -> list[Bitext]:
        """The bitexts of a PO file (see :func:`read`)."""
        return read(path)

    def write(self, bitexts: Sequence[Bitext], out: TextIO) -> None:
        out.write(str(self.catalog(bitexts)))

    def catalog(self, bitexts: Sequence[Bitext]) -> polib.POFile:
        from translate.languages import display_name

        require_one_target(bitexts, _("a PO file"), ".po")
        po = polib.POFile(wrapwidth=78)
        when = _po_date(self.date or datetime.now(UTC).replace(second=0, microsecond=0))
        target = bitexts[0].target_lang if bitexts else "en"
        source = bitexts[0].source_lang if bitexts else "en"
        engines = sorted({b.engine for b in bitexts if b.engine})
        docs = [b.document.name for b in bitexts]
        try:
            team = display_name(target)
        except UserError:
            team = target
        po.metadata = {
            "Project-Id-Version": docs[0] if len(set(docs)) == 1 else TOOL,
            "POT-Creation-Date": when,
            "PO-Revision-Date": when,
            "Last-Translator": f"{TOOL} ({', '.join(engines) or 'machine translation'})",
            "Language-Team": team,
            "Language": target.replace("-", "_"),
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": plural_forms(target),
            "X-Generator": f"{TOOL} {VERSION}",
            "X-Source-Language": source,
        }
        if engines:
            po.metadata["X-Dragoman-Engine"] = ", ".join(engines)
        po.header = f"{TOOL}: machine translation into {team}, glossary terms enforced."
        for bitext in bitexts:
            doc = bitext.document
            kinds = {p.index: p.kind for p in doc.paragraphs}
            for aligned in bitext:
                seg = aligned.segment
                comments = [term_comment(t) for t in aligned.terms]
                if aligned.unknown_words:
                    comments.append(UNKNOWN + ", ".join(aligned.unknown_words))
                if not seg.translatable:
                    comments.append(f"not translated ({kinds.get(seg.paragraph, 'code')})")
                occurrences = []
                if doc.name and not any(c.isspace() for c in doc.name):
                    occurrences.append((doc.name, str(doc.text.count("\n", 0, seg.start) + 1)))
                po.append(
                    polib.POEntry(
                        msgctxt=f"{doc.name}:{seg.paragraph}:{seg.index}",
                        msgid=seg.source,
                        msgstr=_same_edges(seg.source, aligned.target),
                        comment="\n".join(comments),
                        occurrences=occurrences,
                        flags=["fuzzy"] if self.fuzzy and seg.translatable else [],
                    )
                )
        return po


PoWriter = PoFormat
"""The name commands and tests know it by (``PoWriter(fuzzy=False)``)."""


# ----------------------------------------------------------------------------- reading


def read(path: str | Path) -> list[Bitext]:
    """The bitexts of a PO file (see the module docstring)."""
    text, encoding = inputs.read_po_text(path)
    po_syntax.check(text, path)  # polib would read a broken string as another one
    po = inputs.load_po(path, text=text)
    po.encoding = encoding
    target_lang = lang_code(po.metadata.get("Language"))
    source_lang = lang_code(po.metadata.get("X-Source-Language"))
    engine = po.metadata.get("X-Dragoman-Engine", "")
    records: list[Record] = []
    fuzzy: list[bool] = []
    number = 0
    for entry in po:
        if entry.obsolete or (not entry.msgid and not entry.msgctxt):
            continue
        doc, paragraph = Path(path).name, number
        if entry.msgctxt:
            parts = entry.msgctxt.rsplit(":", 2)
            if len(parts) == 3 and to_int(parts[1]) is not None and to_int(parts[2]) is not None:
                doc, paragraph = parts[0], int(parts[1])
        terms: list[TermHit] = []
        unknown: tuple[str, ...] = ()
        kind, translatable = "paragraph", True
        for line in (entry.comment or "").splitlines():
            found = TERM_LINE.match(line)
            copied = NOT_TRANSLATED.match(line)
            if found:
                status = cast(TermStatus, found["status"])  # TERM_LINE allows no other
                terms.append(
                    TermHit(
                        id=found["id"],
                        type=found["type"],
                        source=found["source"],
                        target=found["target"],
                        status=status,
                    )
                )
            elif line.startswith(UNKNOWN):
                unknown = tuple(w.strip() for w in line[len(UNKNOWN) :].split(",") if w.strip())
            elif copied:
                kind, translatable = kind_of(copied["kind"]), False
        msgstr = entry.msgstr
        if entry.msgid_plural:
            msgstr = entry.msgstr_plural.get(0, "") if entry.msgstr_plural else ""
        records.append(
            Record(
                doc=doc,
                source_lang=source_lang,
                target_lang=target_lang,
                source=entry.msgid,
                target=msgstr,
                paragraph=paragraph,
                kind=kind,
                translatable=translatable,
                terms=terms,
                unknown_words=unknown,
                engine=engine,
            )
        )
        fuzzy.append(entry.fuzzy)
        number += 1
    bitexts = assemble(records)
    # which segments were fuzzy, per bitext (assemble keeps the file order in each group)
    flags: dict[tuple[str, str, str], list[bool]] = {}
    for record, is_fuzzy in zip(records, fuzzy, strict=True):
        flags.setdefault((record.doc, record.source_lang, record.target_lang), []).append(is_fuzzy)
    for bitext in bitexts:
        marks = flags.get((bitext.document.name, bitext.source_lang, bitext.target_lang), [])
        bitext.meta["fuzzy"] = " ".join(str(i) for i, f in enumerate(marks) if f)
    return bitexts
