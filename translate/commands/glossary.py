"""``translate glossary ...``: glossary tools (lint, convert)."""

from __future__ import annotations

import argparse
import sys

from translate.errors import ExitCode
from translate.i18n import N_, _, ngettext


def register(commands: argparse._SubParsersAction) -> None:
    glossary = commands.add_parser("glossary", help=_("work with glossaries"))
    gcommands = glossary.add_subparsers(dest="glossary_command", metavar="COMMAND")
    glossary.set_defaults(run=lambda args: _usage(glossary))
    lint = gcommands.add_parser("lint", help=_("check glossaries for mistakes"))
    lint.add_argument("files", nargs="+", metavar="FILE")
    lint.add_argument(
        "--from", dest="source", metavar="LANG", help=_("source language of pair TSV/CSV files")
    )
    lint.add_argument(
        "--to", dest="target", metavar="LANG", help=_("target language of pair TSV/CSV files")
    )

    lint.set_defaults(run=run_lint)

    convert = gcommands.add_parser(
        "convert",
        help=_("convert a glossary between YAML, TSV, CSV, TBX and PO"),
        description=_(
            "Convert a glossary; formats by extension (.yaml/.yml, .tsv, .csv, .tbx, .po). "
            "A note on stderr says what the output format cannot express."
        ),
    )
    convert.add_argument("input", metavar="IN", help=_("glossary to read"))
    convert.add_argument("output", metavar="OUT", help=_("file to write (replaced atomically)"))
    convert.add_argument(
        "--from",
        dest="source",
        metavar="LANG",
        help=_(
            "source language of a headerless TSV/CSV or PO input and of a pair TSV/CSV or "
            "PO output (the first language of a TBX output)"
        ),
    )
    convert.add_argument(
        "--to",
        dest="target",
        metavar="LANG",
        help=_("target language (as --from); with both, a .csv output is a pair CSV"),
    )
    convert.add_argument(
        "--tbx-version",
        type=int,
        choices=(2, 3),
        default=2,
        help=_(
            "TBX version of a .tbx output: 2 (TBX-Basic <martif>, read by Weblate, "
            "translate-toolkit and OmegaT; the default) or 3 (ISO 30042:2019)"
        ),
    )
    convert.set_defaults(run=run_convert)
    from translate.commands.glossary_cldr import register as register_cldr

    register_cldr(gcommands)  # translate glossary cldr


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return ExitCode.USAGE


def run_lint(args: argparse.Namespace) -> int:
    from translate.glossary.lint import lint

    issues = lint(args.files, source_lang=args.source, target_lang=args.target)
    for issue in issues:
        print(issue.format())
    errors = sum(1 for i in issues if i.severity == "error")
    warnings = len(issues) - errors
    print(
        _("{files} file(s) checked: {errors} error(s), {warnings} warning(s)").format(
            files=len(args.files), errors=errors, warnings=warnings
        ),
        file=sys.stderr,
    )
    return ExitCode.PROBLEMS if errors else ExitCode.OK


# -- convert ---------------------------------------------------------------------------

_PAIR_NAMES = {".tsv": N_("a pair TSV"), ".csv": N_("a pair CSV"), ".po": N_("a PO glossary")}


def run_convert(args: argparse.Namespace) -> int:
    from pathlib import Path

    from translate import inputs, languages
    from translate.atomic import atomic_write, check_writable
    from translate.errors import GlossaryError, LanguageError, UserError
    from translate.glossary import glossary_format, load_glossary

    out = Path(args.output)
    suffix = out.suffix.lower()
    fmt = glossary_format(out)
    if bool(args.source) != bool(args.target) and suffix in (".tsv", ".csv", ".po"):
        raise UserError(
            _("give both --from and --to, or neither"),
            hint=_("a pair format needs both languages"),
        )
    source = languages.normalize(args.source) if args.source else None
    target = languages.normalize(args.target) if args.target else None
    if source and source == target:
        raise LanguageError(_("--from and --to are both {lang!r}").format(lang=source))
    inputs.check_file(args.input, error=GlossaryError, hint=_("check the path of IN"))
    check_writable(out)
    glossary = load_glossary(args.input, source_lang=source, target_lang=target)
    if args.tbx_version != 2 and suffix != ".tbx":
        raise UserError(
            _("--tbx-version is for a .tbx output"), hint=_("leave it out, or write a .tbx file")
        )
    text, pair = _dump(glossary, out, fmt, source, target, args.tbx_version)
    with atomic_write(out) as handle:
        handle.write(text)
    note = _losses(glossary, out, suffix, pair)
    if note:
        print(_("note: {note}").format(note=note), file=sys.stderr)
    return ExitCode.OK


