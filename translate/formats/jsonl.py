"""JSON Lines: one object per aligned segment (the contract in ARCHITECTURE.md).

:func:`segment_record` makes the object; the JSONL writer and the CMS hook's
``segments`` both use it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from translate.document import AlignedSegment, Bitext
from translate.formats.terms import term_dicts


def segment_record(
    bitext: Bitext,
    aligned: AlignedSegment,
    *,
    field: str | None = None,
    after: str | None = None,
    before: str | None = None,
    engine: str | None = None,
) -> dict[str, Any]:
    """One aligned segment as a JSONL object (keys in the order they are written).

    ``field`` (which field of a CMS article) comes right after ``doc``; ``after``
    replaces the segment's own; ``before`` is the text before the first segment, written
    when not empty (default: the document's, on segment 0); ``engine`` is the engine
    written (default: the segment's).
    """
    seg = aligned.segment
    record: dict[str, Any] = {"doc": bitext.document.name}
    if field is not None:
        record["field"] = field
    record.update(
        {
            "paragraph": seg.paragraph,
            "segment": seg.index,
            "source_lang": bitext.source_lang,
            "target_lang": bitext.target_lang,
            "source": seg.source,
            "target": aligned.target,
            "after": seg.after if after is None else after,
            "translated": seg.translatable,
            "terms": term_dicts(aligned.terms),
            "unknown_words": list(aligned.unknown_words),
            "engine": aligned.engine if engine is None else engine,
        }
    )
    if aligned.issues:
        record["issues"] = list(aligned.issues)
    if before is None:
        before = bitext.document.before if seg.index == 0 else ""
    if before:
        record["before"] = before
    return record


class JsonlFormat:
    name = "jsonl"
    extensions = (".jsonl", ".ndjson")

    @staticmethod
    def read(path: str | Path) -> list[Bitext]:
        """Bitexts back from a JSONL file (see :func:`read`)."""
        return read(path)

    def write(self, bitexts: Sequence[Bitext], out: TextIO) -> None:
        for bitext in bitexts:
            for aligned in bitext:
                record = segment_record(bitext, aligned)
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


def read(path: str | Path) -> list[Bitext]:
    """Bitexts back from a JSONL file this writer wrote (one per doc and language pair).

    Segments are grouped by ``(doc, source_lang, target_lang)`` in file order and
    sorted by ``segment``; the document is rebuilt from ``before``, ``source`` and
    ``after``, so its text is the article again.  Raises
    :class:`~translate.errors.FormatError` naming the file and line for invalid JSON, a
    record without the contract's keys, or a term status that is none of
    :data:`~translate.document.TERM_STATUSES` (every file an earlier version wrote
    reads: its statuses are all still there).
    """
    from translate import inputs
    from translate.errors import FormatError

    objects: list[tuple[int, Any]] = []
    # JSON Lines ends lines at \n only: a U+2028 in a string is text (str.splitlines
    # would cut the record there)
    lines = inputs.read_text(path).split("\n")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        objects.append((number, inputs.parse_json(line, path, line=number, error=FormatError)))
    return from_objects(objects, path)


def from_objects(objects: Sequence[tuple[int, Any]], path: str | Path) -> list[Bitext]:
    """Bitexts from decoded JSONL records, each with the line (or position) it came
    from; what :func:`read` does after decoding, and what the review page's export
    does with the segments it is sent.  Errors name ``path`` and that line."""
    from translate.document import TERM_STATUSES, TermHit
    from translate.errors import FormatError
    from translate.formats.records import Record, assemble
    from translate.i18n import _

    required = ("doc", "paragraph", "segment", "source_lang", "target_lang", "source", "target")
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for number, record in objects:
        if not isinstance(record, dict):
            raise FormatError(_("a JSONL record must be an object"), path=path, line=number)
        lacking = [k for k in required if k not in record]
        if lacking:
            raise FormatError(
                _("record lacks {keys}").format(keys=", ".join(lacking)),
                path=path,
                line=number,
                hint=_("expected the output of --format jsonl"),
            )
        for term in record.get("terms") or ():
            status = term.get("status", "missing") if isinstance(term, dict) else None
            if status is not None and status not in TERM_STATUSES:
                raise FormatError(
                    _("term status {status!r} is not one of {statuses}").format(
                        status=status, statuses=", ".join(TERM_STATUSES)
                    ),
                    path=path,
                    line=number,
                )
        key = (str(record["doc"]), str(record["source_lang"]), str(record["target_lang"]))
        groups.setdefault(key, []).append(record)
    if not groups:
        raise FormatError(_("no segments in this file"), path=path)

    records: list[Record] = []
    for (doc, source_lang, target_lang), rows in groups.items():
        rows.sort(key=lambda r: r["segment"])
        for n, r in enumerate(rows):
            terms = [
                TermHit(
                    id=str(t.get("id", "")),
                    type=str(t.get("type", "other")),
                    source=str(t.get("source", "")),
                    target=str(t.get("target", "")),
                    status=t.get("status", "missing"),
                )
                for t in r.get("terms") or ()
                if isinstance(t, dict)
            ]
            records.append(
                Record(
                    doc=doc,
                    source_lang=source_lang,
                    target_lang=target_lang,
                    source=str(r["source"]),
                    target=str(r["target"]),
                    paragraph=int(r["paragraph"]),
                    after=str(r.get("after", "")),
                    translatable=bool(r.get("translated", True)),
                    terms=terms,
                    unknown_words=tuple(r.get("unknown_words") or ()),
                    engine=str(r.get("engine", "")),
                    before=str(r.get("before", "")) if n == 0 else None,
                )
            )
    return assemble(records)
