"""The native YAML glossary format (docs/glossary-format.md): read and write.

The reader walks PyYAML's node graph (``compose``) rather than loaded Python objects,
so that every entry, language block and term keeps its line number, duplicate mapping
keys are caught, and terms and language codes are always taken as written (a YAML 1.1
loader would read the language key ``no`` as ``False`` and a term ``1984`` as a number).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from translate import languages
from translate.errors import GlossaryError, UserError
from translate.glossary.grammar import parse_tag
from translate.glossary.model import (
    GENDERS,
    NUMBERS,
    WORD_CLASSES,
    Concept,
    Glossary,
    LangTerms,
    Report,
    Reporter,
    bad_type_message,
    concept_type,
    read_glossary_text,
)
from translate.i18n import N_, _

__all__ = ["YamlFormat", "read_yaml", "parse_yaml", "dump_yaml", "write_yaml"]

_ENTRY_KEYS = ("id", "type", "class", "keep", "case_sensitive", "note", "terms")
_TERM_KEYS = (
    "preferred",
    "admitted",
    "deprecated",
    "forms",
    "gender",
    "number",
    "class",
    "common_word",
    "given_name",
    "not_before",
    "not_after",
)
_HEADER_KEYS = ("name", "description", "languages", "generated")
_NULL = "tag:yaml.org,2002:null"
_FORMAT_HINT = N_("see docs/glossary-format.md")


def read_yaml(path: str | Path, *, report: Report | None = None) -> Glossary:
    """Read a YAML glossary file; see :class:`~translate.glossary.model.Reporter`."""
    return parse_yaml(read_glossary_text(path), path, report=report)


def parse_yaml(
    text: str, path: str | Path = "<glossary>", *, report: Report | None = None
) -> Glossary:
    """Parse the text of a YAML glossary (``path`` names it in messages)."""
    return _Reader(text, Path(path), Reporter(path, report)).read()


def _line(node: Node) -> int:
    return node.start_mark.line + 1


# libyaml's parser where PyYAML was built with it: the same nodes and marks, about 15
# times faster on the shipped glossaries.  A document it refuses is parsed again by the
# pure-Python parser, whose messages and lines the errors give (libyaml words some
# differently and counts a reader error's position in bytes).
_FAST_LOADER: type | None = None
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

if hasattr(yaml, "CSafeLoader"):

    class _CLoader(yaml.CSafeLoader):
        """libyaml's parser, telling only what the reader asks: null or not.

        PyYAML's resolver tries a dozen patterns on every scalar (is it a number, a
        date, a boolean?) in Python; the reader takes every term as written, so that
        was a fifth of loading 100,000 terms, for nothing."""

        def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
            if kind is ScalarNode:
                return _NULL if implicit[0] and value in _NULLS else _STR
            return _SEQ if kind is SequenceNode else _MAP

        def descend_resolver(self, current_node: Node | None, current_index: object) -> None:
            pass  # no path resolvers here

        def ascend_resolver(self) -> None:
            pass

    _FAST_LOADER = _CLoader


def _compose(text: str) -> Node | None:
    """The document's node graph (None for an empty document)."""
    refused: yaml.YAMLError | None = None
    if _FAST_LOADER is not None:
        try:
            return _single_node(_FAST_LOADER, text)
        except yaml.YAMLError as err:
            refused = err  # the pure-Python parser says what is wrong, and where
        except UnicodeEncodeError:  # a lone surrogate is not UTF-8
            pass
    try:
        return _single_node(yaml.SafeLoader, text)
    except RecursionError:
        # Nested deeper than Python's stack: libyaml said so (it stops at 1000
        # levels), the pure-Python parser only runs out of stack.
        if refused is not None:
            raise refused from None
        raise yaml.YAMLError("nested too deeply") from None


_ANCHOR = re.compile(r"[&*][^\s,\[\]{}]")
"""An anchor (``&name``) or an alias (``*name``), or something in a term that looks like
one: where nothing does, the node graph holds no alias and is not walked."""


def _refuse_aliases(root: Node, text: str, path: Path) -> None:
    """Refuse a document that uses a node twice (``*name``): a few lines of aliases of
    aliases expand to billions of terms ("billion laughs"), and a glossary has no use
    for them.  Walked without recursion, so any depth is fine."""
    if not _ANCHOR.search(text):
        return
    seen: set[int] = set()
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise GlossaryError(
                _("YAML aliases (*name) are not allowed in a glossary"),
                path=path,
                line=_line(node),
                hint=_("write the terms out where they are used"),
            )
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                stack += (key_node, value_node)


