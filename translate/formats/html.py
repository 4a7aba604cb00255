"""A self-contained side-by-side HTML page (format ``html``, ``.html``/``.htm``).

One page, no external resources (inline CSS, no scripts, no fonts or images fetched):
per bitext a ``<section>`` with a ``<table>``, one ``<tbody>`` per paragraph and one row
per sentence, source left and translation right.  Every cell and column header carries
``lang`` and ``dir`` from CLDR (Babel) via :func:`translate.languages.is_rtl`, so Persian
and Arabic columns run right to left while the page stays left to right.

Glossary terms are ``<mark class="term term-<status>" title="<id> · <status> ·
<glossary>">`` in the source and, where placed (enforced or corrected), in the
translation; a missing term is marked in the source, its row is highlighted, and the
translation cell says which form is missing.  An ambiguous term (the source word may not
be the concept: an ordinary word, a given name; the engine's rendering was kept) is
marked in the source, its row highlighted (``has-ambiguous``), and the translation cell
says which glossary form an editor may put in.  Unknown words are listed under the
translation; untranslated blocks (code) are shown as preformatted text.  All text is
HTML-escaped.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from translate.document import TERM_STATUSES, AlignedSegment, Bitext, TermHit
from translate.errors import UserError
from translate.formats.base import TOOL, VERSION
from translate.formats.terms import render_marked, source_spans, target_spans
from translate.formats.xml_writing import INVALID_XML, REPLACEMENT

CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif;
  margin: 2rem auto; max-width: 82rem; padding: 0 1rem; line-height: 1.55;
  color: #1d1d1f; background: #fff; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 2.5rem 0 .25rem; }
.meta, .legend { color: #555; margin: .25rem 0 1rem; }
.legend mark { margin-inline-end: .5rem; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { vertical-align: top; padding: .35rem .6rem; text-align: start;
  border-bottom: 1px solid #e4e4e7; overflow-wrap: anywhere; }
thead th { position: sticky; top: 0; background: #f4f4f5; border-bottom: 2px solid #a1a1aa; }
th .native { font-weight: normal; color: #555; }
tbody.paragraph { border-top: 2px solid #d4d4d8; }
tbody.kind-heading td { font-weight: 600; font-size: 1.08em; }
tbody.kind-quote td { font-style: italic; }
td[dir="rtl"] { font-family: "Noto Naskh Arabic", "Vazirmatn", "Geeza Pro", "Tahoma", sans-serif;
  font-size: 1.08em; }
mark.term { border-radius: 3px; padding: 0 .12em; color: inherit; }
mark.term-enforced { background: #d9f2e1; }
mark.term-corrected { background: #fff0bf; }
mark.term-ambiguous { background: #e3e8ff; outline: 2px dashed #3949ab; }
mark.term-missing { background: #ffd6d6; outline: 2px solid #c62828; }
tr.has-ambiguous td.tgt { background: #f5f7ff; }
tr.has-missing td.tgt { background: #fff6f6; }
.flags { margin-top: .25rem; font-size: .85em; }
.flag-ambiguous { color: #283593; font-weight: 600; }
.flag-missing { color: #b71c1c; font-weight: 600; }
.unknown { color: #6b21a8; }
pre { margin: 0; white-space: pre-wrap; font-family: ui-monospace, "DejaVu Sans Mono", monospace;
  font-size: .88em; }
td.untranslated { background: #fafafa; }
@media print { thead th { position: static; } tr { break-inside: avoid; } }
"""


def esc(text: str) -> str:
    """HTML-escaped text; control characters HTML cannot carry become U+FFFD."""
    return html.escape(INVALID_XML.sub(REPLACEMENT, text), quote=True)


def _lang_attrs(lang: str) -> str:
    from translate.languages import is_rtl

    try:
        direction = "rtl" if is_rtl(lang) else "ltr"
    except UserError:
        direction = "auto"
    return f' lang="{esc(lang)}" dir="{direction}"'


def _names(lang: str) -> tuple[str, str]:
    """The language's English name and its own name (endonym), from CLDR."""
    from translate.languages import display_name

    try:
        english = display_name(lang, "en")
    except UserError:
        return lang, ""
    try:
        native = display_name(lang, lang.split("-")[0])
    except UserError:
        native = ""
    return english, native if native and native != english else ""


def term_title(term: TermHit) -> str:
    return " · ".join(p for p in (term.id, term.status, term.glossary) if p)


def _mark(escaped: str, term: TermHit, _n: int) -> str:
    return (
        f'<mark class="term term-{esc(term.status)}" title="{esc(term_title(term))}" '
        f'data-term="{esc(term.id)}">{escaped}</mark>'
    )


