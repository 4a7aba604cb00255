"""HTML articles: translate the text of block elements, pass the markup through.

Parsed with the standard library's :class:`html.parser.HTMLParser` (no network, no
entity expansion beyond HTML's own character references), which reports where every
tag, text run, character reference and comment starts; each event runs up to the next,
so offsets are exact and ``document.reassemble() == document.text`` for any input.

Decisions:

* A *run* is the text between two block boundaries: the start or end tag of a block
  element (``p``, ``h1``-``h6``, ``li``, ``blockquote``, ``td``, ``figcaption``, ``div``,
  ...; see ``_BLOCK``) or a ``<br>`` (a hard line break: a new segment, same paragraph).
  Each run is split into sentences; the paragraph kind comes from the innermost
  container: ``heading`` (h1-h6, title), ``list_item`` (li, dt, dd), ``quote``
  (blockquote), ``table`` (td, th, caption; translatable here), else ``paragraph``.
* Inside a sentence, inline tags (``a``, ``b``, ``em``, ``span``, ...), character
  references (``&amp;``, ``&nbsp;``) and comments are ``keep`` spans: the tags travel
  verbatim (attributes included), the text between them is translated.  A sentence
  takes the opening tags right before it and the closing tags right after it, so most
  segments hold balanced markup.
* Untranslatable: ``script``, ``style``, ``template``, ``textarea``, ``code``, ``pre``,
  ``kbd``, ``samp``, ``svg``, ``math``, ``iframe``, ``object``, ``noscript``, ``canvas``,
  ``video``, ``audio``, and every element with ``translate="no"`` or class
  ``notranslate`` (the whole element, descendants included: a ``translate="yes"``
  inside is not honoured).  Inside a sentence such an element is one keep span; as a
  block of its own it is plain markup (in ``after``), not a segment.
* Attributes are never translated, ``alt`` and ``title`` included: they are inside the
  tags, which are keep spans.  (Translating them would need segments of their own.)
* Implied end tags (``<p>a<p>b``, ``<li>`` lists without ``</li>``) are closed the way
  HTML does, approximately; unknown elements are inline.
* An HTML *file* (:class:`HtmlArticle`, what ``translate article`` and ``batch`` read)
  has its character references that stand for text (``&#8217;``, ``&eacute;``) read as
  the characters first (:func:`decode_references`, shared with the CMS hook), so the
  engine and the matcher see ``Aliyev’s``; the references left (``&amp;``, ``&lt;``)
  are keep spans as above.  The translated file writes them back as they came
  (:func:`as_written`); bitexts hold the text as read.

Glossary matching across inline tags: the matcher looks at ``segment.source``, where
``<b>Amir</b>-Abdollahian`` is not the name.  :func:`markup_view` gives enforcement a
projection of a segment with the *transparent* keep spans (formatting tags, comments,
character references as the character they stand for) taken out, and maps matches back
to source offsets; :meth:`MarkupView.edit` then replaces a term by its mark with the
tags that were inside it moved next to it, in their order, so the sequence of tags,
and with it the markup's well-formedness, never changes.  Nothing here is specific to
HTML documents: raw inline HTML in Markdown gets the same treatment.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Set
from dataclasses import dataclass, fields
from html.parser import HTMLParser
from typing import Any

from translate.document import Document, ParagraphKind, Span
from translate.markup import MarkupView, markup_view
from translate.segment import split_sentences

from .plaintext import Piece, build_document, normalize

__all__ = [
    "HtmlArticle",
    "parse_html",
    "markup_view",
    "MarkupView",
    "References",
    "decode_references",
    "ReferencedDocument",
    "as_written",
]

_BLOCK = frozenset(
    """address article aside base blockquote body br caption center col colgroup dd details
    dialog dir div dl dt fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6
    head header hgroup hr html legend li link main menu meta nav noframes ol optgroup
    option p pre section summary table tbody td tfoot th thead title tr ul""".split()
)
_VOID = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr".split()
)
_VERBATIM = frozenset(
    """script style template textarea code pre kbd samp svg math iframe object noscript
    canvas video audio""".split()
)

# Start tags that close an open <p> (HTML's "close a p element in button scope").
_CLOSES_P = frozenset(
    """address article aside blockquote center details dialog dir div dl dd dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol
    p pre section summary table ul""".split()
)
_SCOPE = frozenset("html table td th caption template button object applet marquee".split())
_KINDS: dict[str, ParagraphKind] = {
    **{f"h{n}": "heading" for n in range(1, 7)},
    "title": "heading",
    "li": "list_item",
    "dt": "list_item",
    "dd": "list_item",
    "blockquote": "quote",
    "td": "table",
    "th": "table",
    "caption": "table",
}
_MASK = "Q"  # stands in for a verbatim element while splitting sentences


# -- events ----------------------------------------------------------------------------


class _Events(HTMLParser):
    """Every parser event with where it starts; an event runs up to the next one."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.lines = [0] + [m.end() for m in re.finditer("\n", text)]
        self.events: list[tuple[int, str, str, dict[str, str]]] = []

    def _add(self, kind: str, name: str = "", attrs: Any = ()) -> None:
        line, col = self.getpos()
        pos = self.lines[line - 1] + col
        values = {k.lower(): (v or "") for k, v in attrs}
        self.events.append((pos, kind, name, values))

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self._add("start", tag, attrs)

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        self._add("void", tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        self._add("data", attrs=[("", str(len(data)))])

    def handle_entityref(self, name: str) -> None:
        self._add("ref")

    def handle_charref(self, name: str) -> None:
        self._add("ref")

    def handle_comment(self, data: str) -> None:
        self._add("comment")

    def handle_decl(self, decl: str) -> None:
        self._add("decl")

    def handle_pi(self, data: str) -> None:
        self._add("decl")

    def unknown_decl(self, data: str) -> None:
        self._add("comment")


def _events(text: str) -> list[tuple[int, int, str, str, dict[str, str]]]:
    """``(start, end, kind, tag, attrs)``, contiguous from 0 to ``len(text)``."""
    parser = _Events(text)
    parser.feed(text)
    parser.close()
    raw = parser.events
    out: list[tuple[int, int, str, str, dict[str, str]]] = []
    first = raw[0][0] if raw else len(text)
    if first > 0:
        out.append((0, first, "comment", "", {}))
    for i, (pos, kind, name, attrs) in enumerate(raw):
        end = raw[i + 1][0] if i + 1 < len(raw) else len(text)
        if end <= pos:
            continue
        data_end = pos + int(attrs.get("", "0")) if kind == "data" else end
        if pos < data_end < end:  # text the parser skipped ("</>") is markup
            out.append((pos, data_end, kind, name, {}))
            out.append((data_end, end, "comment", "", {}))
        else:
            out.append((pos, end, kind, name, attrs))
    return out


def _is_verbatim(name: str, attrs: dict[str, str]) -> bool:
    if name in _VERBATIM:
        return True
    if attrs.get("translate", "").strip().lower() == "no":
        return True
    return "notranslate" in attrs.get("class", "").split()


# -- the reader --------------------------------------------------------------------------


@dataclass
class _Item:
    start: int
    end: int
    kind: str  # text, ref, tag, atom


class _Reader:
    def __init__(self, src: str, lang: str) -> None:
        self.src = src
        self.lang = lang
        self.stack: list[str] = []
        self.verbatim: int | None = None  # stack index of the open verbatim element
        self.atom: _Item | None = None
        self.run: list[_Item] = []
        self.run_kind: ParagraphKind = "paragraph"
        self.block = 0
        self.block_used = False
        self.pieces: list[Piece] = []

    # stack --------------------------------------------------------------------------
    def _kind(self) -> ParagraphKind:
        for name in reversed(self.stack):
            if name in _KINDS:
                return _KINDS[name]
        return "paragraph"

    def _find(self, names: Set[str], barriers: Set[str]) -> int | None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i] in names:
                return i
            if self.stack[i] in barriers:
                return None
        return None

    def _implied_close(self, name: str) -> int | None:
        """Stack index that a start tag ``name`` closes (everything from it up)."""
        found = None
        if name == "li":
            found = self._find({"li"}, _SCOPE | {"ol", "ul", "menu"})
        elif name in ("dd", "dt"):
            found = self._find({"dd", "dt"}, _SCOPE | {"dl"})
        if found is not None:
            return found
        if name in ("td", "th"):
            return self._find({"td", "th"}, {"table", "tr", "html", "template"})
        if name == "tr":
            return self._find({"tr"}, {"table", "html", "template"})
        if name == "option":
            return self._find({"option"}, {"select", "html"})
        if name in _CLOSES_P:
            return self._find({"p"}, _SCOPE)
        return None

    def _pop_to(self, index: int, pos: int) -> None:
        if self.verbatim is not None and index <= self.verbatim:
            self._end_atom(pos)
        del self.stack[index:]

    # items --------------------------------------------------------------------------
    def _end_atom(self, end: int) -> None:
        if self.atom is not None:
            self.atom.end = end
            self.run.append(self.atom)
        self.atom = None
        self.verbatim = None

    def _add(self, start: int, end: int, kind: str) -> None:
        if not self.run:
            self.run_kind = self._kind()
        if self.run and self.run[-1].kind == kind == "text" and self.run[-1].end == start:
            self.run[-1].end = end
        else:
            self.run.append(_Item(start, end, kind))

    def _boundary(self, new_block: bool = True) -> None:
        if self.run:
            found = self._pieces(self.run)
            if found:
                self.pieces.extend(found)
                self.block_used = True
        self.run = []
        if new_block and self.block_used:
            self.block += 1
            self.block_used = False

    # events -------------------------------------------------------------------------
    def feed(self, start: int, end: int, kind: str, name: str, attrs: dict[str, str]) -> None:
        if kind == "start" and name not in _VOID:
            close = self._implied_close(name)
            if close is not None:
                self._pop_to(close, start)
        elif kind == "end":
            found = self._find({name}, set())
            if found is not None:
                if self.verbatim is not None and found == self.verbatim:
                    assert self.atom is not None
                    self.atom.end = end
                    self._pop_to(found, end)
                    if name in _BLOCK:
                        self._boundary()
                    return
                self._pop_to(found, start)

        if self.verbatim is not None:  # inside an untranslatable element
            assert self.atom is not None
            self.atom.end = end
            if kind == "start" and name not in _VOID:
                self.stack.append(name)
            return

        if kind in ("start", "void", "end"):
            block = name in _BLOCK
            if block:
                self._boundary(new_block=name != "br")
            if kind == "start" and name not in _VOID:
                self.stack.append(name)
                if _is_verbatim(name, attrs):
                    if not self.run:
                        self.run_kind = self._kind()
                    self.verbatim = len(self.stack) - 1
                    self.atom = _Item(start, end, "atom")
                    return
            if not block:
                self._add(start, end, "tag")
            return
        if kind == "data":
            self._add(start, end, "text")
        elif kind == "ref":
            value = html.unescape(self.src[start:end])
            self._add(start, end, "text" if value == self.src[start:end] else "ref")
        elif kind == "decl":
            self._boundary()
        else:  # comment, CDATA
            self._add(start, end, "tag")

    def finish(self) -> list[Piece]:
        if self.atom is not None:
            self._end_atom(len(self.src))
        self._boundary()
        return self.pieces

    # sentences ----------------------------------------------------------------------
    def _pieces(self, items: list[_Item]) -> list[Piece]:
        src = self.src
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        words = False
        for item in items:
            if item.kind == "text":
                piece = src[item.start : item.end]
                chars.append(piece)
                starts.extend(range(item.start, item.end))
                ends.extend(range(item.start + 1, item.end + 1))
                words = words or not piece.isspace()
            elif item.kind == "ref":
                value = html.unescape(src[item.start : item.end])
                chars.append(value[:1] if len(value) == 1 else _MASK)
                starts.append(item.start)
                ends.append(item.end)
                words = words or not value.isspace()
            elif item.kind == "atom":
                chars.append(_MASK)
                starts.append(item.start)
                ends.append(item.end)
        if not words:
            return []  # markup, verbatim elements and spaces only
        projection = "".join(chars)
        by_end = {i.end: i for i in items if i.kind == "tag"}
        by_start = {i.start: i for i in items if i.kind == "tag"}
        pieces: list[Piece] = []
        last = items[0].start
        for a, b in split_sentences(projection, self.lang):
            s, e = starts[a], ends[b - 1]
            # opening tags right before the sentence and closing tags right after it
            while s in by_end and by_end[s].start >= last and _opens(src, by_end[s]):
                s = by_end[s].start
            while e in by_start and src.startswith("</", e):
                e = by_start[e].end
            keep = [
                (i.start, i.end) for i in items if i.kind != "text" and s <= i.start and i.end <= e
            ]
            pieces.append(Piece(self.block, self.run_kind, s, e, keep))
            last = e
        return pieces


