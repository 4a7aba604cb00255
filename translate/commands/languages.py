"""``translate languages``: installed pairs per engine, named in the interface language."""

from __future__ import annotations

import argparse

from translate.errors import ExitCode, UserError
from translate.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("languages", help=_("installed language pairs per engine"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from translate import engines
    from translate.i18n import current_language
    from translate.languages import display_name

    ui = current_language()
    for name in engines.available():
        try:
            engine = engines.load(name)
            pairs = engine.pairs()
        except UserError as err:
            print(f"{name}: {err}")
            continue
        print(f"{name}:")
        if not pairs:
            print("  " + _("(no pairs installed)") + "  " + engine.missing_pair_hint("en", "es"))
        for pair in pairs:
            print(
                f"  {pair.source}-{pair.target}  {display_name(pair.source, ui)} → "
                f"{display_name(pair.target, ui)}" + (f"  ({pair.detail})" if pair.detail else "")
            )
    return ExitCode.OK