class HtmlFormat:
    name = "html"
    extensions = (".html", ".htm")

    def write(self, bitexts: Sequence[Bitext], out: TextIO) -> None:
        docs = list(dict.fromkeys(b.document.name for b in bitexts))
        title = " · ".join(docs) or TOOL
        out.write("<!DOCTYPE html>\n")
        out.write('<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n')
        out.write('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
        out.write(f'<meta name="generator" content="{esc(TOOL)} {esc(VERSION)}">\n')
        out.write(f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n")
        out.write(f"<h1>{esc(title)}</h1>\n")
        out.write(
            '<p class="legend">Glossary terms: '
            '<mark class="term term-enforced">enforced</mark>'
            '<mark class="term term-corrected">corrected</mark>'
            '<mark class="term term-ambiguous">ambiguous</mark>'
            '<mark class="term term-missing">missing</mark></p>\n'
        )
        for number, bitext in enumerate(bitexts, 1):
            self._bitext(bitext, number, out)
        out.write("</body>\n</html>\n")

    def _bitext(self, bitext: Bitext, number: int, out: TextIO) -> None:
        src_name, src_native = _names(bitext.source_lang)
        tgt_name, tgt_native = _names(bitext.target_lang)
        counts = Counter(t.status for t in bitext.terms)
        summary = ", ".join(f"{counts[s]} {s}" for s in TERM_STATUSES if counts[s]) or "none"
        out.write(f'<section class="bitext" id="b{number}"{_lang_attrs("en")}>\n')
        out.write(
            f"<h2>{esc(bitext.document.name)}: {esc(src_name)} → {esc(tgt_name)}</h2>\n"
            f'<p class="meta">engine: {esc(bitext.engine or "none")} · '
            f"{len(bitext.segments)} segments · glossary terms: {esc(summary)}</p>\n"
        )
        out.write('<table>\n<colgroup><col class="src"><col class="tgt"></colgroup>\n<thead><tr>')
        for lang, name, native, cls in (
            (bitext.source_lang, src_name, src_native, "src"),
            (bitext.target_lang, tgt_name, tgt_native, "tgt"),
        ):
            own = f' <span class="native"{_lang_attrs(lang)}>{esc(native)}</span>' if native else ""
            out.write(f'<th scope="col" class="{cls}"{_lang_attrs("en")}>{esc(name)}{own}</th>')
        out.write("</tr></thead>\n")
        kinds = {p.index: p.kind for p in bitext.document.paragraphs}
        paragraph = None
        for aligned in bitext:
            seg = aligned.segment
            if seg.paragraph != paragraph:
                if paragraph is not None:
                    out.write("</tbody>\n")
                paragraph = seg.paragraph
                kind = kinds.get(paragraph, "paragraph")
                out.write(
                    f'<tbody class="paragraph kind-{esc(kind.replace("_", "-"))}" '
                    f'id="b{number}-p{paragraph}">\n'
                )
            self._row(bitext, aligned, number, out)
        if paragraph is not None:
            out.write("</tbody>\n")
        out.write("</table>\n</section>\n")

    def _row(self, bitext: Bitext, aligned: AlignedSegment, number: int, out: TextIO) -> None:
        seg = aligned.segment
        missing = [t for t in aligned.terms if t.status == "missing"]
        ambiguous = [t for t in aligned.terms if t.status == "ambiguous"]
        classes = (
            "seg" + (" has-missing" if missing else "") + (" has-ambiguous" if ambiguous else "")
        )
        out.write(f'<tr class="{classes}" id="b{number}-s{seg.index}">')
        if not seg.translatable:
            cell = ' class="{} untranslated"{}><pre>{}</pre></td>'
            out.write("<td" + cell.format("src", _lang_attrs(bitext.source_lang), esc(seg.source)))
            # copied through untranslated (code): still the source language, left to right
            same = _lang_attrs(bitext.source_lang)
            out.write("<td" + cell.format("tgt", same, esc(aligned.target)))
            out.write("</tr>\n")
            return
        source = render_marked(seg.source, source_spans(seg.source, aligned.terms), esc, _mark)
        target = render_marked(
            aligned.target, target_spans(aligned.target, aligned.terms), esc, _mark
        )
        out.write(f'<td class="src"{_lang_attrs(bitext.source_lang)}>{source}</td>')
        out.write(f'<td class="tgt"{_lang_attrs(bitext.target_lang)}>{target}')
        flags = []
        for term in missing:
            flags.append(
                f'<span class="flag-missing" title="{esc(term_title(term))}">⚠ missing: '
                f"<span{_lang_attrs(bitext.target_lang)}>{esc(term.target)}</span> "
                f"({esc(term.id)})</span>"
            )
        for term in ambiguous:
            note = f": {esc(term.note)}" if term.note else ""
            flags.append(
                f'<span class="flag-ambiguous" title="{esc(term_title(term))}">? ambiguous: '
                f"<span{_lang_attrs(bitext.source_lang)}>{esc(term.source)}</span> may not be "
                f"{esc(term.id)} (<span{_lang_attrs(bitext.target_lang)}>{esc(term.target)}"
                f"</span>); the engine's rendering was kept{note}</span>"
            )
        if aligned.unknown_words:
            words = ", ".join(esc(w) for w in aligned.unknown_words)
            flags.append(
                f'<span class="unknown">unknown words: '
                f"<span{_lang_attrs(bitext.source_lang)}>{words}</span></span>"
            )
        if flags:
            out.write(f'<div class="flags"{_lang_attrs("en")}>' + "<br>".join(flags) + "</div>")
        out.write("</td></tr>\n")
