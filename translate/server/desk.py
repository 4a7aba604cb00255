"""What one server worker holds: the engines, the glossaries and the warm Translators.

A :class:`Desk` is made once per worker process (``translate serve --workers N`` makes N)
and shared by every request through ``app.state.desk``.  It is the server's only road to
the translation flow: every endpoint (LibreTranslate's, Dragoman's ``/v1/...`` and the
review page's) calls one of its methods, and those call the :class:`~translate.pipeline
.Translator`, :func:`translate.editorial.cms.translate_article` and the QA
:class:`~translate.qa.Checker` as the CLI does.  Translators are kept per glossary
choice and language pair, so glossaries are parsed and each pair calibrated once per
worker, not once per request.

Methods are synchronous and may block on the engine: the app runs them in worker
threads.  Every problem with a request is a :class:`~translate.errors.UserError` (the
app answers 400 with its one line).

The methods, for the app and the review page:

* :meth:`Desk.languages` -> ``[{"code", "name", "targets"}]`` (LibreTranslate's
  ``/languages``; names from CLDR, in English);
* :meth:`Desk.glossary_names` -> the names a request may give in ``glossary`` /
  ``glossaries``; :attr:`Desk.default_glossaries` those applied when it gives none;
* :meth:`Desk.translate_texts` -> one :class:`Translated` per text (``/translate``;
  source ``auto`` where py3langid is installed);
* :meth:`Desk.detect` -> LibreTranslate's ``/detect`` answer;
* :meth:`Desk.translate_file` -> a :class:`TranslatedFile` (``/translate_file``);
* :meth:`Desk.article` -> the CMS hook's output object for its input object
  (``/v1/article``, the schema of ``translate hook``; ``glossaries`` must be server
  names, never paths);
* :meth:`Desk.check` -> ``translate check --format json``'s object for one source and
  its translation (``/v1/check``; payload documented on the method).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translate.errors import UserError
from translate.i18n import _

if TYPE_CHECKING:
    from translate.document import Bitext
    from translate.glossary.model import Glossary
    from translate.pipeline import Translator

__all__ = ["Desk", "EngineFailed", "Translated", "TranslatedFile", "MAX_GLOSSARY_ENTRIES"]

MAX_GLOSSARY_ENTRIES = 500
"""Inline ``glossary_entries`` one request may send."""
_MAX_ENTRY_CHARS = 200
_TRANSLATORS_KEPT = 32
"""Translators kept warm (glossary choice x pair); the least recently used goes first."""
_SUFFIXES = (".yaml", ".yml", ".tsv", ".csv", ".tbx", ".po")
_TEXT_FORMATS = {"text": "text", "html": "html", "markdown": "markdown"}


class EngineFailed(Exception):
    """The engine failed on a request it had accepted (a hung Apertium stopped after
    ``engine_timeout``, a pipeline that died twice): the server's trouble, not the
    request's, so the app answers 500 with this one line.  An engine missing for the
    pair stays a :class:`~translate.errors.UserError` (400)."""


@dataclass(frozen=True)
class Translated:
    """One translated text: the text, its term hits (the JSONL contract's term shape,
    each with the ``segment`` it is in) and whether an editor should look."""

    text: str
    terms: list[dict[str, Any]]
    review: bool
    detected: dict[str, Any] | None = None
    """For ``source: "auto"``: the language found and the confidence in percent."""


@dataclass(frozen=True)
class TranslatedFile:
    """A translated document: its bytes, its file name, and the translation's terms."""

    data: bytes
    filename: str
    terms: list[dict[str, Any]]
    review: bool


def _term_records(bitext: Bitext) -> list[dict[str, Any]]:
    from translate.formats.terms import term_dicts

    return [
        {"segment": aligned.segment.index, **term}
        for aligned in bitext
        for term in term_dicts(aligned.terms)
    ]


