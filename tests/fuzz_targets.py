"""Every reader of outside input, as a function of bytes, for the property tests and
``scripts/fuzz``.

The readers are found through the registries (:mod:`translate.registry`): each article
format, each glossary extension, each bitext reader, plus the CMS hook's JSON.  A
target writes the bytes to a file named for its format and reads it the way the CLI
does; the promise under test is that it returns or raises a ``UserError``, whatever the
bytes.  Seeds are small valid files of each format, so that mutations reach past the
first check of a parser.

Crashes found by ``scripts/fuzz`` are kept in ``tests/fuzz_crashes/<target>/`` (file
name: the input's SHA-256) and replayed by ``tests/test_reader_properties.py``.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRASHES = Path(__file__).resolve().parent / "fuzz_crashes"

Target = Callable[[bytes], object]


def _in_file(suffix: str, data: bytes, read: Callable[[Path], object]) -> object:
    with tempfile.TemporaryDirectory(prefix="dragoman-fuzz-") as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        return read(path)


def _article(name: str) -> Target:
    def read(data: bytes) -> object:
        from translate.articles import ARTICLE_FORMATS, load_article

        fmt = ARTICLE_FORMATS.get(name)
        suffix = fmt.extensions[0] if fmt and fmt.extensions else ".txt"
        return _in_file(suffix, data, lambda p: load_article(str(p), "en", fmt=name))

    return read


def _glossary(suffix: str) -> Target:
    def read(data: bytes) -> object:
        from translate.glossary import load_glossary

        return _in_file(
            suffix, data, lambda p: load_glossary(p, source_lang="en", target_lang="es")
        )

    return read


def _bitext(suffix: str) -> Target:
    def read(data: bytes) -> object:
        from translate.formats.readers import read as read_bitext

        return _in_file(suffix, data, read_bitext)

    return read


def _cms_json(data: bytes) -> object:
    from translate.editorial.cms import read_payload, validate_input

    payload = read_payload(data, "stdin")
    validate_input(payload, "stdin")
    return payload


@cache
def targets() -> dict[str, tuple[str, Target]]:
    """Target name -> (family, reader of bytes), one per format in the registries."""
    from translate.articles import ARTICLE_FORMATS
    from translate.formats.readers import READERS
    from translate.glossary import GLOSSARY_FORMATS

    found: dict[str, tuple[str, Target]] = {}
    for name in ARTICLE_FORMATS.names():
        found[f"article-{name}"] = ("article", _article(name))
    for suffix in GLOSSARY_FORMATS.extensions():
        found[f"glossary-{suffix[1:]}"] = ("glossary", _glossary(suffix))
    for suffix in READERS.extensions():
        found[f"bitext-{suffix[1:]}"] = ("bitext", _bitext(suffix))
    found["json-cms"] = ("json", _cms_json)
    return found


# -- seeds ------------------------------------------------------------------------------

_GLOSSARY_YAML = """\
glossary:
  name: fuzz
entries:
  - id: baku
    type: place
    terms:
      en: Baku
      es: {preferred: Bakú, admitted: [Baku]}
  - id: aliyev
    type: person
    terms:
      en: {preferred: Ilham Aliyev, forms: [Aliyev]}
      es: Ilham Aliyev
