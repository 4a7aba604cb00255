"""``translate po``: pre-translate the empty entries of a gettext catalog (marked fuzzy)."""

from __future__ import annotations

import argparse
import sys

from translate.commands._options import (
    add_config,
    add_engine,
    add_glossary,
    make_translator,
    optional_config,
)
from translate.errors import ExitCode, UserError
from translate.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    po = commands.add_parser(
        "po", help=_("pre-translate the empty entries of a PO catalog (marked fuzzy)")
    )
    po.add_argument("file", help=_("the PO catalog"))
    po.add_argument(
        "--to", dest="target", metavar="LANG", required=True, help=_("language of the catalog")
    )
    po.add_argument(
        "--from",
        dest="source",
        metavar="LANG",
        default="en",
        help=_("language of the msgids (default: en)"),
    )
    add_engine(po)
    add_glossary(po)
    add_config(po)
    po.add_argument(
        "--overwrite-fuzzy",
        action="store_true",
        help=_("translate fuzzy entries again (translated entries are never touched)"),
    )
    where = po.add_mutually_exclusive_group()
    where.add_argument(
        "-i", "--in-place", action="store_true", help=_("write the catalog back to FILE")
    )
    where.add_argument(
        "-o", "--output", metavar="FILE", help=_("write the catalog here (default: stdout)")
    )
    po.add_argument(
        "--strict",
        action="store_true",
        help=_("exit 1 when an entry was left empty or a glossary term is missing or ambiguous"),
    )
    po.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from translate.atomic import check_writable, write_atomically
    from translate.editorial.po_catalog import check_language, pretranslate, read_catalog
    from translate.editorial.po_rewrite import render
    from translate.languages import normalize

    source, target = normalize(args.source), normalize(args.target)
    if source == target:
        raise UserError(_("--from and --to are the same language"))
    output = args.file if args.in_place else args.output
    if output and output != "-":
        check_writable(output)
    loaded = read_catalog(args.file)
    catalog = loaded.catalog
    check_language(catalog, target, args.file)
    translator = make_translator(args, optional_config(args), source=source, targets=[target])
    summary = pretranslate(
        catalog,
        source=source,
        target=target,
        translator=translator,
        overwrite_fuzzy=args.overwrite_fuzzy,
        name=args.file,
    )
    # only the entries that changed are written anew (po_rewrite); a catalog that did not
    # change is not written back at all
    text = render(loaded, args.file)
    if text is None and args.in_place:
        pass
    elif output and output != "-":
        data = (loaded.text if text is None else text).encode(catalog.encoding or "utf-8")
        write_atomically(output, data)
    else:
        data = (loaded.text if text is None else text).encode(catalog.encoding or "utf-8")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    sys.stderr.write(summary.text(args.file))
    problems = summary.failures or summary.terms_to_review
    return ExitCode.PROBLEMS if args.strict and problems else ExitCode.OK
