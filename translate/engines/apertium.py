"""Apertium, the rule-based engine from Debian's packages, driven as one process per batch.

We talk to ``apertium -z -f none MODE`` in Apertium's own stream format rather than
plain text, because that is the only way to be exact about three things:

* batching: with ``-z`` every stage flushes on NUL, so a whole document goes through
  one process and comes back split on NUL, segment for segment (each segment ends in
  an empty superblank ``[]``: lt-proc 3.x drops a final "." and its NUL otherwise);
* verbatim spans: text inside ``[...]`` is a *superblank* that every stage passes
  through untouched (inline code, link targets, markup);
* unknown words: reserved characters in the source are backslash-escaped, so a bare
  ``*``, ``#`` or ``@`` in the output can only be one of Apertium's marks (unknown word,
  generation error, transfer error).  ``*`` and ``#`` lose their escape inside the
  pipeline, so source asterisks and hashes travel as superblanks instead.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from translate.document import Span
from translate.engines.base import DirectRoute, Pair, SourceText, Translation
from translate.errors import EngineError
from translate.i18n import _
from translate.inline import Link, words

# Characters with a meaning in Apertium's stream format; escaped with a backslash.
_RESERVED = set("\\[]{}^$/@<>")
# Characters Apertium unescapes inside the pipeline; carried in superblanks instead.
_SUPERBLANKED = set("*#")
_MARKS = set("*#@")

# Debian's Apertium language-pair packages (``apt-cache search '^apertium-'``, Debian 12).
# A package holds both directions, usually.  The hint for a missing pair names one of
# these or none: ``apertium-eng-fas`` does not exist, and naming it sends a user nowhere.
DEBIAN_PAIRS = frozenset(
    """af-nl afr-nld arg-cat bel-rus br-fr ca-it cat-ita cat-srd dan-nor en-ca en-es en-gl
    eng-cat eng-spa eo-ca eo-en eo-es eo-fr es-ast es-ca es-gl es-it es-pt es-ro eu-en
    eu-es fr-es fra-cat fra-frp hbs-eng hbs-mkd hbs-slv id-ms ind-zlm is-sv isl-eng
    isl-swe mk-bg mk-en mkd-bul mkd-eng nno-nob oc-ca oc-es oci-fra pol-szl por-cat
    pt-ca pt-gl rus-ukr spa-arg spa-ast spa-cat spa-ita srd-ita swe-dan swe-nor
    urd-hin""".split()
)

DEFAULT_MODES_DIRS = ("/usr/share/apertium/modes", "/usr/local/share/apertium/modes")


def _escape_plain(text: str, out: list[str]) -> None:
    for ch in text:
        if ch in _SUPERBLANKED:
            out.append(f"[{ch}]")
        elif ch in _RESERVED:
            out.append("\\" + ch)
        elif ch == "\0":
            out.append(" ")
        else:
            out.append(ch)


def _escape_superblank(text: str) -> str:
    return "[" + text.replace("\\", "\\\\").replace("]", "\\]").replace("\0", " ") + "]"


def debian_package(source: str, target: str) -> str | None:
    """The Debian package with this pair (either direction, newest naming first)."""
    from translate.languages import base, iso639_3_aliases

    for a in [*iso639_3_aliases(source), base(source)]:
        for b in [*iso639_3_aliases(target), base(target)]:
            for pair in (f"{a}-{b}", f"{b}-{a}"):
                if pair in DEBIAN_PAIRS:
                    return f"apertium-{pair}"
    return None


def to_stream(text: str, keep: Sequence[Span] = ()) -> str:
    """Encode one text in Apertium stream format, ``keep`` spans as superblanks."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(keep):
        if start < pos:
            continue
        _escape_plain(text[pos:start], out)
        out.append(_escape_superblank(text[start:end]))
        pos = end
    _escape_plain(text[pos:], out)
    return "".join(out)