def _opens(src: str, item: _Item) -> bool:
    """A start tag (not an end tag, comment or self-closing tag)."""
    return src[item.start + 1 : item.start + 2].isalpha() and src[item.end - 2] != "/"


# -- character references ----------------------------------------------------------------

_STRUCTURAL = frozenset("<>&")
"""Characters whose references stay references: decoded, they would be markup."""

_ASCII_DECODED = frozenset("\"'\t\n")
"""The ASCII characters whose references are decoded.  Others stay references: a
letter, digit, ``#``, ``;``, ``-`` or ``.`` decoded next to an ``&`` could make a new
reference (``&&#97;mp;`` would read ``&amp;``), and no editor writes them that way."""

_CDATA = frozenset({"script", "style"})


def _text_runs(text: str) -> list[Span]:
    """The spans of ``text`` that are text a reader sees: data outside tags, comments,
    references, ``script`` and ``style``.  Only there are references decoded, counted
    and written back (an attribute or a script keeps every character as it was)."""
    runs: list[Span] = []
    cdata: str | None = None
    for start, end, kind, tag, _attrs in _events(text):
        if cdata is not None:
            if kind == "end" and tag == cdata:
                cdata = None
            continue
        if kind == "start" and tag in _CDATA:
            cdata = tag
        elif kind == "data":
            runs.append((start, end))
    return runs


