"""The Translator: the one flow from a segmented document to a bitext, for every face.

The CLI commands, the pre-commit hooks, the CMS hook and PO pre-translation (and later
batch runs and the server) all hold a :class:`Translator` and call it; none keeps a flow
of its own.  A Translator is one configuration: which engine (``--engine``, ``auto`` by
default), which glossary, whether dates are localised.  It chooses the engine per pair
once, calibrates how terms ride through it once per pair (:mod:`translate.calibration`),
and keeps the enforcers, so a stream of documents pays for that only once.

Per document and pair: a plain engine call where it decides something, one call on the
protected texts, and calls only for the segments that need a second try (see
:mod:`translate.glossary.enforce`).  Where an engine reaches a pair only through a pivot
language (Argos fa→en→az), each step is translated and enforced on its own, and the hits
are joined back onto the original source segments.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from translate.calibration import marker_for
from translate.document import AlignedSegment, Bitext, Document, DocumentBuilder, SourceText
from translate.engines.base import Engine, Translation
from translate.glossary.enforce import TermEnforcer, align
from translate.glossary.model import Glossary
from translate.inline import Aligner, Link, lift, place
from translate.markup import MARKUP_FORMATS, foreign_markup_escaped


@dataclass
class Translator:
    """Translates documents with one configuration; caches per-pair state across them."""

    glossary: Glossary = field(default_factory=lambda: Glossary(name="none"))
    engine: str | Engine = "auto"
    """``--engine``: a name, ``auto`` (the first installed engine with the pair), or an
    engine object (a library caller's own, used for every pair)."""
    localize_dates: bool = False
    native_digits: bool = False
    engine_timeout: float | None = None
    """Seconds an engine may go without answering (0: no limit); None: the engine's own
    (``DRAGOMAN_ENGINE_TIMEOUT``, else 120 s).  Set on the engines this Translator
    uses; an engine is one per process, so the last Translator's setting holds."""
    _engines: dict[tuple[str, str], Engine] = field(default_factory=dict, repr=False)
    _enforcers: dict[tuple[str, str, str, str], TermEnforcer] = field(
        default_factory=dict, repr=False
    )

    def engine_for(self, source: str, target: str) -> Engine:
        """The engine for one pair, chosen once; raises UserError naming what to install."""
        if not isinstance(self.engine, str):
            return self._timed(self.engine)
        key = (source, target)
        if key not in self._engines:
            from translate import engines

            self._engines[key] = self._timed(engines.choose(self.engine, source, target))
        return self._engines[key]

    def _timed(self, engine: Engine) -> Engine:
        if self.engine_timeout is not None and hasattr(engine, "timeout"):
            setattr(engine, "timeout", self.engine_timeout or None)  # noqa: B010
        return engine

    def enforcer(self, engine: Engine, source: str, target: str) -> TermEnforcer:
        key = (engine.name, engine.term_marking, source, target)
        if key not in self._enforcers:
            marker = marker_for(engine, source, target)
            self._enforcers[key] = TermEnforcer(self.glossary, source, target, marker)
        return self._enforcers[key]

    def translate(self, document: Document, target: str, *, engine: Engine | None = None) -> Bitext:
        """One document into one language (``engine`` overrides the configured choice)."""
        engine = engine or self.engine_for(document.lang, target)
        steps = engine.route(document.lang, target)
        if not steps or len(steps) <= 2:
            bitext = self._direct(document, engine, target)
        else:
            bitext = self._direct(document, engine, steps[1])
            for step in steps[2:]:
                bitext = _chain(bitext, self._direct(as_document(bitext), engine, step))
        if self.localize_dates or self.native_digits:
            from translate.datelines import localize_dates

            bitext = localize_dates(bitext, native_digits=self.native_digits)
        if document.format in MARKUP_FORMATS:
            # the only markup a translation may carry is its source's (glossary forms
            # and engine output are text): see translate.markup
            bitext = replace(
                bitext,
                segments=tuple(
                    replace(
                        a,
                        target=foreign_markup_escaped(a.target, a.segment.source, a.segment.keep),
                    )
                    if a.segment.translatable
                    else a
                    for a in bitext.segments
                ),
            )
        return bitext

    def translate_all(self, document: Document, targets: Sequence[str]) -> list[Bitext]:
        """One document into several languages (engines are chosen before any work)."""
        for target in targets:
            self.engine_for(document.lang, target)
        return [self.translate(document, target) for target in targets]

    def translate_stream(
        self, documents: Iterable[Document], targets: Sequence[str]
    ) -> Iterator[list[Bitext]]:
        """Documents one after the other, each into every target language."""
        for document in documents:
            yield self.translate_all(document, targets)

    def _direct(self, document: Document, engine: Engine, target: str) -> Bitext:
        source = document.lang
        enforcer = self.enforcer(engine, source, target)
        segments = document.segments
        work = [i for i, s in enumerate(segments) if s.translatable]
        plans = {i: enforcer.plan(segments[i]) for i in work}

        def translate(indexes: list[int], texts: list[SourceText]) -> dict[int, Translation]:
            if not indexes:
                return {}
            # wrapping markup never reaches the engine: it is put back by place_markup
            bare = [lift(t.text, t.keep).source_text() for t in texts]
            # the engine protocol: one translation per text, in order
            return dict(zip(indexes, engine.translate_batch(bare, source, target), strict=True))

        # 1. Plain translations where they decide something (see enforce's docstring).
        first = [i for i in work if enforcer.wants_plain(plans[i])]
        plain = translate(first, [plans[i].plain for i in first])
        for i in first:
            enforcer.review(plans[i], plain[i])
        # 2. One call for every segment with terms to carry.
        texts = {i: enforcer.protect(plans[i]) for i in work}
        carry = [i for i in work if texts[i] is not None]
        outputs = translate(carry, [texts[i] for i in carry])  # type: ignore[misc]
        restored = {i: enforcer.restore(plans[i], outputs[i]) for i in carry}
        # A carrier can change how the engine reads a name left to it ("Iran's Paris"
        # -> eng-cat "Iranha París"): where such a name was lost, carry every name.
        again = [i for i in carry if restored[i].lost and enforcer.carry_all(plans[i])]
        retexts = {i: enforcer.protect(plans[i]) for i in again}
        again = [i for i in again if retexts[i] is not None]
        for i, out in translate(again, [retexts[i] for i in again]).items():  # type: ignore[misc]
            second = enforcer.restore(plans[i], out)
            if second.missing < restored[i].missing:
                restored[i] = second
        # 3. Plain translations still needed: segments with nothing to carry, and
        #    carried segments that lost a term or kept a stand-in.
        suspect = {
            i: enforcer.stand_ins(
                plans[i], restored[i].target, plain[i].text if i in plain else None
            )
            for i in carry
        }
        fallback = [i for i in carry if restored[i].lost or suspect[i]]
        rest = [i for i in work if i not in plain and (i not in restored or i in fallback)]
        plain.update(translate(rest, [plans[i].plain for i in rest]))
        # 4. Word links for the plain translations that will be corrected.
        links: dict[int, list[Link]] = {}
        if isinstance(engine, Aligner) and engine.term_marking != "plain":
            need = [
                i
                for i in work
                if (i not in restored or i in fallback)
                and enforcer.wants_alignment(plans[i], plain[i].text)
            ]
            found = engine.align([(plans[i].sent, plain[i].text) for i in need], source, target)
            links = dict(zip(need, found, strict=True))
        for i in work:
            if i not in restored:
                restored[i] = enforcer.correct(plans[i], plain[i], links=links.get(i, ()))
        for i in fallback:
            left = enforcer.stand_ins(plans[i], restored[i].target, plain[i].text)
            if left:
                reason = "stand-in {} left by the engine; translated without marks".format(
                    ", ".join(repr(s) for s in left)
                )
                restored[i] = enforcer.correct(plans[i], plain[i], reason, links.get(i, ()))
                continue
            corrected = enforcer.correct(plans[i], plain[i], links=links.get(i, ()))
            if corrected.missing < restored[i].missing:
                restored[i] = corrected

        aligned: list[AlignedSegment] = []
        for i, segment in enumerate(segments):
            if i in restored:
                checked = enforcer.unexplained(plans[i], restored[i])
                aligned.append(align(plans[i], checked, engine.name))
            else:
                aligned.append(AlignedSegment(segment=segment, target=segment.source))
        aligned = place_markup(aligned, engine, source, target)
        return Bitext(
            document=document,
            source_lang=source,
            target_lang=target,
            engine=engine.name,
            segments=tuple(aligned),
        )


def place_markup(
    aligned: list[AlignedSegment], engine: Engine, source: str, target: str
) -> list[AlignedSegment]:
    """Put each segment's wrapping markup back around the words that translate its
    words (see :mod:`translate.inline`); what cannot be placed becomes an issue."""
    lifted = {
        i: lift(a.segment.source, a.segment.keep)
        for i, a in enumerate(aligned)
        if a.segment.translatable
    }
    todo = [i for i, lifted_i in lifted.items() if lifted_i.wraps]
    if not todo:
        return aligned
    links: list[list[Link]] = [[] for _ in todo]
    if isinstance(engine, Aligner):
        links = engine.align([(lifted[i].text, aligned[i].target) for i in todo], source, target)
    out = list(aligned)
    for i, found in zip(todo, links, strict=True):
        a = aligned[i]
        terms = [(h.source, h.target) for h in a.terms if h.status in ("enforced", "corrected")]
        text, issues = place(a.target, lifted[i].wraps, lifted[i].text, found, terms)
        out[i] = replace(a, target=text, issues=a.issues + issues)
    return out


def as_document(bitext: Bitext) -> Document:
    """The translation as a source document of its own (for the next pivot step).

    Verbatim spans are found again in the translation, in order, so they stay verbatim.
    """
    doc = bitext.document
    targets = {aligned.segment.index: aligned.target for aligned in bitext}
    builder = DocumentBuilder(doc.name, bitext.target_lang, before=doc.before, format=doc.format)
    for paragraph in doc.paragraphs:
        builder.paragraph(paragraph.kind)
        for seg in paragraph.segments:
            target = targets[seg.index]
            keep = []
            cursor = 0
            for start, end in seg.keep:
                found = target.find(seg.source[start:end], cursor)
                if found >= 0:
                    keep.append((found, found + end - start))
                    cursor = found + end - start
            builder.add(target, seg.after, keep=tuple(keep), translatable=seg.translatable)
    return builder.build()


def _chain(first: Bitext, second: Bitext) -> Bitext:
    """Join two steps: the original sources of ``first``, the targets of ``second``.

    Each term occurrence of the first step is matched with the same concept in the
    second, whose check ran on the final text; a term the second step no longer sees
    is ``missing`` (lost at the pivot), never dropped.
    """
    segments = []
    for a, b in zip(first, second, strict=True):  # both steps segment one document
        pending = list(b.terms)
        terms = []
        for hit in a.terms:
            match = next((h for h in pending if h.id == hit.id), None)
            if match is None:
                terms.append(
                    replace(
                        hit,
                        target=hit.target,
                        status="missing",
                        note=f"lost at the pivot ({first.target_lang})",
                    )
                )
                continue
            pending.remove(match)
            # The second step's check is on the final text; a first step that had to
            # correct (or lost the term, recovered later) makes the result corrected.
            status = match.status
            if status == "enforced" and hit.status != "enforced":
                status = "corrected"
            terms.append(
                replace(
                    match,
                    source=hit.source,
                    start=hit.start,
                    end=hit.end,
                    status=status,
                    note=match.note or hit.note,
                )
            )
        terms += pending  # terms that appeared only in the pivot text
        segments.append(
            AlignedSegment(
                segment=a.segment,
                target=b.target,
                terms=tuple(terms),
                unknown_words=tuple(dict.fromkeys(a.unknown_words + b.unknown_words)),
                engine=b.engine,
                issues=tuple(dict.fromkeys(a.issues + b.issues)),
            )
        )
    return Bitext(
        document=first.document,
        source_lang=first.source_lang,
        target_lang=second.target_lang,
        engine=second.engine,
        segments=tuple(segments),
        meta={**first.meta, "pivot": first.target_lang},
    )
