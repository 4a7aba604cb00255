"""Tabular glossaries: pair TSV/CSV (as DeepL and Amazon Translate accept) and
multi-language CSV.  Read and write.

Pair files hold ``source<TAB>target`` (``.tsv``) or ``source,target`` (``.csv``) one
entry a line.  The first row is a header when it names languages (``en<TAB>es``);
without one the pair comes from the caller (``--from``/``--to``).  Multi-language CSV
has a header row of language codes, one concept a row, and optional ``id``, ``type``,
``note`` and ``case_sensitive`` columns (in any position).

Details:

* UTF-8 (a BOM is dropped); blank rows are skipped; cells are stripped and runs of
  white space inside a term become one space.
* ``.csv`` uses standard CSV quoting (RFC 4180); a ``;``-separated file is recognised
  when its first line has no comma.  ``.tsv`` is split on tabs only (no quoting, as
  DeepL); a cell wholly wrapped in double quotes is unquoted.
* A row is the header when every cell is a column name (``id``...) or looks like a
  language code and at least one is a known code; an unknown code in a header is an
  error.  A header overrides languages given by the caller.
* Each row is a concept; an empty cell means no term in that language.  Without an id
  column (or with an empty id) the id is a slug of the row's first term (``Baku`` ->
  ``baku``; ``-2``, ``-3``... when repeated in the file) and marked generated, so
  :func:`translate.glossary.model.merge` matches it to other glossaries by term, not
  by id.  Type defaults to ``other``.
* Only preferred terms are expressible; writing drops admitted, deprecated and forms
  (a pair file can instead list them as extra source rows, ``variants=True``).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import regex

from translate import languages
from translate.errors import GlossaryError, UserError
from translate.glossary.model import (
    CONCEPT_TYPES,
    Concept,
    Glossary,
    LangTerms,
    Report,
    Reporter,
    concept_type,
    read_glossary_text,
    unique_id,
)
from translate.i18n import N_, _

__all__ = [
    "TabularFormat",
    "read_tabular",
    "parse_tabular",
    "dump_tabular",
    "write_tabular",
    "write_tsv",
    "write_csv",
    "slug",
]

COLUMNS = ("id", "type", "note", "case_sensitive")
_CODE_SHAPE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
_ASCII_FOLD = str.maketrans(
    {
        "ı": "i",
        "ə": "e",
        "Ə": "E",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
        "œ": "oe",
        "Œ": "OE",
        "ð": "d",
        "Ð": "D",
        "ħ": "h",
        "ŋ": "n",
    }
)
_HEADER_HINT = N_("add a header row of language codes (e.g. 'en<TAB>es') or pass --from and --to")


def slug(term: str) -> str:
    """A stable id for a term: lowercase ASCII words joined by hyphens.

    ``Amir-Abdollahian`` -> ``amir-abdollahian``, ``Bakı`` -> ``baki``; a term with no
    Latin letters keeps its own letters (``Баку`` -> ``баку``).
    """
    folded = unicodedata.normalize("NFKD", term.translate(_ASCII_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if result:
        return result
    result = regex.sub(r"[^\p{L}\p{N}]+", "-", unicodedata.normalize("NFC", term).lower())
    return result.strip("-") or "term"


# -- reading -------------------------------------------------------------------------


def read_tabular(
    path: str | Path,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    report: Report | None = None,
) -> Glossary:
    """Read a ``.tsv`` or ``.csv`` glossary (see the module docstring)."""
    text = read_glossary_text(path)
    delimiter = "\t" if Path(path).suffix.lower() == ".tsv" else ","
    return parse_tabular(
        text,
        path,
        delimiter=delimiter,
        source_lang=source_lang,
        target_lang=target_lang,
        report=report,
    )


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """Non-blank rows with the line each starts on; cells stripped."""
    out: list[tuple[int, list[str]]] = []
    if delimiter == "\t":
        for number, line in enumerate(text.splitlines(), 1):
            cells = [_unquote(c.strip()) for c in line.split("\t")]
            out.append((number, cells))
    else:
        first = text.split("\n", 1)[0]
        if "," not in first and ";" in first:
            delimiter = ";"
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        start = 1
        try:
            for cells in reader:
                out.append((start, [c.strip() for c in cells]))
                start = reader.line_num + 1
        except csv.Error as err:
            raise GlossaryError(
                _("invalid CSV: {error}").format(error=err), line=reader.line_num
            ) from None
    rows = []
    for number, cells in out:
        cells = [" ".join(c.split()) for c in cells]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            rows.append((number, cells))
    return rows


def _unquote(cell: str) -> str:
    if len(cell) >= 2 and cell[0] == cell[-1] == '"':
        return cell[1:-1].replace('""', '"')
    return cell


def _looks_like_header(cells: Sequence[str]) -> bool:
    if any(c.lower() in COLUMNS for c in cells):
        return True
    return all(_CODE_SHAPE.match(c) for c in cells) and any(languages.is_known(c) for c in cells)


def parse_tabular(
    text: str,
    path: str | Path = "<glossary>",
    *,
    delimiter: str = "\t",
    source_lang: str | None = None,
    target_lang: str | None = None,
    report: Report | None = None,
) -> Glossary:
    """Parse the text of a tabular glossary (``path`` names it in messages)."""
    reporter = Reporter(path, report)
    try:
        rows = _rows(text, delimiter)
    except UserError as err:
        raise GlossaryError(err.message, path=path, line=err.line) from None
    if not rows:
        raise GlossaryError(_("empty glossary file"), path=path)
    glossary = Glossary(name=Path(str(path)).stem, path=str(path))

    first_line, first = rows[0]
    columns: list[str | None]  # language code, a COLUMNS name, or None (ignored column)
    if _looks_like_header(first):
        columns = _header(first, first_line, reporter)
        rows = rows[1:]
    else:
        if not (source_lang and target_lang):
            raise GlossaryError(
                _("the glossary has no header row naming its languages"),
                path=path,
                line=first_line,
                hint=_(_HEADER_HINT),
            )
        pair = [languages.normalize(source_lang), languages.normalize(target_lang)]
        if pair[0] == pair[1]:
            raise GlossaryError(
                _("source and target language are both {lang!r}").format(lang=pair[0]),
                path=path,
                hint=_(_HEADER_HINT),
            )
        columns = list(pair)
    langs = [c for c in columns if c is not None and c not in COLUMNS]
    if not langs:
        raise GlossaryError(_("no language columns in the header"), path=path, line=first_line)
    glossary.languages = list(langs)
    pair_file = len(columns) == 2 and len(langs) == 2

    taken: set[str] = set()
    for line, cells in rows:
        if len(cells) > len(columns):
            reporter.error(
                line,
                "wrong-columns",
                _("{cells} cells in a row of a {columns}-column glossary").format(
                    cells=len(cells), columns=len(columns)
                ),
                _("a term with a tab or comma must be quoted (CSV)") if delimiter != "\t" else None,
            )
            continue
        cells = cells + [""] * (len(columns) - len(cells))
        concept = _concept(columns, cells, line, pair_file, glossary, reporter)
        if concept is None:
            continue
        if concept.generated_id:
            if concept.id in taken:
                concept.id = unique_id(concept.id, taken)
        taken.add(concept.id)
        glossary.concepts.append(concept)
    return glossary


def _header(cells: list[str], line: int, reporter: Reporter) -> list[str | None]:
    columns: list[str | None] = []
    for cell in cells:
        name = cell.lower().replace("-", "_")
        if name in COLUMNS:
            if name in columns:
                reporter.error(
                    line, "duplicate-column", _("column {cell!r} given twice").format(cell=cell)
                )
                columns.append(None)
            else:
                columns.append(name)
            continue
        try:
            code = languages.normalize(cell)
        except UserError as err:
            reporter.error(line, "unknown-language", err.message, err.hint)
            columns.append(None)
            continue
        if code in columns:
            reporter.error(
                line,
                "duplicate-language",
                _("language {code!r} given twice in the header").format(code=code),
            )
            columns.append(None)
            continue
        columns.append(code)
    return columns


def _concept(
    columns: list[str | None],
    cells: list[str],
    line: int,
    pair_file: bool,
    glossary: Glossary,
    reporter: Reporter,
) -> Concept | None:
    concept = Concept(id="", glossary=glossary.name, path=glossary.path, line=line)
    first_term = ""
    for column, cell in zip(columns, cells, strict=True):
        if column is None:
            continue
        if column == "id":
            concept.id = cell
        elif column == "type":
            kind = concept_type(cell or "other")
            if kind is not None:
                concept.type = kind
            else:
                reporter.error(
                    line,
                    "bad-type",
                    _("unknown type {cell!r}").format(cell=cell),
                    _("expected one of: {choices}").format(choices=", ".join(CONCEPT_TYPES)),
                )
        elif column == "note":
            concept.note = cell
        elif column == "case_sensitive":
            flag = cell.lower()
            if flag in ("", "true", "yes", "1"):
                concept.case_sensitive = True
            elif flag in ("false", "no", "0"):
                concept.case_sensitive = False
            else:
                reporter.error(
                    line,
                    "wrong-type",
                    _("case_sensitive must be true or false, not {cell!r}").format(cell=cell),
                )
        elif cell:
            concept.terms[column] = LangTerms(
                preferred=cell,
                line=line,
                path=glossary.path,  # the term's line is the row's
            )
            first_term = first_term or cell
        elif pair_file:
            reporter.error(line, "empty-term", _("empty {column} term").format(column=column))
            return None
    if not concept.terms:
        reporter.warning(line, "no-terms", _("row without terms"))
        return None
    if not concept.id:
        concept.id = slug(first_term)
        concept.generated_id = True
    return concept


# -- writing -------------------------------------------------------------------------


def _languages(glossary: Glossary, wanted: Sequence[str] | None) -> list[str]:
    if wanted:
        return [languages.normalize(code) for code in wanted]
    if glossary.languages:
        return list(glossary.languages)
    return list(dict.fromkeys(lang for concept in glossary for lang in concept.terms))


def dump_tabular(
    glossary: Glossary,
    langs: Sequence[str] | None = None,
    *,
    delimiter: str = ",",
    header: bool = True,
    metadata: bool = False,
    variants: bool = False,
) -> str:
    """The glossary as TSV (``delimiter='\\t'``) or CSV text.

    ``metadata`` adds ``id``, ``type`` (and ``note``, ``case_sensitive`` when used)
    columns.  ``variants`` (pair files without metadata) adds a row for each admitted,
    declared and deprecated source rendering, mapped to the preferred target term, as
    DeepL glossaries need.  Concepts without a term in any (for a pair: either)
    language are left out.
    """
    codes = _languages(glossary, langs)
    if not codes:
        raise GlossaryError(_("no languages to write"), hint=_("give the languages of the columns"))
    pair = len(codes) == 2 and not metadata
    extra: list[str] = []
    if metadata:
        extra = ["id", "type"]
        if any(c.note for c in glossary):
            extra.append("note")
        if any(not c.case_sensitive for c in glossary):
            extra.append("case_sensitive")
    rows: list[list[str]] = []
    if header:
        rows.append(extra + codes)
    for concept in glossary:
        terms = [concept.terms[c].preferred if c in concept.terms else "" for c in codes]
        if (pair and not all(terms)) or not any(terms):
            continue
        meta = {
            "id": concept.id,
            "type": concept.type,
            "note": concept.note,
            "case_sensitive": "true" if concept.case_sensitive else "false",
        }
        rows.append([meta[name] for name in extra] + terms)
        if pair and variants:
            source = concept.terms[codes[0]]
            for term in dict.fromkeys([*source.admitted, *source.forms, *source.deprecated]):
                if term != source.preferred:
                    rows.append([term, terms[1]])
    if delimiter == "\t":
        return "".join("\t".join(" ".join(c.split()) for c in row) + "\n" for row in rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


def write_tsv(
    glossary: Glossary,
    path: str | Path,
    source: str,
    target: str,
    *,
    header: bool = True,
    variants: bool = False,
) -> None:
    """Write a pair TSV (``header=False`` for DeepL, which takes no header row)."""
    text = dump_tabular(
        glossary, [source, target], delimiter="\t", header=header, variants=variants
    )
    Path(path).write_text(text, encoding="utf-8")


def write_csv(
    glossary: Glossary,
    path: str | Path,
    langs: Sequence[str] | None = None,
    *,
    metadata: bool = True,
    variants: bool = False,
) -> None:
    """Write a multi-language CSV (``metadata=False`` and two languages: a pair CSV)."""
    text = dump_tabular(glossary, langs, delimiter=",", metadata=metadata, variants=variants)
    Path(path).write_text(text, encoding="utf-8")


def write_tabular(
    glossary: Glossary, path: str | Path, langs: Sequence[str] | None = None, **options
) -> None:
    """Write ``.tsv`` (a pair: two languages) or ``.csv`` (multi-language) by extension."""
    if Path(path).suffix.lower() == ".tsv":
        codes = _languages(glossary, langs)
        if len(codes) != 2:
            raise GlossaryError(
                _("a TSV glossary holds two languages, not {count}").format(count=len(codes)),
                path=path,
                hint=_("choose the pair, or write a .csv"),
            )
        write_tsv(glossary, path, codes[0], codes[1], **options)
    else:
        write_csv(glossary, path, langs, **options)


class TabularFormat:
    """TSV and CSV tables, as :data:`translate.glossary.GLOSSARY_FORMATS` lists them."""

    name = "tabular"
    extensions = (".tsv", ".csv")

    def read(
        self, path: str | Path, *, report: Report | None = None, **pair: str | None
    ) -> Glossary:
        return read_tabular(path, report=report, **pair)

    def write(
        self, glossary: Glossary, path: str | Path, languages: Sequence[str] | None = None
    ) -> None:
        write_tabular(glossary, path, languages)
