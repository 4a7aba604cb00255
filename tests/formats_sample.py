"""Bitexts for the format tests, built by hand (no engine): a Markdown article with a
heading, markup that needs escaping (``<``, ``&``, quotes, ``|``), a code block and a
missing term, translated into Persian (right to left) and Spanish."""

from __future__ import annotations

from pathlib import Path

from translate.articles import parse_markdown, parse_text
from translate.document import AlignedSegment, Bitext, Document, TermHit

SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "schemas"

ARTICLE = """# Ministers meet in Baku as Iran presses "3+3"

BAKU, 5 Oct. — Ministers met in Baku & Tbilisi <on Sunday>. Aliyev's aide said "yes" | maybe.

```
x < y && z
```

Araghchi visited Yerevan.
"""

# segment index -> (target, [(id, type, source form, target form, status)], unknown words)
FA = {
    0: (
        "وزیران در باکو دیدار می‌کنند در حالی که ایران بر «۳+۳» پافشاری می‌کند",
        [("baku", "place", "Baku", "باکو", "enforced")],
        (),
    ),
    1: ("باکو، ۵ اکتبر.", [("baku", "place", "BAKU", "باکو", "corrected")], ()),
    2: (
        "— وزیران روز <on Sunday> در باکو و تفلیس دیدار کردند & گفتگو.",
        [
            ("baku", "place", "Baku", "باکو", "enforced"),
            ("tbilisi", "place", "Tbilisi", "تفلیس", "enforced"),
        ],
        (),
    ),
    3: (
        "دستیار علی‌اف گفت «بله» | شاید.",
        [("aliyev", "person", "Aliyev", "علی‌اف", "enforced")],
        ("maybe",),
    ),
    5: ("او از ایروان دیدن کرد.", [("araghchi", "person", "Araghchi", "عراقچی", "missing")], ()),
}
ES = {
    0: (
        'Los ministros se reúnen en Bakú mientras Irán insiste en "3+3"',
        [("baku", "place", "Baku", "Bakú", "enforced")],
        (),
    ),
    1: ("BAKÚ, 5 oct.", [("baku", "place", "BAKU", "BAKÚ", "enforced")], ()),
    2: (
        "— Los ministros se reunieron en Bakú & Tiflis <on Sunday>.",
        [
            ("baku", "place", "Baku", "Bakú", "enforced"),
            ("tbilisi", "place", "Tbilisi", "Tiflis", "corrected"),
        ],
        (),
    ),
    3: (
        'El asesor de Aliyev dijo "sí" | quizá.',
        [("aliyev", "person", "Aliyev", "Aliyev", "enforced")],
        (),
    ),
    5: ("Visitó Ereván.", [("araghchi", "person", "Araghchi", "Araghchi", "missing")], ()),
}


def term_hits(seg, terms, glossary: str = "caucasus") -> tuple[TermHit, ...]:  # noqa: ANN001
    """Hits for ``(id, type, source, target, status[, note])`` found in ``seg.source``."""
    hits = []
    for term_id, kind, src, tgt, status, *note in terms:
        start = seg.source.index(src)
        hits.append(
            TermHit(
                id=term_id,
                type=kind,
                source=src,
                target=tgt,
                status=status,
                start=start,
                end=start + len(src),
                glossary=glossary,
                note=note[0] if note else "",
            )
        )
    return tuple(hits)


def document() -> Document:
    return parse_markdown(ARTICLE, "en", "caspian.en.md")


def bitext(
    target_lang: str = "fa", doc: Document | None = None, table: dict | None = None
) -> Bitext:
    doc = doc or document()
    table = table if table is not None else (FA if target_lang == "fa" else ES)
    aligned = []
    for seg in doc.segments:
        if seg.index not in table:
            aligned.append(AlignedSegment(segment=seg, target=seg.source))
            continue
        target, terms, unknown = table[seg.index]
        aligned.append(
            AlignedSegment(
                segment=seg,
                target=target,
                terms=term_hits(seg, terms),
                unknown_words=tuple(unknown),
                engine="apertium",
            )
        )
    return Bitext(
        document=doc,
        source_lang="en",
        target_lang=target_lang,
        engine="apertium",
        segments=tuple(aligned),
    )


def plain_bitext() -> Bitext:
    """A plain-text article into Arabic, with a control character and a CR line end."""
    doc = parse_text(
        "Baku talks\x0c ended.\r\n\r\nAliyev met Araghchi. Then left.\r\n", "en", "plain.en.txt"
    )
    table = {
        0: ("انتهت محادثات باكو.", [("baku", "place", "Baku", "باكو", "enforced")], ()),
        1: (
            "التقى علييف بعراقجي.",
            [
                ("aliyev", "person", "Aliyev", "علييف", "enforced"),
                ("araghchi", "person", "Araghchi", "عراقجي", "enforced"),
            ],
            (),
        ),
        2: ("ثم غادر.", [], ()),
    }
    return bitext("ar", doc, table)


def key(bitext: Bitext) -> list[tuple]:
    """What a round trip must keep: per segment the texts, paragraph, and the terms."""
    return [
        (
            a.segment.paragraph,
            a.segment.source,
            a.target,
            a.segment.translatable,
            tuple((t.id, t.source, t.target, t.status) for t in a.terms),
        )
        for a in bitext
    ]
