"""``translate precommit ...``: the pre-commit hooks (see ``.pre-commit-hooks.yaml``).

``glossary-check FILE...``
    For every file that is a translation (per the config's mappings), checks it against
    its source; for every file that is a source, checks its existing translations.
    Exit 1 when a translation breaks the glossary (as ``translate check``).
``translate-articles FILE...``
    For every source file, creates its missing machine translations and rewrites
    outdated ones (the file still matches its fingerprint and the source changed).
    A translation a person edited is NEVER written: if its source changed, the new
    draft goes beside it (``story.es.md.draft``: the person's sentences where the source
    sentence is unchanged, machine translations of the rest, listed in
    ``story.es.md.draft.changes``) and it is reported STALE, on every run, until it
    is accepted or replaced by its draft.  Every path written must be inside the
    repository and outside ``.git``.
    Exit 1 when it wrote anything or a translation is stale, so that pre-commit shows
    the files, like formatters.
``accept FILE...``
    Marks edited translations as up to date with their sources as they are now (the
    stale report stops, the draft is removed).
``orphans [--fix]``
    Lists translations whose source is gone (deleted or renamed); ``--fix`` moves a
    translation after its renamed source (same content) and removes an untouched
    machine translation of a deleted one.  A person's work is never removed.

Files that are neither sources nor translations are ignored.  Configuration: see
:mod:`translate.editorial.config`; fingerprints: :mod:`translate.editorial.fingerprint`.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

from translate.commands._options import add_config
from translate.errors import ExitCode, UserError
from translate.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    precommit = commands.add_parser(
        "precommit", help=_("pre-commit hooks: translate-articles, glossary-check, orphans, accept")
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
    orphans = sub.add_parser(
        "orphans", help=_("list translations whose source was deleted or renamed")
    )
    for parser in (check, translate, accept, orphans):
        parser.add_argument("files", nargs="*", metavar="FILE")
        add_config(parser)
    translate.add_argument(
        "--engine", help=_("translation engine (default: the config's, else auto)")
    )
    orphans.add_argument(
        "--fix",
        action="store_true",
        help=_(
            "move translations after their renamed sources and remove untouched machine "
            "translations of deleted ones"
        ),
    )
    check.set_defaults(run=run_glossary_check)
    translate.set_defaults(run=run_translate_articles)
    accept.set_defaults(run=run_accept)
    orphans.set_defaults(run=run_orphans)


@contextlib.contextmanager
def _terminable() -> Iterator[None]:
    """SIGTERM ends the hook as Ctrl-C does: temporary files are removed on the way
    out (a write in progress is finished first: see fingerprint.commit), exit 143."""

    def stop(signum: int, frame: object) -> None:
        print(_("translate: terminated"), file=sys.stderr)
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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


def _load(config, source: Path):
    from translate.articles import load_article

    return load_article(str(source), config.source_lang, name=_show(source))


def _translate(translator, document, lang: str) -> tuple[str, str]:
    """``(translated text, engine name)`` of ``document``, written as ``translate
    article`` writes it (an HTML page's lang and its character references)."""
    from translate.outputs import document_text

    bitext = translator.translate(document, lang)
    return document_text(bitext), bitext.engine


def run_translate_articles(args: argparse.Namespace) -> int:
    config = _config(args)
    translator = _article_translator(config, args)
    wrote = stale = errors = 0
    done: set[Path] = set()
    with _terminable():
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
                    outcome = _sync(translator, config, source, target, lang)
                except UserError as err:
                    print(_("translate: error: {message}").format(message=err), file=sys.stderr)
                    errors += 1
                    continue
                wrote += outcome == "wrote"
                stale += outcome == "stale"
    sys.stdout.flush()
    if errors:
        return ExitCode.USAGE
    if stale:
        print(
            _(
                "{n} stale translation(s): bring each up to date (its .draft shows what is "
                "new), then accept it: translate precommit accept FILE, or pre-commit run "
                "accept --hook-stage manual --files FILE"
            ).format(n=stale),
            file=sys.stderr,
        )
    return ExitCode.PROBLEMS if wrote or stale else ExitCode.OK


def _sync(translator, config, source: Path, target: Path, lang: str) -> str:
    """Bring one translation up to date: ``wrote``, ``stale`` or ``""`` (nothing to do)."""
    from translate.editorial import fingerprint as fp
    from translate.editorial.drafts import fingerprints

    for path in (target, fp.sidecar_path(target), fp.draft_path(target)):
        config.confine(path, origin=source)
    state = fp.state(target, source)
    shown, shown_source = _show(target), _show(source)
    if state in ("current", "edited"):
        return ""
    if state == "human":
        print(_("{file}: a person's translation (no fingerprint), not touched").format(file=shown))
        return ""
    expected = fp.current_sha256(target)  # what the file is as the work starts
    document = _load(config, source)
    if state == "stale":
        return _stale(translator, config, document, source, target, lang)
    text, engine = _translate(translator, document, lang)
    try:
        fp.write_machine_translation(
            target,
            text,
            source,
            source_lang=config.source_lang,
            target_lang=lang,
            engine=engine,
            segments=fingerprints(document),
            expected=expected,
        )
    except fp.Changed:
        draft, _written = fp.write_draft(target, text)
        print(
            _(
                "{file}: changed on disk while it was being translated: your version is kept; "
                "the machine translation is in {draft}"
            ).format(file=shown, draft=_show(draft))
        )
        return "stale"
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
    return "wrote"


def _stale(translator, config, document, source: Path, target: Path, lang: str) -> str:
    """An edited translation whose source changed: a draft that keeps the person's
    sentences, or, when the person took the draft as it is, the end of the staleness."""
    from translate.articles import decode_article, detect_format, parse_article
    from translate.document import DocumentBuilder
    from translate.editorial import fingerprint as fp
    from translate.editorial.drafts import build_draft, fingerprints

    shown = _show(target)
    data = target.read_bytes()
    draft = fp.draft_path(target)
    if draft.is_file() and draft.read_bytes() == data:
        fp.accept(target, source, segments=fingerprints(document))
        print(
            _("{file}: is its draft now: accepted as up to date with {source}").format(
                file=shown, source=_show(source)
            )
        )
        return "wrote"
    fingerprint = fp.read_fingerprint(target)
    try:
        edited = parse_article(decode_article(data, shown), lang, detect_format(str(source)), shown)
    except UserError:  # emptied, or not text any more: nothing of it can be reused
        edited = DocumentBuilder(shown, lang).build()

    def machine(doc) -> list[str]:
        return [a.target for a in translator.translate(doc, lang)]

    built = build_draft(document, fingerprint.segments if fingerprint else [], edited, machine)
    draft, written = fp.write_draft(target, built.text, built.changes(_show(draft)))
    print(
        _(
            "{file}: STALE: edited by a person and {source} changed since; not touched. "
            "New draft: {draft}{unchanged}, {new} of {total} sentence(s) new (listed in "
            "{changes}). When the translation is up to date: translate precommit accept {file}"
        ).format(
            file=shown,
            source=_show(source),
            draft=_show(draft),
            unchanged="" if written else _(" (unchanged)"),
            new=len(built.new),
            total=built.total,
            changes=_show(fp.changes_path(target)),
        )
    )
    return "stale"


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
        from translate.editorial.drafts import fingerprints

        segments = fingerprints(_load(config, found[0]))
        with _terminable():
            if not fp.accept(path, found[0], segments=segments):
                raise UserError(_("no fingerprint: not a machine translation"), path=name)
        print(
            _("{file}: accepted as up to date with {source}").format(
                file=_show(path), source=_show(found[0])
            )
        )
    return ExitCode.OK


# -- orphans ---------------------------------------------------------------------------


def run_orphans(args: argparse.Namespace) -> int:
    from translate.editorial.orphans import file_hashes, find_orphans, fix

    config = _config(args)
    found = find_orphans(config)
    if not found:
        return ExitCode.OK
    hashes = file_hashes(config) if args.fix else {}
    left = 0
    with _terminable():
        for orphan in found:
            if args.fix:
                fixed, message = fix(config, orphan, _show, hashes)
                left += not fixed
                print(message)
            else:
                left += 1
                print(orphan.describe(_show))
    sys.stdout.flush()
    if left:
        print(
            _(
                "{n} orphaned translation(s): move or delete them "
                "(translate precommit orphans --fix does what it safely can)"
            ).format(n=left),
            file=sys.stderr,
        )
    return ExitCode.PROBLEMS
