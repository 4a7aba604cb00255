"""Batch runs: many articles into several languages, with worker processes and resume.

The flow per article is the one every face uses (:class:`translate.pipeline.Translator`);
what this module adds is the run around it:

* **Sources** are files, folders (recursive, with include and exclude globs) and JSONL
  files of articles (``{"id", "language", "body", "format"}`` per line).
* **Workers** are processes; each builds its Translator once (engine, glossary,
  calibration), then translates article after article.  Workers return text; only the
  main process writes, each file atomically, inside the output folder.
* **Resume.** ``manifest.jsonl`` in the output folder gets one line per finished article,
  appended after its files are in place, with the hashes of its source and glossaries,
  the engines and models per language and the options that shape the output.  A run
  started again skips an article whose last line matches and whose files exist, and
  redoes the rest.  A run killed at any point leaves whole files only, and its rerun
  writes the same bytes a clean run would.
* **Failures** (an undecodable file, an engine error) are recorded in the manifest and
  the summary, and never stop the run.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, TextIO

from translate.errors import UserError
from translate.i18n import _

MANIFEST = "manifest.jsonl"
_EXT = {"text": ".txt", "markdown": ".md", "html": ".html"}


@dataclass(frozen=True)
class Options:
    """What shapes a batch's outputs; every worker builds its Translator from it."""

    targets: tuple[str, ...]
    source_lang: str | None = None
    """``--from``; None: the language in each file name, else ``en``."""
    engine: str = "auto"
    glossaries: tuple[str, ...] = ()
    documents: bool = True
    bitext_format: str | None = None
    """A bitext format's name to write beside (or instead of) the documents."""
    localize_dates: bool = False
    native_digits: bool = False
    engine_timeout: float | None = None
    """Seconds an engine may go without answering (0: none); None: the engine's default.
    Not part of the signature: it changes whether an article fails, not its outputs."""

    def signature(self) -> dict[str, Any]:
        """The options that make a finished article's outputs what they are."""
        from translate import __version__

        return {
            "targets": list(self.targets),
            "source_lang": self.source_lang,
            "engine": self.engine,
            "documents": self.documents,
            "bitext_format": self.bitext_format,
            "localize_dates": self.localize_dates,
            "native_digits": self.native_digits,
            "dragoman": __version__,
        }


@dataclass(frozen=True)
class Item:
    """One article of a batch: a file, or one line of a JSONL file."""

    id: str
    """Its name in the outputs: the path under the folder given, or the JSONL id."""
    path: str | None = None
    body: str | None = None
    lang: str | None = None
    fmt: str | None = None


@dataclass
class Summary:
    done: int = 0
    skipped: int = 0
    failed: int = 0
    sentences: int = 0
    terms: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("enforced", "corrected", "ambiguous", "missing"), 0)
    )
    failures: list[tuple[str, str]] = field(default_factory=list)
    drafts: int = 0
    """Translations written beside a file an editor changed (``story.es.md.draft``)."""


# -- sources ----------------------------------------------------------------------------