def _needs_review(bitext: Bitext) -> bool:
    from translate import report
    from translate.editorial.cms import REVIEW_STATUSES

    if any(h.status in REVIEW_STATUSES for a in bitext for h in a.terms):
        return True
    return bool(report.needs_review(report.build([bitext])))


@dataclass
class Desk:
    """The loaded state of one worker (see the module docstring for its methods)."""

    engine: str = "auto"
    """``--engine``: a name or ``auto``."""
    glossaries: Mapping[str, Path] = field(default_factory=dict)
    """Server glossaries by name (a file's stem): the shipped ones, the configuration's
    and ``--glossary`` files.  Requests name them; they never give paths."""
    default_glossaries: Sequence[str] = ()
    """Names applied when a request names none (``--glossary``, else the config's)."""
    localize_dates: bool = False
    native_digits: bool = False
    engine_timeout: float | None = None
    """Seconds the engine may go without answering (the Translators' ``engine_timeout``;
    None: the engine's own)."""
    _translators: OrderedDict[tuple[Any, ...], Translator] = field(
        default_factory=OrderedDict, repr=False
    )
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _detector: Any = field(default=None, repr=False)

    # -- what the server offers ---------------------------------------------------------

    def languages(self) -> list[dict[str, Any]]:
        """LibreTranslate's ``/languages``: each source language with its targets."""
        from translate import engines
        from translate.languages import display_name

        names = engines.available() if self.engine == engines.AUTO else [self.engine]
        targets: dict[str, set[str]] = {}
        for name in names:
            try:
                pairs = engines.load(name).pairs()
            except UserError:
                continue
            for pair in pairs:
                targets.setdefault(pair.source, set()).add(pair.target)
        return [
            {"code": code, "name": display_name(code, "en"), "targets": sorted(targets[code])}
            for code in sorted(targets)
        ]

    def glossary_names(self) -> list[str]:
        """The glossaries a request may name, sorted."""
        return sorted(self.glossaries)

    # -- glossaries and translators -----------------------------------------------------

    def chosen(self, names: Sequence[str] | str | None) -> tuple[str, ...]:
        """The glossary names of a request (None: the server's default); each must be a
        server glossary."""
        if names is None:
            return tuple(self.default_glossaries)
        if isinstance(names, str):
            names = [n for n in names.split(",") if n.strip()]
        out = []
        for name in names:
            if not isinstance(name, str) or name.strip() not in self.glossaries:
                raise UserError(
                    _("no glossary {name!r} on this server").format(name=name),
                    hint=_("known glossaries: {names}").format(
                        names=", ".join(self.glossary_names()) or _("none")
                    ),
                )
            out.append(name.strip())
        return tuple(out)

    def translator(
        self,
        names: tuple[str, ...],
        source: str,
        target: str,
        entries: tuple[tuple[str, str], ...] = (),
    ) -> Translator:
        """The warm Translator for a glossary choice and pair (made on first use)."""
        key = (names, entries, source, target)
        with self._lock:
            found = self._translators.get(key)
            if found is not None:
                self._translators.move_to_end(key)
                return found
        translator = self._make_translator(names, source, target, entries)
        with self._lock:
            self._translators[key] = translator
            while len(self._translators) > _TRANSLATORS_KEPT:
                self._translators.popitem(last=False)
        return translator

    def _make_translator(
        self,
        names: tuple[str, ...],
        source: str,
        target: str,
        entries: tuple[tuple[str, str], ...],
    ) -> Translator:
        from translate.glossary import load_glossaries_or_none
        from translate.glossary.model import merge
        from translate.pipeline import Translator

        glossary = load_glossaries_or_none(
            [self.glossaries[n] for n in names], source_lang=source, target_lang=target
        )
        if entries:
            glossary = merge([glossary, inline_glossary(entries, source, target)], source)
        translator = Translator(
            glossary,
            self.engine,
            localize_dates=self.localize_dates or self.native_digits,
            native_digits=self.native_digits,
            engine_timeout=self.engine_timeout,
        )
        engine = translator.engine_for(source, target)  # EngineError: no such pair
        if len(glossary):
            with _engine_failures():
                translator.enforcer(engine, source, target)  # calibrates once, here
        return translator

    def warm(self, source: str, targets: Sequence[str]) -> None:
        """Load the engines and calibrate the default glossary for these pairs now, so
        the first request does not pay for it."""
        for target in targets:
            if target != source:
                self.translator(self.chosen(None), source, target)

    # -- translation ----------------------------------------------------------------------

    def detect(self, text: str) -> list[dict[str, Any]]:
        """The likeliest source languages of ``text`` among those the server translates
        from (``[{"confidence", "language"}]``)."""
        from translate.server import detect

        if not detect.available():
            raise UserError(
                _("this server does not detect languages: py3langid is not installed"),
                hint=_("give the source language"),
            )
        with self._lock:
            if self._detector is None:
                self._detector = detect.Detector([e["code"] for e in self.languages()])
        return list(self._detector.detect(text))

    def translate_texts(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        *,
        fmt: str = "text",
        glossaries: Sequence[str] | str | None = None,
        entries: Any = None,
    ) -> list[Translated]:
        """Each text translated as a document of its own (``fmt``: text or html).

        The texts of a list go to the engine together (one Translator call for the
        whole list, as the CMS hook does with an article's fields), then each gets its
        own translation, terms and review flag back.
        """
        from dataclasses import replace

        from translate.articles import parse_article
        from translate.document import Bitext
        from translate.editorial.cms import _combine
        from translate.outputs import document_text

        detected = None
        if isinstance(source, str) and source.strip().lower() == "auto":
            # a list is one text to detect: it is translated from one language
            detected = self.detect("\n".join(texts))[0]
            source = detected["language"]
        source, target = _pair(source, target)
        if not isinstance(fmt, str) or fmt not in _TEXT_FORMATS:
            raise UserError(
                _("format {fmt!r} is not supported").format(fmt=fmt),
                hint=_("use text or html"),
            )
        translator = self.translator(
            self.chosen(glossaries), source, target, parse_entries(entries)
        )
        documents = {
            i: parse_article(text, source, _TEXT_FORMATS[fmt], f"q[{i}]")
            for i, text in enumerate(texts)
            if text.strip()
        }
        documents = {i: d for i, d in documents.items() if d.segments}
        if not documents:
            return [Translated(text, [], False, detected) for text in texts]
        with _engine_failures():
            combined = translator.translate(_combine("q", source, list(documents.values())), target)
        rows = iter(combined.segments)
        out = []
        for i, text in enumerate(texts):
            document = documents.get(i)
            if document is None:  # blank, or markup with no text
                out.append(Translated(text, [], False, detected))
                continue
            own = [replace(next(rows), segment=seg) for seg in document.segments]
            bitext = Bitext(document, source, target, combined.engine, tuple(own), combined.meta)
            out.append(
                Translated(
                    document_text(bitext), _term_records(bitext), _needs_review(bitext), detected
                )
            )
        return out

    def translate_file(
        self,
        path: Path,
        filename: str,
        source: str,
        target: str,
        *,
        glossaries: Sequence[str] | str | None = None,
        entries: Any = None,
    ) -> TranslatedFile:
        """The document at ``path`` (uploaded as ``filename``), translated in its own
        format: txt, md, html, docx, odt (:func:`translate.outputs.document_bytes`)."""
        from translate.articles import article_format, load_article
        from translate.outputs import document_bytes, source_parts

        source, target = _pair(source, target)
        fmt = article_format(filename)
        if Path(filename).suffix.lower() not in fmt.extensions:
            raise UserError(
                _("{name}: unsupported file type").format(name=filename),
                hint=_("send .txt, .md, .html, .docx or .odt"),
            )
        translator = self.translator(
            self.chosen(glossaries), source, target, parse_entries(entries)
        )
        document = load_article(str(path), source, fmt=fmt.name, name=filename)
        with _engine_failures():
            bitext = translator.translate(document, target)
        parts = source_parts(filename)
        name = f"{parts['stem']}.{target}{parts['ext']}"
        return TranslatedFile(
            document_bytes(bitext, str(path)), name, _term_records(bitext), _needs_review(bitext)
        )

    def article(self, payload: Any) -> dict[str, Any]:
        """The CMS hook for one article (``translate hook``'s input and output schemas).

        ``glossaries`` in the payload are server glossary names (never paths); without
        them the server's default glossaries apply.
        """
        from translate.editorial import cms

        if not isinstance(payload, dict):
            raise UserError(_("$: the article must be a JSON object"))
        refs = payload.get("glossaries")
        if refs is not None and (
            not isinstance(refs, list) or not all(isinstance(r, str) for r in refs)
        ):
            raise UserError(_("$.glossaries: must be a list of glossary names"))
        names = self.chosen(refs)
        payload = {**payload, "glossaries": [str(self.glossaries[n]) for n in names]}
        if not names:
            del payload["glossaries"]
        return cms.translate_article(
            payload,
            engine=self.engine,
            name="request",
            localize_dates=self.localize_dates,
            native_digits=self.native_digits,
            translator_for=self._article_translator,
        )

    def _article_translator(self, paths: Sequence[Path], source: str, target: str) -> Translator:
        by_path = {str(p): n for n, p in self.glossaries.items()}
        return self.translator(tuple(by_path[str(p)] for p in paths), source, target)

    def check(self, payload: Any) -> dict[str, Any]:
        """``translate check`` for one source and its translation.

        Payload: ``source`` and ``translation`` (text), ``source_lang`` and
        ``target_lang``, optional ``format`` (``text``, ``markdown`` or ``html``),
        ``glossaries`` (server names; default: the server's) and ``glossary_entries``.
        Answers ``translate check --format json``'s object for one check:
        ``{"ok": bool, "checks": [ ... ]}``.
        """
        from translate.qa import Checker

        if not isinstance(payload, dict):
            raise UserError(_("$: the request must be a JSON object"))
        for key in ("source", "translation", "source_lang", "target_lang"):
            if not isinstance(payload.get(key), str):
                raise UserError(_("$.{key}: required, a string").format(key=key))
        source, target = _pair(payload["source_lang"], payload["target_lang"])
        fmt = payload.get("format", "text")
        if not isinstance(fmt, str) or fmt not in _TEXT_FORMATS:
            raise UserError(
                _("format {fmt!r} is not supported").format(fmt=fmt),
                hint=_("use text, markdown or html"),
            )
        translator = self.translator(
            self.chosen(payload.get("glossaries")),
            source,
            target,
            parse_entries(payload.get("glossary_entries")),
        )
        result = Checker(translator.glossary).check_texts(
            payload["source"], payload["translation"], source, target, fmt=_TEXT_FORMATS[fmt]
        )
        return {"ok": result.ok, "checks": [result.to_dict()]}


