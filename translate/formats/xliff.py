"""XLIFF 2.1 (format ``xliff``, ``.xlf``/``.xliff``): for CAT tools, read and write.

Written (valid against the OASIS XLIFF 2.1 core schema and the Glossary, Metadata and
ITS module schemas):

* one ``<file>`` per document (``original`` = its name, relative and unique
  (:func:`~translate.formats.xliff_common.file_originals`), ``srcDir``/``trgDir`` from
  CLDR's script direction), with ``<mda:metadata>`` recording the document format and
  the engine;
* one ``<unit>`` per paragraph (``type="dragoman:<kind>"``), one ``<segment>`` per
  sentence; the text between sentences (spaces, paragraph breaks, Markdown markers) in
  ``<ignorable>`` elements, so the article is rebuilt exactly; code blocks and other
  untranslatable blocks are a unit with ``translate="no"`` (a single untranslatable
  segment inside a translatable unit is wrapped in ``<mrk translate="no">``);
* ``state="initial"`` on machine output, so CAT tools show it as needing review (as the
  PO writer marks it fuzzy; ``translated`` would tell them a translator wrote it), with
  ``subState="dragoman:mt"``, or ``subState="dragoman:term-missing"`` when
  a glossary term could not be placed, else ``subState="dragoman:term-ambiguous"`` when
  a term is ambiguous: the source word may not be the concept and the engine's rendering
  was kept; in both cases a ``<note>`` per term saying which, category
  ``dragoman:term-missing`` or ``dragoman:term-ambiguous``), ``state="final"`` on
  copied-through untranslatable segments;
* every term occurrence a ``<mrk type="term">`` in the source and, where it was placed
  (enforced or corrected), the same ``id`` in the target; ``value`` is a readable summary,
  ``its:termConfidence="1"`` (a glossary match, not a guess, with
  ``its:annotatorsRef`` on the root), and ``dg:`` attributes (our namespace) carry the
  concept id, type, status, preferred target form and glossary name;
* a ``<gls:glossary>`` per unit with one ``<gls:glossEntry>`` per concept used in it
  (``ref`` to its first source mark), ``<gls:term>`` the source form and
  ``<gls:translation>`` the desk's target form, ``source`` = the glossary name.

An XLIFF 2 document has one ``trgLang``: several target languages are a one-line
UserError (``WRITES_ONE_TARGET``), so the CLI can refuse before translating.

:func:`read` gives the bitexts back (and reads XLIFF 1.2 too, through
:mod:`translate.formats.xliff12`); XML is read with :func:`translate.inputs.read_xml`.  What the
two versions share is in :mod:`translate.formats.xliff_common`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO
from xml.etree.ElementTree import Element

from translate import inputs
from translate.document import TERM_STATUSES, AlignedSegment, Bitext, TermHit
from translate.errors import FormatError, UserError
from translate.formats import xliff12
from translate.formats.base import paragraph_units, require_one_target
from translate.formats.records import Record, assemble, kind_of, lang_code
from translate.formats.terms import render_marked, source_spans, target_spans
from translate.formats.xliff_common import (
    NS,
    file_originals,
    inline_text,
    qname,
    review_note,
)
from translate.formats.xml_writing import INVALID_XML, attrs, xml_text
from translate.i18n import _

__all__ = ["XliffFormat", "read"]

GLS = "urn:oasis:names:tc:xliff:glossary:2.0"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
ITS = "http://www.w3.org/2005/11/its"
DG = "urn:dragoman:xliff:1"
ANNOTATOR = "terminology|urn:dragoman:glossary"


def _text(text: str) -> str:
    """Character data; characters XML cannot carry become ``<cp hex="..."/>``."""
    out, pos = [], 0
    for found in INVALID_XML.finditer(text):
        out.append(xml_text(text[pos : found.start()]))
        out.append(f'<cp hex="{ord(found.group()):04X}"/>')
        pos = found.end()
    out.append(xml_text(text[pos:]))
    return "".join(out)


def _dir(lang: str) -> str:
    from translate.languages import is_rtl

    try:
        return "rtl" if is_rtl(lang) else "ltr"
    except UserError:
        return "auto"


def _mrk(term: TermHit, mark_id: str) -> str:
    summary = " · ".join(p for p in (term.id, term.type, term.status) if p)
    return (
        "<mrk"
        + attrs(
            id=mark_id,
            type="term",
            value=summary,
            its__termConfidence="1",
            dg__id=term.id,
            dg__type=term.type or None,
            dg__status=term.status,
            dg__target=term.target,
            dg__glossary=term.glossary or None,
        )
        + ">"
    )


def _marked(ids: dict[int, str]):
    """A ``render_marked`` callback: the term's ``<mrk>`` with the id of its source mark."""
    return lambda escaped, term, _n: _mrk(term, ids[id(term)]) + escaped + "</mrk>"


