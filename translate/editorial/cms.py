"""The CMS hook: one article as a JSON object in, its translations as a JSON object out.

A CMS written in Python calls :func:`translate_article` directly; any other calls
``translate hook`` with the article on standard input.  The shapes are JSON Schemas in
the repository (``schemas/cms-hook-input.schema.json`` and
``schemas/cms-hook-output.schema.json``); the input is validated against its schema,
and every problem is a :class:`UserError` naming the JSON path
(``stdin: $.targets[1]: 'xx' is not a known language``).

Decisions:

* headline and standfirst are plain text; the body is HTML or Markdown (``body_format``,
  default ``html``) and keeps its markup.  The three fields are translated as one
  document (one engine call per language), each segment saying which ``field`` it is in.
* ``status`` is ``needs-review`` when a term is ``missing`` from the translation, when
  a term is ``ambiguous`` (the source word may not be the concept, e.g. an ordinary word
  at the start of a headline or a given name: the engine's rendering is kept for an
  editor to decide), and also when a glossary name found in the article has no form for
  the target language (it then goes through the engine as it is, and an editor should
  look): all are listed in ``review``, one entry per occurrence with its ``reason``.
  ``ok`` is never reported for a translation with a missing or ambiguous term.
* glossaries are given by name (a file of the shipped ``glossaries/`` folder, without
  extension) or by path; the last given wins on conflict, as on the command line.  Run
  as a service (``confined``), a path must lie inside the configured glossary folders
  (:func:`translate.editorial.glossary_access.resolve_glossary`).
* the JSON is untrusted: its size, nesting depth and integer lengths are bounded, and
  ``NaN``/``Infinity`` (not JSON) and lone surrogates (not text) are refused, each with
  one line naming where.
* an HTML body's character references (``&#8217;``) are read as the characters they
  stand for, for matching and translation, and the translated body writes them back as
  references (:func:`translate.articles.html.decode_references`); its translation
  carries no markup but the source's: a ``<`` from a glossary form or the engine is
  escaped (:func:`translate.markup.foreign_markup_escaped`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translate import inputs
from translate.articles.html import References, decode_references
from translate.document import Bitext, Document, DocumentBuilder
from translate.errors import FormatError, UserError
from translate.i18n import _
from translate.markup import foreign_markup_escaped

if TYPE_CHECKING:
    from translate.pipeline import Translator

__all__ = [
    "translate_article",
    "validate_input",
    "read_payload",
    "INPUT_SCHEMA",
    "OUTPUT_SCHEMA",
    "GLOSSARY_DIR",
    "MAX_PAYLOAD_BYTES",
    "MAX_DEPTH",
]


def _data_root() -> Path:
    """The source tree when run from a checkout, else the data a wheel carries."""
    checkout = Path(__file__).resolve().parent.parent.parent
    if (checkout / "schemas").is_dir() and (checkout / "glossaries").is_dir():
        return checkout
    return Path(__file__).resolve().parent.parent / "_data"


_ROOT = _data_root()
INPUT_SCHEMA = _ROOT / "schemas" / "cms-hook-input.schema.json"
OUTPUT_SCHEMA = _ROOT / "schemas" / "cms-hook-output.schema.json"
GLOSSARY_DIR = _ROOT / "glossaries"
FIELDS = ("headline", "standfirst", "body")
REVIEW_STATUSES = ("missing", "ambiguous")
"""Term statuses that make a translation ``needs-review`` (each occurrence a ``review``
entry whose ``reason`` is the status)."""
_SEPARATOR = "\n\n"
MAX_PAYLOAD_BYTES = 8 * 1024 * 1024
"""The largest article JSON read (``translate hook --max-bytes`` changes it)."""
MAX_DEPTH = 64
"""The deepest nesting of arrays and objects accepted (``meta`` included)."""
MAX_INT_DIGITS = 64


# -- input -------------------------------------------------------------------------------


@cache
def _schema(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def read_payload(data: bytes | str, name: str = "stdin", *, max_bytes: int | None = None) -> Any:
    """Decode one JSON document (:func:`translate.inputs.decode` for bytes); errors are
    :class:`FormatError` naming the line and column, or what was refused: more than
    ``max_bytes`` (default :data:`MAX_PAYLOAD_BYTES`), ``NaN``, an integer of more than
    64 digits, nesting deeper than :data:`MAX_DEPTH`, a lone surrogate."""
    limit = MAX_PAYLOAD_BYTES if max_bytes is None else max_bytes
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise FormatError(
            _("is over {limit} bytes, the most the hook reads").format(limit=limit),
            path=name,
            hint=_("send a smaller article, or raise --max-bytes"),
        )
    if isinstance(data, bytes):
        data = inputs.decode(data, name, hint=_("send the article as UTF-8 JSON"))
    if not data.strip():
        raise FormatError(_("is empty, expected one JSON object (the article)"), path=name)
    return inputs.parse_json(
        data, name, error=FormatError, max_depth=MAX_DEPTH, max_digits=MAX_INT_DIGITS
    )


def check_values(payload: Any, name: str = "stdin") -> None:
    """Refuse what JSON can carry but an article must not (a CMS calling from Python can
    pass ``NaN``): :func:`translate.inputs.check_json_values`, the one JSON guard, with
    the hook's :data:`MAX_DEPTH`."""
    inputs.check_json_values(payload, name, error=FormatError, max_depth=MAX_DEPTH)


