"""A Markdown two-column table per bitext (format ``md``, ``.md``/``.markdown``), for
pasting into a ticket or a pull request.

Per bitext a heading (document, languages, engine), a GFM table with one row per
sentence (source | translation), and below it the term summary with every missing and
every ambiguous term listed.  Glossary terms are **bold** (in the translation only where
they were placed); in the source a missing term is followed by ⚠ and an ambiguous one
(the source word may not be the concept; the engine's rendering was kept) by ❓.

Cells: ``|`` is escaped as ``\\|`` and line breaks become ``<br>``.  A plain-text
article's text is shown literally (Markdown punctuation backslash-escaped); a Markdown
article's segments are Markdown already and are left to render.  Cells in a
right-to-left language are wrapped in Unicode isolates (FSI…PDI) so they do not reorder
the row around them.  Untranslated blocks (code) get a note instead of a copy.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from translate.document import TERM_STATUSES, Bitext, TermHit
from translate.errors import UserError
from translate.formats.terms import render_marked, source_spans, target_spans

FSI, PDI = "\u2068", "\u2069"
_PUNCT = re.compile(r"([\\`*_\[\]<>|~&])")  # inline markup only: cells hold no blocks
FLAGS = {"missing": " ⚠", "ambiguous": " ❓"}


def escape_cell(text: str, literal: bool) -> str:
    """One table cell's text: literal text escaped for Markdown, ``|`` always escaped,
    line breaks as ``<br>``."""
    if literal:
        text = _PUNCT.sub(r"\\\1", text)
    else:
        text = text.replace("|", "\\|")
    return re.sub(r"\r\n|\r|\n", "<br>", text)


def _names(lang: str) -> str:
    from translate.languages import display_name

    try:
        return display_name(lang)
    except UserError:
        return lang


def _rtl(lang: str) -> bool:
    from translate.languages import is_rtl

    try:
        return is_rtl(lang)
    except UserError:
        return False


class MarkdownTableFormat:
    name = "md"
    extensions = (".md", ".markdown")

    def write(self, bitexts: Sequence[Bitext], out: TextIO) -> None:
        for number, bitext in enumerate(bitexts):
            if number:
                out.write("\n")
            self._bitext(bitext, out)

    def _bitext(self, bitext: Bitext, out: TextIO) -> None:
        doc = bitext.document
        literal = doc.format != "markdown"
        src, tgt = _names(bitext.source_lang), _names(bitext.target_lang)
        engine = f" ({bitext.engine})" if bitext.engine else ""
        out.write(f"### {escape_cell(doc.name, True)}: {src} → {tgt}{engine}\n\n")
        out.write(f"| {src} | {tgt} |\n| --- | --- |\n")
        src_rtl, tgt_rtl = _rtl(bitext.source_lang), _rtl(bitext.target_lang)

        def cell(text: str, spans, rtl: bool, flag_review: bool) -> str:
            if not literal:
                # a term already in **bold** Markdown: "****x****" would break the emphasis
                spans = [
                    (a, b, t)
                    for a, b, t in spans
                    if text[a - 1 : a] != "*" and text[b : b + 1] != "*"
                ]

            def mark(escaped: str, term: TermHit, _n: int) -> str:
                flag = FLAGS.get(term.status, "") if flag_review else ""
                return f"**{escaped}**{flag}"

            body = render_marked(text, spans, lambda s: escape_cell(s, literal), mark)
            return f"{FSI}{body}{PDI}" if rtl and body else body

        for aligned in bitext:
            seg = aligned.segment
            if not seg.translatable:
                left = escape_cell(seg.source, True)
                right = "*(not translated)*"
            else:
                left = cell(seg.source, source_spans(seg.source, aligned.terms), src_rtl, True)
                spans = target_spans(aligned.target, aligned.terms)
                right = cell(aligned.target, spans, tgt_rtl, False)
            out.write(f"| {left or ' '} | {right or ' '} |\n")
        counts = Counter(t.status for t in bitext.terms)
        summary = ", ".join(f"{counts[s]} {s}" for s in TERM_STATUSES if counts[s])
        out.write(f"\nGlossary terms: {summary or 'none'}.\n")
        missing = [(a.segment.index, t) for a in bitext for t in a.terms if t.status == "missing"]
        for index, term in missing:
            out.write(
                f"- ⚠ missing in segment {index + 1}: {escape_cell(term.source, True)} → "
                f"{escape_cell(term.target, True)} (`{term.id}`)\n"
            )
        ambiguous = [
            (a.segment.index, t) for a in bitext for t in a.terms if t.status == "ambiguous"
        ]
        for index, term in ambiguous:
            note = f": {escape_cell(term.note, True)}" if term.note else ""
            out.write(
                f"- ❓ ambiguous in segment {index + 1}: {escape_cell(term.source, True)} "
                f"may not be `{term.id}` ({escape_cell(term.target, True)}); the engine's "
                f"rendering was kept{note}\n"
            )
        unknown = Counter(w for a in bitext for w in a.unknown_words)
        if unknown:
            words = ", ".join(escape_cell(w, True) for w in unknown)
            out.write(f"\nUnknown words: {words}.\n")