def _decodable(ref: str, value: str) -> bool:
    if len(value) != 1 or value == ref or value in _STRUCTURAL:
        return False
    if value.isascii():
        return value in _ASCII_DECODED
    return unicodedata.category(value) not in ("Cs", "Cn", "Cc")


@dataclass(frozen=True)
class References:
    """How a body wrote the characters it wrote as references (``’`` as ``&#8217;``),
    to write a translation back the same way.

    ``forms``: the characters written only as references, each with its first
    reference (:meth:`restore`, for a piece of text out of its place).  ``order``: for
    each character written as a reference at least once, how each of its occurrences
    in the body's text was written, in order (the character itself where it was
    written raw), for :meth:`write_back`.
    """

    forms: tuple[tuple[str, str], ...] = ()
    order: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def restore(self, text: str) -> str:
        """Every character the body wrote only as a reference, written as that
        reference again (a fragment: segments, ``after``)."""
        for char, form in self.forms:
            text = text.replace(char, form)
        return text

    def write_back(self, text: str) -> str:
        """A whole body (the decoded body itself, or its translation) written the way
        the body was: the n-th occurrence of a character in text gets the form of the
        n-th in the source; occurrences beyond those get the form the source used
        most (the first of equals).  The decoded body comes back byte for byte; in a
        translation, a character the source wrote as ``&#8217;`` stays ``&#8217;``
        where the translation keeps it.  Tags, attributes, comments, scripts and
        styles are never touched."""
        if not self.order:
            return text
        queues = {char: list(forms) for char, forms in self.order}
        used = dict.fromkeys(queues, 0)
        usual = {char: max(forms, key=forms.count) for char, forms in self.order}
        out: list[str] = []
        pos = 0
        for start, end in _text_runs(text):
            for i in range(start, end):
                char = text[i]
                if char not in queues:
                    continue
                n = used[char]
                used[char] = n + 1
                form = queues[char][n] if n < len(queues[char]) else usual[char]
                if form != char:
                    out.append(text[pos:i])
                    out.append(form)
                    pos = i + 1
        out.append(text[pos:])
        return "".join(out)


