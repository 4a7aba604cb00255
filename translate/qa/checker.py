"""The :class:`Checker`: aligns a source and its translation into units (:mod:`.align`),
counts the glossary's terms in each (:mod:`.violations`) and lists the names no
glossary knows (:mod:`.names`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from translate.document import Bitext, Document, Segment
from translate.glossary.matcher import Matcher
from translate.glossary.model import Concept, Glossary
from translate.i18n import _, ngettext
from translate.qa.align import first_line, prose, sentence_pairs, span_text
from translate.qa.names import lowercase_words, unknown_names
from translate.qa.results import CheckResult, Level, Unit, Violation
from translate.qa.violations import count_violations, source_matches, target_matches


class Checker:
    """Checks translations against one glossary; matchers are built once per language."""

    def __init__(self, glossary: Glossary | Iterable[Concept]) -> None:
        self.concepts = list(glossary)
        self._matchers: dict[str, Matcher] = {}

    def matcher(self, lang: str) -> Matcher:
        if lang not in self._matchers:
            self._matchers[lang] = Matcher(self.concepts, lang)
        return self._matchers[lang]

    # -- public entry points ------------------------------------------------------
    def check_texts(
        self,
        source: str,
        target: str,
        source_lang: str,
        target_lang: str,
        *,
        fmt: str = "text",
        source_name: str = "source",
        target_name: str = "translation",
    ) -> CheckResult:
        from translate.articles import parse_article

        src_doc = parse_article(source, source_lang, fmt, source_name)
        tgt_doc = parse_article(target, target_lang, fmt, target_name)
        return self.check_documents(src_doc, tgt_doc)

    def check_documents(self, source: Document, target: Document) -> CheckResult:
        """Check a translation against its source; waivers written in the translation
        (:mod:`translate.qa.waivers`) accept the violations they name."""
        result, spans = self._check_documents(source, target)
        return _waive(result, spans, target.text)

    def _check_documents(
        self, source: Document, target: Document
    ) -> tuple[CheckResult, list[tuple[int, int]]]:
        from translate import languages

        source_lang = languages.normalize(source.lang)
        target_lang = languages.normalize(target.lang)
        result = CheckResult(source.name, target.name, source_lang, target_lang, "sentence")
        spans: list[tuple[int, int]] = []  # each unit's stretch of the target text
        lowercase = lowercase_words(source.text)
        src_paras = prose(source)
        tgt_paras = prose(target)
        if len(src_paras) != len(tgt_paras):
            result.alignment = "document"
            result.notes.append(
                _(
                    "paragraph counts differ (source {source}, translation {target}): "
                    "checked the whole document as one unit"
                ).format(source=len(src_paras), target=len(tgt_paras))
            )
            src_segs = [s for p in src_paras for s in p.segments]
            tgt_segs = [s for p in tgt_paras for s in p.segments]
            result.units.append(
                self._unit(
                    0,
                    "document",
                    source,
                    target,
                    src_segs,
                    tgt_segs,
                    source_lang,
                    target_lang,
                    lowercase,
                )
            )
            spans.append((0, len(target.text)))
            return result, spans

        merged = 0
        for number, (sp, tp) in enumerate(zip(src_paras, tgt_paras, strict=True)):
            pairs, reason = sentence_pairs(
                sp, tp, self.matcher(source_lang), self.matcher(target_lang)
            )
            if pairs is None:
                merged += 1
                result.units.append(
                    self._unit(
                        len(result.units),
                        "paragraph",
                        source,
                        target,
                        list(sp.segments),
                        list(tp.segments),
                        source_lang,
                        target_lang,
                        lowercase,
                        paragraph=number,
                        reason=reason,
                    )
                )
                spans.append(_span(tp.segments))
                continue
            for n, (s, t) in enumerate(pairs):
                result.units.append(
                    self._unit(
                        len(result.units),
                        "sentence",
                        source,
                        target,
                        [s],
                        [t],
                        source_lang,
                        target_lang,
                        lowercase,
                        paragraph=number,
                        sentence=n,
                    )
                )
                spans.append(_span([t]))
        if merged:
            result.alignment = "paragraph"
            result.notes.append(
                ngettext(
                    "{n} paragraph checked whole: sentences merged, split or reordered "
                    "in the translation",
                    "{n} paragraphs checked whole: sentences merged, split or reordered "
                    "in the translation",
                    merged,
                ).format(n=merged)
            )
        return result, spans

    def check_bitext(self, bitext: Bitext) -> CheckResult:
        """Check a bitext (JSONL, TMX, XLIFF, PO): it is aligned already, each of its
        segments is a unit."""
        from translate import languages

        source_lang = languages.normalize(bitext.source_lang)
        target_lang = languages.normalize(bitext.target_lang)
        doc = bitext.document
        name = doc.name
        target_name = bitext.meta.get("target_name") or f"{name} [{target_lang}]"
        result = CheckResult(name, target_name, source_lang, target_lang, "bitext")
        lowercase = lowercase_words(doc.text)
        # a waiver in a bitext is a comment in one segment's target: the targets are
        # joined (one line each) so that waivers.py sees one text with offsets
        joined: list[str] = []
        spans: list[tuple[int, int]] = []
        offset = 0
        for aligned in bitext:
            seg = aligned.segment
            if not seg.translatable:
                continue
            violations, names = self._findings(
                [seg], [aligned.target], source_lang, target_lang, lowercase
            )
            result.units.append(
                Unit(
                    index=len(result.units),
                    level="segment",
                    source=seg.source,
                    target=aligned.target,
                    paragraph=seg.paragraph,
                    segment=seg.index,
                    violations=violations,
                    unknown_names=names,
                )
            )
            spans.append((offset, offset + len(aligned.target)))
            joined.append(aligned.target)
            offset += len(aligned.target) + 1
        return _waive(result, spans, "\n".join(joined))

    # -- units ----------------------------------------------------------------------
    def _unit(
        self,
        index: int,
        level: Level,
        source: Document,
        target: Document,
        src_segs: Sequence[Segment],
        tgt_segs: Sequence[Segment],
        source_lang: str,
        target_lang: str,
        lowercase: frozenset[str],
        paragraph: int | None = None,
        reason: str = "",
        sentence: int | None = None,
    ) -> Unit:
        violations, names = self._findings(src_segs, tgt_segs, source_lang, target_lang, lowercase)
        return Unit(
            index=index,
            level=level,
            source=span_text(source, src_segs),
            target=span_text(target, tgt_segs),
            paragraph=paragraph,
            sentence=sentence,
            source_line=first_line(source, src_segs),
            target_line=first_line(target, tgt_segs),
            violations=violations,
            unknown_names=names,
            reason=reason,
        )

    def _findings(
        self,
        src_segs: Sequence[Segment],
        targets: Sequence[str | Segment],
        source_lang: str,
        target_lang: str,
        lowercase: frozenset[str],
    ) -> tuple[tuple[Violation, ...], tuple[str, ...]]:
        """The violations of a unit and the names in its source no glossary knows."""
        src_m = self.matcher(source_lang)
        violations = count_violations(
            source_matches(src_m, src_segs),
            target_matches(self.matcher(target_lang), targets),
            target_lang,
        )
        names = unknown_names(
            [_masked(s) for s in src_segs if s.translatable],
            src_m,
            source_lang,
            lowercase=lowercase,
        )
        return tuple(violations), tuple(names)


def check_texts(
    source: str,
    target: str,
    glossary: Glossary,
    source_lang: str,
    target_lang: str,
    *,
    fmt: str = "text",
    source_name: str = "source",
    target_name: str = "translation",
) -> CheckResult:
    """Check a translation given as text (``fmt``: ``text`` or ``markdown``)."""
    return Checker(glossary).check_texts(
        source,
        target,
        source_lang,
        target_lang,
        fmt=fmt,
        source_name=source_name,
        target_name=target_name,
    )


def _span(segs: Sequence[Segment]) -> tuple[int, int]:
    return (min(s.start for s in segs), max(s.end for s in segs)) if segs else (0, 0)


def _waive(result: CheckResult, spans: list[tuple[int, int]], text: str) -> CheckResult:
    from translate.qa.waivers import apply_waivers, find_waivers

    waivers = find_waivers(text)
    if waivers:
        result.units, result.unused_waivers = apply_waivers(result.units, spans, waivers)
    return result


def _masked(seg: Segment) -> str:
    """The segment with its keep spans (link targets, inline code) blanked out."""
    text = seg.source
    for a, b in reversed(seg.keep):
        text = text[:a] + "|" * (b - a) + text[b:]
    return text
