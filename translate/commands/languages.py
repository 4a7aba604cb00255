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
    from translate.languages import FSI, PDI, pair_name

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
            print(
                "  "
                + _("(no pairs installed)")
                + "  "
                + _isolated(engine.missing_pair_hint("en", "es") or "")
            )
        for pair in pairs:
            # each name isolated (pair_name), so a right-to-left interface keeps the pair's
            # order; the detail (a mode name, a version) is isolated from them too
            print(
                f"  {pair.source}-{pair.target}  {pair_name(pair.source, pair.target, ui)}"
                + (f"  ({FSI}{pair.detail}{PDI})" if pair.detail else "")
            )
    _show_installable(ui)
    return ExitCode.OK


def _isolated(text: str) -> str:
    """``text`` (a command, a path) as one left-to-right run inside any line."""
    from translate.languages import FSI, PDI

    return f"{FSI}{text}{PDI}" if text else text


def _show_installable(ui: str) -> None:
    """What the cached Argos index offers beyond the installed pairs (no network)."""
    from translate import engines
    from translate.languages import pair_name

    if "argos" not in engines.available():
        return
    from translate.engines.argos_packages import cached_index, installed

    have = {(p.source, p.target) for p in installed()}
    offered = [pair for pair in cached_index() if pair not in have]
    if not offered:
        return
    print(_("argos, in the cached package index (translate models install SOURCE TARGET):"))
    for source, target in offered:
        print(f"  {source}-{target}  {pair_name(source, target, ui)}")
