"""TMX 1.4b: one ``<tu>`` per aligned segment, for translation memories (read and write).

Written (valid against the TMX 1.4b DTD):

* ``<header>`` with every required attribute: ``creationtool="Dragoman"``,
  ``creationtoolversion``, ``segtype="sentence"``, ``o-tmf="Dragoman"``,
  ``adminlang="en"``, ``srclang`` (the source language, ``*all*`` if bitexts differ)
  and ``datatype="plaintext"``.  No dates, so the same bitext gives the same file.
* per ``<tu>``: props ``x-doc`` (document name), ``x-paragraph`` and ``x-segment``
  (0-based, as in JSONL), ``x-after`` (the exact text up to the next segment), one
  ``x-term`` per term hit (``id|source|target|status|type``, a ``|`` or ``\\`` inside a
  field escaped with ``\\``), ``x-engine``, ``x-unknown-word`` per unknown word, and
  where they apply ``x-kind`` (not a plain paragraph), ``x-translate`` = ``no`` (code
  blocks, copied through), ``x-before`` (the text before the first segment, where
  there is some) and ``x-format`` (on the first segment);
  then the source ``<tuv>`` and the target ``<tuv>``, ``xml:lang`` as the bitext has it
  (a region only where the bitext has one: Dragoman never invents one).

Several target languages go in one file (one ``<tu>`` per segment and language).

:func:`read` gives the bitexts back (Document, paragraphs, ``after``, terms; ``x-leading``,
what earlier versions wrote for ``x-before``, is read as well); a TMX from another tool
becomes one document per file, one paragraph per ``<tu>``, and one bitext per target
language, with the source taken from the header's ``srclang``.  XML is read with
:func:`translate.inputs.read_xml`, so a bomb or an XXE is a one-line FormatError.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO
from xml.etree.ElementTree import Element

from translate import inputs
from translate.document import Bitext
from translate.errors import FormatError
from translate.formats.base import TOOL, VERSION
from translate.formats.records import Record, assemble, kind_of, lang_code, to_int
from translate.formats.terms import pack_term, unpack_term
from translate.formats.xml_writing import attrs, xml_text
from translate.i18n import _

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class TmxFormat:
    name = "tmx"
    extensions = (".tmx",)

    @staticmethod
    def read(path: str | Path) -> list[Bitext]:
        """The bitexts in a TMX file (see :func:`read`)."""
        return read(path)

    def write(self, bitexts: Sequence[Bitext], out: TextIO) -> None:
        sources = {b.source_lang for b in bitexts}
        srclang = sources.pop() if len(sources) == 1 else "*all*"
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write('<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')
        out.write('<tmx version="1.4">\n')
        out.write(
            "  <header"
            + attrs(
                creationtool=TOOL,
                creationtoolversion=VERSION,
                segtype="sentence",
                o_tmf=TOOL,
                adminlang="en",
                srclang=srclang,
                datatype="plaintext",
            )
            + "/>\n"
        )
        out.write("  <body>\n")
        tuid = 0
        for bitext in bitexts:
            doc = bitext.document
            for aligned in bitext:
                seg = aligned.segment
                tuid += 1
                out.write("    <tu" + attrs(tuid=str(tuid), srclang=bitext.source_lang) + ">\n")
                props: list[tuple[str, str]] = [
                    ("x-doc", doc.name),
                    ("x-paragraph", str(seg.paragraph)),
                    ("x-segment", str(seg.index)),
                    ("x-after", seg.after),
                ]
                kind = _kind(doc, seg.paragraph)
                if kind != "paragraph":
                    props.append(("x-kind", kind))
                if not seg.translatable:
                    props.append(("x-translate", "no"))
                if seg.index == 0:
                    if doc.before:
                        props.append(("x-before", doc.before))
                    props.append(("x-format", doc.format))
                engine = aligned.engine or bitext.engine
                if engine:
                    props.append(("x-engine", engine))
                props.extend(("x-term", pack_term(t)) for t in aligned.terms)
                props.extend(("x-unknown-word", w) for w in aligned.unknown_words)
                for kind_name, value in props:
                    out.write(f"      <prop{attrs(type=kind_name)}>{xml_text(value)}</prop>\n")
                for lang, text in (
                    (bitext.source_lang, seg.source),
                    (bitext.target_lang, aligned.target),
                ):
                    seg_xml = xml_text(text)
                    out.write(f"      <tuv{attrs(xml_lang=lang)}><seg>{seg_xml}</seg></tuv>\n")
                out.write("    </tu>\n")
        out.write("  </body>\n</tmx>\n")


def _kind(doc, paragraph: int) -> str:
    for p in doc.paragraphs:
        if p.index == paragraph:
            return p.kind
    return "paragraph"


# ----------------------------------------------------------------------------- reading

# Inline elements whose content is native code of the original format, not text.
_CODES = {"bpt", "ept", "ph", "it", "ut"}


def _seg_text(seg: Element) -> str:
    parts = [seg.text or ""]
    for child in seg:
        if child.tag == "hi":
            parts.append(_seg_text(child))
        elif child.tag not in _CODES and child.tag != "sub":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def read(path: str | Path) -> list[Bitext]:
    """The bitexts in a TMX file (see the module docstring)."""
    root = inputs.read_xml(path)
    if root.tag != "tmx":
        raise FormatError(
            _("is not a TMX file (root element <{tag}>)").format(tag=root.tag),
            path=path,
            hint=_("give a .tmx file"),
        )
    header = root.find("header")
    body = root.find("body")
    if body is None:
        raise FormatError(_("is not a TMX file (no <body>)"), path=path)
    srclang = header.get("srclang") if header is not None else None
    default_doc = Path(path).name
    records: list[Record] = []
    for number, tu in enumerate(body.iter("tu")):
        props: dict[str, list[str]] = {}
        for prop in tu.findall("prop"):
            props.setdefault(prop.get("type", ""), []).append(prop.text or "")
        tuvs = []
        for tuv in tu.findall("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang")
            seg = tuv.find("seg")
            if lang is None or seg is None:
                continue
            tuvs.append((lang, _seg_text(seg)))
        if not tuvs:
            continue
        tu_src = tu.get("srclang") or srclang
        source_index = 0
        if tu_src and tu_src != "*all*":
            wanted = lang_code(tu_src)
            for i, (lang, _text) in enumerate(tuvs):
                if lang_code(lang) == wanted or lang.lower() == tu_src.lower():
                    source_index = i
                    break
        source_lang, source = tuvs[source_index]
        ours = "x-doc" in props

        def one(kind: str, props: dict[str, list[str]] = props) -> str | None:
            values = props.get(kind)
            return values[0] if values else None

        terms = [t for t in (unpack_term(v) for v in props.get("x-term", [])) if t is not None]
        for i, (target_lang, target) in enumerate(tuvs):
            if i == source_index:
                continue
            records.append(
                Record(
                    doc=one("x-doc") or default_doc,
                    source_lang=lang_code(source_lang),
                    target_lang=lang_code(target_lang),
                    source=source,
                    target=target,
                    paragraph=to_int(one("x-paragraph")) if ours else number,
                    index=to_int(one("x-segment")),
                    after=one("x-after"),
                    kind=kind_of(one("x-kind")),
                    translatable=one("x-translate") != "no",
                    terms=list(terms),
                    unknown_words=tuple(props.get("x-unknown-word", [])),
                    engine=one("x-engine") or "",
                    before=one("x-before") if "x-before" in props else one("x-leading"),
                    format=one("x-format"),
                )
            )
    return assemble(records)
