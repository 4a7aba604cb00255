"""One convention for every family of formats: a small class per format, one registry per
family (articles in, bitext formats, glossaries), looked up by name or extension; and
no import circles between the modules."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from translate import articles, formats, glossary
from translate.errors import UserError
from translate.formats import readers
from translate.registry import Lazy, Registry

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "translate"


class Fmt:
    def __init__(self, name: str, extensions: tuple[str, ...], aliases: tuple[str, ...] = ()):
        self.name, self.extensions, self.aliases = name, extensions, aliases


# ---------------------------------------------------------------- the registry


def test_lookup_by_name_alias_and_extension() -> None:
    md, html = Fmt("markdown", (".md", ".markdown"), ("md",)), Fmt("html", (".html", ".htm"))
    registry = Registry("test", [md, html])
    assert registry.get("markdown") is md and registry.get("md") is md
    assert registry.get("MD") is None  # names are exact; a family folds case if it wants
    assert registry.for_path("story.en.MD") is md and registry.for_path("a/b.htm") is html
    assert registry.for_path("story.txt") is None and registry.get("txt") is None
    assert registry.names() == ["markdown", "html"]
    assert registry.extensions() == [".md", ".markdown", ".html", ".htm"]
    assert "md" in registry and "txt" not in registry and list(registry) == [md, html]


@pytest.mark.parametrize(
    "clash", [Fmt("md", (".x",)), Fmt("other", (".md",)), Fmt("other", (), ("markdown",))]
)
def test_a_name_or_extension_is_taken_once(clash: Fmt) -> None:
    registry = Registry("test", [Fmt("markdown", (".md",), ("md",))])
    with pytest.raises(ValueError, match="taken"):
        registry.add(clash)


def test_lazy_entries_load_once_and_must_match_their_declaration() -> None:
    registry = Registry("test", [Lazy("translate.formats.tmx:TmxFormat", "tmx", (".tmx",))])
    assert registry.names() == ["tmx"] and "tmx" in registry
    first = registry.for_path("memory.tmx")
    assert type(first).__name__ == "TmxFormat" and registry.get("tmx") is first
    wrong = Registry("test", [Lazy("translate.formats.tmx:TmxFormat", "tmx", (".tm",))])
    with pytest.raises(TypeError, match="registered as"):
        wrong.get("tmx")


# ---------------------------------------------------------------- bitext formats


def test_bitext_formats_in_the_order_messages_name_them() -> None:
    assert formats.BITEXT_FORMATS.names() == [
        "text",
        "tsv",
        "jsonl",
        "tmx",
        "xliff",
        "xliff12",
        "po",
        "html",
        "md",
    ]
    with pytest.raises(UserError) as err:
        formats.get("docx")
    assert str(err.value) == (
        "unknown output format 'docx' "
        "(choose one of: text, tsv, jsonl, tmx, xliff, xliff12, po, html, md)"
    )


def test_every_bitext_format_is_a_small_class_that_writes() -> None:
    for fmt in formats.BITEXT_FORMATS:
        assert formats.get(fmt.name) is fmt
        assert callable(fmt.write) and isinstance(fmt.extensions, tuple)
        assert all(ext.startswith(".") and ext == ext.lower() for ext in fmt.extensions)


@pytest.mark.parametrize(
    "path, name",
    [
        ("a.txt", "text"),
        ("a.tsv", "tsv"),
        ("a.ndjson", "jsonl"),
        ("a.TMX", "tmx"),
        ("a.xlf", "xliff"),
        ("a.xliff", "xliff"),
        ("a.fa.po", "po"),
        ("a.htm", "html"),
        ("a.markdown", "md"),
        ("a.docx", None),
    ],
)
def test_output_format_by_extension(path: str, name: str | None) -> None:
    fmt = formats.for_path(path)
    assert (fmt.name if fmt else None) == name


def test_the_formats_that_read() -> None:
    assert readers.READERS.names() == ["jsonl", "tmx", "xliff", "xliff12", "po"]
    assert all(isinstance(fmt, formats.Reader) for fmt in readers.READERS)
    assert [readers.is_bitext(p) for p in ("a.jsonl", "a.XLF", "a.po", "a.tsv", "a")] == [
        True,
        True,
        True,
        False,
        False,
    ]
    with pytest.raises(
        UserError,
        match=r"not a bitext format: \.rtf \(bitexts are "
        r"\.jsonl, \.ndjson, \.po, \.tmx, \.xlf, \.xliff files\)",
    ):
        readers.reader("story.rtf")
    with pytest.raises(UserError, match=r"reading \.tsv files is not available"):
        readers.reader("story.tsv")  # a format Dragoman writes, not reads


# ---------------------------------------------------------------- articles in


def test_article_formats_by_name_alias_and_extension() -> None:
    assert (
        articles.FORMATS
        == ("text", "markdown", "html", "docx", "odt")
        == tuple(articles.ARTICLE_FORMATS.names())
    )
    assert [articles.detect_format(p) for p in ("a.md", "a.MKDN", "a.htm", "a.txt", "-", "a")] == [
        "markdown",
        "markdown",
        "html",
        "text",
        "text",
        "text",
    ]
    assert [articles.detect_format("a.md", f) for f in ("TXT", " plain ", "md", "htm")] == [
        "text",
        "text",
        "markdown",
        "html",
    ]
    with pytest.raises(UserError, match=r"unknown article format 'rtf' \(use one of: text, "):
        articles.detect_format("a.txt", "rtf")


def test_every_article_format_parses_as_its_parse_function() -> None:
    text = "# Talks in Baku\n\nThe <b>ministers</b> met. They left.\n"
    parsers = {
        "text": articles.parse_text,
        "markdown": articles.parse_markdown,
        "html": articles.parse_html,
    }
    for fmt in articles.ARTICLE_FORMATS:
        if getattr(fmt, "binary", False):  # Word, OpenDocument: tests/test_office_documents.py
            continue
        assert articles.parse_article(text, "en", fmt.name, "a") == parsers[fmt.name](
            text, "en", "a"
        )


# ---------------------------------------------------------------- glossaries


def test_glossary_formats_by_extension() -> None:
    assert glossary.FORMATS == {
        ".yaml": "yaml",
        ".yml": "yaml",
        ".tsv": "tabular",
        ".csv": "tabular",
        ".tbx": "tbx",
        ".po": "po",
    }
    assert glossary.glossary_format("desk.YML").name == "yaml"
    with pytest.raises(UserError, match=r"unknown glossary format '\.txt' \(glossaries are "):
        glossary.glossary_format("desk.txt")
    with pytest.raises(UserError, match=r"unknown glossary format '\(no extension\)'"):
        glossary.glossary_format("desk")


def test_every_glossary_format_reads_and_writes_with_one_signature() -> None:
    for fmt in glossary.GLOSSARY_FORMATS:  # loads each lazy entry, checking its declaration
        read = inspect.signature(fmt.read).parameters
        write = inspect.signature(fmt.write).parameters
        assert list(read)[:2] == ["path", "report"] and "pair" in read, fmt.name
        assert list(write) == ["glossary", "path", "languages"], fmt.name


def test_reading_yaml_does_not_import_the_other_glossary_formats() -> None:
    code = (
        "import sys; from translate.glossary import load_glossary;"
        "load_glossary('glossaries/caucasus.yaml');"
        "print(sorted(m for m in sys.modules if m.endswith('_format')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['translate.glossary.yaml_format']"


# ---------------------------------------------------------------- import circles


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Each module's imports of other translate modules, in functions too (a lazy import
    is still a circle, only hidden), without a package's imports of its own modules."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([base] if base else []))
                found.update(
                    f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                    for a in node.names
                )
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
        graph[name] = {
            m
            for m in found
            if m in modules
            and m != name
            and not m.startswith(name + ".")
            and not name.startswith(m + ".")
        }
    return graph


def _circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(component)

    for v in graph:
        if v not in index:
            visit(v)
    return circles


def test_no_import_circles() -> None:
    circles = _circles(_imports())
    assert {"translate.formats.xliff", "translate.formats.xliff12"} not in circles
    assert circles == []


@pytest.mark.parametrize(
    "module",
    [
        "translate.formats.xliff",
        "translate.formats.xliff12",
        "translate.glossary.model",
        "translate.glossary.matcher",
        "translate.glossary.normalize",
        "translate.formats.readers",
    ],
)
def test_each_module_imports_on_its_own(module: str) -> None:
    subprocess.run([sys.executable, "-c", f"import {module}"], cwd=ROOT, check=True)


def test_normalisation_knows_no_glossary() -> None:
    assert not any(
        m.startswith("translate.glossary") for m in _imports()["translate.glossary.normalize"]
    )
    from translate.glossary import matcher, normalize

    assert matcher.term_key is normalize.term_key  # callers of matcher keep working
    assert matcher.normalize_text is normalize.normalize_text
