"""Arguments and helpers that several subcommands share (same flags, same help)."""

from __future__ import annotations

import argparse
from pathlib import Path

from translate.i18n import _


def add_engine(parser: argparse.ArgumentParser) -> None:
    """``--engine``, default ``auto``."""
    parser.add_argument(
        "--engine", default="auto",
        help=_("translation engine: auto (default), argos, apertium, or a plugin"),
    )


def add_glossary(parser: argparse.ArgumentParser, help: str | None = None) -> None:
    """``--glossary``/``-g FILE``, repeatable, into a list (``help``: the command's own)."""
    parser.add_argument(
        "--glossary", "-g", action="append", default=[], metavar="FILE",
        help=help
        or _("glossary (.yaml, .tsv, .csv); repeat for several, the last wins on conflict"),
    )


def add_config(parser: argparse.ArgumentParser) -> None:
    """``--config FILE``."""
    parser.add_argument(
        "--config", metavar="FILE",
        help=_("dragoman.toml or pyproject.toml (default: looked up from here)"),
    )


def lang_from_name(path: str) -> str | None:
    """The language a file name gives before its extension (``story.en.txt``), if any."""
    from translate.languages import is_known, normalize

    suffixes = Path(path).suffixes
    if len(suffixes) >= 2 and is_known(suffixes[-2][1:]):
        return normalize(suffixes[-2][1:])
    return None

