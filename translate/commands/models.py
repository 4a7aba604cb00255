"""``translate models``: Argos Translate packages (list, available, install, remove)."""

from __future__ import annotations

import argparse
import sys

from translate.errors import EngineError, ExitCode, UserError
from translate.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    models = commands.add_parser("models", help=_("manage Argos Translate packages"))
    sub = models.add_subparsers(dest="models_command", metavar="COMMAND")
    models.set_defaults(run=lambda args: (models.print_help(sys.stderr), ExitCode.USAGE)[1])
    sub.add_parser("list", help=_("installed packages")).set_defaults(run=run_list)
    sub.add_parser("available", help=_("packages in the package index")).set_defaults(
        run=run_available
    )
    install = sub.add_parser(
        "install", help=_("install FROM TO from the index, or a .argosmodel FILE")
    )
    install.add_argument("what", nargs="+", metavar="FROM TO | FILE")
    install.set_defaults(run=run_install)
    remove = sub.add_parser("remove", help=_("remove the package FROM TO"))
    remove.add_argument("source", metavar="FROM")
    remove.add_argument("target", metavar="TO")
    remove.set_defaults(run=run_remove)


def _size(n: int) -> str:
    from babel.numbers import format_decimal

    from translate.i18n import current_language

    try:
        return f"{format_decimal(n / 1e6, format='#,##0.0', locale=current_language())} MB"
    except (ValueError, LookupError):
        return f"{n / 1e6:.1f} MB"


def run_list(args: argparse.Namespace) -> int:
    from translate.engines.argos import engine_info
    from translate.engines.argos_packages import installed
    from translate.i18n import current_language
    from translate.languages import pair_name

    ui = current_language()
    packages = installed()
    if not packages:
        print(
            _("no Argos packages installed in {folder}").format(
                folder=engine_info()["packages_dir"]
            )
        )
        return ExitCode.OK
    for p in packages:
        # each name isolated (pair_name): Persian names no longer swap places or pull
        # the version and size into their right-to-left run
        names = pair_name(p.source, p.target, ui)
        print(f"{p.source}-{p.target}  {names}  {p.version}  {_size(p.size)}  {p.path}")
    return ExitCode.OK


def run_available(args: argparse.Namespace) -> int:
    from translate.engines.argos_packages import available
    from translate.i18n import current_language
    from translate.languages import pair_name

    ui = current_language()
    for pkg in available():
        if pkg.type != "translate":
            continue
        names = pair_name(pkg.from_code, pkg.to_code, ui)
        print(f"{pkg.from_code}-{pkg.to_code}  {names}  {pkg.package_version}")
    return ExitCode.OK


def _progress(done: int, total: int) -> None:
    if not sys.stderr.isatty() and done < total:
        return
    if total:
        width = 30
        filled = int(width * done / total)
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done / 1e6:.1f}/{total / 1e6:.1f} MB"
        )
    else:
        sys.stderr.write(f"\r{done / 1e6:.1f} MB")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def run_install(args: argparse.Namespace) -> int:
    from translate.engines import argos_packages
    from translate.languages import base, normalize

    if len(args.what) == 1:
        pkg = argos_packages.install_file(args.what[0])
    elif len(args.what) == 2:
        source, target = (base(normalize(c)) for c in args.what)
        matches = [
            p
            for p in argos_packages.available()
            if p.type == "translate" and (p.from_code, p.to_code) == (source, target)
        ]
        if not matches:
            raise EngineError(
                _("the package index has no {source}→{target} package").format(
                    source=source, target=target
                ),
                hint=_("see: translate models available"),
            )
        newest = max(matches, key=lambda p: _version_key(p.package_version))
        path = argos_packages.download(newest, _progress)
        try:
            pkg = argos_packages.install_file(path)
        finally:
            path.unlink(missing_ok=True)
    else:
        raise UserError(_("give FROM TO (two language codes) or one .argosmodel FILE"))
    print(
        _("installed {source}→{target} {version} in {path}").format(
            source=pkg.source, target=pkg.target, version=pkg.version, path=pkg.path
        )
    )
    return ExitCode.OK


def _version_key(version: str) -> tuple:
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)


def run_remove(args: argparse.Namespace) -> int:
    from translate.engines import argos_packages
    from translate.languages import base, normalize

    gone = argos_packages.remove(base(normalize(args.source)), base(normalize(args.target)))
    for pkg in gone:
        print(
            _("removed {source}→{target} {version}").format(
                source=pkg.source, target=pkg.target, version=pkg.version
            )
        )
    return ExitCode.OK
