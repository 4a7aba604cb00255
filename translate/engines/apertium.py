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

**One long-lived pipeline per mode.**  Starting Apertium costs a shell script, a gawk
filter and a dozen programs per call, and a document makes several calls (calibration,
plain, protected, alignment).  So the engine starts the mode's programs itself, each
with ``-z``, as ``apertium-wblank-mode -z`` lists them for the ``apertium`` script,
and keeps them running: every segment ends in NUL, and every stage answers it at once.
(Through the script the answers do not come per NUL: its gawk wrapper holds them.)
The programs and their options are the script's own, so the output is byte for byte
the one-shot ``apertium -z -f none MODE``'s, which stays as the fallback
(``DRAGOMAN_APERTIUM_PERSISTENT=0``, a custom ``DRAGOMAN_APERTIUM``, or a mode file we
cannot read as a plain pipeline).  A pipeline that died is started again (a call it
was in is retried once); one that stops answering for ``engine_timeout`` seconds is
killed and the call fails with a one-line error.  Each process owns its pipelines: a
forked worker starts its own.
"""

from __future__ import annotations

import difflib
import os
import re
import selectors
import shlex
import shutil
import subprocess
import tempfile
import threading
import time
import weakref
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import IO

from translate.document import Span
from translate.engines.base import DirectRoute, Pair, SourceText, Translation, engine_timeout
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


_ESCAPES = str.maketrans(
    {
        **{ch: f"[{ch}]" for ch in _SUPERBLANKED},
        **{ch: "\\" + ch for ch in _RESERVED},
        "\0": " ",
    }
)
"""One pass of ``str.translate`` instead of a Python loop per character: the stream is
built for every segment of every call (plain, marked, word-tagged)."""


def _escape_plain(text: str, out: list[str]) -> None:
    out.append(text.translate(_ESCAPES))


def _escape_superblank(text: str) -> str:
    # "[" escaped too: a superblank opening "[[" is read as a word-bound blank, and one
    # never closed swallows every segment after it (they came back empty)
    body = text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return "[" + body.replace("\0", " ") + "]"


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


_SPECIAL = re.compile(r"[\\\[*#@]")
_BLANK_SPECIAL = re.compile(r"[\\\]]")


def from_stream(stream: str) -> Translation:
    """Decode Apertium's output: unescape, open superblanks, strip and collect marks."""
    # Runs of ordinary characters are copied whole (a regex finds the next special
    # one): this decodes every chunk of every call, and most characters are ordinary.
    out: list[str] = []
    unknown: list[str] = []
    i, n = 0, len(stream)
    while i < n:
        found = _SPECIAL.search(stream, i)
        if found is None:
            out.append(stream[i:])
            break
        if found.start() > i:
            out.append(stream[i : found.start()])
            i = found.start()
        ch = stream[i]
        if ch == "\\" and i + 1 < n:
            out.append(stream[i + 1])
            i += 2
        elif ch == "[":
            j = i + 1
            while j < n:
                inner = _BLANK_SPECIAL.search(stream, j)
                if inner is None:
                    out.append(stream[j:])
                    j = n
                    break
                out.append(stream[j : inner.start()])
                j = inner.start()
                if stream[j] == "]":
                    break
                if j + 1 < n:
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


# Shell words a mode file may hold that a plain pipeline of programs has no use for:
# a mode with any of them runs through the one-shot ``apertium`` script instead.
_SHELL_SYNTAX = re.compile(r"[;&<>`(){}]|\$(?![12]\b)")


def pipeline_stages(line: str) -> list[list[str]] | None:
    """The programs of a mode's pipeline (``apertium-wblank-mode -z`` output), with the
    ``apertium`` script's arguments for ``-f none``: ``$1`` is ``-g`` (generation
    marks on), ``$2`` is empty (no tagger ambiguity).  None if it is not a plain one."""
    if not line.strip() or _SHELL_SYNTAX.search(line.replace("||", ";")):
        return None
    stages = []
    for part in line.strip().split("|"):
        try:
            words = shlex.split(part)
        except ValueError:
            return None
        args = []
        for word in words:
            if word == "$1":
                args.append("-g")
            elif word != "$2":
                if "$" in word:
                    return None
                args.append(word)
        if not args:
            return None
        stages.append(args)
    return stages


class EngineHung(Exception):
    """The pipeline gave no output for the whole timeout."""


class EngineDied(Exception):
    """The pipeline closed its output, or refused input, before it answered."""

    def __init__(self, got: int = 0) -> None:
        super().__init__(got)
        self.got = got