class XliffFormat:
    name = "xliff"
    extensions = (".xlf", ".xliff")
    WRITES_ONE_TARGET = True

    @staticmethod
    def read(path: str | Path) -> list[Bitext]:
        """The bitexts of an XLIFF 2.x or 1.2 file (see :func:`read`)."""
        return read(path)

    def write(self, bitexts: Sequence[Bitext], out: TextIO) -> None:
        if not bitexts:
            raise UserError(_("nothing to write: XLIFF needs at least one document"))
        require_one_target(bitexts, _("an XLIFF 2 file"), ".xlf")
        first = bitexts[0]
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(
            f'<xliff xmlns="{NS}" xmlns:gls="{GLS}" xmlns:mda="{MDA}" xmlns:its="{ITS}" '
            f'xmlns:dg="{DG}"'
            + attrs(version="2.1", srcLang=first.source_lang, trgLang=first.target_lang)
            + attrs(its__annotatorsRef=ANNOTATOR)
            + ">\n"
        )
        originals = file_originals([(b.document.name, b.target_lang) for b in bitexts])
        for number, (bitext, original) in enumerate(zip(bitexts, originals, strict=True), 1):
            self._file(bitext, number, original, out)
        out.write("</xliff>\n")

    def _file(self, bitext: Bitext, number: int, original: str, out: TextIO) -> None:
        doc = bitext.document
        out.write(
            "  <file"
            + attrs(
                id=f"f{number}",
                original=original,
                srcDir=_dir(bitext.source_lang),
                trgDir=_dir(bitext.target_lang),
            )
            + ">\n"
        )
        out.write('    <mda:metadata>\n      <mda:metaGroup category="dragoman">\n')
        out.write(f'        <mda:meta type="format">{xml_text(doc.format)}</mda:meta>\n')
        if bitext.engine:
            out.write(f'        <mda:meta type="engine">{xml_text(bitext.engine)}</mda:meta>\n')
        out.write("      </mda:metaGroup>\n    </mda:metadata>\n")
        for paragraph, kind, segments, before in paragraph_units(bitext):
            self._unit(paragraph, kind, segments, before, out)
        out.write("  </file>\n")

    def _unit(
        self, paragraph: int, kind: str, segments: list[AlignedSegment], before: str, out: TextIO
    ) -> None:
        untranslatable = all(not a.segment.translatable for a in segments)
        out.write(
            "    <unit"
            + attrs(
                id=f"u{paragraph}",
                type=f"dragoman:{kind}",
                translate="no" if untranslatable else None,
            )
            + ">\n"
        )
        # glossary entries: one per concept used in the unit, pointing at its first mark
        entries: dict[tuple[str, str], tuple[TermHit, str | None]] = {}
        rendered = []
        review: list[TermHit] = []
        for aligned in segments:
            seg = aligned.segment
            ids = {id(t): f"m{seg.index}-{k}" for k, t in enumerate(aligned.terms)}
            src_spans = source_spans(seg.source, aligned.terms)
            marked = {id(t) for _, _, t in src_spans}
            tgt_spans = [
                s for s in target_spans(aligned.target, aligned.terms) if id(s[2]) in marked
            ]
            for term in aligned.terms:
                key = (term.id, term.target)
                if key not in entries:
                    entries[key] = (term, ids[id(term)] if id(term) in marked else None)
                elif entries[key][1] is None and id(term) in marked:
                    entries[key] = (term, ids[id(term)])
                if review_note(term) is not None:
                    review.append(term)
            source = render_marked(seg.source, src_spans, _text, _marked(ids))
            target = render_marked(aligned.target, tgt_spans, _text, _marked(ids))
            if not seg.translatable and not untranslatable:
                source = f'<mrk id="n{seg.index}" translate="no">{source}</mrk>'
                target = f'<mrk id="n{seg.index}" translate="no">{target}</mrk>'
            rendered.append((aligned, source, target))
        if entries:
            out.write("      <gls:glossary>\n")
            for number, (term, ref) in enumerate(entries.values()):
                source_attr = attrs(source=term.glossary or None)
                out.write(
                    "        <gls:glossEntry"
                    + attrs(id=f"g{paragraph}-{number}", ref=f"#{ref}" if ref else None)
                    + ">\n"
                )
                out.write(f"          <gls:term{source_attr}>{_text(term.source)}</gls:term>\n")
                translation = _text(term.target)
                out.write(
                    f"          <gls:translation{source_attr}>{translation}</gls:translation>\n"
                )
                out.write("        </gls:glossEntry>\n")
            out.write("      </gls:glossary>\n")
        issues = [i for a in segments for i in a.issues]
        if review or issues:
            out.write("      <notes>\n")
            for term in review:
                category, text = review_note(term)  # type: ignore[misc]
                out.write(
                    "        <note"
                    + attrs(category=category, appliesTo="target", priority="1")
                    + f">{_text(text)}</note>\n"
                )
            for issue in issues:
                out.write(
                    "        <note"
                    + attrs(category="dragoman-issue", appliesTo="target", priority="1")
                    + f">{_text(issue)}</note>\n"
                )
            out.write("      </notes>\n")
        if before:
            out.write(
                '      <ignorable id="before"><source xml:space="preserve">'
                f"{_text(before)}</source></ignorable>\n"
            )
        for aligned, source, target in rendered:
            seg = aligned.segment
            if not seg.translatable:
                state, sub = "final", None
            else:
                # machine output nobody has reviewed: "initial", as PO marks it fuzzy
                state = "initial"
                statuses = {t.status for t in aligned.terms}
                sub = (
                    "dragoman:term-missing"
                    if "missing" in statuses
                    else "dragoman:term-ambiguous"
                    if "ambiguous" in statuses
                    else "dragoman:mt"
                )
            segment_attrs = attrs(id=f"s{seg.index}", state=state, subState=sub)
            out.write(f"      <segment{segment_attrs}>\n")
            out.write(f'        <source xml:space="preserve">{source}</source>\n')
            out.write(f'        <target xml:space="preserve">{target}</target>\n')
            out.write("      </segment>\n")
            if seg.after:
                out.write(
                    f'      <ignorable id="i{seg.index}"><source xml:space="preserve">'
                    f"{_text(seg.after)}</source></ignorable>\n"
                )
        out.write("    </unit>\n")