@contextmanager
def _engine_failures() -> Iterator[None]:
    """An engine failing while it translates (the pair was already found) is
    :class:`EngineFailed`, not the request's fault."""
    from translate.errors import EngineError

    try:
        yield
    except EngineError as err:
        raise EngineFailed(str(err)) from None


def _pair(source: Any, target: Any) -> tuple[str, str]:
    from translate.languages import normalize

    if not isinstance(source, str) or not source.strip():
        raise UserError(_("source: a language code is required"))
    if not isinstance(target, str) or not target.strip():
        raise UserError(_("target: a language code is required"))
    if source.strip().lower() == "auto":
        raise UserError(
            _("source 'auto' is for /translate only: give the source language"),
        )
    pair = normalize(source), normalize(target)
    if pair[0] == pair[1]:
        raise UserError(_("source and target are the same language ({lang})").format(lang=pair[0]))
    return pair


def parse_entries(entries: Any) -> tuple[tuple[str, str], ...]:
    """``glossary_entries``: a list of ``[source, target]`` pairs or of
    ``{"source", "target"}`` objects, or one ``{source: target}`` object."""
    if entries is None or entries == "" or entries == []:
        return ()
    if isinstance(entries, str):
        from translate import inputs

        entries = inputs.parse_json(entries, "glossary_entries", error=UserError, max_depth=4)
    if isinstance(entries, dict):
        entries = list(entries.items())
    if not isinstance(entries, list):
        raise UserError(_("glossary_entries: must be a list of [source, target] pairs"))
    if len(entries) > MAX_GLOSSARY_ENTRIES:
        raise UserError(
            _("glossary_entries: {n} entries, at most {limit} allowed").format(
                n=len(entries), limit=MAX_GLOSSARY_ENTRIES
            )
        )
    out = []
    for i, entry in enumerate(entries):
        if isinstance(entry, dict):
            entry = (entry.get("source"), entry.get("target"))
        if (
            not isinstance(entry, list | tuple)
            or len(entry) != 2
            or not all(isinstance(x, str) and x.strip() for x in entry)
        ):
            raise UserError(
                _("glossary_entries[{i}]: must be a pair of non-empty strings").format(i=i)
            )
        pair = (entry[0].strip(), entry[1].strip())
        if any(len(x) > _MAX_ENTRY_CHARS or any(c in x for c in "\t\r\n") for x in pair):
            raise UserError(
                _("glossary_entries[{i}]: a term is one line of at most {n} characters").format(
                    i=i, n=_MAX_ENTRY_CHARS
                )
            )
        out.append(pair)
    return tuple(out)


