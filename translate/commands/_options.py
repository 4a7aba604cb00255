"""Arguments and helpers that several subcommands share (same flags, same help)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from translate.i18n import _

if TYPE_CHECKING:
    from translate.editorial.config import Config
    from translate.pipeline import Translator


def add_engine(parser: argparse.ArgumentParser) -> None:
    """``--engine``; unset, the configuration's engine, else ``auto``."""
    parser.add_argument(
        "--engine",
        default=None,
        help=_("translation engine: auto (default), argos, apertium, or a plugin"),
    )


def add_glossary(parser: argparse.ArgumentParser, help: str | None = None) -> None:
    """``--glossary``/``-g FILE``, repeatable, into a list (``help``: the command's own)."""
    parser.add_argument(
        "--glossary",
        "-g",
        action="append",
        default=[],
        metavar="FILE",
        help=help
        or _("glossary (.yaml, .tsv, .csv); repeat for several, the last wins on conflict"),
    )


def add_config(parser: argparse.ArgumentParser) -> None:
    """``--config FILE``."""
    parser.add_argument(
        "--config",
        metavar="FILE",
        help=_("dragoman.toml or pyproject.toml (default: looked up from here)"),
    )


def add_max_input(parser: argparse.ArgumentParser) -> None:
    """``--max-input-mb N``: the largest input read (also ``DRAGOMAN_MAX_INPUT_MB``).

    Left unset, nothing is stored, so the same flag before the command
    (``translate --max-input-mb 200 article ...``) is not overwritten by a default.
    """
    from translate.inputs import DEFAULT_MAX_INPUT_MB, MAX_INPUT_ENV

    parser.add_argument(
        "--max-input-mb",
        type=int,
        metavar="N",
        default=argparse.SUPPRESS,
        help=_(
            "refuse input files larger than N megabytes (default: {name}, else {default})"
        ).format(name=MAX_INPUT_ENV, default=DEFAULT_MAX_INPUT_MB),
    )


def input_formats() -> list[str]:
    """The article formats ``--input-format`` offers: the article registry's names
    (nothing is imported but the registry)."""
    from translate.articles import ARTICLE_FORMATS

    return ARTICLE_FORMATS.names()


def optional_config(args: argparse.Namespace) -> Config | None:
    """``--config FILE``, else the configuration found from the current folder, else None.

    Every command that translates reads the same ``dragoman.toml`` / ``[tool.dragoman]``;
    its flags win over it.
    """
    from translate.editorial.config import find_config, read_config

    path = getattr(args, "config", None) or find_config(Path.cwd())
    return read_config(path) if path else None


def default_source(args: argparse.Namespace, config: Config | None, path: str | None = None) -> str:
    """``--from``, else the language in the file name, else the configuration's, else en."""
    from translate.languages import normalize

    if getattr(args, "source", None):
        return normalize(args.source)
    from translate.languages import lang_from_name

    named = lang_from_name(path) if path else None
    return named or (config.source_lang if config else "en")


def make_translator(
    args: argparse.Namespace,
    config: Config | None,
    *,
    source: str,
    targets: Sequence[str],
    glossaries: Sequence[str | Path] | None = None,
) -> Translator:
    """The Translator for a command: flags first, then the configuration, then defaults.

    ``glossaries`` replaces ``--glossary`` where a command finds its own (the CMS hook).
    """
    from translate.glossary import load_glossaries_or_none
    from translate.pipeline import Translator

    engine = getattr(args, "engine", None) or (config.engine if config else "auto")
    if glossaries is None:
        glossaries = list(getattr(args, "glossary", None) or (config.glossaries if config else []))
    glossary = load_glossaries_or_none(
        [str(g) for g in glossaries],
        source_lang=source,
        target_lang=targets[0] if targets else None,
    )
    localize = getattr(args, "localize_dates", False) or bool(config and config.localize_dates)
    native = getattr(args, "native_digits", False) or bool(config and config.native_digits)
    from translate.engines.base import TIMEOUT_ENV

    timeout = None if os.environ.get(TIMEOUT_ENV) or not config else config.engine_timeout
    return Translator(
        glossary,
        engine,
        localize_dates=localize or native,
        native_digits=native,
        engine_timeout=timeout,
    )