# ----------------------------------------------------------------------------- reading


def _term(mark: Element, text: str) -> TermHit | None:
    status = mark.get(qname(DG, "status"))
    concept = mark.get(qname(DG, "id"))
    if mark.get("type") != "term" or status not in TERM_STATUSES or not concept:
        return None
    return TermHit(
        id=concept,
        type=mark.get(qname(DG, "type"), ""),
        source=text,
        target=mark.get(qname(DG, "target"), ""),
        status=status,
        glossary=mark.get(qname(DG, "glossary"), ""),
    )


def _units(node: Element):
    for child in node:
        if child.tag == qname(NS, "unit"):
            yield child
        elif child.tag == qname(NS, "group"):
            yield from _units(child)


def read(path: str | Path) -> list[Bitext]:
    """The bitexts of an XLIFF 2.x file, one per ``<file>``; an XLIFF 1.2 file is handed
    to :func:`translate.formats.xliff12.read` (``.xlf`` is used for both)."""
    root = inputs.read_xml(path)
    if root.tag == qname(xliff12.NS, "xliff"):  # .xlf is both versions in the wild
        return xliff12.read(path)
    if root.tag != qname(NS, "xliff"):
        raise FormatError(
            _("is not an XLIFF file (root element <{tag}>)").format(tag=root.tag),
            path=path,
            hint=_("give an XLIFF 2.x or 1.2 file"),
        )
    source_lang = lang_code(root.get("srcLang"))
    target_lang = lang_code(root.get("trgLang"))
    records: list[Record] = []
    for file_number, file in enumerate(root.findall(qname(NS, "file")), 1):
        meta: dict[str, str] = {}
        ours = False
        for group in file.iter(qname(MDA, "metaGroup")):
            if group.get("category") == "dragoman":
                ours = True
                for meta_el in group.iter(qname(MDA, "meta")):
                    meta[meta_el.get("type", "")] = meta_el.text or ""
        doc = file.get("original") or file.get("id") or f"{Path(path).name}#{file_number}"
        file_records: list[Record] = []
        pending: list[str] = []  # ignorable text not yet attached
        before: str | None = None
        for number, unit in enumerate(_units(file)):
            unit_type = unit.get("type") or ""
            unit_kind = unit_type.partition(":")[2] if unit_type.startswith("dragoman:") else None
            unit_no_translate = unit.get("translate") == "no"
            for child in unit:
                if child.tag == qname(NS, "ignorable"):
                    text, _spans = inline_text(child.find(qname(NS, "source")))
                    pending.append(text)
                    continue
                if child.tag != qname(NS, "segment"):
                    continue
                if pending:
                    if file_records:
                        file_records[-1].after = (file_records[-1].after or "") + "".join(pending)
                    else:
                        before = "".join(pending)
                    pending = []
                source_el = child.find(qname(NS, "source"))
                target_el = child.find(qname(NS, "target"))
                source, marks = inline_text(source_el)
                target, _spans = inline_text(target_el)
                untranslatable = unit_no_translate or any(
                    m.get("translate") == "no" and a == 0 and b == len(source) for m, a, b in marks
                )
                if target_el is None and untranslatable:
                    target = source
                ordered = sorted(marks, key=lambda m: m[1])
                terms = [t for t in (_term(m, source[a:b]) for m, a, b in ordered) if t]
                file_records.append(
                    Record(
                        doc=doc,
                        source_lang=source_lang,
                        target_lang=target_lang,
                        source=source,
                        target=target,
                        paragraph=number,
                        after="" if ours else None,
                        kind=kind_of(unit_kind),
                        translatable=not untranslatable,
                        terms=terms,
                        engine=meta.get("engine", ""),
                        format=meta.get("format") if ours else None,
                    )
                )
        if pending and file_records:
            file_records[-1].after = (file_records[-1].after or "") + "".join(pending)
        if file_records and before is not None:
            file_records[0].before = before
        records.extend(file_records)
    return assemble(records)
