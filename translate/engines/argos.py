"""Argos Translate packages run through CTranslate2 and SentencePiece directly.

argostranslate's own ``translate()`` cannot run here: its sentence splitters fetch
MiniSBD or Stanza models at run time, and ``import argostranslate.translate`` pulls in
torch (about 3 s).  We segment ourselves, tokenize with the package's SentencePiece
model, and call ``ctranslate2.Translator.translate_batch`` once over all sentences of a
document, longest first so that batches hold sentences of similar length, with the
package's target prefix where it has one.  A translator is loaded once per process.

Defaults come from measurement on our 2-core machines (benchmarks/speed.py, tiny
model): batched with ``intra_threads=1`` ran 169 sentences/s, one sentence per call with
CTranslate2's default ``intra_threads=0`` ran 25/s; greedy decoding ran argostranslate's
own path 5.7× faster than its default beam 4.  Override with ``DRAGOMAN_ARGOS_*``.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.document import Span
from translate.engines.argos_packages import InstalledPackage, installed
from translate.engines.base import TERM_MARKINGS, Pair, SourceText, TermMarking, Translation
from translate.errors import EngineError
from translate.i18n import _
from translate.inline import Link, words

PIVOT = "en"
# Verbatim spans travel as private-use characters from the top of the BMP's private-use
# area; glossary placeholders use the bottom (translate.glossary.placeholders).
KEEP_BASE = 0xF8FF


@dataclass(frozen=True)
class Settings:
    intra_threads: int = 1
    inter_threads: int = 1
    beam_size: int = 1
    max_batch_size: int = 1024
    max_pieces: int = 200
    compute_type: str = "default"
    term_marking: TermMarking = "auto"
    no_repeat_ngram_size: int = 0
    repetition_penalty: float = 1.0

    @classmethod
    def from_env(cls) -> Settings:
        def number(name: str, default: int) -> int:
            value = os.environ.get(name)
            if value is None:
                return default
            try:
                return int(value)
            except ValueError:
                raise EngineError(
                    _("{name}={value!r} is not a number").format(name=name, value=value)
                ) from None

        return cls(
            intra_threads=number("DRAGOMAN_ARGOS_INTRA_THREADS", cls.intra_threads),
            inter_threads=number("DRAGOMAN_ARGOS_INTER_THREADS", cls.inter_threads),
            beam_size=number("DRAGOMAN_ARGOS_BEAM_SIZE", cls.beam_size),
            max_batch_size=number("DRAGOMAN_ARGOS_BATCH_TOKENS", cls.max_batch_size),
            max_pieces=max(8, number("DRAGOMAN_ARGOS_MAX_PIECES", cls.max_pieces)),
            compute_type=os.environ.get("DRAGOMAN_ARGOS_COMPUTE_TYPE", cls.compute_type),
            term_marking=marking(os.environ.get("DRAGOMAN_ARGOS_MARKING", cls.term_marking)),
            no_repeat_ngram_size=number("DRAGOMAN_ARGOS_NO_REPEAT_NGRAM", cls.no_repeat_ngram_size),
            repetition_penalty=float(
                os.environ.get("DRAGOMAN_ARGOS_REPETITION_PENALTY", cls.repetition_penalty)
            ),
        )


def marking(value: str) -> TermMarking:
    """A term marking named in the environment, checked."""
    for known in TERM_MARKINGS:
        if value == known:
            return known
    raise EngineError(
        _("DRAGOMAN_ARGOS_MARKING={value!r} is not one of: {known}").format(
            value=value, known=", ".join(TERM_MARKINGS)
        )
    )


class _Model:
    """One loaded package: its translator and tokenizer."""

    def __init__(self, pkg: InstalledPackage, settings: Settings) -> None:
        import ctranslate2
        import sentencepiece

        self.pkg = pkg
        self.settings = settings
        self._copies: bool | None = None
        spm = pkg.path / "sentencepiece.model"
        if not spm.is_file():
            raise EngineError(
                _("package has no sentencepiece.model (BPE packages are not supported yet)"),
                path=pkg.path,
            )
        self.sp = sentencepiece.SentencePieceProcessor(model_file=str(spm))
        self.translator = ctranslate2.Translator(
            str(pkg.path / "model"),
            device="cpu",
            intra_threads=settings.intra_threads,
            inter_threads=settings.inter_threads,
            compute_type=settings.compute_type,
        )

    def translate(self, texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        # A sentence longer than the model's positions would make CTranslate2 raise;
        # it goes through in word-aligned pieces, joined again below.
        tokens: list[list[str]] = []
        owner: list[int] = []
        for n, text in enumerate(texts):
            for chunk in split_pieces(self.sp.encode(text, out_type=str), self.settings.max_pieces):
                tokens.append(chunk)
                owner.append(n)
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]), reverse=True)
        batch = [tokens[i] for i in order]
        prefix = self.pkg.target_prefix
        results = self.translator.translate_batch(
            batch,
            target_prefix=[[prefix]] * len(batch) if prefix else None,
            beam_size=self.settings.beam_size,
            max_batch_size=self.settings.max_batch_size,
            batch_type="tokens",
            replace_unknowns=True,
            length_penalty=0.2,
            no_repeat_ngram_size=self.settings.no_repeat_ngram_size,
            repetition_penalty=self.settings.repetition_penalty,
            # A model that never emits </s> would decode to 256 tokens per sentence;
            # a translation is rarely over twice its source.
            max_decoding_length=min(1024, 2 * len(batch[0]) + 16),
        )
        parts: list[str] = [""] * len(tokens)
        for i, result in zip(order, results, strict=True):
            pieces = result.hypotheses[0]
            if prefix and pieces and pieces[0] == prefix:
                pieces = pieces[1:]
            parts[i] = decode(self.sp, pieces).strip()
        out: list[list[str]] = [[] for _ in texts]
        for n, part in zip(owner, parts, strict=True):
            out[n].append(part)
        return [" ".join(p for p in pieces if p) for pieces in out]

    def copies_marks(self) -> bool:
        """Whether the model gives private-use marks back (one taught to copy them),
        measured once on probe sentences."""
        if self._copies is None:
            probes = [
                f"See {chr(KEEP_BASE)} and {chr(KEEP_BASE - 1)} now.",
                f"{chr(KEEP_BASE)} said.",
            ]
            outs = self.translate(probes)
            self._copies = all(
                o.count(chr(KEEP_BASE)) == 1
                and o.count(chr(KEEP_BASE - 1)) == p.count(chr(KEEP_BASE - 1))
                for p, o in zip(probes, outs, strict=True)
            )
        return self._copies

    def align(self, pairs: Sequence[tuple[str, str]]) -> list[list[Link]]:
        """Word links read off the model's attention while it is made to write the
        given translation (forced decoding through ``target_prefix``): each target word
        is linked to the source word its pieces attend to most, and each source word to
        the target word that attends to it most."""
        if not pairs:
            return []
        sources = [self._pieces(src) for src, _ in pairs]
        targets = [self._pieces(tgt) for _, tgt in pairs]
        prefix = [self.pkg.target_prefix] if self.pkg.target_prefix else []
        todo = [
            i
            for i, (s, t) in enumerate(zip(sources, targets, strict=True))
            if s[0] and t[0] and len(s[0]) <= self.settings.max_pieces
        ]
        links: list[list[Link]] = [[] for _ in pairs]
        if not todo:
            return links
        results = self.translator.translate_batch(
            [sources[i][0] for i in todo],
            target_prefix=[prefix + targets[i][0] for i in todo],
            beam_size=1,
            max_batch_size=self.settings.max_batch_size,
            batch_type="tokens",
            max_decoding_length=max(len(prefix) + len(targets[i][0]) for i in todo) + 1,
            return_attention=True,
        )
        for i, result in zip(todo, results, strict=True):
            attention = result.attention[0][len(prefix) :]
            links[i] = _attention_links(
                attention, sources[i][1], targets[i][1], pairs[i][0], pairs[i][1]
            )
        return links

    def _pieces(self, text: str) -> tuple[list[str], list[Span]]:
        """SentencePiece pieces of ``text`` and the character span each came from."""
        proto = self.sp.encode(text, return_type="proto")
        chars = _byte_to_char(text)
        pieces = [p.piece for p in proto.pieces]
        spans = [(chars[p.begin], chars[p.end]) for p in proto.pieces]
        return pieces, spans


class ArgosEngine:
    """Installed Argos Translate packages, direct or pivoting through English."""

    name = "argos"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.term_marking: TermMarking = self.settings.term_marking
        self._models: dict[Path, _Model] = {}
        self._packages: list[InstalledPackage] | None = None

    def packages(self) -> list[InstalledPackage]:
        if self._packages is None:
            self._packages = installed()
        return self._packages

    def _direct(self, source: str, target: str) -> InstalledPackage | None:
        from translate.languages import base

        for pkg in self.packages():
            if (base(pkg.source), base(pkg.target)) == (base(source), base(target)):
                return pkg
        return None

    def route(self, source: str, target: str) -> list[str] | None:
        """Languages to go through: ``[source, target]`` or ``[source, "en", target]``."""
        if self._direct(source, target):
            return [source, target]
        if (
            PIVOT not in (source, target)
            and self._direct(source, PIVOT)
            and self._direct(PIVOT, target)
        ):
            return [source, PIVOT, target]
        return None

    def pairs(self) -> list[Pair]:
        from translate.languages import base

        direct = {(base(p.source), base(p.target)): p for p in self.packages()}
        pairs = [
            Pair(s, t, f"{p.path.name} {p.version}".strip()) for (s, t), p in sorted(direct.items())
        ]
        for s, mid in sorted(direct):
            if mid != PIVOT:
                continue
            for mid2, t in sorted(direct):
                if mid2 == PIVOT and t != s and (s, t) not in direct:
                    pairs.append(Pair(s, t, f"pivot via {PIVOT}"))
        return pairs

    def missing_pair_hint(self, source: str, target: str) -> str | None:
        return f"translate models install {source} {target}"

    def version(self, source: str, target: str) -> str:
        """What the output depends on, for caches: each package on the route (name,
        version, and its model file's size and time), the settings, CTranslate2."""
        import ctranslate2

        parts = [f"ctranslate2 {ctranslate2.__version__}", repr(self.settings)]
        for a, b in itertools.pairwise(self.route(source, target) or []):
            pkg = self._direct(a, b)
            if pkg is None:
                continue
            model = pkg.path / "model" / "model.bin"
            stat = model.stat() if model.is_file() else None
            parts.append(
                f"{pkg.path.name} {pkg.version} {stat.st_size if stat else 0}"
                f" {stat.st_mtime_ns if stat else 0}"
            )
        return "; ".join(parts)

    def model(self, source: str, target: str) -> _Model:
        pkg = self._direct(source, target)
        if pkg is None:
            raise EngineError(
                _("no Argos package {source}→{target} is installed").format(
                    source=source, target=target
                ),
                hint=self.missing_pair_hint(source, target),
            )
        if pkg.path not in self._models:
            self._models[pkg.path] = _Model(pkg, self.settings)
        return self._models[pkg.path]

    def align(self, pairs: Sequence[tuple[str, str]], source: str, target: str) -> list[list[Link]]:
        """Word links from the direct package's attention (none through a pivot)."""
        if self._direct(source, target) is None:
            return [[] for _ in pairs]
        return self.model(source, target).align(pairs)

    def translate_batch(
        self, texts: Sequence[SourceText], source: str, target: str
    ) -> list[Translation]:
        route = self.route(source, target)
        if route is None:
            raise EngineError(
                _("no Argos package or pivot for {source}→{target}").format(
                    source=source, target=target
                ),
                hint=self.missing_pair_hint(source, target),
            )
        models = [self.model(a, b) for a, b in itertools.pairwise(route)]
        if all(m.copies_marks() for m in models):
            marked = [_hide_keeps(t) for t in texts]
            current = [m[0] for m in marked]
            for model in models:
                current = model.translate(current)
            return [_show_keeps(out, kept) for out, (_, kept) in zip(current, marked, strict=True)]
        # A model that does not copy private-use marks (one trained on ordinary text):
        # verbatim spans leave the sentence and come back after the word they followed.
        dropped = [_drop_keeps(t) for t in texts]
        current = [d[0] for d in dropped]
        for model in models:
            current = model.translate(current)
        links: list[list[Link]] = [[] for _ in texts]
        placing = [i for i, (_, atoms) in enumerate(dropped) if atoms]
        if placing and len(models) == 1:
            found = models[0].align([(dropped[i][0], current[i]) for i in placing])
            for i, got in zip(placing, found, strict=True):
                links[i] = got
        return [
            _put_keeps(out, bare, atoms, found)
            for out, (bare, atoms), found in zip(current, dropped, links, strict=True)
        ]


def _byte_to_char(text: str) -> list[int]:
    """For each UTF-8 byte offset of ``text`` (and its end), the character offset."""
    out: list[int] = []
    for n, ch in enumerate(text):
        out += [n] * len(ch.encode("utf-8"))
    out.append(len(text))
    return out


def _attention_links(
    attention: Sequence[Sequence[float]],
    source_pieces: Sequence[Span],
    target_pieces: Sequence[Span],
    source: str,
    target: str,
) -> list[Link]:
    """Word links from a target-by-source attention matrix over pieces."""
    src_words, tgt_words = words(source), words(target)
    if not src_words or not tgt_words:
        return []

    def owner(spans: Sequence[Span], word_spans: list[Span]) -> list[int]:
        out = []
        for start, end in spans:
            hit = [k for k, (a, b) in enumerate(word_spans) if a < end and start < b]
            out.append(hit[0] if hit else -1)
        return out

    src_owner = owner(source_pieces, src_words)
    tgt_owner = owner(target_pieces, tgt_words)
    weight = [[0.0] * len(src_words) for _ in tgt_words]
    for t, row in enumerate(attention[: len(target_pieces)]):
        if tgt_owner[t] < 0:
            continue
        for s, value in enumerate(row[: len(source_pieces)]):
            if src_owner[s] >= 0:
                weight[tgt_owner[t]][src_owner[s]] += value
    pairs: set[tuple[int, int]] = set()
    for t, row in enumerate(weight):
        if any(row):
            pairs.add((max(range(len(row)), key=row.__getitem__), t))
    for s in range(len(src_words)):
        column = [weight[t][s] for t in range(len(tgt_words))]
        if any(column):
            pairs.add((s, max(range(len(column)), key=column.__getitem__)))
    return sorted((src_words[s], tgt_words[t]) for s, t in pairs)


def split_pieces(pieces: list[str], limit: int) -> list[list[str]]:
    """At most ``limit`` pieces a chunk, cut before a word (a piece starting with ▁),
    after punctuation where there is some in the second half of the window."""
    chunks: list[list[str]] = []
    while len(pieces) > limit:
        starts = [i for i in range(limit // 2, limit + 1) if pieces[i].startswith("\u2581")]
        after_punct = [i for i in starts if pieces[i - 1].rstrip()[-1:] in ",;:"]
        cut = (after_punct or starts or [limit])[-1]
        chunks.append(pieces[:cut])
        pieces = pieces[cut:]
    chunks.append(pieces)
    return chunks


def decode(sp: Any, pieces: Sequence[str]) -> str:
    """Pieces back to text, keeping pieces the vocabulary does not know.

    ``decode_pieces`` undoes byte fallback, but turns a piece outside the vocabulary
    into " ⁇ ".  Packages without byte fallback see our private-use marks as unknown;
    ``replace_unknowns`` copies the source piece into the output, and here it stays
    literal.  We do NOT turn "_" into a space as argostranslate does, which would break
    underscores in names and code.
    """
    unk = sp.unk_id()
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            # decode_pieces drops the space marker of a run's first piece
            lead = " " if out and run[0].startswith("\u2581") else ""
            out.append(lead + sp.decode_pieces(run))
            run.clear()

    for piece in pieces:
        if piece != sp.id_to_piece(unk) and sp.piece_to_id(piece) == unk:
            flush()
            out.append(piece.replace("\u2581", " "))
        else:
            run.append(piece)
    flush()
    return "".join(out)


def _hide_keeps(text: SourceText) -> tuple[str, list[tuple[str, str]]]:
    """Replace verbatim spans by private-use characters the model copies."""
    out, kept, pos = [], [], 0
    for n, (start, end) in enumerate(sorted(text.keep)):
        mark = chr(KEEP_BASE - n)
        out.append(text.text[pos:start])
        out.append(mark)
        kept.append((mark, text.text[start:end]))
        pos = end
    out.append(text.text[pos:])
    return "".join(out), kept


def _show_keeps(text: str, kept: list[tuple[str, str]]) -> Translation:
    """Put verbatim spans back; one the model dropped is appended, and said so."""
    issues = []
    for mark, original in kept:
        if mark in text:
            text = text.replace(mark, original, 1)
        else:
            text = f"{text} {original}"
            issues.append(
                _("{text!r} was lost by the engine: put at the end").format(text=original)
            )
    return Translation(text, issues=tuple(issues))


Atom = tuple[int, str, bool]
"""A verbatim span taken out: where it was in the bare text, its text, and whether a
space stood before it."""


def _drop_keeps(text: SourceText) -> tuple[str, list[Atom]]:
    """The text without its verbatim spans (one space kept where two would meet)."""
    out: list[str] = []
    atoms: list[Atom] = []
    pos = 0
    for start, end in sorted(text.keep):
        chunk = text.text[pos:start]
        bare = "".join(out)
        if bare.endswith(" ") and chunk.startswith(" "):
            chunk = chunk[1:]
        out.append(chunk)
        bare = "".join(out)
        atoms.append((len(bare), text.text[start:end], bare.endswith(" ") or not bare))
        pos = end
    rest = text.text[pos:]
    if "".join(out).endswith(" ") and rest.startswith(" "):
        rest = rest[1:]
    out.append(rest)
    return "".join(out), atoms


def _put_keeps(out: str, bare: str, atoms: list[Atom], links: Sequence[Link]) -> Translation:
    """Verbatim spans back after the target word of the source word they followed (or
    before that of the word they preceded); one with no such word is appended, and said
    so."""
    inserts: list[tuple[int, str]] = []
    issues = []
    source_words = words(bare)
    for at, piece, spaced in atoms:
        before = [w for w in source_words if w[1] <= at]
        after = [w for w in source_words if w[0] >= at]
        where = None
        if before:
            linked = [t for s, t in links if s == before[-1]]
            if linked:
                where = max(t[1] for t in linked)
                piece = (" " if spaced else "") + piece
        if where is None and after:
            linked = [t for s, t in links if s == after[0]]
            if linked:
                where = min(t[0] for t in linked)
                piece = piece + " "
        if where is None:
            inserts.append((len(out), " " + piece))
            issues.append(_("{text!r} was lost by the engine: put at the end").format(text=piece))
            continue
        inserts.append((where, piece))
    for where, piece in sorted(inserts, key=lambda x: x[0], reverse=True):
        out = out[:where] + piece + out[where:]
    return Translation(out, issues=tuple(issues))


def engine_info() -> dict[str, Any]:
    """Where packages are looked for: for ``translate models list``."""
    from translate.engines.argos_packages import _argos

    _, settings = _argos()
    return {"packages_dir": str(settings.package_data_dir), "index": settings.remote_package_index}
