"""Markdown articles: translate the prose, pass the markup through.

Blocks come from markdown-it-py (CommonMark plus GFM tables).  Decisions:

* headings, paragraphs, list items and block quotes are split into sentences; the
  block markers (``#``, ``-``/``1.``, ``>``, indentation) are never in a segment's
  source: they travel in the previous segment's ``after`` (or ``document.before``).
  Paragraph kind is ``heading``, or the innermost container (``list_item``/``quote``),
  else ``paragraph``.  A heading's closing ``##`` and a setext underline are ``after``.
* fenced and indented code, HTML blocks and tables are one untranslatable segment
  each (kinds ``code``, ``html``, ``table``); so is YAML front matter (``code``).
* thematic breaks and link reference definitions are not segments (they are ``after``).
* inside a translatable segment these are ``keep`` spans: inline code, raw inline HTML,
  autolinks, the ``](destination)`` / ``][ref]`` part of links and images (link text and
  alt text stay translatable), and container markers of continuation lines (the ``>``
  of a quote line inside a sentence that wraps).  Emphasis markers stay in the text.
* sentences never split inside a keep span.

Positions come from markdown-it itself: its block rules are wrapped to note where each
block starts (``bMarks + tShift`` of its first line) and its inline rules to note the
extent of code spans, links, images, autolinks and HTML in the inline content, which is
then mapped back to the article line by line.  If that mapping ever fails (an odd
input), the block is segmented from the raw text without keep spans: never wrong, only
plainer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from translate.document import Document, ParagraphKind, Span
from translate.segment import split_sentences

from .plaintext import Piece, build_document, normalize, sentence_pieces

__all__ = ["MarkdownArticle", "parse_markdown"]

_POS = "dragoman_pos"
_ENV = "dragoman_inline"
_KEEPS = "dragoman_keeps"
_WHOLE = "dragoman_whole"
_KEEP_RULES = ("backticks", "link", "image", "autolink", "html_inline", "emphasis")
_DELIM = "dragoman_delim"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_MASK = "Q"  # stands in for kept text while splitting: no punctuation, no numeral

_md: MarkdownIt | None = None


def _wrap_block(fn: Callable[..., bool]) -> Callable[..., bool]:
    def rule(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
        if silent:
            return fn(state, start_line, end_line, silent)
        n = len(state.tokens)
        pos = state.bMarks[start_line] + state.tShift[start_line]
        ok = fn(state, start_line, end_line, silent)
        if ok and len(state.tokens) > n:
            state.tokens[n].meta[_POS] = pos
        return ok

    return rule


def _wrap_inline(name: str, fn: Callable[..., bool]) -> Callable[..., bool]:
    def rule(state: Any, silent: bool) -> bool:
        if silent:
            return fn(state, silent)
        start = state.pos
        ok = fn(state, silent)
        if ok:
            # only the top-level parse of a block's inline content is recorded (an
            # image's alt text is parsed again on its own, into another list)
            entry = state.env.get(_ENV, {}).get(id(state.tokens))
            if entry is None:
                return ok
            spans = entry[1]
            if name == "emphasis":
                # one text token per delimiter character; which of them became markup
                # is known only after post-processing (see _emphasis_keeps)
                for k, token in enumerate(state.tokens[-(state.pos - start) :]):
                    token.meta[_DELIM] = start + k
                return ok
            if name in ("link", "image"):
                end = state.pos
                entry[2].append((start, end))  # a link is never split into sentences
                label = start if name == "link" else start + 1
                label_end = state.md.helpers.parseLinkLabel(state, label, name == "link")
                state.pos = end
                if label < label_end < end:
                    spans.append((start, label + 1))  # "[" or "![": the link wraps its text
                    spans.append((label_end, end))
            else:
                spans.append((start, state.pos))
        return ok

    return rule


def _emphasis_keeps(children: list[Token]) -> list[Span]:
    """The emphasis delimiters that became markup, as keep spans (``*``, ``**``, ``_``).

    markdown-it turns a strong pair's second opening and first closing character into
    the ``strong_open``/``strong_close`` token and empties their neighbours; an
    unmatched ``*`` stays text and stays in the prose.
    """
    spans: list[Span] = []
    for token in children:
        pos = token.meta.get(_DELIM) if token.meta else None
        if pos is None:
            continue
        if token.type in ("em_open", "em_close"):
            spans.append((pos, pos + 1))
        elif token.type == "strong_open":
            spans.append((pos - 1, pos + 1))
        elif token.type == "strong_close":
            spans.append((pos, pos + 2))
    return spans


def _prepare_inline(state: Any) -> None:
    """Give each inline token a list for its keep spans, findable from the inline state
    (whose ``tokens`` is the token's ``children`` during inline parsing; the env holds
    that list so that its id cannot be reused by another list meanwhile)."""
    table = state.env.setdefault(_ENV, {})
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            spans: list[Span] = []
            whole: list[Span] = []
            token.meta[_KEEPS] = spans
            token.meta[_WHOLE] = whole
            table[id(token.children)] = (token.children, spans, whole)


def _parser() -> MarkdownIt:
    global _md
    if _md is None:
        md = MarkdownIt("commonmark").enable("table")
        for r in md.block.ruler.__rules__:
            md.block.ruler.at(r.name, _wrap_block(r.fn), {"alt": list(r.alt)})
        for rule in md.inline.ruler.__rules__:
            if rule.name in _KEEP_RULES:
                md.inline.ruler.at(
                    rule.name, _wrap_inline(rule.name, rule.fn), {"alt": list(rule.alt)}
                )
        md.core.ruler.before("inline", "dragoman_keeps", _prepare_inline)
        _md = md
    return _md


class _Lines:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def start(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def end(self, line: int) -> int:
        """End of ``line`` without its line break."""
        if line + 1 < len(self.starts):
            return self.starts[line + 1] - 1
        return len(self.text)

    def last_nonspace(self, first_pos: int, last_line: int) -> int:
        """Position after the last non-space character from ``first_pos`` up to the
        end of ``last_line`` (``first_pos`` if there is none)."""
        end = self.end(last_line)
        while end > first_pos and self.text[end - 1].isspace():
            end -= 1
        return end


def _content_map(lines: _Lines, content: str, first_line: int, first_pos: int) -> list[int] | None:
    """Position in the text of each character of an inline ``content`` (line breaks map
    to the line end), or None if the content does not match the text."""
    text = lines.text
    out: list[int] = []
    parts = content.split("\n")
    for i, part in enumerate(parts):
        line = first_line + i
        if line >= len(lines.starts):
            return None
        ls, le = lines.start(line), lines.end(line)
        body = part.lstrip()
        lead = len(part) - len(body)
        if i == 0:
            p = first_pos
            if text[p : p + len(body)] != body:
                return None
        else:
            source_line = text[ls:le].rstrip()
            core = body.rstrip()
            if not source_line.endswith(core):
                return None
            p = ls + len(source_line) - len(core)
            if not core:
                p = le
        out.extend([p] * lead)
        out.extend(range(p, p + len(body)))
        if i + 1 < len(parts):
            out.append(le)
    return out if len(out) == len(content) else None


def _mask(content: str, keeps: list[Span]) -> str:
    if not keeps:
        return content
    chars = list(content)
    for a, b in keeps:
        for k in range(a, b):
            if not chars[k].isspace():
                chars[k] = _MASK
    return "".join(chars)


def _merge_straddling(spans: list[Span], keeps: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in spans:
        if out and any(a < out[-1][1] and b > s for a, b in keeps):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _inline_pieces(
    lines: _Lines,
    covered: bytearray,
    token: Token,
    content_start: int,
    keeps: list[Span],
    whole: list[Span],
    lang: str,
    block: int,
    kind: ParagraphKind,
) -> list[Piece] | None:
    content = token.content
    first_line = token.map[0] if token.map else 0
    cmap = _content_map(lines, content, first_line, content_start)
    if cmap is None:
        return None
    keeps = sorted((a, b) for a, b in keeps if 0 <= a < b <= len(content))
    spans = _merge_straddling(split_sentences(_mask(content, keeps), lang), keeps + whole)
    for p in cmap:
        if p < len(covered):
            covered[p] = 1
    text = lines.text
    pieces: list[Piece] = []
    for a, b in spans:
        start, end = cmap[a], cmap[b - 1] + 1
        piece_keeps = [(cmap[k0], cmap[k1 - 1] + 1) for k0, k1 in keeps if a <= k0 and k1 <= b]
        # container markers ("> ", list indentation) on continuation lines
        run = -1
        for p in range(start, end):
            if not covered[p]:
                if run < 0 and not text[p].isspace():
                    run = p
            elif run >= 0:
                q = p
                while text[q - 1].isspace():
                    q -= 1
                piece_keeps.append((run, q))
                run = -1
        pieces.append(Piece(block, kind, start, end, piece_keeps))
    return pieces


def parse_markdown(text: str, lang: str, name: str = "article") -> Document:
    """Segment a Markdown article (``text`` is kept as is, offsets index it)."""
    norm = normalize(text)
    src = norm.norm
    pieces: list[Piece] = []
    block = 0

    front = _FRONT_MATTER.match(src)
    if front:
        end = front.end()
        while end > 0 and src[end - 1].isspace():
            end -= 1
        pieces.append(Piece(block, "code", 0, end, translatable=False))
        block += 1
        src = re.sub(r"[^\n]", " ", src[: front.end()]) + src[front.end() :]

    lines = _Lines(src)
    env: dict[str, Any] = {}
    tokens = _parser().parse(src, env)
    covered = bytearray(len(src) + 1)

    containers: list[ParagraphKind] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        t = tok.type
        if t == "blockquote_open":
            containers.append("quote")
        elif t == "list_item_open":
            containers.append("list_item")
        elif t in ("blockquote_close", "list_item_close"):
            if containers:
                containers.pop()
        elif t in ("fence", "code_block", "html_block", "table_open"):
            kind: ParagraphKind = (
                "table" if t == "table_open" else "html" if t == "html_block" else "code"
            )
            start = tok.meta.get(_POS)
            if start is not None and tok.map:
                end = lines.last_nonspace(start, tok.map[1] - 1)
                pieces.append(Piece(block, kind, start, end, translatable=False))
                block += 1
            if t == "table_open":
                depth = 1
                while i + 1 < n and depth:
                    i += 1
                    if tokens[i].type == "table_open":
                        depth += 1
                    elif tokens[i].type == "table_close":
                        depth -= 1
        elif t in ("paragraph_open", "heading_open") and i + 1 < n:
            inline = tokens[i + 1]
            start = tok.meta.get(_POS)
            if inline.type == "inline" and start is not None and tok.map and inline.content:
                if t == "heading_open":
                    kind = "heading"
                else:
                    kind = containers[-1] if containers else "paragraph"
                found = _block_pieces(lines, covered, tok, inline, start, lang, block, kind)
                if found:
                    pieces.extend(found)
                    block += 1
                i += 1
        i += 1
    return build_document(text, lang, name, "markdown", norm, pieces)


class MarkdownArticle:
    """Markdown (CommonMark and GFM tables): the prose translated, the markup kept."""

    name = "markdown"
    aliases = ("md",)
    extensions = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")

    def parse(self, text: str, lang: str, name: str = "article") -> Document:
        """Character references (``&#8217;``, ``&eacute;``: CommonMark reads them in
        text as the characters) are read as characters, so that names and possessives
        match and the engine sees words; the translated file writes them back as the
        source did (:func:`translate.articles.html.as_written`)."""
        from .html import with_references

        return with_references(text, lambda decoded: parse_markdown(decoded, lang, name))


def _block_pieces(
    lines: _Lines,
    covered: bytearray,
    tok: Token,
    inline: Token,
    start: int,
    lang: str,
    block: int,
    kind: ParagraphKind,
) -> list[Piece]:
    src = lines.text
    assert tok.map is not None
    first_line, next_line = tok.map
    content = inline.content
    content_start: int | None = start
    last_line = next_line - 1
    if tok.type == "heading_open":
        if tok.markup.startswith("#"):  # ATX: "## Title ##"
            marker_end = start + len(tok.markup)
            found = src.find(content, marker_end, lines.end(first_line))
            content_start = found if found >= 0 else None
        else:  # setext: the underline is the map's last line
            last_line = next_line - 2
    keeps = inline.meta.get(_KEEPS, []) + _emphasis_keeps(inline.children or [])
    if content_start is not None:
        pieces = _inline_pieces(
            lines,
            covered,
            inline,
            content_start,
            list(keeps),
            list(inline.meta.get(_WHOLE, [])),
            lang,
            block,
            kind,
        )
        if pieces is not None:
            return pieces
    # fallback: the raw text of the block, no keep spans
    if tok.type == "heading_open" and tok.markup.startswith("#"):
        start = min(start + len(tok.markup), lines.end(first_line))
    end = lines.last_nonspace(start, max(last_line, first_line))
    return sentence_pieces(src, start, end, lang, block, kind)