# Programs that carry state from one NUL-flushed segment to the next (the HMM tagger's
# choices for a segment changed with what came before it, measured on our articles):
# each is started afresh before every call, so that a call's output is what a fresh
# one-shot run gives, whatever the process translated before.
STATEFUL = frozenset({"apertium-tagger", "apertium-anaphora", "cg-proc"})


class _Pipeline:
    """Running Apertium programs chained stdout to stdin, fed and read by this process.

    Only the process that started it uses it (a forked child sees another pid and
    starts its own); one call at a time (a lock, for a threaded server).  Its programs'
    stderr goes to a temporary file, read back for error messages.  The pipes around a
    :data:`STATEFUL` program stay open here, so that it can be started again in place.
    """

    def __init__(self, stages: Sequence[Sequence[str]], *, close_after_write: bool = False):
        self.pid = os.getpid()
        self.stages = [list(args) for args in stages]
        self.close_after_write = close_after_write
        self.lock = threading.Lock()
        self.stderr: IO[bytes] = tempfile.TemporaryFile()
        self.procs: list[subprocess.Popen[bytes]] = []
        self.kept: dict[int, tuple[int, int]] = {}
        """Stage index -> (its stdin, its stdout), for the stages started afresh."""
        self.used = False
        self.closed = False
        last = len(self.stages) - 1
        loose: list[int] = []
        try:
            stdin: int | None = None
            for n, args in enumerate(self.stages):
                read_next, stdout = os.pipe() if n < last else (None, None)
                loose = [fd for fd in (stdin, read_next, stdout) if fd is not None]
                proc = subprocess.Popen(
                    args,
                    stdin=subprocess.PIPE if stdin is None else stdin,
                    stdout=subprocess.PIPE if stdout is None else stdout,
                    stderr=self.stderr,
                    env=_ENGINE_ENV,
                )
                self.procs.append(proc)
                if 0 < n < last and Path(args[0]).name in STATEFUL:
                    assert stdin is not None and stdout is not None
                    self.kept[n] = (stdin, stdout)
                else:
                    for fd in (stdin, stdout):
                        if fd is not None:
                            os.close(fd)
                stdin = read_next
                loose = []
        except BaseException:
            for fd in loose:
                try:
                    os.close(fd)
                except OSError:
                    pass
            self.close()
            raise
        self._finalizer = weakref.finalize(
            self, _Pipeline._shut, self.procs, self.stderr, self.pid, self.kept
        )

    def refresh(self) -> None:
        """Start the stateful programs again (the pipes around them are empty: every
        answer of the last call has come out of the last program)."""
        for n, (stdin, stdout) in self.kept.items():
            old = self.procs[n]
            old.kill()
            old.wait()
            self.procs[n] = subprocess.Popen(
                self.stages[n], stdin=stdin, stdout=stdout, stderr=self.stderr, env=_ENGINE_ENV
            )

    @property
    def alive(self) -> bool:
        return self.pid == os.getpid() and all(p.poll() is None for p in self.procs)

    def error_text(self) -> str:
        """The last line the programs wrote to stderr, if any."""
        try:
            self.stderr.seek(0, os.SEEK_END)
            size = self.stderr.tell()
            self.stderr.seek(max(0, size - 2000))
            lines = self.stderr.read().decode("utf-8", "replace").strip().splitlines()
        except (OSError, ValueError):
            return ""
        return lines[-1] if lines else ""

    def exchange(self, data: bytes, answers: int, timeout: float | None) -> list[bytes]:
        """Send ``data`` (``answers`` NUL-terminated segments) and read as many answers.

        ``timeout``: the longest the pipeline may go without giving any output.
        """
        if self.used:
            self.refresh()
        self.used = True
        first, last = self.procs[0], self.procs[-1]
        assert first.stdin is not None and last.stdout is not None
        # One loop writes and reads (no thread): the input can be far larger than a
        # pipe holds, and the first answers come back while it is still going in.
        into, out = first.stdin.fileno(), last.stdout.fileno()
        os.set_blocking(into, False)
        view = memoryview(data)
        received = bytearray()
        count = 0
        with selectors.DefaultSelector() as selector:
            selector.register(out, selectors.EVENT_READ)
            if view:
                selector.register(into, selectors.EVENT_WRITE)
            elif self.close_after_write:
                first.stdin.close()
            while count < answers:
                events = selector.select(timeout)
                if not events:
                    raise EngineHung
                for key, _ in events:
                    if key.fd == into:
                        try:
                            view = view[os.write(into, view[: 1 << 16]) :]
                        except BlockingIOError:
                            continue
                        except OSError:  # a broken pipe: the first program is gone
                            raise EngineDied(count) from None
                        if not view:
                            selector.unregister(into)
                            if self.close_after_write:
                                first.stdin.close()
                        continue
                    chunk = os.read(out, 1 << 16)
                    if not chunk:
                        raise EngineDied(count)
                    count += chunk.count(b"\0")
                    received += chunk
        if view:
            raise EngineDied(count)  # answers before all was sent: out of step
        # A program that died made the next one see end of input, flush and write a NUL
        # of its own: answers after a death are not answers.  (It is reaped before the
        # ones after it can answer, so poll() sees it.)
        if self.close_after_write:
            if first.wait(timeout) != 0:
                raise EngineDied(count)
        elif any(proc.poll() is not None for proc in self.procs):
            raise EngineDied(count)
        chunks = bytes(received).split(b"\0")
        if len(chunks) != answers + 1 or chunks[-1]:
            # more than was asked for: the stream is out of step; never reuse it
            self.close()
        return chunks[:answers]

    def close(self) -> None:
        self.closed = True
        self._shut(self.procs, self.stderr, self.pid, self.kept)

    @staticmethod
    def _shut(
        procs: list[subprocess.Popen[bytes]],
        stderr: IO[bytes],
        owner: int,
        kept: dict[int, tuple[int, int]],
    ) -> None:
        """End the programs: EOF first (they finish and exit), then kill what is left."""
        if owner != os.getpid():
            return  # a forked child's copy: the parent's processes are not ours to end
        for fds in kept.values():
            for fd in fds:
                try:
                    os.close(fd)
                except OSError:
                    pass
        kept.clear()
        for proc in procs:
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    try:
                        stream.close()
                    except OSError:
                        pass
        deadline = time.monotonic() + 1.0
        for proc in procs:
            try:
                proc.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        try:
            stderr.close()
        except OSError:
            pass