def collect(
    sources: Sequence[str], include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> list[Item]:
    """Every article of the sources, in a stable order; ``include``/``exclude`` are
    globs matched against the path under a folder (``world/*.md``) and the file name."""
    items: list[Item] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = found.relative_to(path).as_posix()
                if rel.startswith(".") or "/." in rel or rel == MANIFEST:
                    continue
                if _wanted(rel, include, exclude):
                    items.append(Item(id=rel, path=str(found)))
        elif path.suffix == ".jsonl":
            items.extend(_jsonl_items(path))
        elif path.is_file():
            items.append(Item(id=path.name, path=str(path)))
        else:
            raise UserError(_("no such file or folder"), path=source, hint=_("check the path"))
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise UserError(
                _("two articles are both called {id}").format(id=item.id),
                hint=_("give their folders, not the files, or rename one"),
            )
        seen.add(item.id)
    return items


def _wanted(rel: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    name = PurePosixPath(rel).name

    def hit(globs: Sequence[str]) -> bool:
        return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in globs)

    return (not include or hit(include)) and not hit(exclude)


def _jsonl_items(path: Path) -> Iterator[Item]:
    from translate.inputs import parse_json, read_text

    text = read_text(path)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        record = parse_json(line, path, line=number, error=UserError)
        if not isinstance(record, dict) or not isinstance(record.get("body"), str):
            raise UserError(_("an article needs a string body"), path=path, line=number)
        fmt = str(record.get("format") or "text")
        ident = str(record.get("id") or f"{path.stem}-{number}")
        yield Item(
            id=ident + _EXT.get(fmt, ".txt"),
            body=record["body"],
            lang=str(record["language"]) if record.get("language") else None,
            fmt=fmt,
        )


# -- one article, in a worker ------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _start_worker(options: Options) -> None:
    """Build the Translator once per worker process."""
    from multiprocessing import util

    from translate.engines import close_all
    from translate.glossary import load_glossaries_or_none
    from translate.pipeline import Translator

    if "options" not in _WORKER:
        # a pool worker skips exit handlers; multiprocessing's finalisers do run
        util.Finalize(None, close_all, exitpriority=10)

    glossary = load_glossaries_or_none(list(options.glossaries))
    _WORKER["options"] = options
    _WORKER["translator"] = Translator(
        glossary,
        options.engine,
        localize_dates=options.localize_dates or options.native_digits,
        native_digits=options.native_digits,
        engine_timeout=options.engine_timeout,
    )


def outputs_for(item: Item, lang: str, options: Options) -> dict[str, str]:
    """The files of one article and language, relative to the output folder."""
    from translate.outputs import source_parts

    rel = PurePosixPath(item.id)
    parts = source_parts(rel.name)
    ext = parts["ext"]
    base = (rel.parent / f"{parts['stem']}.{lang}").as_posix()
    out = {"report": base + ".report.json"}
    if options.documents:
        out["document"] = base + ext
    if options.bitext_format:
        from translate import formats

        writer = formats.get(options.bitext_format)
        exts = getattr(writer, "extensions", ()) or (f".{writer.name}",)
        out["bitext"] = base + ".bitext" + exts[0]
    return out


def translate_item(item: Item) -> dict[str, Any]:
    """Translate one article into every target; the files' text, or the error."""
    import io

    from translate import formats, report
    from translate.articles import load_article, parse_article
    from translate.languages import lang_from_name
    from translate.outputs import document_bytes, document_text

    options: Options = _WORKER["options"]
    translator = _WORKER["translator"]
    try:
        source = options.source_lang or item.lang or lang_from_name(item.id) or "en"
        if item.body is not None:
            document = parse_article(item.body, source, item.fmt or "text", name=item.id)
        else:
            assert item.path is not None
            document = load_article(item.path, source, fmt=item.fmt, name=item.id)
        bitexts = translator.translate_all(document, options.targets)
        files: dict[str, str | bytes] = {}
        terms = dict.fromkeys(("enforced", "corrected", "ambiguous", "missing"), 0)
        engines: dict[str, str] = {}
        for lang, bitext in zip(options.targets, bitexts, strict=True):
            names = outputs_for(item, lang, options)
            summary = report.build([bitext])
            files[names["report"]] = report.to_json(summary)
            if "document" in names:
                files[names["document"]] = (
                    document_bytes(bitext, item.path) if item.path else document_text(bitext)
                )
            if "bitext" in names:
                handle = io.StringIO()
                formats.get(options.bitext_format or "jsonl").write([bitext], handle)
                files[names["bitext"]] = handle.getvalue()
            for status in terms:
                terms[status] += summary["pairs"][0][status]
            engines[lang] = bitext.engine
        return {
            "id": item.id,
            "files": files,
            "terms": terms,
            "sentences": len(document.segments),
            "engines": engines,
        }
    except UserError as err:
        return {"id": item.id, "error": str(err)}
    except Exception as err:  # an engine that crashed: this article fails, the batch goes on
        return {"id": item.id, "error": f"{type(err).__name__}: {err}"}


# -- the run -------------------------------------------------------------------------------


def sha256_file(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def source_hash(item: Item) -> str:
    if item.body is not None:
        return hashlib.sha256(item.body.encode("utf-8")).hexdigest()
    assert item.path is not None
    return sha256_file(item.path)


def glossary_hash(paths: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def read_manifest(path: Path) -> dict[str, dict[str, Any]]:
    """The last record of each article; a torn last line (a killed run) is ignored."""
    records: dict[str, dict[str, Any]] = {}
    if not path.is_file():
        return records
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            records[record["id"]] = record
    return records


def _bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _edited(target: Path, text: str | bytes, written: str | None) -> bool:
    """Whether ``target`` holds something other than what the machine last wrote there
    (an editor's changes): then it is kept, and the new translation goes to a draft.
    A file equal to the new text (a killed run's) is not an edit."""
    if not target.is_file():
        return False
    current = target.read_bytes()
    if current == _bytes(text):
        return False
    return written is None or hashlib.sha256(current).hexdigest() != written


def _inside(folder: Path, rel: str) -> Path:
    target = (folder / rel).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise UserError(_("would be written outside the output folder"), path=rel)
    return target


def run(
    items: Sequence[Item],
    options: Options,
    outdir: str | Path,
    *,
    workers: int = 1,
    progress: Callable[[Summary, int, float], None] | None = None,
    dask: str | None = None,
) -> Summary:
    """Translate every item not already done; write files and the manifest as they come.

    ``dask``: ``local`` (a ``LocalCluster`` of ``workers`` processes) or a scheduler's
    address (``tcp://host:8786``); the articles go to its workers, and this process
    writes every file and the manifest, as in a local run."""
    from translate.atomic import write_atomically

    folder = Path(outdir)
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / MANIFEST
    for stale in folder.rglob(".*.tmp"):  # a killed run's unfinished atomic write
        stale.unlink(missing_ok=True)
    previous = read_manifest(manifest_path)
    signature = options.signature()
    glossary = glossary_hash(options.glossaries)
    summary = Summary()
    todo: list[tuple[Item, str]] = []
    for item in items:
        digest = source_hash(item)
        last = previous.get(item.id)
        if (
            last is not None
            and last.get("status") == "done"
            and last.get("source_sha256") == digest
            and last.get("glossary_sha256") == glossary
            and last.get("options") == signature
            and all((folder / f).is_file() for f in last.get("files", []))
        ):
            summary.skipped += 1
            continue
        todo.append((item, digest))
    started = time.monotonic()
    if progress:
        progress(summary, len(todo), 0.0)
    with open(manifest_path, "a", encoding="utf-8") as manifest:

        def finish(item: Item, digest: str, result: dict[str, Any]) -> None:
            record: dict[str, Any] = {
                "id": item.id,
                "source": item.path or "",
                "source_sha256": digest,
                "glossary_sha256": glossary,
                "options": signature,
            }
            if "error" not in result:
                try:  # an id from a JSONL file may point elsewhere: that article fails
                    targets = {rel: _inside(folder, rel) for rel in result["files"]}
                except UserError as err:
                    result = {"error": str(err)}
            if "error" in result:
                record.update(status="failed", error=result["error"])
                summary.failed += 1
                summary.failures.append((item.id, result["error"]))
            else:
                written = (previous.get(item.id) or {}).get("sha256") or {}
                drafts = []
                for rel, text in sorted(result["files"].items()):
                    target = targets[rel]
                    if _edited(target, text, written.get(rel)):
                        # a person changed what the machine wrote: theirs stays
                        target = target.with_name(target.name + ".draft")
                        drafts.append(rel + ".draft")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    write_atomically(target, text)
                summary.drafts += len(drafts)
                record.update(
                    status="done",
                    files=sorted(result["files"]),
                    sha256={
                        rel: hashlib.sha256(_bytes(text)).hexdigest()
                        for rel, text in result["files"].items()
                        if rel + ".draft" not in drafts
                    },
                    drafts=drafts,
                    engines=result["engines"],
                    terms=result["terms"],
                    sentences=result["sentences"],
                )
                summary.done += 1
                summary.sentences += result["sentences"]
                for status, count in result["terms"].items():
                    summary.terms[status] += count
            manifest.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            manifest.flush()
            os.fsync(manifest.fileno())
            if progress:
                progress(summary, len(todo), time.monotonic() - started)

        if dask:
            _in_dask(todo, options, dask, workers, finish)
        elif workers <= 1 or len(todo) <= 1:
            _start_worker(options)
            for item, digest in todo:
                finish(item, digest, translate_item(item))
        else:
            _in_pool(todo, options, workers, finish)
    return summary


def _in_pool(
    todo: list[tuple[Item, str]],
    options: Options,
    workers: int,
    finish: Callable[[Item, str, dict[str, Any]], None],
) -> None:
    """Keep every worker busy, at most two articles ahead each, results in any order."""
    pending: dict[Future[dict[str, Any]], tuple[Item, str]] = {}
    queue = iter(todo)
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(options,)) as pool:
        try:
            for item, digest in queue:
                pending[pool.submit(translate_item, item)] = (item, digest)
                if len(pending) >= 2 * workers:
                    break
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    item, digest = pending.pop(future)
                    finish(item, digest, future.result())
                    nxt = next(queue, None)
                    if nxt is not None:
                        pending[pool.submit(translate_item, nxt[0])] = nxt
        except BaseException:
            for future in pending:
                future.cancel()
            raise


def _dask_translate(item: Item, options: Options) -> dict[str, Any]:
    """One article on a Dask worker; the Translator is built once per worker process
    (kept in this module's globals there) and again only for other options."""
    if _WORKER.get("options") != options:
        _start_worker(options)
    return translate_item(item)


def _in_dask(
    todo: list[tuple[Item, str]],
    options: Options,
    address: str,
    workers: int,
    finish: Callable[[Item, str, dict[str, Any]], None],
) -> None:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise UserError(
            _("--dask needs the distributed package"),
            hint=_("pip install 'dragoman[dask]' (or dask[distributed])"),
        ) from None
    cluster = None
    if address == "local":
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        try:
            client = Client(address, timeout=10)
        except OSError as err:
            raise UserError(
                _("cannot reach the Dask scheduler {address}: {reason}").format(
                    address=address, reason=err
                )
            ) from None
    try:
        jobs = {
            client.submit(_dask_translate, item, options, pure=False, key=f"dragoman-{n}"): (
                item,
                digest,
            )
            for n, (item, digest) in enumerate(todo)
        }
        for future in as_completed(jobs):
            item, digest = jobs[future]
            finish(item, digest, future.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def plain_progress(stream: TextIO = sys.stderr) -> Callable[[Summary, int, float], None]:
    """One line per finished article, for logs (not a terminal)."""

    def show(summary: Summary, total: int, elapsed: float) -> None:
        count = summary.done + summary.failed
        if not total or not count:
            return
        rate = summary.sentences / elapsed if elapsed else 0.0
        left = (total - count) * elapsed / count
        stream.write(
            _(
                "batch: {count}/{total} articles, {sentences} sentences, "
                "{rate:.1f} sentences/s, ETA {eta}"
            ).format(
                count=count,
                total=total,
                sentences=summary.sentences,
                rate=rate,
                eta=time.strftime("%H:%M:%S", time.gmtime(left)),
            )
            + "\n"
        )
        stream.flush()

    return show


def bar_progress() -> Callable[[Summary, int, float], None]:
    """A tqdm bar on a terminal: articles, sentences per second, ETA."""
    from tqdm import tqdm

    bar: dict[str, Any] = {}

    def show(summary: Summary, total: int, elapsed: float) -> None:
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True)
        count = summary.done + summary.failed
        tq = bar["bar"]
        tq.update(count - tq.n)
        rate = summary.sentences / elapsed if elapsed else 0.0
        tq.set_postfix(sentences=summary.sentences, per_s=f"{rate:.1f}", failed=summary.failed)
        if count >= total:
            tq.close()

    return show