def from_stream(stream: str) -> Translation:
    """Decode Apertium's output: unescape, open superblanks, strip and collect marks."""
    out: list[str] = []
    unknown: list[str] = []
    i, n = 0, len(stream)
    while i < n:
        ch = stream[i]
        if ch == "\\" and i + 1 < n:
            out.append(stream[i + 1])
            i += 2
        elif ch == "[":
            j = i + 1
            while j < n and stream[j] != "]":
                if stream[j] == "\\" and j + 1 < n:
                    out.append(stream[j + 1])
                    j += 2
                else:
                    out.append(stream[j])
                    j += 1
            i = j + 1
        elif ch in _MARKS and i + 1 < n and stream[i + 1].isalnum():
            j = i + 1
            while j < n and (stream[j].isalnum() or stream[j] in "-'’"):
                j += 1
            if ch == "*":
                word = stream[i + 1 : j].rstrip("-'’")
                if word not in unknown:
                    unknown.append(word)
            i += 1  # drop the mark, keep the word
        else:
            out.append(ch)
            i += 1
    return Translation(text="".join(out), unknown_words=tuple(unknown))


_WORD_BLANK = re.compile(r"\[\[([^\]]*)\]\](.*?)\[\[/\]\]", re.S)
_OPEN_MARK, _CLOSE_MARK = "\ue000", "\ue001"  # never in a stream we send: see _tagged_stream


def _tagged_stream(text: str) -> str:
    """``text`` with every word in a word-bound blank naming its index."""
    out: list[str] = []
    pos = 0
    clean = text.replace(_OPEN_MARK, " ").replace(_CLOSE_MARK, " ")
    for n, (start, end) in enumerate(words(clean)):
        _escape_plain(clean[pos:start], out)
        out.append(f"[[t:w:{n}]]")
        _escape_plain(clean[start:end], out)
        out.append("[[/]]")
        pos = end
    _escape_plain(clean[pos:], out)
    return "".join(out)


def _links(source: str, chunk: str, translation: str) -> list[Link]:
    """Links between the words of ``source`` and of ``translation``, through the tagged
    output ``chunk`` of the same source."""
    groups: list[list[int]] = []

    def mark(m: re.Match[str]) -> str:
        groups.append([int(n) for n in re.findall(r"t:w:(\d+)", m.group(1))])
        return _OPEN_MARK + m.group(2) + _CLOSE_MARK

    decoded = from_stream(_WORD_BLANK.sub(mark, chunk)).text
    plain: list[str] = []
    owners: list[int] = []  # for each character of the plain output: its group, or -1
    group = -1
    seen = 0
    for ch in decoded:
        if ch == _OPEN_MARK:
            group, seen = seen, seen + 1
        elif ch == _CLOSE_MARK:
            group = -1
        else:
            plain.append(ch)
            owners.append(group)
    tagged = "".join(plain)
    source_words = words(source)
    out_words = words(tagged)
    final_words = words(translation)
    matcher = difflib.SequenceMatcher(
        None,
        [tagged[a:b].lower() for a, b in out_words],
        [translation[a:b].lower() for a, b in final_words],
        autojunk=False,
    )
    links: list[Link] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op not in ("equal", "replace"):
            continue
        for k in range(i1, i2):
            if op == "equal" or i2 - i1 == j2 - j1:
                targets = [final_words[j1 + k - i1]]
            else:
                targets = final_words[j1:j2]
            owner = owners[out_words[k][0]]
            if owner < 0 or owner >= len(groups):
                continue
            for n in groups[owner]:
                if n < len(source_words):
                    links += [(source_words[n], t) for t in targets]
    return links


def _lang_of_mode_code(code: str) -> str | None:
    from translate.languages import is_known, normalize

    return normalize(code) if is_known(code) else None


_ENGINE_ENV = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
"""Apertium runs under a locale that always exists: with a locale the system lacks
(``LANG=fa_IR.UTF-8`` on a machine that has only C.UTF-8) its tools abort part-way and
return a few segments of many.  The interface keeps the language the user asked for."""