def _single_node(loader_class: type, text: str) -> Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _yaml_error(err: yaml.YAMLError, path: Path, text: str) -> GlossaryError:
    line = None
    if isinstance(err, yaml.MarkedYAMLError):
        mark = err.problem_mark or err.context_mark
        if err.context_mark is not None and "end of stream" in (err.problem or ""):
            # An unclosed quote or bracket runs to the end of the file: the line it
            # opens on is the one to look at.
            mark = err.context_mark
        line = mark.line + 1 if mark is not None else None
        message = " ".join(p for p in (err.context, err.problem) if p)
    elif isinstance(err, yaml.reader.ReaderError):
        line = text.count("\n", 0, err.position) + 1
        message = (
            f"character U+{err.character:04X} is not allowed in YAML"
            if isinstance(err.character, int)
            else str(err.reason)
        )
    else:  # nested too deeply for the pure-Python parser, where libyaml is missing
        message = str(err)
    return GlossaryError(
        _("invalid YAML: {message}").format(message=message),
        path=path,
        line=line,
        hint=_(_FORMAT_HINT),
    )


class _Reader:
    def __init__(self, text: str, path: Path, reporter: Reporter) -> None:
        self.text = text
        self.path = path
        self.reporter = reporter

    # -- helpers -----------------------------------------------------------------------
    def error(self, node: Node | int | None, code: str, message: str, hint: str | None = None):
        line = node if isinstance(node, int) or node is None else _line(node)
        self.reporter.error(line, code, message, hint)

    def warning(self, node: Node | int | None, code: str, message: str) -> None:
        line = node if isinstance(node, int) or node is None else _line(node)
        self.reporter.warning(line, code, message)

    def pairs(self, node: MappingNode, what: str) -> list[tuple[str, ScalarNode, Node]]:
        """Key/value pairs of a mapping with plain string keys; duplicates reported."""
        out = []
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.error(
                    key_node, "bad-key", _("{what}: a key must be a plain name").format(what=what)
                )
                continue
            key = key_node.value
            if key in seen:
                self.error(
                    key_node,
                    "duplicate-key",
                    _("{what}: {key!r} given twice (first at line {line})").format(
                        what=what, key=key, line=seen[key]
                    ),
                )
                continue
            seen[key] = _line(key_node)
            out.append((key, key_node, value_node))
        return out

    @staticmethod
    def is_null(node: Node) -> bool:
        return isinstance(node, ScalarNode) and node.tag == _NULL

    def string(self, node: Node, what: str) -> str | None:
        """A scalar as written (never converted to a number or boolean)."""
        if self.is_null(node):
            return ""
        if not isinstance(node, ScalarNode):
            kind = "a list" if isinstance(node, SequenceNode) else "a mapping"
            self.error(
                node,
                "wrong-type",
                _("{what} must be text, not {kind}").format(what=what, kind=kind),
            )
            return None
        return node.value

    # -- document ------------------------------------------------------------------
    def read(self) -> Glossary:
        try:
            root = _compose(self.text)
        except yaml.YAMLError as err:
            raise _yaml_error(err, self.path, self.text) from None
        if root is None:
            raise GlossaryError(_("empty glossary file"), path=self.path, hint=_(_FORMAT_HINT))
        _refuse_aliases(root, self.text, self.path)
        if not isinstance(root, MappingNode):
            raise GlossaryError(
                _("a glossary is a mapping with 'glossary' and 'entries'"),
                path=self.path,
                line=_line(root),
                hint=_(_FORMAT_HINT),
            )
        glossary = Glossary(name=self.path.stem, path=str(self.path))
        entries_node = None
        for key, key_node, value in self.pairs(root, "glossary file"):
            if key == "glossary":
                self.header(value, glossary)
            elif key == "entries":
                entries_node = value
            else:
                self.error(
                    key_node,
                    "unknown-key",
                    _("unknown top-level key {key!r}").format(key=key),
                    _("expected 'glossary' and 'entries'"),
                )
        if entries_node is None:
            raise GlossaryError(
                _("no 'entries' in glossary"),
                path=self.path,
                line=_line(root),
                hint=_(_FORMAT_HINT),
            )
        if self.is_null(entries_node):
            self.warning(entries_node, "no-entries", _("'entries' is empty"))
            return glossary
        if not isinstance(entries_node, SequenceNode):
            raise GlossaryError(
                _("'entries' must be a list of entries (each starting with '- id:')"),
                path=self.path,
                line=_line(entries_node),
                hint=_(_FORMAT_HINT),
            )
        if not entries_node.value:
            self.warning(entries_node, "no-entries", _("'entries' is empty"))
        for node in entries_node.value:
            concept = self.entry(node, glossary.name)
            if concept is not None:
                glossary.concepts.append(concept)
        return glossary

    def header(self, node: Node, glossary: Glossary) -> None:
        if self.is_null(node):
            return
        if not isinstance(node, MappingNode):
            self.error(
                node, "wrong-type", _("'glossary' must be a mapping (name, description, languages)")
            )
            return
        for key, key_node, value in self.pairs(node, "glossary"):
            if key == "name":
                name = self.string(value, "glossary name")
                if name:
                    glossary.name = name.strip()
            elif key == "description":
                glossary.description = (self.string(value, "description") or "").strip()
            elif key == "languages":
                glossary.languages = self.language_list(value)
            elif key == "generated":
                flag = value.value.lower() if isinstance(value, ScalarNode) else ""
                glossary.generated = flag in ("true", "yes", "on")
            else:
                self.error(
                    key_node,
                    "unknown-key",
                    _("unknown key {key!r} in 'glossary'").format(key=key),
                    _("expected one of: {choices}").format(choices=", ".join(_HEADER_KEYS)),
                )

    def language_list(self, node: Node) -> list[str]:
        items = node.value if isinstance(node, SequenceNode) else [node]
        codes: list[str] = []
        for item in items:
            code = self.string(item, "language code")
            if code is None:
                continue
            normal = self.language(item, code)
            if normal and normal not in codes:
                codes.append(normal)
        return codes

    def language(self, node: Node, code: str) -> str | None:
        try:
            return languages.normalize(code)
        except UserError as err:
            self.error(node, "unknown-language", err.message, err.hint)
            return None

    # -- entries ---------------------------------------------------------------------
    def entry(self, node: Node, glossary_name: str) -> Concept | None:
        if not isinstance(node, MappingNode):
            self.error(node, "wrong-type", _("an entry must be a mapping starting with 'id:'"))
            return None
        fields = {key: (key_node, value) for key, key_node, value in self.pairs(node, "entry")}
        for key, (key_node, _value) in fields.items():
            if key not in _ENTRY_KEYS:
                hint = _("expected one of: {choices}").format(choices=", ".join(_ENTRY_KEYS))
                if key.replace("-", "_") in _ENTRY_KEYS:
                    hint = _("write {key!r}").format(key=key.replace("-", "_"))
                self.error(
                    key_node, "unknown-key", _("unknown key {key!r} in entry").format(key=key), hint
                )
        ok = True
        concept_id = ""
        if "id" not in fields:
            self.error(
                node, "missing-id", _("entry without 'id'"), _("give every entry a unique slug id")
            )
            ok = False
        else:
            concept_id = (self.string(fields["id"][1], "'id'") or "").strip()
            if not concept_id:
                self.error(fields["id"][1], "missing-id", _("empty 'id'"))
                ok = False
        concept = Concept(
            id=concept_id, glossary=glossary_name, path=str(self.path), line=_line(node)
        )
        if "type" in fields:
            value = fields["type"][1]
            raw = (self.string(value, "'type'") or "").strip()
            kind = concept_type(raw)
            if kind is not None:
                concept.type = kind
            else:
                self.error(value, "bad-type", *bad_type_message(raw))
        if "case_sensitive" in fields:
            flag = self.flag(fields["case_sensitive"][1], "'case_sensitive'")
            if flag is not None:
                concept.case_sensitive = flag
        if "keep" in fields:
            concept.keep = bool(self.flag(fields["keep"][1], "'keep'"))
        if "class" in fields:
            word_class = self.choice(fields["class"][1], "'class'", WORD_CLASSES)
            if word_class:
                concept.word_class = word_class  # type: ignore[assignment]
        if "note" in fields:
            concept.note = (self.string(fields["note"][1], "'note'") or "").strip()
        if "terms" not in fields:
            self.error(
                node,
                "missing-terms",
                _("entry {id!r} has no 'terms'").format(id=concept_id),
                _(_FORMAT_HINT),
            )
            return None
        terms_node = fields["terms"][1]
        if self.is_null(terms_node) or (
            isinstance(terms_node, MappingNode) and not terms_node.value
        ):
            self.warning(
                terms_node, "no-terms", _("entry {id!r} has no terms").format(id=concept_id)
            )
        elif not isinstance(terms_node, MappingNode):
            self.error(
                terms_node,
                "wrong-type",
                _("'terms' must map language codes to terms"),
                _("e.g. 'terms: {en: Baku, es: Bakú}'"),
            )
            return None
        else:
            seen: dict[str, int] = {}
            for code, key_node, value in self.pairs(terms_node, f"terms of {concept_id!r}"):
                lang = self.language(key_node, code)
                if lang is None:
                    if not self.reporter.collecting:
                        return None
                    lang = code.strip().lower()  # keep it for lint's other checks
                if lang in seen:
                    self.error(
                        key_node,
                        "duplicate-language",
                        _("language {lang!r} given twice in {id!r} (first at line {line})").format(
                            lang=lang, id=concept_id, line=seen[lang]
                        ),
                    )
                    continue
                seen[lang] = _line(key_node)
                block = self.lang_terms(value, key_node, concept_id, lang)
                if block is not None:
                    concept.terms[lang] = block
        return concept if ok else None

    def lang_terms(
        self, node: Node, key_node: ScalarNode, concept_id: str, lang: str
    ) -> LangTerms | None:
        where = f"{concept_id!r} ({lang})"
        block = LangTerms(preferred="", line=_line(key_node), path=str(self.path))
        if isinstance(node, ScalarNode):
            preferred = self.term(node, block, where)
            if not preferred:
                self.error(
                    node, "missing-preferred", _("empty term for {where}").format(where=where)
                )
                return None
            block.preferred = preferred
            return block
        if not isinstance(node, MappingNode):
            self.error(
                node,
                "wrong-type",
                _("terms of {where} must be a term or a mapping with 'preferred'").format(
                    where=where
                ),
            )
            return None
        fields = {}
        for key, k_node, value in self.pairs(node, f"terms of {where}"):
            if key not in _TERM_KEYS:
                self.error(
                    k_node,
                    "unknown-key",
                    _("unknown key {key!r} in terms of {where}").format(key=key, where=where),
                    _("expected one of: {choices}").format(choices=", ".join(_TERM_KEYS)),
                )
                continue
            fields[key] = value
        if "preferred" not in fields:
            self.error(
                node, "missing-preferred", _("no 'preferred' term for {where}").format(where=where)
            )
            return None
        value = fields["preferred"]
        if isinstance(value, SequenceNode):
            self.error(
                value,
                "wrong-type",
                _("'preferred' of {where} must be one term").format(where=where),
                _("put other acceptable renderings under 'admitted'"),
            )
            return None
        preferred = self.term(value, block, where)
        if not preferred:
            self.error(
                value,
                "missing-preferred",
                _("empty 'preferred' term for {where}").format(where=where),
            )
            return None
        block.preferred = preferred
        for key in ("admitted", "deprecated", "not_before", "not_after"):
            if key in fields:
                setattr(block, key, self.term_list(fields[key], block, f"{key!r} of {where}"))
        if "forms" in fields:
            self.forms(fields["forms"], block, where)
        for key, choices in (("gender", GENDERS), ("number", NUMBERS), ("class", WORD_CLASSES)):
            if key in fields:
                chosen = self.choice(fields[key], f"{key!r} of {where}", choices)
                setattr(block, "word_class" if key == "class" else key, chosen)
        for key in ("common_word", "given_name"):
            if key in fields:
                setattr(block, key, self.flag(fields[key], f"{key!r} of {where}"))
        return block

    def forms(self, node: Node, block: LangTerms, where: str) -> None:
        """``forms`` as a list, or as a mapping of grammar tags to forms (``f.pl: armenias``)."""
        if not isinstance(node, MappingNode):
            block.forms = self.term_list(node, block, f"'forms' of {where}")
            return
        for tag_text, key_node, value in self.pairs(node, f"'forms' of {where}"):
            if parse_tag(tag_text) is None:
                self.error(
                    key_node,
                    "bad-tag",
                    _("{tag!r} in 'forms' of {where} is not a grammar tag").format(
                        tag=tag_text, where=where
                    ),
                    _("write gender.number, e.g. f.pl, m.sg, pl"),
                )
                continue
            for form in self.term_list(value, block, f"'forms' of {where}"):
                if form not in block.forms:
                    block.forms.append(form)
                block.form_tags.setdefault(form, tag_text)

    def flag(self, node: Node, what: str) -> bool | None:
        value = node.value.lower() if isinstance(node, ScalarNode) else None
        if value in ("true", "yes", "on"):
            return True
        if value in ("false", "no", "off"):
            return False
        self.error(node, "wrong-type", _("{what} must be true or false").format(what=what))
        return None

    def choice(self, node: Node, what: str, choices: tuple[str, ...]) -> str | None:
        return self.reporter.choice(_line(node), self.string(node, what) or "", what, choices)

    def term(self, node: Node, block: LangTerms, where: str) -> str | None:
        value = self.string(node, f"term of {where}")
        if value is None:
            return None
        value = " ".join(value.split())
        if value:
            block.term_lines.setdefault(value, _line(node))
        return value

    def term_list(self, node: Node, block: LangTerms, where: str) -> list[str]:
        if self.is_null(node):
            return []
        items = node.value if isinstance(node, SequenceNode) else [node]
        out = []
        for item in items:
            value = self.term(item, block, where)
            if value is None:
                continue
            if not value:
                self.warning(item, "empty-term", _("empty term in {where}").format(where=where))
                continue
            out.append(value)
        return out


