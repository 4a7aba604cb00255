"""Drafts that keep the editor's work: when a source changes under an edited
translation, the new draft is the editor's translation wherever the source did not
change, and a machine translation only of what did.

The fingerprint sidecar keeps, per paragraph of the source as it was translated (or
last accepted), the fingerprints of its sentences.  The editor's translation is paired
with those paragraph by paragraph (when it has as many paragraphs) and sentence by
sentence (when a paragraph has as many sentences; otherwise the whole paragraph is one
unit).  A sentence of the new source whose fingerprint is known takes the editor's
sentence; a paragraph that is unchanged as a whole takes the editor's paragraph; every
other sentence is translated, all of them in one engine call, and listed in the
draft's changes file with its line, so that ``diff story.es.md story.es.md.draft``
shows only what is new.

Pairing never guesses: when the editor's translation has another number of
paragraphs than the source had, nothing is reused and the changes file says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from translate.document import Document, DocumentBuilder, Paragraph, Segment
from translate.editorial.fingerprint import segment_fingerprint
from translate.i18n import _

__all__ = ["fingerprints", "Draft", "build_draft"]


def fingerprints(document: Document) -> list[list[str]]:
    """Per paragraph, the fingerprints of its sentences (what the sidecar keeps)."""
    return [[segment_fingerprint(s.source) for s in p.segments] for p in document.paragraphs]


@dataclass
class Draft:
    text: str
    new: list[tuple[int, str]] = field(default_factory=list)
    """``(line, sentence)`` of each machine-translated sentence (1-based line)."""
    reused: int = 0
    total: int = 0
    paired: bool = True
    """False when the editor's translation could not be paired with the old source."""

    def changes(self, name: str) -> str:
        """The changes file: one line per new sentence, ``line: text``."""
        head = _(
            "# {name}: {new} of {total} sentence(s) machine-translated (new or changed in "
            "the source); the other {reused} are the editor's, unchanged"
        ).format(name=name, new=len(self.new), total=self.total, reused=self.reused)
        lines = [head]
        if not self.paired:
            lines.append(
                _(
                    "# the translation has another number of paragraphs than the source had: "
                    "nothing could be reused"
                )
            )
        for line, text in self.new:
            shown = " ".join(text.split())
            lines.append(f"{line}: {shown[:117] + '...' if len(shown) > 120 else shown}")
        return "\n".join(lines) + "\n"


def _paragraph_text(paragraph: Paragraph) -> str:
    segs = paragraph.segments
    return "".join(s.source + (s.after if i + 1 < len(segs) else "") for i, s in enumerate(segs))


def _known(old: Sequence[Sequence[str]], edited: Document) -> tuple[dict, dict, bool]:
    """``(sentences, paragraphs, paired)``: the editor's sentence for each old source
    sentence fingerprint, and the editor's paragraph for each old source paragraph."""
    sentences: dict[str, str] = {}
    paragraphs: dict[tuple[str, ...], str] = {}
    if len(old) != len(edited.paragraphs):
        return sentences, paragraphs, False
    for hashes, paragraph in zip(old, edited.paragraphs, strict=True):
        if len(hashes) == len(paragraph.segments):
            for h, seg in zip(hashes, paragraph.segments, strict=True):
                sentences.setdefault(h, seg.source)
        paragraphs.setdefault(tuple(hashes), _paragraph_text(paragraph))
    return sentences, paragraphs, True


def build_draft(
    source: Document,
    old: Sequence[Sequence[str]],
    edited: Document,
    translate: Callable[[Document], list[str]],
) -> Draft:
    """The draft for ``source`` (the new source) given the fingerprints ``old`` of the
    source the editor's translation ``edited`` answers; ``translate`` turns a document
    into its segments' translations (one call for all that changed)."""
    sentences, paragraphs, paired = _known(old, edited)
    plan: list[tuple[Paragraph, str | None, list[str | None]]] = []
    todo: list[Segment] = []
    for paragraph in source.paragraphs:
        hashes = [segment_fingerprint(s.source) for s in paragraph.segments]
        found = [sentences.get(h) for h in hashes]
        whole = paragraphs.get(tuple(hashes)) if None in found else None
        if whole is None:
            todo.extend(s for s, f in zip(paragraph.segments, found, strict=True) if f is None)
        plan.append((paragraph, whole, found))

    machine: dict[int, str] = {}
    if todo:
        builder = DocumentBuilder(source.name, source.lang, format=source.format)
        for seg in todo:
            builder.paragraph()
            builder.add(seg.source, "\n\n", keep=seg.keep, translatable=seg.translatable)
        targets = translate(builder.build())
        machine = {seg.index: text for seg, text in zip(todo, targets, strict=True)}

    out = [source.before]
    lines = source.before.count("\n")
    draft = Draft("", paired=paired)
    for paragraph, whole, found in plan:
        segs = paragraph.segments
        draft.total += len(segs)
        if whole is not None:
            out.append(whole + segs[-1].after)
            lines += whole.count("\n") + segs[-1].after.count("\n")
            draft.reused += len(segs)
            continue
        for seg, reused in zip(segs, found, strict=True):
            text = reused if reused is not None else machine[seg.index]
            if reused is None:
                draft.new.append((lines + 1, text))
            else:
                draft.reused += 1
            out.append(text + seg.after)
            lines += text.count("\n") + seg.after.count("\n")
    draft.text = "".join(out)
    return draft