def decode_references(text: str) -> tuple[str, References]:
    """``text`` with the character references of its text (not of its attributes, nor
    inside ``script`` or ``style``) replaced by the characters they stand for, except
    ``&lt;``, ``&gt;`` and ``&amp;`` (and their numeric forms), which would then be
    markup, and ASCII letters, digits and punctuation other than quotes (see
    ``_ASCII_DECODED``).

    Why: WordPress's ``content.rendered`` writes every apostrophe as ``&#8217;``, and a
    reference in a word splits it for the engine and the matcher (``Aliyev&#8217;s``
    is not a possessive to either).  :meth:`References.write_back` writes the
    translation back the way the body came (:meth:`References.restore`, a fragment:
    a character the body wrote only as a reference is written as that reference
    again, the first form seen; one it also wrote raw stays raw).
    """
    if "&" not in text:
        return text, References()
    out: list[str] = []
    forms: dict[str, str] = {}
    written: dict[int, str] = {}  # where a decoded character stands in ``decoded``: its ref
    pos = length = 0
    for start, end, kind, _tag, _attrs in _events(text):
        if kind != "ref":
            continue
        ref = text[start:end]
        value = html.unescape(ref)
        if not _decodable(ref, value):
            continue
        out.append(text[pos:start])
        length += start - pos
        written[length] = ref
        out.append(value)
        length += 1
        forms.setdefault(value, ref)
        pos = end
    if not forms:
        return text, References()
    out.append(text[pos:])
    decoded = "".join(out)
    raw = set(text)
    kept = tuple((c, f) for c, f in forms.items() if c not in raw)
    order: dict[str, list[str]] = {c: [] for c in forms}
    for start, end in _text_runs(decoded):
        for i in range(start, end):
            if decoded[i] in order:
                order[decoded[i]].append(written.get(i, decoded[i]))
    return decoded, References(kept, tuple((c, tuple(f)) for c, f in order.items()))


