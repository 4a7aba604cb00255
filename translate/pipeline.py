"""The flow from a segmented document to a bitext, and nothing else.

One engine call per document and language pair (plus one retry call for the segments
whose term marks the engine lost, and one carrier calibration per pair and process).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from translate.document import AlignedSegment, Bitext, Document
from translate.engines.base import Engine, SourceText
from translate.glossary.carriers import CarrierSet
from translate.glossary.enforce import TermEnforcer, align
from translate.glossary.model import Glossary


@dataclass
class Pipeline:
    """Translates documents with one glossary; caches per-pair state across documents."""

    glossary: Glossary
    _carriers: dict[tuple[str, str, str], CarrierSet] = field(default_factory=dict)
    _enforcers: dict[tuple[str, str, str], TermEnforcer] = field(default_factory=dict)

    def enforcer(self, engine: Engine, source: str, target: str) -> TermEnforcer:
        key = (engine.name, source, target)
        if key not in self._enforcers:
            carriers = None
            if engine.term_marking == "carrier":
                carriers = CarrierSet.calibrate(
                    lambda texts: engine.translate_batch(texts, source, target)
                )
            self._enforcers[key] = TermEnforcer(self.glossary, source, target, carriers)
        return self._enforcers[key]

    def translate(self, document: Document, engine: Engine, target: str) -> Bitext:
        source = document.lang
        enforcer = self.enforcer(engine, source, target)
        segments = document.segments
        work = [i for i, s in enumerate(segments) if s.translatable]
        protected = {i: enforcer.protect(segments[i]) for i in work}
        outputs = engine.translate_batch([protected[i].text for i in work], source, target)
        restored = {i: enforcer.restore(protected[i], out) for i, out in zip(work, outputs)}

        retry = [i for i in work if restored[i].lost]
        if retry:
            plain = [SourceText(segments[i].source, segments[i].keep) for i in retry]
            for i, out in zip(retry, engine.translate_batch(plain, source, target)):
                corrected = enforcer.correct(protected[i], out)
                if corrected.missing < restored[i].missing:
                    restored[i] = corrected

        aligned: list[AlignedSegment] = []
        for i, segment in enumerate(segments):
            if i in restored:
                aligned.append(align(protected[i], restored[i], engine.name))
            else:
                aligned.append(AlignedSegment(segment=segment, target=segment.source))
        return Bitext(
            document=document,
            source_lang=source,
            target_lang=target,
            engine=engine.name,
            segments=tuple(aligned),
        )


def translate_document(
    document: Document, engine: Engine, targets: Sequence[str], glossary: Glossary
) -> list[Bitext]:
    """Library entry point: one bitext per target language."""
    pipeline = Pipeline(glossary)
    return [pipeline.translate(document, engine, t) for t in targets]
