"""Progress for one long article: a tqdm bar on stderr, fed by the engine's calls.

The pipeline hands an engine every segment of a document in one call; a 20 MB article
is then one silent call of many minutes.  :class:`EngineProgress` stands in front of the
chosen engine, passes each call on in slices and moves the bar after each, so an editor
sees segments go by and an estimate of the time left.  The engine, its choices and the
translations are unchanged (each text is translated on its own in every engine).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from translate.engines.base import Engine, Pair, SourceText, Translation
from translate.inline import Aligner, Link

SLICES = 50
"""About how many steps one engine call is cut into."""
MIN_SLICE = 16
"""Fewer texts than this go in one call: short articles pay nothing."""


def wanted(flag: bool | None) -> bool:
    """``--progress``/``--no-progress``, else whether stderr is a terminal."""
    if flag is not None:
        return flag
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


def bar(name: str) -> Any:
    """A tqdm bar of segments on stderr; its total grows with each engine call."""
    from tqdm import tqdm

    return tqdm(total=0, desc=name, unit=" segments", file=sys.stderr, dynamic_ncols=True)


class EngineProgress:
    """``engine``, translating in slices and moving ``bar`` after each."""

    def __init__(self, engine: Engine, bar: Any) -> None:
        self.engine = engine
        self.bar = bar

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.engine.name

    @property
    def term_marking(self) -> Any:
        return self.engine.term_marking

    def pairs(self) -> list[Pair]:
        return self.engine.pairs()

    def missing_pair_hint(self, source: str, target: str) -> str | None:
        return self.engine.missing_pair_hint(source, target)

    def route(self, source: str, target: str) -> list[str] | None:
        return self.engine.route(source, target)

    def translate_batch(
        self, texts: Sequence[SourceText], source: str, target: str
    ) -> list[Translation]:
        self.bar.total += len(texts)
        self.bar.refresh()
        size = max(MIN_SLICE, -(-len(texts) // SLICES))
        out: list[Translation] = []
        for start in range(0, len(texts), size):
            chunk = texts[start : start + size]
            out += self.engine.translate_batch(chunk, source, target)
            self.bar.update(len(chunk))
        return out


class AlignerProgress(EngineProgress):
    """The same, for an engine that also gives word links (the pipeline asks)."""

    def align(self, pairs: Sequence[tuple[str, str]], source: str, target: str) -> list[list[Link]]:
        return self.engine.align(pairs, source, target)  # type: ignore[attr-defined]


def with_progress(engine: Engine, bar: Any) -> Engine:
    """``engine`` behind a progress reporter of the same kind (aligning or not)."""
    if isinstance(engine, Aligner):
        return AlignerProgress(engine, bar)  # type: ignore[return-value]
    return EngineProgress(engine, bar)  # type: ignore[return-value]