def _all_languages(glossary) -> list[str]:  # noqa: ANN001
    declared = list(glossary.languages)
    return declared + [
        lang for concept in glossary for lang in concept.terms if lang not in declared
    ]


def _pair(glossary, out, suffix, source, target) -> tuple[str, str]:  # noqa: ANN001
    """The language pair of a pair output: ``--from``/``--to``, else the glossary's two."""
    from translate.errors import GlossaryError

    if source and target:
        pair = (source, target)
    else:
        langs = [
            lang
            for lang in _all_languages(glossary)
            if any(lang in concept.terms for concept in glossary)
        ]
        if len(langs) != 2:
            message = _("{what} holds one language pair; the glossary has {n} languages ({langs})")
            raise GlossaryError(
                message.format(
                    what=_(_PAIR_NAMES[suffix]), n=len(langs), langs=", ".join(langs) or "-"
                ),
                path=out,
                hint=_("choose the pair with --from and --to"),
            )
        pair = (langs[0], langs[1])
    if not any(pair[0] in concept.terms for concept in glossary):
        raise GlossaryError(
            _("no concept has a {lang} term").format(lang=pair[0]),
            path=glossary.path or None,
            hint=_("check --from"),
        )
    if suffix != ".po" and not any(
        pair[0] in concept.terms and pair[1] in concept.terms for concept in glossary
    ):
        raise GlossaryError(
            _("no concept has both a {source} and a {target} term").format(
                source=pair[0], target=pair[1]
            ),
            path=glossary.path or None,
            hint=_("check --from and --to"),
        )
    return pair


def _dump(glossary, out, fmt, source, target, tbx_version=2):  # noqa: ANN001, ANN202
    """``(text, pair)``: the output as the registry's format ``fmt`` writes it, and its
    language pair for a pair format (PO, TSV, a CSV given --from and --to)."""
    import tempfile
    from pathlib import Path

    suffix = out.suffix.lower()
    pair = None
    if fmt.name == "po" or (fmt.name == "tabular" and (suffix == ".tsv" or (source and target))):
        pair = _pair(glossary, out, suffix, source, target)
    if pair is not None and suffix == ".csv":
        # the format writes a .csv with its metadata columns; a pair CSV has none
        from translate.glossary.tabular_format import dump_tabular

        return dump_tabular(glossary, pair, delimiter=",", metadata=False), pair
    languages = pair or ([source] if source else None)
    if fmt.name == "tbx":
        from translate.glossary.tbx_format import dump_tbx

        return dump_tbx(glossary, languages[0] if languages else None, tbx_version), pair
    with tempfile.TemporaryDirectory() as folder:
        staged = Path(folder) / out.name  # the name keeps the extension the format reads
        fmt.write(glossary, staged, languages)
        return staged.read_text(encoding="utf-8"), pair


def _forms_lost(n: int) -> str:
    return ngettext(
        "{n} concept's admitted/deprecated terms and word forms",
        "{n} concepts' admitted/deprecated terms and word forms",
        n,
    ).format(n=n)


def _grammar_lost(concepts, langs) -> list[str]:  # noqa: ANN001
    """What a table loses besides terms: grammar, negative contexts, keep-as-is flags."""

    def blocks(c):  # noqa: ANN001, ANN202
        return [t for lang, t in c.terms.items() if langs is None or lang in langs]

    lost = []
    n = sum(
        1
        for c in concepts
        if c.word_class != "proper"
        or any(t.gender or t.number or t.word_class or t.form_tags for t in blocks(c))
    )
    if n:
        lost.append(
            ngettext(
                "{n} concept's grammar (class, gender, number, form tags)",
                "{n} concepts' grammar (class, gender, number, form tags)",
                n,
            ).format(n=n)
        )
    n = sum(
        1
        for c in concepts
        if any(
            t.not_before or t.not_after or t.common_word is not None or t.given_name is not None
            for t in blocks(c)
        )
    )
    if n:
        lost.append(
            ngettext(
                "{n} concept's contexts (not_before/not_after, common_word, given_name)",
                "{n} concepts' contexts (not_before/not_after, common_word, given_name)",
                n,
            ).format(n=n)
        )
    n = sum(1 for c in concepts if c.keep)
    if n:
        lost.append(ngettext("{n} keep-as-is flag", "{n} keep-as-is flags", n).format(n=n))
    return lost


