"""Progress for one long article: a tqdm bar on stderr, fed by the engine's calls.

The pipeline hands an engine every segment of a document in one call; a long article is
then a few silent calls of many minutes.  :class:`EngineProgress` stands in front of the
chosen engine: the bar's total grows by each call's segments, its clock ticks while the
call runs, and it moves when the call returns.  The calls themselves are passed on as
they are: cutting them into slices would change the translation, since Apertium's
tagger reads across the segments of one call (the same sentence comes out differently
after another).
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from translate.engines.base import Engine, Pair, SourceText, Translation
from translate.inline import Aligner, Link

TICK = 0.5
"""Seconds between redraws of the bar's clock while an engine call runs."""


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
    def name(self) -> str:
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
        with _ticking(self.bar):
            out = self.engine.translate_batch(texts, source, target)
        self.bar.update(len(texts))
        return out


@contextlib.contextmanager
def _ticking(bar: Any) -> Iterator[None]:
    """Redraw ``bar`` every :data:`TICK` seconds until the block ends (its elapsed time
    and rate move, so a long call is not a frozen line)."""
    done = threading.Event()

    def tick() -> None:
        while not done.wait(TICK):
            bar.refresh()

    ticker = threading.Thread(target=tick, name="progress", daemon=True)
    ticker.start()
    try:
        yield
    finally:
        done.set()
        ticker.join()


class AlignerProgress(EngineProgress):
    """The same, for an engine that also gives word links (the pipeline asks)."""

    def align(self, pairs: Sequence[tuple[str, str]], source: str, target: str) -> list[list[Link]]:
        return self.engine.align(pairs, source, target)  # type: ignore[attr-defined]


def with_progress(engine: Engine, bar: Any) -> Engine:
    """``engine`` behind a progress reporter of the same kind (aligning or not)."""
    if isinstance(engine, Aligner):
        return AlignerProgress(engine, bar)  # type: ignore[return-value]
    return EngineProgress(engine, bar)  # type: ignore[return-value]
