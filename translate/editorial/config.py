"""Project configuration: ``[tool.dragoman]`` in ``pyproject.toml`` or a ``dragoman.toml``.

::

    [tool.dragoman]                      # in dragoman.toml the keys stand at the top
    source_lang = "en"
    target_langs = ["es", "ca"]
    glossaries = ["glossaries/caucasus.yaml"]   # relative to the config file's folder
    glossary_dirs = ["glossaries"]       # the only folders a CMS request's glossaries may
                                         # come from when run as a service (hook, server)
    engine = "apertium"                  # default "auto"
    engine_timeout = 120                 # seconds without an answer from the engine (0: none)
    max_input_mb = 100                   # the largest input file read, in MB
    localize_dates = true                # dates the target language's way (default false)

    [[tool.dragoman.mappings]]           # a folder per language
    source = "content/en/**"
    translation = "content/{lang}/**"

    [[tool.dragoman.mappings]]           # a language suffix: story.en.md -> story.es.md
    source = "stories/**/*.{lang}.md"    # {lang} in source: the source language, and
                                         # translation defaults to the same pattern

    [[tool.dragoman.mappings]]           # the source's YAML front matter says where
    source = "posts/**/*.md"
    front_matter = "translations"        # translations: {es: story.es.md, ca: /x/y.md}

Patterns are relative to the config file's folder: ``*`` is any part of one path
component, ``**`` any number of whole components, ``?`` one character; none of them
matches a name starting with ``.`` (sidecars and other hidden files).  A translation
pattern has the same wildcards, in the same order, as its source pattern, plus
``{lang}``.  Front-matter paths are relative to the source file's folder, or to the
config file's folder when they start with ``/``; they must resolve inside the
repository, outside ``.git`` and hidden folders, to a file with the source's extension
(an article's front matter is not trusted to name any other file).  Drafts
(``*.draft``, ``*.draft.changes``) and fingerprint sidecars are never sources or
translations.

Where to look: from the starting folder upwards, the first folder with a
``dragoman.toml``, or a ``pyproject.toml`` that has ``[tool.dragoman]``, wins
(``dragoman.toml`` first when both are there); the search stops at the repository root
(a folder with ``.git``).  Every problem is a :class:`UserError` naming the file and the
key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate.editorial.patterns import compile_pattern, fill, ignored
from translate.errors import UserError
from translate.i18n import _

__all__ = ["Config", "Mapping", "find_config", "load_config", "read_config", "front_matter"]

CONFIG_NAME = "dragoman.toml"
PYPROJECT = "pyproject.toml"
KEYS = (
    "source_lang",
    "target_langs",
    "glossaries",
    "engine",
    "engine_timeout",
    "max_input_mb",
    "localize_dates",
    "native_digits",
    "glossary_dirs",
    "mappings",
)
MAPPING_KEYS = ("source", "translation", "front_matter")

_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)


@dataclass(frozen=True)
class Mapping:
    """How the sources of one kind map to their translations."""

    index: int
    source: str
    translation: str | None = None
    front_matter: str | None = None

    def translation_for(self, rel: str, source_lang: str, lang: str) -> str | None:
        """The translation path (relative to the root) of source ``rel``, if it is one."""
        if self.translation is None or ignored(rel):
            return None
        src = compile_pattern(self.source, source_lang)
        found = src.regex.match(rel)
        if not found:
            return None
        result = fill(compile_pattern(self.translation, lang), found.groups())
        return None if result == rel else result

    def source_for(self, rel: str, source_lang: str, lang: str) -> str | None:
        """The source path of translation ``rel`` into ``lang``, if it is one."""
        if self.translation is None or ignored(rel):
            return None
        tgt = compile_pattern(self.translation, lang)
        found = tgt.regex.match(rel)
        if not found:
            return None
        result = fill(compile_pattern(self.source, source_lang), found.groups())
        return None if result == rel else result

    def matches_source(self, rel: str, source_lang: str) -> bool:
        return not ignored(rel) and bool(compile_pattern(self.source, source_lang).regex.match(rel))


# -- the configuration -----------------------------------------------------------------


@dataclass
class Config:
    path: Path
    """The config file."""
    root: Path
    """Its folder: patterns and glossary paths are relative to it."""
    source_lang: str = "en"
    target_langs: list[str] = field(default_factory=list)
    glossaries: list[Path] = field(default_factory=list)
    glossary_dirs: list[Path] = field(default_factory=list)
    """Folders a request (CMS hook, server) may name glossaries from; set, the hook
    runs confined to them (:mod:`translate.editorial.glossary_access`)."""
    engine: str = "auto"
    engine_timeout: float | None = None
    """Seconds (0: no limit); None: not set here."""
    max_input_mb: int | None = None
    """The largest input read, in megabytes (``--max-input-mb`` and
    ``DRAGOMAN_MAX_INPUT_MB`` win over it); None: not set here."""
    localize_dates: bool = False
    native_digits: bool = False
    mappings: list[Mapping] = field(default_factory=list)
    prefix: str = "tool.dragoman."
    """How keys are named in messages (empty in a dragoman.toml)."""

    def key(self, name: str) -> str:
        return f"{self.prefix}{name}"

    @property
    def repository(self) -> Path:
        """The repository the config belongs to: the nearest folder at or above the
        config's with a ``.git``, else the config's folder."""
        for folder in (self.root, *self.root.parents):
            if (folder / ".git").exists():
                return folder
        return self.root

    def inside(self, path: str | Path) -> bool:
        """Whether ``path`` (symbolic links followed) is inside the repository and not
        inside a ``.git`` folder: the only places the hooks write."""
        try:
            rel = Path(path).resolve().relative_to(self.repository.resolve())
        except ValueError:
            return False
        return ".git" not in rel.parts

    def confine(self, path: str | Path, origin: str | Path | None = None) -> Path:
        """``path`` if the hooks may write it (:meth:`inside`); else a :class:`UserError`
        naming ``origin`` (the file that asked for it) or the path."""
        if self.inside(path):
            return Path(path)
        raise UserError(
            _("{path}: outside the repository or inside .git; refused").format(path=path),
            path=origin,
            hint=_("translations must stay inside {folder}").format(folder=self.repository),
        )

    def relative(self, path: str | Path) -> str | None:
        """``path`` relative to the root with ``/`` separators, or None if outside."""
        p = Path(path)
        if not p.is_absolute():
            p = Path.cwd() / p
        try:
            return p.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    def translations_of(self, path: str | Path) -> dict[str, Path]:
        """``{lang: translation path}`` for a source file (empty if it is none)."""
        rel = self.relative(path)
        if rel is None or ignored(rel):
            return {}
        out: dict[str, Path] = {}
        for mapping in self.mappings:
            if mapping.front_matter is not None:
                found = self._front_matter_translations(mapping, rel)
                for lang, target in found.items():
                    out.setdefault(lang, target)
                continue
            for lang in self.target_langs:
                if lang in out or lang == self.source_lang:
                    continue
                translation = mapping.translation_for(rel, self.source_lang, lang)
                if translation is not None:
                    out[lang] = self.root / translation
        return out

    def source_of(self, path: str | Path) -> tuple[Path, str] | None:
        """``(source path, language)`` when ``path`` is a translation of an existing
        source; None otherwise."""
        rel = self.relative(path)
        if rel is None or ignored(rel):
            return None
        for mapping in self.mappings:
            if mapping.front_matter is not None:
                continue
            for lang in self.target_langs:
                if lang == self.source_lang:
                    continue
                source = mapping.source_for(rel, self.source_lang, lang)
                if source is not None and (self.root / source).is_file():
                    return self.root / source, lang
        wanted = (self.root / rel).resolve()
        for mapping in self.mappings:
            if mapping.front_matter is None:
                continue
            for candidate in self._glob(mapping):
                crel = self.relative(candidate)
                if crel is None or crel == rel:
                    continue
                for lang, target in self._front_matter_translations(mapping, crel).items():
                    if target.resolve() == wanted:
                        return candidate, lang
        return None

    def is_source(self, path: str | Path) -> bool:
        return bool(self.translations_of(path))

    def _glob(self, mapping: Mapping) -> list[Path]:
        pattern = compile_pattern(mapping.source, self.source_lang)
        out = []
        for candidate in sorted(self.root.rglob("*")):
            if not candidate.is_file() or ".git" in candidate.parts:
                continue
            rel = candidate.relative_to(self.root).as_posix()
            if not ignored(rel) and pattern.regex.match(rel):
                out.append(candidate)
        return out

    def _front_matter_translations(self, mapping: Mapping, rel: str) -> dict[str, Path]:
        if mapping.front_matter is None or not mapping.matches_source(rel, self.source_lang):
            return {}
        source = self.root / rel
        if not source.is_file():
            return {}
        data = front_matter(source)
        value = data.get(mapping.front_matter) if data else None
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise UserError(
                _("front matter key {name!r} must map languages to paths (as {key} says)").format(
                    name=mapping.front_matter,
                    key=self.key(f"mappings[{mapping.index}].front_matter"),
                ),
                path=source,
                hint=f"{mapping.front_matter}: {{es: story.es.md}}",
            )
        from translate import languages

        out: dict[str, Path] = {}
        for lang, target in value.items():
            if not isinstance(target, str) or not target.strip():
                raise UserError(
                    _("front matter {name}.{lang}: must be a path").format(
                        name=mapping.front_matter, lang=lang
                    ),
                    path=source,
                )
            try:
                code = languages.normalize(str(lang))
            except UserError as err:
                raise UserError(
                    _("front matter {name}: {message}").format(
                        name=mapping.front_matter, message=err.message
                    ),
                    path=source,
                    hint=err.hint,
                ) from None
            target = target.strip()
            if target.startswith("/"):
                resolved = self.root / target.lstrip("/")
            else:
                resolved = source.parent / target
            if resolved.resolve() == source.resolve():
                return {}  # the file names itself: it is a translation, not a source
            if code != self.source_lang:
                # a contributed article must not make a commit write anywhere else
                if not self.inside(resolved):
                    raise UserError(
                        _(
                            "front matter {name}.{lang}: {target!r} is outside the repository "
                            "or inside .git; refused"
                        ).format(name=mapping.front_matter, lang=lang, target=target),
                        path=source,
                    )
                # nor a file of another kind, nor a hidden one (.github/workflows/x.yml,
                # .pre-commit-config.yaml): a translation is an article like its source
                hidden = any(
                    part.startswith(".")
                    for part in resolved.resolve().relative_to(self.repository.resolve()).parts
                )
                if hidden or resolved.suffix.lower() != source.suffix.lower():
                    raise UserError(
                        _(
                            "front matter {name}.{lang}: {target!r} must be a {suffix} file "
                            "outside hidden folders, like its source; refused"
                        ).format(
                            name=mapping.front_matter,
                            lang=lang,
                            target=target,
                            suffix=source.suffix or _("(no extension)"),
                        ),
                        path=source,
                    )
                out[code] = resolved
        return out


def front_matter(path: str | Path) -> dict[str, Any] | None:
    """The YAML front matter of a Markdown file as a dict, or None if it has none."""
    import yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = _FRONT_MATTER.match(text)
    if not found:
        return None
    try:
        data = yaml.safe_load(found.group(1))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        raise UserError(_("front matter is not valid YAML"), path=path, line=line) from None
    return data if isinstance(data, dict) else None


# -- reading ---------------------------------------------------------------------------


def find_config(start: str | Path | None = None) -> Path | None:
    """The config file that applies in ``start`` (default: the working folder)."""
    folder = Path(start or Path.cwd()).resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_NAME
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
        if (candidate / ".git").exists():
            return None
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        # a broken pyproject.toml is only our business if it mentions us
        try:
            return "[tool.dragoman" in path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    return isinstance(data.get("tool"), dict) and "dragoman" in data["tool"]


def load_config(path: str | Path | None = None, *, start: str | Path | None = None) -> Config:
    """Read the config at ``path``, or the one :func:`find_config` finds from ``start``.

    Raises :class:`UserError` when none is found.
    """
    if path is None:
        path = find_config(start)
        if path is None:
            raise UserError(
                _("no Dragoman configuration found"),
                hint=_(
                    "add [tool.dragoman] to pyproject.toml or create dragoman.toml "
                    "(see README, Editorial workflow)"
                ),
            )
    return read_config(path)


def read_config(path: str | Path) -> Config:
    """Parse and validate one config file (``dragoman.toml`` or ``pyproject.toml``)."""
    file = Path(path)
    try:
        raw = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(_("config file not found"), path=file) from None
    except UnicodeDecodeError:
        raise UserError(_("config file is not valid UTF-8"), path=file) from None
    except OSError as err:
        raise UserError(
            _("cannot read config file: {reason}").format(reason=err.strerror or err), path=file
        ) from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as err:
        raise UserError(_("invalid TOML: {error}").format(error=err), path=file) from None

    if file.name == PYPROJECT:
        tool = data.get("tool", {})
        table = tool.get("dragoman") if isinstance(tool, dict) else None
        prefix = "tool.dragoman."
        if table is None:
            raise UserError(_("no [tool.dragoman] table"), path=file)
    else:
        table = data
        prefix = ""
        if isinstance(data.get("tool"), dict) and "dragoman" in data["tool"] and len(data) == 1:
            table, prefix = data["tool"]["dragoman"], "tool.dragoman."
    if not isinstance(table, dict):
        raise UserError(
            _("{key}: must be a table").format(key=prefix.rstrip(".") or "tool.dragoman"),
            path=file,
        )
    config = _validate(table, file, prefix)
    # every input read after the configuration (the article, glossaries) is bounded by it
    from translate.inputs import set_config_max_input_mb

    set_config_max_input_mb(config.max_input_mb)
    return config


def _validate(table: dict, file: Path, prefix: str) -> Config:
    from translate import languages

    def fail(key: str, message: str, hint: str | None = None) -> UserError:
        return UserError(f"{prefix}{key}: {message}", path=file, hint=hint)

    unknown = [k for k in table if k not in KEYS]
    if unknown:
        raise fail(
            unknown[0], _("unknown key"), hint=_("known keys: {keys}").format(keys=", ".join(KEYS))
        )

    def lang(key: str, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise fail(key, _('must be a language code (a string such as "en")'))
        try:
            return languages.normalize(value)
        except UserError as err:
            raise fail(key, err.message, hint=err.hint) from None

    root = file.parent.resolve()
    config = Config(path=file, root=root, prefix=prefix)
    config.source_lang = lang("source_lang", table.get("source_lang", "en"))

    targets = table.get("target_langs", [])
    if isinstance(targets, str) or not isinstance(targets, list):
        raise fail(
            "target_langs", _("must be a list of language codes"), hint='target_langs = ["es"]'
        )
    config.target_langs = []
    for i, value in enumerate(targets):
        code = lang(f"target_langs[{i}]", value)
        if code == config.source_lang:
            raise fail(f"target_langs[{i}]", _("{code} is the source language").format(code=code))
        if code not in config.target_langs:
            config.target_langs.append(code)

    glossaries = table.get("glossaries", [])
    if isinstance(glossaries, str):
        glossaries = [glossaries]
    if not isinstance(glossaries, list):
        raise fail("glossaries", _("must be a list of glossary files"))
    for i, value in enumerate(glossaries):
        if not isinstance(value, str) or not value.strip():
            raise fail(f"glossaries[{i}]", _("must be a path (a string)"))
        found = (root / value).resolve()
        if not found.is_file():
            raise fail(
                f"glossaries[{i}]",
                _("no such file: {path}").format(path=value),
                hint=_("paths are relative to the config file"),
            )
        config.glossaries.append(found)

    dirs = table.get("glossary_dirs", [])
    if isinstance(dirs, str):
        dirs = [dirs]
    if not isinstance(dirs, list):
        raise fail("glossary_dirs", _("must be a list of folders"))
    for i, value in enumerate(dirs):
        if not isinstance(value, str) or not value.strip():
            raise fail(f"glossary_dirs[{i}]", _("must be a path (a string)"))
        found = (root / value).resolve()
        if not found.is_dir():
            raise fail(
                f"glossary_dirs[{i}]",
                _("no such folder: {path}").format(path=value),
                hint=_("paths are relative to the config file"),
            )
        config.glossary_dirs.append(found)

    engine = table.get("engine", "auto")
    if not isinstance(engine, str) or not engine.strip():
        raise fail("engine", _("must be an engine name (auto, apertium, argos, ...)"))
    config.engine = engine.strip()

    if "engine_timeout" in table:
        from translate.engines.base import parse_timeout

        try:
            config.engine_timeout = parse_timeout(table["engine_timeout"], "engine_timeout")
        except UserError:
            raise fail(
                "engine_timeout", _("must be a number of seconds (0 waits forever)")
            ) from None

    if "max_input_mb" in table:
        megabytes = table["max_input_mb"]
        if isinstance(megabytes, bool) or not isinstance(megabytes, int) or megabytes <= 0:
            raise fail("max_input_mb", _("must be a positive number of megabytes"))
        config.max_input_mb = megabytes

    for key in ("localize_dates", "native_digits"):
        flag = table.get(key, False)
        if not isinstance(flag, bool):
            raise fail(key, _("must be true or false"))
        setattr(config, key, flag)

    mappings = table.get("mappings", [])
    if isinstance(mappings, dict):
        mappings = [mappings]
    if not isinstance(mappings, list):
        raise fail("mappings", _("must be an array of tables ([[tool.dragoman.mappings]])"))
    for i, value in enumerate(mappings):
        config.mappings.append(_mapping(i, value, fail))
    return config


def _mapping(i: int, value: Any, fail) -> Mapping:
    key = f"mappings[{i}]"
    if not isinstance(value, dict):
        raise fail(key, _("must be a table with source and translation (or front_matter)"))
    unknown = [k for k in value if k not in MAPPING_KEYS]
    if unknown:
        raise fail(
            f"{key}.{unknown[0]}",
            _("unknown key"),
            hint=_("known keys: {keys}").format(keys=", ".join(MAPPING_KEYS)),
        )
    for k in MAPPING_KEYS:
        if k in value and (not isinstance(value[k], str) or not value[k].strip()):
            raise fail(f"{key}.{k}", _("must be a non-empty string"))
    source = value.get("source")
    if source is None:
        raise fail(
            f"{key}.source",
            _("missing: the pattern of the source files"),
            hint='source = "content/en/**"',
        )
    source = source.strip()
    if source.startswith("./"):
        source = source[2:]
    if source.startswith("/") or ".." in source.split("/"):
        raise fail(f"{key}.source", _("must be relative to the config file's folder, inside it"))
    _check_placeholders(f"{key}.source", source, fail)
    front = value.get("front_matter")
    translation = value.get("translation")
    if front is not None and translation is not None:
        raise fail(key, _("give translation or front_matter, not both"))
    if front is not None:
        return Mapping(i, source, None, front.strip())
    if translation is None:
        if "{lang}" not in source:
            raise fail(
                f"{key}.translation",
                _("missing: where the translations go"),
                hint=_('translation = "content/{lang}/**", or {lang} in source'),
            )
        translation = source
    translation = translation.strip()
    if translation.startswith("./"):
        translation = translation[2:]
    if translation.startswith("/") or ".." in translation.split("/"):
        raise fail(
            f"{key}.translation", _("must be relative to the config file's folder, inside it")
        )
    _check_placeholders(f"{key}.translation", translation, fail)
    if "{lang}" not in translation:
        raise fail(f"{key}.translation", _("must contain {lang}"), hint='e.g. "content/{lang}/**"')
    if compile_pattern(source, "xx").wildcards != compile_pattern(translation, "xx").wildcards:
        raise fail(
            f"{key}.translation",
            _("must have the same wildcards (*, **) in the same order as source"),
            hint=_("source is {pattern!r}").format(pattern=source),
        )
    return Mapping(i, source, translation, None)


def _check_placeholders(key: str, pattern: str, fail) -> None:
    for found in re.findall(r"\{[^}]*\}?", pattern):
        if found != "{lang}":
            raise fail(
                key,
                _("unknown placeholder {placeholder}").format(placeholder=found),
                hint=_("only {lang} is known"),
            )