def inline_glossary(entries: Sequence[tuple[str, str]], source: str, target: str) -> Glossary:
    """The request's own pairs as a glossary, read by the tabular reader (as a TSV
    file of two columns would be)."""
    from translate.errors import GlossaryError
    from translate.glossary.tabular_format import parse_tabular

    text = f"{source}\t{target}\n" + "".join(f"{s}\t{t}\n" for s, t in entries)
    try:
        return parse_tabular(text, "glossary_entries")
    except GlossaryError as err:
        raise UserError(err.message, path="glossary_entries", line=err.line) from None


def server_glossaries(
    folder: Path | Sequence[Path] | None, extra: Sequence[str | Path]
) -> tuple[dict[str, Path], list[str]]:
    """Glossaries by name: every glossary file in the folders (the first folder with a
    name wins, as :func:`~translate.editorial.glossary_access.resolve_glossary` looks
    names up), then ``extra`` (which are also the default); two files with one name are
    a usage error.

    Each folder's file goes through ``resolve_glossary`` confined to the folders, so a
    symbolic link in a glossary folder that leads out of them is never served.
    """
    from translate.editorial.glossary_access import resolve_glossary

    folders = [folder] if isinstance(folder, Path) else list(folder or ())
    found: dict[str, Path] = {}
    for each in folders:
        if not each.is_dir():
            continue
        for path in sorted(each.iterdir()):
            if path.suffix.lower() not in _SUFFIXES or path.stem in found:
                continue
            try:
                real = resolve_glossary(path.name, [each], confined=True)
            except UserError:
                continue  # not a file, or a link out of the glossary folders
            found[path.stem] = real.resolve()
    defaults = []
    for given in extra:
        path = Path(given)
        if not path.is_file():
            raise UserError(_("glossary file not found"), path=path)
        name = path.stem
        if name in found and found[name] != path.resolve():
            raise UserError(
                _("two glossaries are called {name!r}: {a} and {b}").format(
                    name=name, a=found[name], b=path
                ),
                hint=_("rename one of the files"),
            )
        found[name] = path.resolve()
        defaults.append(name)
    return found, defaults