def _is_language(value: object) -> bool:
    from translate.languages import is_known

    return not isinstance(value, str) or is_known(value)


def _message(error: Any) -> str:
    from translate.schema_messages import describe

    return describe(error)  # in the interface language


def validate_input(payload: Any, name: str = "stdin") -> None:
    """Check ``payload`` against the input schema and the language rules; raise a
    :class:`UserError` naming the JSON path of the first problem."""
    import jsonschema
    from jsonschema.exceptions import best_match

    checker = jsonschema.FormatChecker(formats=())
    checker.checks("language")(_is_language)
    validator = jsonschema.Draft202012Validator(_schema(INPUT_SCHEMA), format_checker=checker)
    check_values(payload, name)
    error = best_match(validator.iter_errors(payload))
    if error is not None:
        raise UserError(f"{error.json_path}: {_message(error)}", path=name)
    from translate.languages import normalize

    source = normalize(payload["language"])
    for i, target in enumerate(payload["targets"]):
        if normalize(target) == source:
            raise UserError(
                _("$.targets[{i}]: {target!r} is the article's own language").format(
                    i=i, target=target
                ),
                path=name,
            )


# -- the combined document ------------------------------------------------------------------


def _parse_field(field: str, text: str, lang: str, fmt: str, doc: str) -> Document:
    from translate.articles import parse_html, parse_markdown, parse_text

    name = f"{doc}#{field}"
    if field != "body":
        return parse_text(text, lang, name)
    return parse_html(text, lang, name) if fmt == "html" else parse_markdown(text, lang, name)


def _combine(name: str, lang: str, parts: Sequence[Document]) -> Document:
    """One document of several (fields joined by a blank line), so that one engine call
    translates them all; segments and paragraphs are numbered on, offsets moved."""
    builder = DocumentBuilder(name, lang, before=parts[0].before, format="cms")
    for k, part in enumerate(parts):
        tail = _SEPARATOR + parts[k + 1].before if k + 1 < len(parts) else ""
        last = part.segments[-1].index
        for paragraph in part.paragraphs:
            builder.paragraph(paragraph.kind)
            for seg in paragraph.segments:
                builder.add(
                    seg.source,
                    seg.after + tail if seg.index == last else seg.after,
                    keep=seg.keep,
                    translatable=seg.translatable,
                )
    return builder.build()


# -- output ----------------------------------------------------------------------------------


def _no_target_form(bitext: Bitext, matcher: Any, fields: list[str]) -> list[dict[str, Any]]:
    """Glossary names in the source that have no form in the target language (found as
    enforcement finds terms, so exactly those it had to leave alone)."""
    from translate.articles.html import markup_view

    if matcher is None:
        return []
    out = []
    for aligned, field in zip(bitext, fields, strict=True):
        seg = aligned.segment
        if not seg.translatable:
            continue
        view = markup_view(seg.source, seg.keep)
        text, keep = (view.text, view.opaque) if view else (seg.source, seg.keep)
        matches = matcher.find(text)
        for match in view.remap(matches) if view else matches:
            if any(match.start < e and s < match.end for s, e in keep):
                continue
            terms = match.concept.terms.get(bitext.target_lang)
            if terms is None or not terms.preferred:
                out.append(
                    {
                        "reason": "no-target-form",
                        "id": match.concept.id,
                        "source": match.surface,
                        "field": field,
                        "segment": seg.index,
                        "note": f"the glossary has no {bitext.target_lang} form",
                    }
                )
    return out


