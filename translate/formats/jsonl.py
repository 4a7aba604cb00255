"""JSON Lines: one object per aligned segment (the contract in ARCHITECTURE.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from translate.document import Bitext
from translate.formats.terms import term_dicts


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
                seg = aligned.segment
                record = {
                    "doc": bitext.document.name,
                    "paragraph": seg.paragraph,
                    "segment": seg.index,
                    "source_lang": bitext.source_lang,
                    "target_lang": bitext.target_lang,
                    "source": seg.source,
                    "target": aligned.target,
                    "after": seg.after,
                    "translated": seg.translatable,
                    "terms": term_dicts(aligned.terms),
                    "unknown_words": list(aligned.unknown_words),
                    "engine": aligned.engine,
                }
                if seg.index == 0 and bitext.document.leading:
                    record["before"] = bitext.document.leading
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


def read(path: str | Path) -> list[Bitext]:
    """Bitexts back from a JSONL file this writer wrote (one per doc and language pair).

    Segments are grouped by ``(doc, source_lang, target_lang)`` in file order; the
    document is rebuilt from ``before``, ``source`` and ``after``, so its text is the
    article again.  Raises :class:`~translate.errors.UserError` naming the file and
    line for invalid JSON, a record without the contract's keys, or a term status that
    is none of :data:`~translate.document.TERM_STATUSES` (every file an earlier version
    wrote reads: its statuses are all still there).
    """
    from translate.document import (
        TERM_STATUSES,
        AlignedSegment,
        Document,
        Paragraph,
        Segment,
        TermHit,
    )
    from translate.errors import UserError
    from translate.i18n import _

    required = ("doc", "paragraph", "segment", "source_lang", "target_lang", "source", "target")
    groups: dict[tuple[str, str, str], list[dict]] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise UserError(_("no such file"), path=path, hint=_("check the path")) from None
    except UnicodeDecodeError:
        raise UserError(_("not valid UTF-8"), path=path, hint=_("save it as UTF-8")) from None
    except OSError as err:
        raise UserError(
            _("cannot read it: {reason}").format(reason=err.strerror or err), path=path
        ) from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise UserError(
                _("not valid JSON: {error}").format(error=err.msg), path=path, line=number
            ) from None
        if not isinstance(record, dict):
            raise UserError(_("a JSONL record must be an object"), path=path, line=number)
        lacking = [k for k in required if k not in record]
        if lacking:
            raise UserError(
                _("record lacks {keys}").format(keys=", ".join(lacking)),
                path=path,
                line=number,
                hint=_("expected the output of --format jsonl"),
            )
        for term in record.get("terms") or ():
            status = term.get("status", "missing") if isinstance(term, dict) else None
            if status is not None and status not in TERM_STATUSES:
                raise UserError(
                    _("term status {status!r} is not one of {statuses}").format(
                        status=status, statuses=", ".join(TERM_STATUSES)
                    ),
                    path=path,
                    line=number,
                )
        key = (str(record["doc"]), str(record["source_lang"]), str(record["target_lang"]))
        groups.setdefault(key, []).append(record)
    if not groups:
        raise UserError(_("no segments in this file"), path=path)

    bitexts: list[Bitext] = []
    for (doc, source_lang, target_lang), records in groups.items():
        records.sort(key=lambda r: r["segment"])
        leading = str(records[0].get("before", ""))
        pos = len(leading)
        aligned: list[AlignedSegment] = []
        by_paragraph: dict[int, list[Segment]] = {}
        for index, r in enumerate(records):
            source, after = str(r["source"]), str(r.get("after", ""))
            paragraph = int(r["paragraph"])
            segment = Segment(
                index=index, paragraph=paragraph, start=pos, end=pos + len(source),
                source=source, after=after, translatable=bool(r.get("translated", True)),
            )
            pos += len(source) + len(after)
            by_paragraph.setdefault(paragraph, []).append(segment)
            terms = tuple(
                TermHit(
                    id=str(t.get("id", "")), type=str(t.get("type", "other")),
                    source=str(t.get("source", "")), target=str(t.get("target", "")),
                    status=t.get("status", "missing"),
                )
                for t in r.get("terms") or ()
                if isinstance(t, dict)
            )
            aligned.append(
                AlignedSegment(
                    segment=segment, target=str(r["target"]), terms=terms,
                    unknown_words=tuple(r.get("unknown_words") or ()),
                    engine=str(r.get("engine", "")),
                )
            )
        text = leading + "".join(a.segment.source + a.segment.after for a in aligned)
        paragraphs = tuple(
            Paragraph(n, "paragraph", tuple(segs)) for n, segs in sorted(by_paragraph.items())
        )
        document = Document(
            name=doc, lang=source_lang, text=text, leading=leading, paragraphs=paragraphs
        )
        engine = next((a.engine for a in aligned if a.engine), "")
        bitexts.append(
            Bitext(
                document=document, source_lang=source_lang, target_lang=target_lang,
                engine=engine, segments=tuple(aligned),
            )
        )
    return bitexts