# -- writing -------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block mappings, flow lists of terms, no anchors."""

    def ignore_aliases(self, data) -> bool:  # noqa: ANN001
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False):  # noqa: ANN201
        return super().increase_indent(flow, False)  # indent lists under their key


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flow = all(isinstance(item, str) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def _entry(concept: Concept) -> dict:
    entry: dict = {"id": concept.id, "type": concept.type}
    if concept.word_class != "proper":
        entry["class"] = concept.word_class
    if concept.keep:
        entry["keep"] = True
    if not concept.case_sensitive:
        entry["case_sensitive"] = False
    if concept.note:
        entry["note"] = concept.note
    terms: dict = {}
    for lang, block in concept.terms.items():
        out: dict = {"preferred": block.preferred}
        for key in ("admitted", "deprecated"):
            values = getattr(block, key)
            if values:
                out[key] = list(values)
        if block.forms and block.form_tags:
            forms: dict = {}
            for form in block.forms:
                forms.setdefault(block.form_tags.get(form, ""), []).append(form)
            if "" in forms:  # untagged forms among tagged ones: keep them as a list
                out["forms"] = list(block.forms)
            else:
                out["forms"] = {t: f[0] if len(f) == 1 else f for t, f in forms.items()}
        elif block.forms:
            out["forms"] = list(block.forms)
        for key, attr in (("gender", "gender"), ("number", "number"), ("class", "word_class")):
            if getattr(block, attr):
                out[key] = getattr(block, attr)
        for key in ("common_word", "given_name"):
            if getattr(block, key) is not None:
                out[key] = getattr(block, key)
        for key in ("not_before", "not_after"):
            if getattr(block, key):
                out[key] = list(getattr(block, key))
        terms[lang] = block.preferred if list(out) == ["preferred"] else out
    entry["terms"] = terms
    return entry


def dump_yaml(glossary: Glossary) -> str:
    """The glossary as YAML text in the native format (readable back unchanged)."""
    header: dict = {"name": glossary.name}
    if glossary.description:
        header["description"] = glossary.description
    langs = glossary.languages or list(
        dict.fromkeys(lang for concept in glossary for lang in concept.terms)
    )
    if langs:
        header["languages"] = list(langs)
    if glossary.generated:
        header["generated"] = True
    data = {"glossary": header, "entries": [_entry(c) for c in glossary]}
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=4096,
        indent=2,
    )


def write_yaml(glossary: Glossary, path: str | Path) -> None:
    """Write the glossary to ``path`` as UTF-8 YAML."""
    Path(path).write_text(dump_yaml(glossary), encoding="utf-8")


class YamlFormat:
    """The native format, as :data:`translate.glossary.GLOSSARY_FORMATS` lists it."""

    name = "yaml"
    extensions = (".yaml", ".yml")

    def read(
        self, path: str | Path, *, report: Report | None = None, **pair: str | None
    ) -> Glossary:
        return read_yaml(path, report=report)  # a YAML glossary names its languages

    def write(
        self, glossary: Glossary, path: str | Path, languages: Sequence[str] | None = None
    ) -> None:
        write_yaml(glossary, path)  # every language: YAML holds them all