def _translation(
    bitext: Bitext,
    payload: dict[str, Any],
    parts: list[tuple[str, Document]],
    matcher: Any,
    references: References | None = None,
) -> dict[str, Any]:
    from translate import report
    from translate.formats.jsonl import segment_record

    result: dict[str, Any] = {"target_lang": bitext.target_lang, "engine": bitext.engine}
    segments: list[dict[str, Any]] = []
    fields: list[str] = []
    aligned = list(bitext)
    position = 0
    texts: dict[str, str] = {}
    for field, doc in parts:
        own = doc.segments
        rows = aligned[position : position + len(own)]
        position += len(own)
        if field == "body":  # markup: no tag but the source's (glossary forms are text)
            rows = [
                replace(
                    a, target=foreign_markup_escaped(a.target, a.segment.source, a.segment.keep)
                )
                if a.segment.translatable
                else a
                for a in rows
            ]
        restore = references.restore if field == "body" and references else None
        texts[field] = doc.before + "".join(
            a.target + s.after for a, s in zip(rows, own, strict=True)
        )
        if restore is not None and references is not None:  # the whole body, in order
            texts[field] = references.write_back(texts[field])
        for n, (a, s) in enumerate(zip(rows, own, strict=True)):
            record = segment_record(
                bitext,
                a,
                field=field,
                after=s.after,
                before=doc.before if n == 0 else "",
                engine=a.engine or bitext.engine,
            )
            if restore is not None:  # the body's own spelling of its references
                for key in ("source", "target", "after", "before"):
                    if key in record:
                        record[key] = restore(record[key])
            segments.append(record)
            fields.append(field)
    for field in FIELDS:
        if field in payload:
            result[field] = texts.get(field, payload[field])
    result["body_format"] = payload.get("body_format", "html")
    result["segments"] = segments
    result["report"] = report.build([bitext])["pairs"][0]
    review: list[dict[str, Any]] = [
        {
            "reason": hit.status,
            "id": hit.id,
            "source": hit.source,
            "field": field,
            "segment": a.segment.index,
            "note": hit.note,
        }
        for a, field in zip(aligned, fields, strict=True)
        for hit in a.terms
        if hit.status in REVIEW_STATUSES
    ]
    review += _no_target_form(bitext, matcher, fields)
    review += [
        {
            "reason": "markup",
            "id": "",
            "source": "",
            "field": field,
            "segment": a.segment.index,
            "note": issue,
        }
        for a, field in zip(aligned, fields, strict=True)
        for issue in a.issues
    ]
    review.sort(key=lambda r: r["segment"])  # stable: term order within a segment kept
    result["review"] = review
    flagged = report.needs_review({"pairs": [result["report"]]}) or any(
        t["status"] in REVIEW_STATUSES for row in segments for t in row["terms"]
    )
    result["status"] = "needs-review" if review or flagged else "ok"
    return result


def translate_article(
    payload: dict[str, Any],
    *,
    engine: str = "auto",
    glossary_dir: str | Path = GLOSSARY_DIR,
    glossaries: Sequence[str | Path] = (),
    name: str = "payload",
    localize_dates: bool = False,
    native_digits: bool = False,
    glossary_dirs: Sequence[str | Path] = (),
    confined: bool = False,
    translator_for: Callable[[Sequence[Path], str, str], Translator] | None = None,
) -> dict[str, Any]:
    """Translate one CMS article (the input schema) into the output schema's object.

    ``engine`` is as ``--engine`` (``auto``: the first installed engine with the pair);
    ``glossary_dir`` is where glossary names are looked up, after ``glossary_dirs``;
    ``confined`` (a service): the article's glossaries must be names or files inside
    ``glossary_dirs`` (or, when none are given, ``glossary_dir``); ``glossaries`` are
    extra files (the caller's, never confined) applied after the article's own (so they
    win on conflict); ``name`` is what error messages call the input.
    ``translator_for(glossary_paths, source, target)`` gives a Translator already loaded
    with those glossaries, where a long-running caller (the desk server) keeps them warm;
    by default one is made here.  Raises
    :class:`UserError` for invalid input, an unknown glossary or a missing language pair.
    """
    from translate.glossary import load_glossaries_or_none
    from translate.glossary.matcher import Matcher
    from translate.languages import normalize
    from translate.pipeline import Translator

    validate_input(payload, name)
    source = normalize(payload["language"])
    targets = [normalize(t) for t in payload["targets"]]
    from translate.editorial.glossary_access import resolve_glossary

    folders = [Path(d) for d in glossary_dirs]
    if not confined or not folders:
        folders.append(Path(glossary_dir))
    paths = [
        resolve_glossary(ref, folders, confined=confined, where=f"$.glossaries[{i}]", name=name)
        for i, ref in enumerate(payload.get("glossaries", []))
    ] + [Path(p) for p in glossaries]
    translator: Translator
    if translator_for is not None:
        translator = translator_for(paths, source, targets[0])
        glossary = translator.glossary
    else:
        glossary = load_glossaries_or_none(paths, source_lang=source, target_lang=targets[0])
        translator = Translator(
            glossary,
            engine,
            localize_dates=localize_dates or native_digits,
            native_digits=native_digits,
        )
    fmt = payload.get("body_format", "html")
    doc_name = str(payload["id"])
    references = References()
    texts = {field: payload[field] for field in FIELDS if payload.get(field)}
    if fmt == "html" and "body" in texts:
        texts["body"], references = decode_references(texts["body"])
    parts = [
        (field, _parse_field(field, texts[field], source, fmt, doc_name))
        for field in FIELDS
        if field in texts
    ]
    parts = [(field, doc) for field, doc in parts if doc.segments]
    result: dict[str, Any] = {"id": doc_name, "source_lang": source, "status": "ok"}
    if "meta" in payload:
        result["meta"] = payload["meta"]
    translations: dict[str, Any] = {}
    chosen = {t: translator.engine_for(source, t) for t in targets}
    matcher = Matcher(glossary, source) if len(glossary) else None
    document = _combine(doc_name, source, [doc for _, doc in parts]) if parts else None
    for target in targets:
        if document is None:  # nothing to translate: markup only
            empty = Document(doc_name, source, "", "", ())
            bitext = Bitext(empty, source, target, chosen[target].name, ())
        else:
            bitext = translator.translate(document, target)
        translations[target] = _translation(bitext, payload, parts, matcher, references)
    result["translations"] = translations
    if any(t["status"] != "ok" for t in translations.values()):
        result["status"] = "needs-review"
    return result
