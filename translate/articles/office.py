"""Word and OpenDocument articles, read and written through HTML.

A paragraph of a ``.docx`` or ``.odt`` is a list of runs, each with its formatting.  The
formatting most of the paragraph's characters have is its base; every other run
becomes ``<span data-run="N">…</span>`` in an HTML paragraph ``<p data-para="K">``, and
line breaks become ``<br/>``.  That HTML is the Document the pipeline translates, so the
spans are lifted before the engine and put back on the words that translate their
words (:mod:`translate.inline`), like any bold or link.  Writing takes the original
file, and rebuilds each translated paragraph's runs from the translated HTML: text
outside spans gets the base formatting, a span's text the formatting of its run.  A
paragraph that holds more than runs (a hyperlink, a field, a drawing) is kept as it
is, untranslated: its parts could not be put back.  Everything else in the file
(styles, tables' layout, headers, images) is copied unchanged.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from translate.document import Document

Run = tuple[str, int | None]
"""A run's text and its formatting: an index into the paragraph's formats, or None for
the paragraph's base formatting."""

_PARA = re.compile(r'<p data-para="(\d+)">(.*?)</p>', re.S)
_PIECE = re.compile(r'<span data-run="(\d+)">(.*?)</span>|<br/>|([^<]+)|(<[^>]*>)', re.S)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as read: its runs, or None when it is kept as it is."""

    runs: list[Run] | None
    heading: bool = False


def group(runs: list[tuple[str, str]]) -> tuple[list[Run], list[str]]:
    """Runs as (text, formatting key) -> runs by format index, and the distinct keys;
    the key covering the most characters is the base (None), and neighbours with the
    same formatting are joined."""
    weight: dict[str, int] = {}
    for text, key in runs:
        weight[key] = weight.get(key, 0) + len(text)
    base = max(weight, key=lambda k: weight[k]) if weight else ""
    keys = [k for k in dict.fromkeys(k for _, k in runs) if k != base]
    out: list[Run] = []
    for text, key in runs:
        style = None if key == base else keys.index(key)
        if out and out[-1][1] == style:
            out[-1] = (out[-1][0] + text, style)
        elif text:
            out.append((text, style))
    return out, [base, *keys]


def restyled(runs: list[tuple[str, str]], translated: list[Run]) -> list[tuple[str, str]]:
    """The translated runs of a paragraph with the formatting key each takes: the key of
    its span's run, or the base for text outside spans.  ``runs`` are the paragraph's
    original (text, key) runs, as :func:`group` numbered them when it was read."""
    _, keys = group(runs)
    return [
        (text, keys[0] if style is None or style + 1 >= len(keys) else keys[style + 1])
        for text, style in translated
    ]


def to_html(paragraphs: list[Paragraph]) -> str:
    """The HTML the pipeline reads: one ``<p>``/``<h2>`` per translatable paragraph."""
    out = ["<!-- dragoman: an office document, one element per paragraph -->\n"]
    for index, para in enumerate(paragraphs):
        if not para.runs:
            continue
        tag = "h2" if para.heading else "p"
        body = []
        for text, style in para.runs:
            pieces = html.escape(text, quote=False).split("\n")
            escaped = "<br/>".join(pieces)
            body.append(escaped if style is None else f'<span data-run="{style}">{escaped}</span>')
        out.append(f'<{tag} data-para="{index}">' + "".join(body) + f"</{tag}>\n")
    return "".join(out)


def from_html(text: str) -> dict[int, list[Run]]:
    """The translated runs of each paragraph, read back from the translated HTML."""
    text = re.sub(
        r'<h2 data-para="(\d+)">(.*?)</h2>', r'<p data-para="\1">\2</p>', text, flags=re.S
    )
    out: dict[int, list[Run]] = {}
    for para in _PARA.finditer(text):
        runs: list[Run] = []
        for piece in _PIECE.finditer(para.group(2)):
            if piece.group(0) == "<br/>":
                runs.append(("\n", None))
            elif piece.group(1) is not None:
                inner = re.sub(r"<br/>", "\n", piece.group(2))
                runs.append((html.unescape(re.sub(r"<[^>]*>", "", inner)), int(piece.group(1))))
            elif piece.group(3) is not None:
                runs.append((html.unescape(piece.group(3)), None))
        joined: list[Run] = []
        for run in runs:
            if joined and joined[-1][1] == run[1]:
                joined[-1] = (joined[-1][0] + run[0], run[1])
            elif run[0]:
                joined.append(run)
        out[int(para.group(1))] = joined
    return out


def parse(paragraphs: list[Paragraph], lang: str, name: str, fmt: str) -> Document:
    """The Document of an office file's paragraphs (through its HTML)."""
    from dataclasses import replace

    from translate.articles.html import parse_html

    document = parse_html(to_html(paragraphs), lang, name)
    return replace(document, format=fmt)