def parse_html(text: str, lang: str, name: str = "article") -> Document:
    """Segment an HTML article or fragment (``text`` is kept as is, offsets index it)."""
    norm = normalize(text)
    reader = _Reader(norm.norm, lang)
    for start, end, kind, tag, attrs in _events(norm.norm):
        reader.feed(start, end, kind, tag, attrs)
    return build_document(text, lang, name, "html", norm, reader.finish())


@dataclass(frozen=True)
class ReferencedDocument(Document):
    """An HTML or Markdown article read with its character references as characters (``text`` is
    the decoded text, which the segments index), and how to write them back.

    Why a document of its own: the references are a property of the file, not of the
    words, and only the writer of the translated file needs them
    (:func:`as_written`); every other reader of a Document (matcher, engine, bitexts)
    sees the characters a reader sees."""

    references: References = References()


def with_references(text: str, parse: Callable[[str], Document]) -> Document:
    """``parse`` of ``text`` with its character references read as characters, and
    the document remembering how to write them back (HTML, and Markdown, whose text
    takes the same references)."""
    decoded, references = decode_references(text)
    document = parse(decoded)
    if not references.order:
        return document
    values = {f.name: getattr(document, f.name) for f in fields(Document)}
    return ReferencedDocument(**values, references=references)


def as_written(document: Document, text: str) -> str:
    """``text`` (a translation of ``document``, or the document itself) spelled the way
    the source file was: where the source wrote a character as a reference, the
    translation writes it as that reference (:meth:`References.write_back`)."""
    if isinstance(document, ReferencedDocument):
        return document.references.write_back(text)
    return text


class HtmlArticle:
    """An HTML page or fragment: the text of block elements translated, the tags kept.

    Its character references (``Aliyev&#8217;s``, ``Bak&uacute;``) are read as the
    characters they stand for (:func:`decode_references`), so the engine and the
    matcher see ``Aliyev’s`` and ``Bakú``; the document remembers how they were written
    (:class:`ReferencedDocument`) for the translated file.  The CMS hook does the same to its
    HTML bodies with the same two functions."""

    name = "html"
    aliases = ("htm",)
    extensions = (".html", ".htm")

    def parse(self, text: str, lang: str, name: str = "article") -> Document:
        return with_references(text, lambda decoded: parse_html(decoded, lang, name))
