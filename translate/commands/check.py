"""``translate check``: QA of an existing translation against the glossaries.

``translate check SOURCE TRANSLATION`` aligns a plain source and its translation (text
or Markdown) and reports, per aligned unit, glossary terms whose preferred form is
missing, deprecated renderings, and names no glossary knows;
``translate check BITEXT`` does the same for an aligned file (.jsonl, .tmx, .xlf, .po).
Exit status: 0 clean, 1 a violation was found, 2 bad input.  See :mod:`translate.qa`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from translate.commands._options import add_config, add_glossary
from translate.errors import ExitCode, FormatError, LanguageError, UserError
from translate.i18n import _
from translate.languages import lang_from_name


def register(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser(
        "check",
        help=_("check an existing translation against the glossaries"),
        description=_(
            "Check a translation (a person's or a machine's) against the glossaries: "
            "preferred forms missing, deprecated renderings, names no glossary knows. "
            "Give SOURCE and TRANSLATION (text or Markdown), or one bitext file "
            "(.jsonl, .tmx, .xlf, .po). Exit 0 clean, 1 violations, 2 bad input."
        ),
    )
    check.add_argument(
        "files", nargs="+", metavar="FILE", help=_("SOURCE TRANSLATION, or one BITEXT file")
    )
    check.add_argument(
        "--from",
        dest="source",
        metavar="LANG",
        help=_("source language (default: from the file name, the config, else en)"),
    )
    check.add_argument(
        "--to",
        dest="target",
        metavar="LANG",
        help=_("target language (default: from the file name or the config)"),
    )
    add_glossary(check, _("glossary; repeat for several (default: the config's glossaries)"))
    check.add_argument(
        "--format",
        "-f",
        dest="fmt",
        choices=("text", "json"),
        default="text",
        help=_("output: text (default) or json"),
    )
    check.add_argument(
        "--input-format",
        choices=("text", "markdown"),
        help=_("how to read SOURCE and TRANSLATION (default: by extension)"),
    )
    add_config(check)
    check.set_defaults(run=run)


def _config(args: argparse.Namespace):
    from translate.editorial.config import find_config, read_config

    if args.config:
        return read_config(args.config)
    found = find_config(Path.cwd())
    return read_config(found) if found else None


def run(args: argparse.Namespace) -> int:
    from translate.formats.readers import is_bitext

    if len(args.files) > 2:
        raise UserError(_("too many files"), hint=_("give SOURCE TRANSLATION, or one bitext file"))
    config = _config(args)
    if len(args.files) == 1:
        if not is_bitext(args.files[0]):
            raise UserError(
                _("one file must be a bitext (.jsonl, .tmx, .xlf, .po)"),
                path=args.files[0],
                hint=_("to check a plain translation give SOURCE and TRANSLATION"),
            )
        results = _check_bitext(args, config)
    else:
        results = [_check_pair(args, config)]

    ok = all(r.ok for r in results)
    if args.fmt == "json":
        out = {"ok": ok, "checks": [r.to_dict() for r in results]}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    else:
        for result in results:
            sys.stdout.write(result.to_text())
    sys.stdout.flush()
    return ExitCode.OK if ok else ExitCode.PROBLEMS


def _glossary(args: argparse.Namespace, config, source_lang: str, target_lang: str | None):
    from translate.glossary import load_glossaries

    paths = list(args.glossary) or (list(config.glossaries) if config else [])
    if not paths:
        raise UserError(
            _("no glossary to check against"),
            hint=_("give --glossary FILE, or set glossaries in [tool.dragoman]"),
        )
    return load_glossaries(paths, source_lang=source_lang, target_lang=target_lang)


def _check_pair(args: argparse.Namespace, config):
    from translate.articles import decode_article, detect_format, parse_article
    from translate.languages import normalize
    from translate.qa import Checker

    source_path, target_path = args.files
    for path in (source_path, target_path):
        if path == "-":
            raise UserError(_("check reads files, not standard input"), hint=_("give file paths"))
    mapped = config.source_of(target_path) if config else None
    if args.source:
        source_lang = normalize(args.source)
    else:
        source_lang = lang_from_name(source_path) or (config.source_lang if config else "en")
    target_lang: str | None
    if args.target:
        target_lang = normalize(args.target)
    else:
        target_lang = lang_from_name(target_path)
        if target_lang is None or target_lang == source_lang:
            target_lang = mapped[1] if mapped else None
        if target_lang is None and config and len(config.target_langs) == 1:
            target_lang = config.target_langs[0]
        if target_lang is None:
            raise LanguageError(
                _("cannot tell the translation's language"),
                path=target_path,
                hint=_("give --to LANG"),
            )
    fmt = detect_format(source_path, args.input_format)
    texts = []
    for path in (source_path, target_path):
        p = Path(path)
        if not p.exists():
            raise UserError(_("no such file"), path=path, hint=_("check the path"))
        if p.is_dir():
            raise UserError(_("is a directory, not an article file"), path=path)
        texts.append(decode_article(p.read_bytes(), path))
    glossary = _glossary(args, config, source_lang, target_lang)
    checker = Checker(glossary)
    source_doc = parse_article(texts[0], source_lang, fmt, source_path)
    target_doc = parse_article(texts[1], target_lang, fmt, target_path)
    return checker.check_documents(source_doc, target_doc)


def _check_bitext(args: argparse.Namespace, config):
    from dataclasses import replace

    from translate.formats.readers import read
    from translate.languages import normalize
    from translate.qa import Checker

    path = args.files[0]
    bitexts = read(path)
    if args.target:
        want = normalize(args.target)
        bitexts = [b for b in bitexts if normalize(b.target_lang) == want]
        if not bitexts:
            raise FormatError(
                _("no segments into {lang} in this file").format(lang=want), path=path
            )
    if not bitexts:
        raise FormatError(_("no segments in this file"), path=path)
    source_lang = normalize(args.source) if args.source else normalize(bitexts[0].source_lang)
    glossary = _glossary(args, config, source_lang, normalize(bitexts[0].target_lang))
    checker = Checker(glossary)
    results = []
    for bitext in bitexts:
        if args.source:
            bitext = replace(bitext, source_lang=source_lang)
        meta = dict(bitext.meta)
        meta.setdefault("target_name", f"{path} [{bitext.document.name}]")
        results.append(checker.check_bitext(replace(bitext, meta=meta)))
    return results
