"""Calibrating how glossary terms ride through one engine and pair.

Part of the core flow, next to :mod:`translate.pipeline`: glossaries call no engine, so
the one engine call that measures carriers is made here.  Each carrier candidate is
translated bare (its rendering: known, non-empty and distinct from every other, or it
is not used), in "The X is old." (its gender and number, read off the adjective), and
each demonym candidate in "the X man / woman / men / women" (its four forms).  See
:mod:`translate.glossary.carriers` for why.

**The cache.**  That call's answers depend only on the engine, its version (the pair's
data files, the model) and the probe texts, yet every process paid for it (a few
hundred Apertium segments, the largest part of a one-article run's engine time).  So
the answers are kept on disk, one JSON file per key (the engine's ``version()``, the
pair, the probe texts and Dragoman's version) under ``$XDG_CACHE_HOME/dragoman/
calibration``, written atomically; an unreadable or malformed file is ignored and
written again.  Engines without ``version()`` are not cached; ``DRAGOMAN_CACHE=0``
turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

from translate.document import SourceText
from translate.engines.base import Engine, Translation
from translate.glossary.carriers import (
    CANDIDATES,
    DEMONYMS,
    GENDER_PHRASES,
    PLURAL_SOURCES,
    Carrier,
    CarrierSet,
)
from translate.glossary.grammar import Tag, suffix_tag
from translate.glossary.markers import (
    PLACEHOLDER_BASE,
    CarrierMarker,
    Marker,
    PlaceholderMarker,
)

# Sentences a placeholder must survive: a name in several positions and with a possessive.
PLACEHOLDER_PROBES = (
    "Talks in {0} ended on Monday.",
    "{0} and {1} signed the agreement.",
    "The president of {0} met the minister of {1} in {2}.",
    "{0}'s envoy arrived.",
)


def marker_for(engine: Engine, source: str, target: str) -> Marker | None:
    """The marker for an engine and pair (carriers are calibrated with one engine call).

    ``auto`` asks the engine: placeholders where it gives every probe's marks back
    exactly once (a model taught to copy them), else none, and terms are then found
    through the engine's word alignment.
    """
    marking = engine.term_marking
    if marking == "auto":
        marking = "placeholder" if keeps_placeholders(engine, source, target) else "alignment"
    if marking == "carrier":
        return CarrierMarker(calibrate(engine, source, target))
    if marking == "placeholder":
        return PlaceholderMarker()
    return None


def keeps_placeholders(engine: Engine, source: str, target: str) -> bool:
    """Whether the engine copies private-use placeholders, measured on probe sentences."""
    marks = [chr(PLACEHOLDER_BASE + n) for n in range(3)]
    texts = [SourceText(p.format(*marks)) for p in PLACEHOLDER_PROBES]
    outputs = probe(engine, [t.text for t in texts], source, target)
    for text, out in zip(texts, outputs, strict=True):
        for mark in marks:
            if out.text.count(mark) != text.text.count(mark):
                return False
    return True


def calibrate(engine: Engine, source: str, target: str) -> CarrierSet:
    """The usable carriers of one engine and pair, with their grammar."""
    names = sorted({n for pool in CANDIDATES.values() for n in pool})
    probes = [f"The {n} {'are' if n in PLURAL_SOURCES else 'is'} old." for n in names]
    demonyms = [t for d in DEMONYMS for t in (d, *(p.format(d) for p, _ in GENDER_PHRASES))]
    texts = [*names, *probes, *demonyms]
    outputs = probe(engine, texts, source, target)
    bare, probed = outputs[: len(names)], outputs[len(names) : 2 * len(names)]
    rest = outputs[2 * len(names) :]
    rendered: dict[str, str] = {}
    for name, out in zip(names, bare, strict=True):
        text = out.text.strip().strip(".")
        if text and not out.unknown_words and len(text.split()) <= 2:
            rendered[name] = text
    counts: dict[str, int] = {}
    for text in rendered.values():
        counts[text.casefold()] = counts.get(text.casefold(), 0) + 1
    usable = {n: t for n, t in rendered.items() if counts[t.casefold()] == 1}
    tags = {n: _probe_tag(out.text, target) for n, out in zip(names, probed, strict=True)}
    by_type = {
        kind: [Carrier(n, usable[n], tags[n]) for n in pool if n in usable]
        for kind, pool in CANDIDATES.items()
    }
    by_type["demonym"] = _demonyms(rest, target)
    return CarrierSet(by_type)


def probe(engine: Engine, texts: Sequence[str], source: str, target: str) -> list[Translation]:
    """The engine's translations of probe texts, from the cache where they are there."""
    path = _cache_path(engine, texts, source, target)
    if path is not None:
        cached = _read_cache(path, len(texts))
        if cached is not None:
            return cached
    outputs = engine.translate_batch([SourceText(t) for t in texts], source, target)
    if path is not None:
        _write_cache(path, outputs)
    return outputs