class ApertiumEngine(DirectRoute):
    """Any installed Apertium mode, found in the modes directory Debian installs (modes
    are direct pairs)."""

    name = "apertium"
    term_marking = "carrier"

    def __init__(self, executable: str | None = None, modes_dirs: Sequence[str] | None = None):
        self.executable = executable or os.environ.get("DRAGOMAN_APERTIUM", "apertium")
        self.modes_dirs = tuple(modes_dirs or DEFAULT_MODES_DIRS)

    @cached_property
    def _modes(self) -> dict[tuple[str, str], str]:
        modes: dict[tuple[str, str], str] = {}
        if shutil.which(self.executable) is None:
            return modes
        for folder in self.modes_dirs:
            for path in sorted(Path(folder).glob("*.mode")):
                mode = path.stem
                parts = mode.split("-")
                if len(parts) != 2 or "_" in mode:
                    continue  # variants such as eng-cat_valencia are not default pairs
                src, tgt = (_lang_of_mode_code(p) for p in parts)
                if src and tgt:
                    modes.setdefault((src, tgt), mode)
        return modes

    def pairs(self) -> list[Pair]:
        return [Pair(s, t, mode) for (s, t), mode in sorted(self._modes.items())]

    def mode_for(self, source: str, target: str) -> str:
        from translate.languages import base

        mode = self._modes.get((base(source), base(target)))
        if mode is None:
            raise EngineError(
                _("Apertium has no {source}-{target} pair installed").format(
                    source=source, target=target
                ),
                hint=self.missing_pair_hint(source, target),
            )
        return mode

    def missing_pair_hint(self, source: str, target: str) -> str | None:
        package = debian_package(source, target)
        if package is None:
            return None
        if shutil.which(self.executable) is None:
            return f"apt-get install apertium {package}"
        return f"apt-get install {package}"

    def translate_batch(
        self, texts: Sequence[SourceText], source: str, target: str
    ) -> list[Translation]:
        if not texts:
            return []
        chunks = self._run(
            [to_stream(t.text, t.keep) for t in texts], self.mode_for(source, target)
        )
        # Apertium pads with blanks at both ends; segment sources never have any.
        decoded = (from_stream(chunk) for chunk in chunks)
        return [Translation(t.text.strip(), t.unknown_words) for t in decoded]

    def align(self, pairs: Sequence[tuple[str, str]], source: str, target: str) -> list[list[Link]]:
        """Word links, from Apertium's own word-bound blanks: each source word goes in
        as ``[[t:w:N]]word[[/]]``, and every stage moves the blank with its word, as
        ``apertium -f html`` does for inline tags.  That translation is then matched
        word for word with the given one (which the glossary may have changed)."""
        if not pairs:
            return []
        chunks = self._run([_tagged_stream(src) for src, _ in pairs], self.mode_for(source, target))
        return [
            _links(src, chunk, translation)
            for (src, translation), chunk in zip(pairs, chunks, strict=True)
        ]

    def _run(self, streams: Sequence[str], mode: str) -> list[str]:
        """One Apertium process for all streams; one output chunk per stream."""
        # The empty superblank before each NUL is load-bearing: without it lt-proc -z
        # swallows a final full stop together with the NUL (eng-cat then merges segments).
        stream = "".join(s + "[]\0" for s in streams)
        try:
            proc = subprocess.run(
                [self.executable, "-z", "-f", "none", mode],
                input=stream.encode("utf-8"),
                capture_output=True,
                check=False,
                env=_ENGINE_ENV,
            )
        except OSError as err:
            raise EngineError(
                _("cannot run {executable}: {strerror}").format(
                    executable=self.executable, strerror=err.strerror
                ),
                hint=_("apt-get install apertium"),
            ) from None
        if proc.returncode != 0:
            message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise EngineError(
                _("apertium {mode} failed: {reason}").format(
                    mode=mode, reason=message[-1] if message else proc.returncode
                )
            )
        chunks = proc.stdout.decode("utf-8", "replace").split("\0")
        if len(chunks) < len(streams):
            raise EngineError(
                _("apertium {mode} returned {got} segments for {sent}").format(
                    mode=mode, got=len(chunks), sent=len(streams)
                )
            )
        return chunks[: len(streams)]
