"""XLIFF 1.2 (format ``xliff12``, chosen with ``--format xliff12`` only: ``.xlf`` means
XLIFF 2.1): for older CAT tools, read and write.

Written (valid against the OASIS XLIFF 1.2 strict schema):

* one ``<file>`` per bitext (``original`` = document name, relative, with ``#<lang>``
  when one document goes into several languages so each ``original`` is unique
  (:func:`~translate.formats.xliff_common.file_originals`), ``source-language``,
  ``target-language``, ``datatype="plaintext"``, or ``x-markdown`` for Markdown
  articles); in its ``<header>`` the Dragoman ``<tool>``, the engine as a second
  ``<tool>`` and a ``<phase phase-name="mt">`` naming it, so several target languages
  can share one file;
* one ``<trans-unit>`` per paragraph (``restype="x-<kind>"``, ``xml:space="preserve"``),
  ``<source>`` the paragraph's text and ``<seg-source>``/``<target>`` with one
  ``<mrk mtype="seg" mid="N">`` per sentence (N = the segment number in the document),
  the text between sentences outside the seg marks so the article is rebuilt exactly;
* terms as ``<mrk mtype="term">`` in ``seg-source`` and (where placed) ``target``, the
  ``comment`` holding ``id|source|target|status|type`` (``|``/``\\`` escaped with ``\\``);
* untranslatable paragraphs (code blocks) ``translate="no"``; an untranslatable
  sentence inside a translatable paragraph is ``<mrk mtype="protected">``.

State: machine output is ``state="translated"`` with ``state-qualifier="leveraged-mt"``.
``translated`` is what XLIFF 1.2 calls a target nobody has reviewed yet (review leads to
``signed-off``/``final``), and the qualifier tells the CAT tool it came from MT.  A
paragraph in which a glossary term could not be placed, or is ambiguous (the source word
may not be the concept; the engine's rendering was kept), is
``needs-review-translation``, with a ``<note annotates="target">`` naming each such
term, so that the state points the reviewer at the real problems instead of flagging
every unit.  Copied-through untranslatable paragraphs are ``final``.

:func:`read` gives the bitexts back; XML is read with :func:`translate.inputs.read_xml`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO
from xml.etree.ElementTree import Element

from translate import inputs
from translate.document import AlignedSegment, Bitext, TermHit
from translate.errors import FormatError
from translate.formats.base import TOOL, VERSION, paragraph_units
from translate.formats.records import Record, assemble, kind_of, lang_code
from translate.formats.terms import (
    pack_term,
    render_marked,
    source_spans,
    target_spans,
    unpack_term,
)
from translate.formats.xliff_common import (
    file_originals,
    inline_text,
    review_note,
    strip_original,
)
from translate.formats.xml_writing import attrs, xml_text
from translate.i18n import _

NS = "urn:oasis:names:tc:xliff:document:1.2"
DATATYPES = {"text": "plaintext", "markdown": "x-markdown"}


def _term_mrk(escaped: str, term: TermHit, _n: int) -> str:
    return f'<mrk mtype="term"{attrs(comment=pack_term(term))}>{escaped}</mrk>'


class Xliff12Format:
    name = "xliff12"
    extensions: tuple[str, ...] = ()

    @staticmethod
    def read(path: str | Path) -> list[Bitext]:
        """The bitexts of an XLIFF 1.2 file (see :func:`read`)."""
        return read(path)

    def write(self, bitexts: Sequence[Bitext], out: TextIO) -> None:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(f'<xliff version="1.2" xmlns="{NS}">\n')
        originals = file_originals([(b.document.name, b.target_lang) for b in bitexts])
        for bitext, original in zip(bitexts, originals, strict=True):
            self._file(bitext, original, out)
        out.write("</xliff>\n")

    def _file(self, bitext: Bitext, original: str, out: TextIO) -> None:
        doc = bitext.document
        out.write(
            "  <file"
            + attrs(
                original=original,
                source_language=bitext.source_lang,
                target_language=bitext.target_lang,
                datatype=DATATYPES.get(doc.format, "plaintext"),
                tool_id="dragoman",
            )
            + ">\n    <header>\n"
        )
        if bitext.engine:
            out.write("      <phase-group>\n")
            out.write(
                "        <phase"
                + attrs(phase_name="mt", process_name="translation", tool_id="engine")
                + "/>\n      </phase-group>\n"
            )
        out.write(
            "      <tool" + attrs(tool_id="dragoman", tool_name=TOOL, tool_version=VERSION) + "/>\n"
        )
        if bitext.engine:
            out.write("      <tool" + attrs(tool_id="engine", tool_name=bitext.engine) + "/>\n")
        out.write("    </header>\n    <body>\n")
        for paragraph, kind, segments, before in paragraph_units(bitext):
            self._unit(paragraph, kind, segments, before, bool(bitext.engine), out)
        out.write("    </body>\n  </file>\n")

    def _unit(
        self,
        paragraph: int,
        kind: str,
        segments: list[AlignedSegment],
        before: str,
        has_engine: bool,
        out: TextIO,
    ) -> None:
        untranslatable = all(not a.segment.translatable for a in segments)
        review = [t for a in segments for t in a.terms if review_note(t) is not None]
        issues = [i for a in segments for i in a.issues]
        plain = [xml_text(before)]
        seg_source = [xml_text(before)]
        target = [xml_text(before)]
        for aligned in segments:
            seg = aligned.segment
            src_spans = source_spans(seg.source, aligned.terms)
            src = render_marked(seg.source, src_spans, xml_text, _term_mrk)
            tgt = render_marked(
                aligned.target, target_spans(aligned.target, aligned.terms), xml_text, _term_mrk
            )
            if not seg.translatable and not untranslatable:
                src = f'<mrk mtype="protected">{src}</mrk>'
                tgt = f'<mrk mtype="protected">{tgt}</mrk>'
            mid = attrs(mid=str(seg.index))
            after = xml_text(seg.after)
            plain.append(xml_text(seg.source) + after)
            seg_source.append(f'<mrk mtype="seg"{mid}>{src}</mrk>{after}')
            target.append(f'<mrk mtype="seg"{mid}>{tgt}</mrk>{after}')
        if untranslatable:
            state = {"state": "final"}
        elif review or issues:
            state = {"state": "needs-review-translation", "state_qualifier": "leveraged-mt"}
        else:
            state = {"state": "translated", "state_qualifier": "leveraged-mt"}
        if has_engine and not untranslatable:
            state["phase_name"] = "mt"
        out.write(
            "      <trans-unit"
            + attrs(
                id=f"p{paragraph}",
                translate="no" if untranslatable else None,
                restype=f"x-{kind.replace('_', '-')}",
            )
            + ' xml:space="preserve">\n'
        )
        out.write(f"        <source>{''.join(plain)}</source>\n")
        out.write(f"        <seg-source>{''.join(seg_source)}</seg-source>\n")
        out.write(f"        <target{attrs(**state)}>{''.join(target)}</target>\n")
        for term in review:
            _category, text = review_note(term)  # type: ignore[misc]
            out.write(
                "        <note"
                + attrs(annotates="target", priority="1", **{"from": "dragoman"})
                + f">{xml_text(text)}</note>\n"
            )
        for issue in issues:
            out.write(
                "        <note"
                + attrs(annotates="target", priority="1", **{"from": "dragoman"})
                + f">{xml_text(issue)}</note>\n"
            )
        out.write("      </trans-unit>\n")


# ----------------------------------------------------------------------------- reading


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _split(element: Element | None) -> tuple[list[tuple[str, str, Element | None]], list[str]]:
    """A ``seg-source``/``target``'s seg marks as ``(mid, text, mrk)`` and the text between
    them: ``between[i]`` is what precedes seg ``i`` (``between[-1]`` what follows the last)."""
    segs: list[tuple[str, str, Element | None]] = []
    between: list[str] = [""]
    if element is None:
        return segs, between
    between[0] = element.text or ""
    for child in element:
        if child.tag == _q("mrk") and child.get("mtype") == "seg":
            text, _ = inline_text(child, NS)
            segs.append((child.get("mid", str(len(segs))), text, child))
            between.append(child.tail or "")
        else:
            text, _ = inline_text(_wrap(child), NS)
            between[-1] += text
    return segs, between


def _wrap(child: Element) -> Element:
    holder = Element("holder")
    holder.append(child)
    return holder


def _terms(mrk: Element | None) -> tuple[list[TermHit], bool]:
    """Terms in a seg mark (from the ``comment`` of term marks) and whether it is protected."""
    if mrk is None:
        return [], False
    text, marks = inline_text(mrk, NS)
    terms = []
    protected = False
    for mark, a, b in sorted(marks, key=lambda m: m[1]):
        if mark.get("mtype") == "term":
            term = unpack_term(mark.get("comment", ""))
            if term is not None:
                terms.append(term)
        elif mark.get("mtype") == "protected" and a == 0 and b == len(text):
            protected = True
    return terms, protected


def _units(node: Element):
    for child in node:
        if child.tag == _q("trans-unit"):
            yield child
        elif child.tag == _q("group"):
            yield from _units(child)


def read(path: str | Path) -> list[Bitext]:
    """The bitexts of an XLIFF 1.2 file: one per ``<file>``."""
    root = inputs.read_xml(path)
    if root.tag != _q("xliff"):
        raise FormatError(
            _("is not an XLIFF 1.2 file (root element <{tag}>)").format(tag=root.tag),
            path=path,
            hint=_("XLIFF 2 files are read by translate.formats.xliff"),
        )
    records: list[Record] = []
    for file_number, file in enumerate(root.findall(_q("file")), 1):
        source_lang = lang_code(file.get("source-language"))
        target_lang = lang_code(file.get("target-language"))
        doc = strip_original(file.get("original") or "", file.get("target-language"))
        doc = doc or f"{Path(path).name}#{file_number}"
        datatype = file.get("datatype", "")
        fmt = next((k for k, v in DATATYPES.items() if v == datatype), None)
        engine = ""
        tools = {t.get("tool-id"): t.get("tool-name", "") for t in file.iter(_q("tool"))}
        for phase in file.iter(_q("phase")):
            if phase.get("phase-name") == "mt":
                engine = tools.get(phase.get("tool-id"), "")
        ours = file.get("tool-id") == "dragoman"
        body = file.find(_q("body"))
        file_records: list[Record] = []
        before: str | None = None
        for number, unit in enumerate(_units(body) if body is not None else ()):
            restype = unit.get("restype", "")
            kind = kind_of(restype[2:].replace("-", "_") if restype.startswith("x-") else None)
            unit_no = unit.get("translate") == "no"
            seg_source = unit.find(_q("seg-source"))
            target_el = unit.find(_q("target"))
            if seg_source is None:
                source, marks = inline_text(unit.find(_q("source")), NS)
                target, _spans = inline_text(target_el, NS)
                terms = [
                    t
                    for t in (
                        unpack_term(m.get("comment", ""))
                        for m, _, _ in marks
                        if m.get("mtype") == "term"
                    )
                    if t
                ]
                file_records.append(
                    Record(
                        doc=doc,
                        source_lang=source_lang,
                        target_lang=target_lang,
                        source=source,
                        target=target if target_el is not None else "",
                        paragraph=number,
                        kind=kind,
                        translatable=not unit_no,
                        terms=terms,
                        engine=engine,
                        format=fmt,
                    )
                )
                continue
            segs, between = _split(seg_source)
            targets = {mid: text for mid, text, _ in _split(target_el)[0]}
            for i, (mid, text, mrk) in enumerate(segs):
                if i == 0 and between[0]:
                    if file_records:
                        file_records[-1].after = (file_records[-1].after or "") + between[0]
                    else:
                        before = between[0]
                terms, protected = _terms(mrk)
                translatable = not (unit_no or protected)
                target = targets.get(mid, text if not translatable else "")
                file_records.append(
                    Record(
                        doc=doc,
                        source_lang=source_lang,
                        target_lang=target_lang,
                        source=text,
                        target=target,
                        paragraph=number,
                        index=int(mid) if mid.isdigit() else None,
                        after=between[i + 1] if (ours or between[i + 1]) else None,
                        kind=kind,
                        translatable=translatable,
                        terms=terms,
                        engine=engine,
                        format=fmt,
                    )
                )
        if file_records and before is not None:
            file_records[0].before = before
        records.extend(file_records)
    return assemble(records)