_CACHE_LIMIT = 16 << 20  # bytes; a calibration file is about 30 kB


def cache_dir() -> Path | None:
    """Where calibrations are kept (None: caching is off)."""
    if os.environ.get("DRAGOMAN_CACHE", "1").strip().lower() in ("0", "no", "false", "off"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "dragoman" / "calibration"


def _cache_path(engine: Engine, texts: Sequence[str], source: str, target: str) -> Path | None:
    version = getattr(engine, "version", None)
    folder = cache_dir()
    if version is None or folder is None:
        return None
    from translate import __version__

    kind = f"{type(engine).__module__}.{type(engine).__qualname__}"  # a subclass may differ
    try:
        engine_version = version(source, target)
    except Exception:  # an engine that cannot say: no cache, never a failure
        return None
    key = json.dumps(
        [__version__, kind, engine.name, engine_version, source, target, list(texts)],
        ensure_ascii=False,
    )
    name = f"{engine.name}-{source}-{target}-{hashlib.sha256(key.encode()).hexdigest()[:32]}"
    return folder / f"{name}.json"


def _read_cache(path: Path, count: int) -> list[Translation] | None:
    try:
        if path.stat().st_size > _CACHE_LIMIT:
            return None
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, list) or len(data) != count:
        return None
    outputs = []
    for item in data:
        if not (
            isinstance(item, list)
            and len(item) == 2
            and isinstance(item[0], str)
            and isinstance(item[1], list)
            and all(isinstance(w, str) for w in item[1])
        ):
            return None
        outputs.append(Translation(text=item[0], unknown_words=tuple(item[1])))
    return outputs


def _write_cache(path: Path, outputs: Sequence[Translation]) -> None:
    """Best effort: a cache that cannot be written (read-only home, full disk) costs
    only the next process the engine call."""
    from translate.atomic import write_atomically
    from translate.errors import UserError

    data = json.dumps([[o.text, list(o.unknown_words)] for o in outputs], ensure_ascii=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    except (OSError, UserError):
        pass


def _probe_tag(text: str, target: str) -> Tag:
    """Gender and number of "The X is old." read off the engine's adjective."""
    words = text.strip().rstrip(".").split()
    return suffix_tag(words[-1], target) if words else Tag()


def _demonyms(outputs: Sequence[Translation], target: str) -> list[Carrier]:
    """Demonym carriers whose four forms the engine told apart."""
    carriers = []
    width = 1 + len(GENDER_PHRASES)
    for n, demonym in enumerate(DEMONYMS):
        chunk = outputs[n * width : (n + 1) * width]
        bare = chunk[0].text.strip().strip(".")
        if not bare or chunk[0].unknown_words or len(bare.split()) != 1:
            continue
        forms: dict[str, Tag] = {}
        for out, (_, tag) in zip(chunk[1:], GENDER_PHRASES, strict=True):
            word = _closest_word(out.text, bare)
            if word is None or word in forms:
                break
            forms[word] = tag
        else:
            carriers.append(Carrier(demonym, bare.casefold(), Tag("m", "sg"), forms))
    return carriers


def _closest_word(text: str, reference: str) -> str | None:
    """The word of ``text`` sharing the longest prefix (at least 4 letters) with ``reference``."""
    best, best_len = None, 3
    ref = reference.casefold()
    for word in text.replace(".", " ").split():
        w = word.casefold()
        # words, not paths: the character-wise prefix is the one wanted here
        common = len(os.path.commonprefix([w, ref]))  # noqa: RUF071
        if common > best_len:
            best, best_len = w, common
    return best
