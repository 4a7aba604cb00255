"""Translation engines: a small protocol (:mod:`.base`) and one module per engine.

Third-party engines plug in through the ``dragoman.engines`` entry point group: an entry
point names a class (or factory) that takes no arguments and returns an object with the
:class:`~translate.engines.base.Engine` attributes.
"""

from __future__ import annotations

from importlib.metadata import entry_points

from translate.engines.base import Engine, Pair, SourceText, Translation
from translate.errors import EngineError
from translate.i18n import _

ENTRY_POINT_GROUP = "dragoman.engines"
AUTO = "auto"
# Engines tried by --engine auto, in order: neural first where a package exists.
AUTO_ORDER = ("argos", "apertium")

__all__ = [
    "Engine",
    "Pair",
    "SourceText",
    "Translation",
    "available",
    "choose",
    "close_all",
    "load",
]

_cache: dict[str, Engine] = {}


def available() -> list[str]:
    """Names of the engines installed in this environment (built in and third party)."""
    return sorted({ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)})


def load(name: str) -> Engine:
    """The engine called ``name``, created once per process (models load once)."""
    if name in _cache:
        return _cache[name]
    matches = [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == name]
    if not matches:
        raise EngineError(
            _("unknown engine {name!r}").format(name=name),
            hint=_("choose one of: {engines}").format(engines=", ".join([AUTO, *available()])),
        )
    engine = matches[0].load()()
    _cache[name] = engine
    return engine


def close_all() -> None:
    """End the processes of every engine loaded here (a long-lived Apertium pipeline).

    Engines close themselves at exit, but a pool worker ends without running exit
    handlers: the batch calls this from the worker's own finaliser instead, so that
    the pipelines end with it (and their CPU time is counted against it)."""
    for engine in list(_cache.values()):
        close = getattr(engine, "close", None)
        if callable(close):
            close()


def supports(engine: Engine, source: str, target: str) -> bool:
    from translate.languages import base

    want = (base(source), base(target))
    return any((base(p.source), base(p.target)) == want for p in engine.pairs())


def choose(name: str, source: str, target: str) -> Engine:
    """Resolve ``--engine`` for one pair; ``auto`` takes the first engine that has it."""
    if name != AUTO:
        engine = load(name)
        if not supports(engine, source, target):
            raise EngineError(
                _("engine {name} has no {source}-{target} pair installed").format(
                    name=engine.name, source=source, target=target
                ),
                hint=engine.missing_pair_hint(source, target)
                or _("no {name} package provides it; try --engine auto").format(name=engine.name),
            )
        return engine
    names = [n for n in AUTO_ORDER if n in available()]
    names += [n for n in available() if n not in names]
    hints = []
    for candidate in names:
        engine = load(candidate)
        if supports(engine, source, target):
            return engine
        hint = engine.missing_pair_hint(source, target)
        if hint:
            hints.append(hint)
    raise EngineError(
        _("no installed engine translates {source} to {target}").format(
            source=source, target=target
        ),
        hint=_(" or ").join(hints) if hints else _("install an engine"),
    )