def _persistent_default() -> bool:
    return os.environ.get("DRAGOMAN_APERTIUM_PERSISTENT", "1").strip().lower() not in (
        "0",
        "no",
        "false",
        "off",
    )


class ApertiumEngine(DirectRoute):
    """Any installed Apertium mode, found in the modes directory Debian installs (modes
    are direct pairs)."""

    name = "apertium"
    term_marking = "carrier"

    def __init__(
        self,
        executable: str | None = None,
        modes_dirs: Sequence[str] | None = None,
        *,
        persistent: bool | None = None,
        timeout: float | None = None,
    ):
        custom = executable or os.environ.get("DRAGOMAN_APERTIUM")
        self.executable = custom or "apertium"
        self.modes_dirs = tuple(modes_dirs or DEFAULT_MODES_DIRS)
        self.persistent = (persistent if persistent is not None else _persistent_default()) and (
            custom is None or persistent is True
        )
        """Long-lived pipelines (a custom executable is a wrapper of unknown shape: one-shot)."""
        self.timeout = timeout if timeout is not None else engine_timeout()
        """Seconds the engine may go without answering before a call fails; None: forever."""
        self._pipelines: dict[str, _Pipeline] = {}
        self._stages: dict[str, list[list[str]] | None] = {}
        self._lock = threading.Lock()

    @cached_property
    def _mode_files(self) -> dict[str, Path]:
        files: dict[str, Path] = {}
        if shutil.which(self.executable) is None:
            return files
        for folder in self.modes_dirs:
            for path in sorted(Path(folder).glob("*.mode")):
                files.setdefault(path.stem, path)
        return files

    @cached_property
    def _modes(self) -> dict[tuple[str, str], str]:
        modes: dict[tuple[str, str], str] = {}
        for mode in self._mode_files:
            parts = mode.split("-")
            if len(parts) != 2 or "_" in mode:
                continue  # variants such as eng-cat_valencia are not default pairs
            src, tgt = (_lang_of_mode_code(p) for p in parts)
            if src and tgt:
                modes.setdefault((src, tgt), mode)
        return modes

    def version(self, source: str, target: str) -> str:
        """What the output depends on, for caches: the mode and the size and time of
        every file it reads (a package upgrade changes them), and Apertium's version."""
        import hashlib

        path = self._mode_files[self.mode_for(source, target)]
        digest = hashlib.sha256(path.read_bytes())
        for word in shlex.split(path.read_text(encoding="utf-8").replace("|", " ")):
            if word.startswith("/") and os.path.isfile(word):
                stat = os.stat(word)
                digest.update(f"{word}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        digest.update(self.executable.encode())
        return f"apertium {_apertium_version()} {digest.hexdigest()[:16]}"

    def close(self) -> None:
        """End every pipeline this process started (at exit, each pipeline's finaliser does)."""
        with self._lock:
            pipelines, self._pipelines = self._pipelines, {}
        for pipeline in pipelines.values():
            pipeline.close()

    def stages(self, mode: str) -> list[list[str]] | None:
        """The programs of ``mode`` with ``-z`` (None: use the one-shot script)."""
        if mode not in self._stages:
            found = None
            path = self._mode_files.get(mode)
            if path is not None and shutil.which("apertium-wblank-mode"):
                try:
                    listed = subprocess.run(
                        ["apertium-wblank-mode", "-z", str(path)],
                        capture_output=True,
                        check=True,
                        env=_ENGINE_ENV,
                        timeout=30,
                    ).stdout.decode("utf-8", "replace")
                except (OSError, subprocess.SubprocessError):
                    listed = ""
                found = pipeline_stages(listed)
                if found and any(shutil.which(args[0]) is None for args in found):
                    found = None
            self._stages[mode] = found
        return self._stages[mode]

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
        """All streams through one pipeline; one output chunk per stream."""
        # The empty superblank before each NUL is load-bearing: without it lt-proc -z
        # swallows a final full stop together with the NUL (eng-cat then merges segments).
        data = "".join(s + "[]\0" for s in streams).encode("utf-8")
        stages = self.stages(mode) if self.persistent else None
        if stages is None:
            return self._run_once(data, len(streams), mode)
        deaths = 0
        while True:
            with self._lock:
                pipeline = self._pipelines.get(mode)
                if pipeline is None or not pipeline.alive:
                    pipeline = self._pipelines[mode] = self._start(stages)
            with pipeline.lock:
                if pipeline.closed:
                    continue  # another thread's call ended it while this one waited
                try:
                    answers = pipeline.exchange(data, len(streams), self.timeout)
                except EngineHung:
                    self._drop(mode, pipeline)
                    raise self._hung(mode) from None
                except (EngineDied, OSError):
                    reason = pipeline.error_text()
                    self._drop(mode, pipeline)
                    deaths += 1
                    if deaths == 1:
                        continue  # killed from outside (an operator, the OOM killer): once more
                    raise EngineError(
                        _("apertium {mode} stopped: {reason}").format(
                            mode=mode, reason=reason or _("the process ended")
                        )
                    ) from None
            return [a.decode("utf-8", "replace") for a in answers]

    def _start(self, stages: list[list[str]]) -> _Pipeline:
        try:
            return _Pipeline(stages)
        except OSError as err:
            raise EngineError(
                _("cannot run {executable}: {strerror}").format(
                    executable=stages[0][0], strerror=err.strerror
                ),
                hint=_("apt-get install apertium"),
            ) from None

    def _drop(self, mode: str, pipeline: _Pipeline) -> None:
        with self._lock:
            if self._pipelines.get(mode) is pipeline:
                del self._pipelines[mode]
        pipeline.close()

    def _hung(self, mode: str) -> EngineError:
        return EngineError(
            _("apertium {mode} gave no answer in {seconds:g} s; it was stopped").format(
                mode=mode, seconds=self.timeout
            ),
            hint=_("raise engine_timeout in dragoman.toml or DRAGOMAN_ENGINE_TIMEOUT"),
        )

    def _run_once(self, data: bytes, count: int, mode: str) -> list[str]:
        """The one-shot path: ``apertium -z -f none MODE`` for this call only."""
        try:
            pipeline = _Pipeline(
                [[self.executable, "-z", "-f", "none", mode]], close_after_write=True
            )
        except OSError as err:
            raise EngineError(
                _("cannot run {executable}: {strerror}").format(
                    executable=self.executable, strerror=err.strerror
                ),
                hint=_("apt-get install apertium"),
            ) from None
        try:
            answers = pipeline.exchange(data, count, self.timeout)
        except EngineHung:
            raise self._hung(mode) from None
        except EngineDied as died:
            reason = pipeline.error_text()
            code = pipeline.procs[0].wait()
            if code == 0 or not reason:
                raise EngineError(
                    _("apertium {mode} returned {got} segments for {sent}").format(
                        mode=mode, got=died.got, sent=count
                    )
                ) from None
            raise EngineError(
                _("apertium {mode} failed: {reason}").format(mode=mode, reason=reason)
            ) from None
        finally:
            pipeline.close()
        return [a.decode("utf-8", "replace") for a in answers]


def _apertium_version() -> str:
    try:
        out = subprocess.run(
            ["apertium", "-V"], capture_output=True, env=_ENGINE_ENV, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.decode("utf-8", "replace").strip() or "unknown"