"""


@cache
def seeds(target: str) -> tuple[bytes, ...]:
    """Small valid inputs for ``target`` (empty where none can be made here)."""
    family, _ = targets()[target]
    kind = target.split("-", 1)[1]
    try:
        return tuple(_seeds(family, kind))
    except Exception:  # noqa: BLE001 - a seed that cannot be made is simply not used
        return ()


def _seeds(family: str, kind: str) -> list[bytes]:
    if family == "article":
        return _article_seeds(kind)
    if family == "glossary":
        return _glossary_seeds(kind)
    if family == "bitext":
        return _bitext_seeds(kind)
    payload = {
        "id": "a-1",
        "language": "en",
        "headline": "Talks in Baku",
        "body": "<p>Aliyev met <b>Araghchi</b>.</p>",
        "body_format": "html",
        "targets": ["es"],
        "meta": {"desk": "world"},
    }
    return [json.dumps(payload).encode()]


def _article_seeds(kind: str) -> list[bytes]:
    text = (ROOT / "examples" / "baku-talks.en.txt").read_bytes()[:1500]
    if kind == "text":
        return [text]
    if kind == "markdown":
        return [(ROOT / "examples" / "caspian-summit.en.md").read_bytes()[:1500]]
    if kind == "html":
        return [b"<h1>Talks</h1><p>Aliyev met <b>Araghchi</b> in <a href='x'>Baku</a>.</p>"]
    if kind == "docx":
        import docx

        document = docx.Document()
        document.add_paragraph("Aliyev met ").add_run("Araghchi").bold = True
        out = io.BytesIO()
        document.save(out)
        return [out.getvalue()]
    if kind == "odt":
        from odf.opendocument import OpenDocumentText
        from odf.text import P

        document = OpenDocumentText()
        document.text.addElement(P(text="Aliyev met Araghchi in Baku."))
        out = io.BytesIO()
        document.write(out)
        return [out.getvalue()]
    return []


def _glossary_seeds(kind: str) -> list[bytes]:
    if kind in ("yaml", "yml"):
        return [_GLOSSARY_YAML.encode()]
    from translate.glossary import load_glossary, save_glossary

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "g.yaml"
        source.write_text(_GLOSSARY_YAML, encoding="utf-8")
        glossary = load_glossary(source)
        out = Path(folder) / f"g.{kind}"
        save_glossary(glossary, out, ["en", "es"])
        return [out.read_bytes()]


def _bitext_seeds(kind: str) -> list[bytes]:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import formats_sample
    from translate.formats.readers import READERS

    fmt = READERS.for_path(f"x.{kind}")
    assert fmt is not None
    out = io.StringIO()
    fmt.write([formats_sample.bitext("es")], out)  # type: ignore[attr-defined]
    return [out.getvalue().encode("utf-8")]


def crashes(target: str) -> list[Path]:
    """The inputs ``scripts/fuzz`` found crashing ``target``, kept for replay."""
    folder = CRASHES / target
    return sorted(folder.iterdir()) if folder.is_dir() else []


# -- inputs -----------------------------------------------------------------------------


def _nested(depth: int, kind: str) -> bytes:
    """Input nested ``depth`` deep: what makes a recursive parser overflow its stack."""
    if kind == "xml":
        return b'<?xml version="1.0"?>' + b"<a>" * depth + b"</a>" * depth
    if kind == "yaml":
        return b"glossary:\n  name: x\nentries: " + b"[" * depth + b"]" * depth + b"\n"
    return b'{"a": ' + b"[" * depth + b"]" * depth + b"}"


def strategy(target: str, *, hostile: bool = False):  # noqa: ANN201 - a hypothesis strategy
    """Bytes for ``target``: random ones, and its seeds with a few bytes changed;
    ``hostile`` (``scripts/fuzz``) adds input nested thousands deep."""
    from hypothesis import strategies as st

    known = seeds(target)

    @st.composite
    def mutated(draw):  # noqa: ANN001, ANN202
        data = bytearray(draw(st.sampled_from(known)))
        for _ in range(draw(st.integers(1, 6))):
            where = draw(st.integers(0, len(data)))
            how = draw(st.sampled_from(("replace", "insert", "delete", "repeat")))
            if how == "replace" and where < len(data):
                data[where] = draw(st.integers(0, 255))
            elif how == "insert":
                data[where:where] = draw(st.binary(min_size=1, max_size=16))
            elif how == "delete":
                del data[where : where + draw(st.integers(1, 64))]
            else:
                data[where:where] = data[where : where + draw(st.integers(1, 64))] * 8
        return bytes(data)

    special = st.sampled_from(
        [
            b"",
            b"\xef\xbb\xbf",
            b"\xff\xfe\x00",
            b"\x00" * 64,
            "\ud800".encode("utf-8", "surrogatepass"),
        ]
    )
    parts = [st.binary(max_size=256), special, st.text(max_size=200).map(str.encode)]
    if known:
        parts.append(mutated())
    if hostile:
        parts.append(
            st.builds(_nested, st.integers(500, 100_000), st.sampled_from(("xml", "yaml", "json")))
        )
    return st.one_of(*parts)


def check(target: str, data: bytes) -> None:
    """Read ``data`` with ``target``: a UserError is a fine answer, anything else is not."""
    from translate.errors import UserError

    _, read = targets()[target]
    try:
        read(data)
    except UserError:
        pass


# -- scripts/fuzz -------------------------------------------------------------------------


def _probe(name: str, failing: list, seed: int) -> Callable[[], None]:
    """One hypothesis run over ``name``; what crashed is appended to ``failing``."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    @hypothesis_seed(seed)
    @settings(
        max_examples=100,
        deadline=None,
        database=None,
        phases=(Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy(name, hostile=True))
    def probe(data: bytes) -> None:
        try:
            check(name, data)
        except Exception as crash:
            failing.append((data, crash))
            raise

    return probe


def _signature(err: BaseException) -> str:
    """A crash's kind: the exception and the line it was raised at."""
    import traceback

    frames = traceback.extract_tb(err.__traceback__)
    where = f" {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"{type(err).__name__}{where}"


def _replay(name: str) -> list[BaseException]:
    """What the crashes kept for ``name`` raise today (the fixed ones raise nothing)."""
    found = []
    for path in crashes(name):
        try:
            check(name, path.read_bytes())
        except Exception as err:  # noqa: BLE001
            found.append(err)
    return found


def main(argv: list[str] | None = None) -> int:
    """Fuzz the readers for a few minutes; save each new crash for the tests to replay."""
    import argparse
    import hashlib
    import random
    import time

    parser = argparse.ArgumentParser(prog="scripts/fuzz", description=main.__doc__)
    parser.add_argument("--minutes", type=float, default=3.0, help="time for all targets")
    parser.add_argument(
        "--family",
        action="append",
        choices=("article", "glossary", "bitext", "json"),
        help="only these families (repeatable; default all)",
    )
    parser.add_argument("--target", action="append", help="only these targets, e.g. glossary-yaml")
    parser.add_argument("--list", action="store_true", help="list the targets and exit")
    args = parser.parse_args(argv)

    chosen = [
        name
        for name, (family, _) in targets().items()
        if (not args.family or family in args.family) and (not args.target or name in args.target)
    ]
    if args.list or not chosen:
        print("\n".join(targets()))
        return 0 if chosen or args.list else 2
    budget = args.minutes * 60 / len(chosen)
    found = 0
    for name in chosen:
        signatures = {_signature(err) for err in _replay(name)}  # crashes already kept
        runs = examples = 0
        end = time.monotonic() + budget
        while time.monotonic() < end:
            runs += 1
            failing: list[tuple[bytes, BaseException]] = []
            probe = _probe(name, failing, random.getrandbits(64))
            try:
                probe()
                examples += 100
            except Exception:  # noqa: BLE001 - the crash is what we look for
                if not failing:
                    raise
                data, err = failing[-1]  # the last one hypothesis ran: the shrunk input
                signature = _signature(err)
                if signature in signatures:
                    continue
                signatures.add(signature)
                folder = CRASHES / name
                folder.mkdir(parents=True, exist_ok=True)
                path = folder / f"{hashlib.sha256(data).hexdigest()[:16]}.bin"
                path.write_bytes(data)
                found += 1
                print(f"{name}: {signature}: {type(err).__name__}: {str(err)[:120]!r} -> {path}")
        print(f"{name}: {runs} runs, {examples}+ inputs, {len(signatures)} kind(s) of crash")
    print(f"fuzz: {found} new crash(es) saved under {CRASHES}" if found else "fuzz: no crash found")
    return 1 if found else 0


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    sys.exit(main())
