"""``translate precommit ...``: the pre-commit hooks (see ``.pre-commit-hooks.yaml``).

``glossary-check FILE...``
    For every file that is a translation (per the config's mappings), checks it against
    its source; for every file that is a source, checks its existing translations.
    Exit 1 when a translation breaks the glossary (as ``translate check``).
``translate-articles FILE...``
    For every source file, creates its missing machine translations and rewrites
    outdated ones (the file still matches its fingerprint and the source changed).
    A translation a person edited is NEVER written: if its source changed, the new
    machine draft goes beside it (``story.es.md.draft``) and it is reported stale.
    Exit 1 when it wrote anything, so that pre-commit shows the files, like formatters.
``accept FILE...``
    Marks edited translations as up to date with their sources as they are now (the
    stale report stops, the draft is removed).

Files that are neither sources nor translations are ignored.  Configuration: see
:mod:`translate.editorial.config`; fingerprints: :mod:`translate.editorial.fingerprint`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from translate.commands._options import add_config
from translate.errors import ExitCode, UserError
from translate.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    precommit = commands.add_parser(
        "precommit", help=_("pre-commit hooks: glossary-check, translate-articles")
    )
    sub = precommit.add_subparsers(dest="precommit_command", metavar="HOOK")
    precommit.set_defaults(run=lambda args: _usage(precommit))

    check = sub.add_parser(
        "glossary-check", help=_("fail when a translated article breaks the glossary")
    )
    translate = sub.add_parser(
        "translate-articles", help=_("write missing or outdated machine translations")
    )
    accept = sub.add_parser(
        "accept", help=_("mark edited translations as up to date with their sources")
    )
    for parser in (check, translate, accept):
        parser.add_argument("files", nargs="*", metavar="FILE")
        add_config(parser)
    translate.add_argument(
        "--engine", help=_("translation engine (default: the config's, else auto)")
    )
    check.set_defaults(run=run_glossary_check)
    translate.set_defaults(run=run_translate_articles)
    accept.set_defaults(run=run_accept)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return ExitCode.USAGE


def _config(args: argparse.Namespace):
    from translate.editorial.config import load_config

    config = load_config(args.config, start=Path.cwd())
    if not config.mappings:
        raise UserError(
            _("{key}: no mappings, so no file is a source or a translation").format(
                key=config.key("mappings")
            ),
            path=config.path,
            hint=_('add [[tool.dragoman.mappings]] with source = "content/en/**"'),
        )
    return config


def _show(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _glossary(config):
    from translate.glossary import load_glossaries_or_none

    return load_glossaries_or_none(config.glossaries, source_lang=config.source_lang)


# -- glossary-check --------------------------------------------------------------------


def pairs_to_check(config, files: list[str]) -> list[tuple[Path, Path, str]]:
    """``(source, translation, lang)`` for the given files: translations and the
    existing translations of sources, each once, in order."""
    seen: set[Path] = set()
    out: list[tuple[Path, Path, str]] = []
    for name in files:
        path = Path(name)
        if not path.is_file():
            continue
        found = config.source_of(path)
        candidates = [(found[0], path, found[1])] if found else []
        if not found:
            candidates = [
                (path, target, lang)
                for lang, target in config.translations_of(path).items()
                if target.is_file()
            ]
        for source, target, lang in candidates:
            key = target.resolve()
            if key not in seen:
                seen.add(key)
                out.append((source, target, lang))
    return out


def run_glossary_check(args: argparse.Namespace) -> int:
    from translate.articles import decode_article, detect_format, parse_article
    from translate.qa import Checker

    config = _config(args)
    if not config.glossaries:
        raise UserError(
            _("{key}: no glossary to check against").format(key=config.key("glossaries")),
            path=config.path,
        )
    pairs = pairs_to_check(config, args.files)
    if not pairs:
        return ExitCode.OK
    checker = Checker(_glossary(config))
    failed = errors = 0
    for source, target, lang in pairs:
        try:
            fmt = detect_format(str(source))
            src = decode_article(source.read_bytes(), _show(source))
            tgt = decode_article(target.read_bytes(), _show(target))
            result = checker.check_documents(
                parse_article(src, config.source_lang, fmt, _show(source)),
                parse_article(tgt, lang, fmt, _show(target)),
            )
        except UserError as err:
            print(_("translate: error: {message}").format(message=err), file=sys.stderr)
            errors += 1
            continue
        if not result.ok:
            failed += 1
            sys.stdout.write(result.to_text())
        elif result.unknown_names():
            names = ", ".join(sorted(result.unknown_names()))
            print(
                _("{file}: ok; names no glossary knows: {names}").format(
                    file=_show(target), names=names
                )
            )
    sys.stdout.flush()
    if errors:
        return ExitCode.USAGE
    if failed:
        print(
            _(
                "{n} translation(s) break the glossary: fix them (translate check SOURCE "
                "TRANSLATION shows the details)"
            ).format(n=failed),
            file=sys.stderr,
        )
        return ExitCode.PROBLEMS
    return ExitCode.OK


# -- translate-articles ----------------------------------------------------------------


def _article_translator(config, args: argparse.Namespace):
    """The one Translator, configured from the config and ``--engine``."""
    from translate.commands._options import make_translator

    return make_translator(
        args,
        config,
        source=config.source_lang,
        targets=config.target_langs,
        glossaries=config.glossaries,
    )


def _translate(translator, config, source: Path, lang: str) -> tuple[str, str]:
    """``(translated text, engine name)`` of the article at ``source``."""
    from translate.articles import load_article

    document = load_article(str(source), config.source_lang, name=_show(source))
    bitext = translator.translate(document, lang)
    return bitext.target_text(), bitext.engine


def run_translate_articles(args: argparse.Namespace) -> int:
    from translate.editorial import fingerprint as fp

    config = _config(args)
    translator = _article_translator(config, args)
    wrote = errors = 0
    done: set[Path] = set()
    for name in args.files:
        source = Path(name)
        if not source.is_file() or source.resolve() in done:
            continue
        done.add(source.resolve())
        try:
            targets = config.translations_of(source)
        except UserError as err:
            print(_("translate: error: {message}").format(message=err), file=sys.stderr)
            errors += 1
            continue
        for lang, target in targets.items():
            try:
                wrote += _sync(translator, config, fp, source, target, lang)
            except UserError as err:
                print(_("translate: error: {message}").format(message=err), file=sys.stderr)
                errors += 1
    sys.stdout.flush()
    if errors:
        return ExitCode.USAGE
    return ExitCode.PROBLEMS if wrote else ExitCode.OK


def _sync(translator, config, fp, source: Path, target: Path, lang: str) -> int:
    """Bring one translation up to date; returns how many files were written."""
    state = fp.state(target, source)
    shown, shown_source = _show(target), _show(source)
    if state in ("current", "edited"):
        return 0
    if state == "human":
        print(_("{file}: a person's translation (no fingerprint), not touched").format(file=shown))
        return 0
    text, engine = _translate(translator, config, source, lang)
    if state == "stale":
        draft, written = fp.write_draft(target, text)
        print(
            _(
                "{file}: STALE: edited by a person and {source} changed since; not touched. "
                "New machine draft: {draft}{unchanged}. When the translation is up to date: "
                "translate precommit accept {file}"
            ).format(
                file=shown,
                source=shown_source,
                draft=_show(draft),
                unchanged="" if written else _(" (unchanged)"),
            )
        )
        return 1 if written else 0
    fp.write_machine_translation(
        target,
        text,
        source,
        source_lang=config.source_lang,
        target_lang=lang,
        engine=engine,
    )
    verb = _("created") if state == "missing" else _("updated")
    print(
        _(
            "{file}: {verb} machine translation of {source} ({engine}); fingerprint in {sidecar}"
        ).format(
            file=shown,
            verb=verb,
            source=shown_source,
            engine=engine,
            sidecar=_show(fp.sidecar_path(target)),
        )
    )
    return 2


# -- accept ----------------------------------------------------------------------------


def run_accept(args: argparse.Namespace) -> int:
    from translate.editorial import fingerprint as fp

    config = _config(args)
    if not args.files:
        raise UserError(_("give the translations to accept"))
    for name in args.files:
        path = Path(name)
        found = config.source_of(path) if path.is_file() else None
        if found is None:
            raise UserError(
                _("not a translation of a known source"),
                path=name,
                hint=_("see the mappings in the config"),
            )
        if not fp.accept(path, found[0]):
            raise UserError(_("no fingerprint: not a machine translation"), path=name)
        print(
            _("{file}: accepted as up to date with {source}").format(
                file=_show(path), source=_show(found[0])
            )
        )
    return ExitCode.OK
