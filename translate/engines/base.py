"""The engine protocol: what every translation engine offers the pipeline.

Engines know nothing of glossaries or documents.  They translate a batch of texts for
one language pair in one call (one Apertium process, one ``translate_batch``), keep the
``keep`` spans of each text verbatim, and say which words they did not know.  How
glossary terms survive an engine is the glossary's business; the engine only declares
which marking works for it (``term_marking``), found by measurement.

Optional, where an engine has them: ``version(source, target)`` (what its output depends
on: keys the calibration cache, :mod:`translate.calibration`), ``timeout`` (seconds it
may go without answering, set from :func:`engine_timeout` or the configuration) and
``close()`` (ends its processes; :func:`translate.engines.close_all`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

from translate.document import SourceText, Translation
from translate.errors import EngineError
from translate.i18n import _

__all__ = [
    "DEFAULT_TIMEOUT",
    "TERM_MARKINGS",
    "DirectRoute",
    "Engine",
    "Pair",
    "SourceText",
    "TermMarking",
    "Translation",
    "engine_timeout",
    "parse_timeout",
]


TIMEOUT_ENV = "DRAGOMAN_ENGINE_TIMEOUT"
DEFAULT_TIMEOUT = 120.0
"""Seconds an engine process may go without answering before the call fails.

Apertium answers segment by segment in milliseconds, so two minutes of silence is a
hung process, never a long document.  Set by, first to last: ``translate batch
--engine-timeout``, the environment's ``DRAGOMAN_ENGINE_TIMEOUT``, ``engine_timeout``
in dragoman.toml; ``0`` waits forever."""


def parse_timeout(value: object, where: str = TIMEOUT_ENV) -> float:
    """A timeout as a person gives it (seconds, ``0`` for none), else a one-line error."""
    seconds = -1.0
    if not isinstance(value, bool):
        try:
            seconds = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            pass
    if not 0 <= seconds < float("inf"):
        raise EngineError(
            _("{where} must be a number of seconds, not {value!r}").format(
                where=where, value=value
            ),
            hint=_("0 waits forever"),
        )
    return seconds


def engine_timeout() -> float | None:
    """The timeout from the environment, else the default (None: wait forever)."""
    value = os.environ.get(TIMEOUT_ENV)
    if value is None or not value.strip():
        return DEFAULT_TIMEOUT
    return parse_timeout(value) or None


TermMarking = Literal["carrier", "placeholder", "alignment", "plain", "auto"]
"""How glossary terms are best carried through an engine (benchmarks/RESULTS.md).

``carrier``: replace each term with a proper noun the engine knows (rule-based engines
  such as Apertium keep grammar around a known name: "Paris's envoy" -> "el enviado de
  París"), then swap the carrier's rendering for the preferred target form.
``placeholder``: replace each term with a private-use mark the engine copies (only a
  model taught to copy such marks does).
``alignment``: no marks; translate plainly and replace what the engine's word
  alignment (:class:`translate.inline.Aligner`) says the term became.
``plain``: no marks and no alignment; correct the renderings that are recognisable
  (a baseline for measuring the others).
``auto``: ``placeholder`` where the engine copies private-use marks on probe sentences
  (measured once per pair), else ``alignment``.
"""
TERM_MARKINGS: tuple[TermMarking, ...] = ("carrier", "placeholder", "alignment", "plain", "auto")


@dataclass(frozen=True)
class Pair:
    source: str
    target: str
    detail: str = ""
    """Engine-specific name of the pair (Apertium mode, Argos package, pivot route)."""


@runtime_checkable
class Engine(Protocol):
    name: str
    term_marking: TermMarking

    def pairs(self) -> list[Pair]:
        """Installed language pairs, with ISO 639-1 codes where one exists."""
        ...

    def translate_batch(
        self, texts: Sequence[SourceText], source: str, target: str
    ) -> list[Translation]:
        """Translate all texts of one document for one pair; same length and order out."""
        ...

    def missing_pair_hint(self, source: str, target: str) -> str | None:
        """What to install to get this pair (a command the user can run), or None when
        nothing this engine can install provides it."""
        ...

    def route(self, source: str, target: str) -> list[str] | None:
        """The languages a translation goes through: ``[source, target]`` (or None) for a
        direct pair, ``[source, "en", target]`` where the engine pivots.  Each step is
        translated and enforced on its own."""
        ...


class DirectRoute:
    """For engines whose pairs are all direct (no pivot): ``route`` is the pair itself."""

    def route(self, source: str, target: str) -> list[str] | None:
        return [source, target]
