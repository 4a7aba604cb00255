"""The subcommands of ``translate``, one module each.

Each module has ``register(subparsers)``, which adds its parser and sets ``run`` (a
function of the parsed arguments returning the exit status).  Modules import their
heavy dependencies inside ``run`` so that ``translate --help`` stays fast.
"""

from __future__ import annotations

import argparse
from importlib import import_module

# Order is the order of ``translate --help``.
MODULES = (
    "article",
    "batch",
    "glossary",
    "languages",
    "models",
    "cms_hook",
    "po",
    "check",
    "precommit",
    "serve",
)


def register_all(commands: argparse._SubParsersAction) -> None:
    for name in MODULES:
        import_module(f"translate.commands.{name}").register(commands)