def _losses(glossary, out, suffix, pair) -> str:  # noqa: ANN001
    """One line: what the input had that ``out``'s format cannot express ('' if nothing)."""
    concepts = list(glossary)
    lost: list[str] = []
    left_out: list[str] = []
    untranslated = 0

    def variants(langs) -> int:  # noqa: ANN001
        return sum(
            1
            for c in concepts
            if any(
                t.admitted or t.deprecated or t.forms
                for lang, t in c.terms.items()
                if langs is None or lang in langs
            )
        )

    def other_languages() -> None:
        others = [lang for lang in _all_languages(glossary) if lang not in pair]
        others = [lang for lang in others if any(lang in c.terms for c in concepts)]
        if others:
            lost.append(
                ngettext(
                    "{n} other language ({languages})",
                    "{n} other languages ({languages})",
                    len(others),
                ).format(n=len(others), languages=", ".join(others))
            )

    if suffix in (".yaml", ".yml"):
        return ""
    if suffix == ".tbx":
        empty = sum(1 for c in concepts if not c.terms)
        if empty:
            return ngettext(
                "{out}: {n} concept without terms left out (TBX needs a term in each entry)",
                "{out}: {n} concepts without terms left out (TBX needs a term in each entry)",
                empty,
            ).format(out=out, n=empty)
        return ""
    if pair is None:  # multi-language CSV
        n = variants(None)
        if n:
            lost.append(_forms_lost(n))
        lost += _grammar_lost(concepts, None)
        empty = sum(1 for c in concepts if not c.terms)
        if empty:
            left_out.append(
                ngettext("{n} concept without terms", "{n} concepts without terms", empty).format(
                    n=empty
                )
            )
        keeps = _("ids, types, notes, case sensitivity and preferred terms")
        what = _("a CSV glossary")
    elif suffix == ".po":
        other_languages()
        missing = sum(1 for c in concepts if pair[0] not in c.terms)
        if missing:
            left_out.append(
                ngettext(
                    "{n} concept without a {lang} term",
                    "{n} concepts without a {lang} term",
                    missing,
                ).format(n=missing, lang=pair[0])
            )
        keeps = f"{pair[0]}→{pair[1]}"
        what = _(_PAIR_NAMES[suffix])
        untranslated = sum(1 for c in concepts if pair[0] in c.terms and pair[1] not in c.terms)
    else:
        n = variants(pair)
        if n:
            lost.append(_forms_lost(n))
        lost += _grammar_lost(concepts, pair)
        n = sum(1 for c in concepts if c.type != "other")
        if n:
            lost.append(ngettext("{n} type", "{n} types", n).format(n=n))
        n = sum(1 for c in concepts if c.note)
        if n:
            lost.append(ngettext("{n} note", "{n} notes", n).format(n=n))
        n = sum(1 for c in concepts if not c.case_sensitive)
        if n:
            lost.append(
                ngettext("{n} case-insensitive flag", "{n} case-insensitive flags", n).format(n=n)
            )
        n = sum(1 for c in concepts if not c.generated_id)
        if n:
            lost.append(ngettext("{n} id", "{n} ids", n).format(n=n))
        other_languages()
        missing = sum(1 for c in concepts if not (pair[0] in c.terms and pair[1] in c.terms))
        if missing:
            left_out.append(
                ngettext(
                    "{n} concept without both a {source} and a {target} term",
                    "{n} concepts without both a {source} and a {target} term",
                    missing,
                ).format(n=missing, source=pair[0], target=pair[1])
            )
        keeps = _("{source}→{target} preferred terms").format(source=pair[0], target=pair[1])
        what = _(_PAIR_NAMES[suffix])
    parts: list[str] = []
    if lost:
        listed = (
            lost[0]
            if len(lost) == 1
            else _("{items} and {last}").format(items=", ".join(lost[:-1]), last=lost[-1])
        )
        one = lost == [lost[0]] and lost[0].startswith("1 ") and "'" not in lost[0]
        message = (
            _("{out} keeps {keeps} only: {listed} is not expressible in {what}")
            if one
            else _("{out} keeps {keeps} only: {listed} are not expressible in {what}")
        )
        parts.append(message.format(out=out, keeps=keeps, listed=listed, what=what))
    if left_out:
        parts.append(_("left out: {items}").format(items=", ".join(left_out)))
    if untranslated:
        parts.append(
            ngettext(
                "{n} entry untranslated (no {lang} term)",
                "{n} entries untranslated (no {lang} term)",
                untranslated,
            ).format(n=untranslated, lang=pair[1])
        )
    if parts and not lost:
        parts[0] = f"{out}: {parts[0]}"
    return "; ".join(parts)
