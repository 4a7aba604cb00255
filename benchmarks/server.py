"""Desk server benchmark: latency of a warm ``translate serve`` against the raw engine,
and a bounded load test on loopback.

One worker, Apertium en→es, glossaries/caucasus.yaml as the server's default glossary.
Measured, all in one run (the machine is shared and noisy: compare within a run):

* ``article``: a 600-word article (the quality benchmark's English articles, whole
  paragraphs up to 600 words) as one ``POST /translate``, ``--runs`` times: p50 and
  p95, against the raw engine translating the same segments in this process (one
  ``translate_batch`` call, as a client of Apertium alone would pay);
* ``sentence``: one sentence the same way; the server's overhead is its p50 minus the
  raw engine's p50;
* ``blank``: a request whose text is blank, so no engine is called: what HTTP, JSON
  and the hop to a worker thread cost on their own;
* ``in process``: the same texts through a warm :class:`~translate.server.desk.Desk`
  in this process (what a worker does, without HTTP), which splits the overhead into
  Dragoman's extra engine calls and the server's own HTTP and JSON;
* ``load``: ``--clients`` asyncio clients on keep-alive connections sending the
  articles' paragraphs one after the other for ``--duration`` seconds (and at most
  ``--max-requests`` in all): requests per second, p50 and p95, errors, and the
  server's resident memory (VmRSS) at the start and the end.

    python benchmarks/server.py [--runs 20] [--clients 8] [--duration 60]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TRANSLATE = str(Path(sys.executable).with_name("translate"))
GLOSSARY = str(ROOT / "glossaries" / "caucasus.yaml")
SENTENCE = "Foreign minister Amir-Abdollahian arrived in Baku on Monday for talks."


def paragraphs() -> list[str]:
    out = []
    for path in sorted((HERE / "quality").glob("*.en.txt")):
        for para in path.read_text(encoding="utf-8").split("\n\n"):
            text = " ".join(para.split())
            if text:
                out.append(text)
    return out


def article(words: int = 600) -> str:
    """Whole paragraphs until the article has about ``words`` words."""
    chosen: list[str] = []
    count = 0
    for para in paragraphs():
        if count >= words:
            break
        chosen.append(para)
        count += len(para.split())
    return "\n\n".join(chosen)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (the uvicorn worker), in KiB."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for one in pids:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total


def raw_engine_seconds(text: str, runs: int, *, persistent: bool = True) -> list[float]:
    """Apertium alone on the article's segments, in this process: through its warm
    long-lived pipeline (``persistent``, what a server worker holds), or as one
    ``apertium`` script call per batch (the one-shot fallback)."""
    from translate.articles import parse_article
    from translate.document import SourceText
    from translate.engines.apertium import ApertiumEngine

    engine = ApertiumEngine(persistent=persistent)
    document = parse_article(text, "en", "text", "bench")
    texts = [SourceText(s.source) for s in document.segments if s.translatable]
    engine.translate_batch(texts, "en", "es")  # warm the page cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        engine.translate_batch(texts, "en", "es")
        times.append(time.perf_counter() - start)
    return times


def in_process_seconds(text: str, runs: int) -> list[float]:
    """The same request's work without HTTP: the Desk a server worker holds, warm."""
    from translate.editorial.cms import GLOSSARY_DIR
    from translate.server.desk import Desk, server_glossaries

    found, defaults = server_glossaries(GLOSSARY_DIR, [GLOSSARY])
    desk = Desk(engine="apertium", glossaries=found, default_glossaries=defaults)
    desk.translate_texts([text], "en", "es")  # load and calibrate
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        desk.translate_texts([text], "en", "es")
        times.append(time.perf_counter() - start)
    return times


def post(url: str, payload: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    data = json.dumps(payload).encode("utf-8")
    request = urllib.request.Request(
        url + "/translate", data=data, headers={"Content-Type": "application/json"}
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:
        body = json.loads(response.read())
    return time.perf_counter() - start, body


def server_seconds(url: str, text: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        elapsed, body = post(url, {"q": text, "source": "en", "target": "es"})
        assert "translatedText" in body, body
        times.append(elapsed)
    return times


async def one_client(
    host: str, port: int, texts: list[str], stop: float, budget: list[int], out: dict[str, Any]
) -> None:
    """Requests on one keep-alive connection until ``stop`` or the shared budget ends."""
    reader, writer = await asyncio.open_connection(host, port)
    i = 0
    try:
        while time.perf_counter() < stop and budget[0] > 0:
            budget[0] -= 1
            body = json.dumps({"q": texts[i % len(texts)], "source": "en", "target": "es"})
            data = body.encode("utf-8")
            i += 1
            head = (
                f"POST /translate HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(data)}\r\n\r\n"
            ).encode()
            start = time.perf_counter()
            writer.write(head + data)
            await writer.drain()
            status_line = await reader.readline()
            length = 0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            payload = await reader.readexactly(length)
            out["times"].append(time.perf_counter() - start)
            status = int(status_line.split()[1]) if status_line else 0
            if status != 200 or b"translatedText" not in payload:
                out["errors"] += 1
    finally:
        writer.close()


async def load(
    host: str, port: int, clients: int, duration: float, max_requests: int
) -> dict[str, Any]:
    texts = paragraphs()
    out: dict[str, Any] = {"times": [], "errors": 0}
    budget = [max_requests]
    start = time.perf_counter()
    stop = start + duration
    results = await asyncio.gather(
        *(
            one_client(host, port, texts[k::clients] or texts, stop, budget, out)
            for k in range(clients)
        ),
        return_exceptions=True,
    )
    out["elapsed"] = time.perf_counter() - start
    out["client_failures"] = [repr(r) for r in results if isinstance(r, BaseException)]
    return out


def start_server(folder: Path) -> tuple[subprocess.Popen[bytes], str, int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    (folder / "dragoman.toml").write_text(
        f'source_lang = "en"\ntarget_langs = ["es"]\nengine = "apertium"\n'
        f"glossaries = [{json.dumps(GLOSSARY)}]\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [TRANSLATE, "serve", "--port", str(port), "--workers", "1", "--char-limit", "-1"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "server.log", "wb"),  # noqa: SIM115
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(url + "/languages", timeout=5).read()
            return process, url, port
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit((folder / "server.log").read_text()) from None
            time.sleep(0.2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="latency samples (default 20)")
    parser.add_argument("--clients", type=int, default=8, help="load clients (default 8)")
    parser.add_argument("--duration", type=float, default=60.0, help="load seconds (default 60)")
    parser.add_argument("--max-requests", type=int, default=20_000, help="load request cap")
    args = parser.parse_args()

    text = article()
    print(f"# desk server: {platform.machine()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores; article {len(text.split())} words; "
          f"Apertium en→es, {Path(GLOSSARY).name}")  # fmt: skip
    raw_article = raw_engine_seconds(text, args.runs)
    raw_sentence = raw_engine_seconds(SENTENCE, args.runs)
    oneshot_article = raw_engine_seconds(text, args.runs, persistent=False)
    oneshot_sentence = raw_engine_seconds(SENTENCE, args.runs, persistent=False)
    desk_article = in_process_seconds(text, args.runs)
    desk_sentence = in_process_seconds(SENTENCE, args.runs)
    with tempfile.TemporaryDirectory(prefix="dragoman-bench-server-") as folder:
        process, url, port = start_server(Path(folder))
        try:
            server_seconds(url, text, 2)  # warm: first request after start-up
            served_article = server_seconds(url, text, args.runs)
            served_sentence = server_seconds(url, SENTENCE, args.runs)
            served_blank = server_seconds(url, " ", args.runs * 5)
            rss_start = rss_kib(process.pid)
            result = asyncio.run(
                load("127.0.0.1", port, args.clients, args.duration, args.max_requests)
            )
            rss_end = rss_kib(process.pid)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=120)

    def ms(values: list[float], q: float) -> float:
        return percentile(values, q) * 1000

    def row(name: str, values: list[float], note: str = "") -> None:
        print(f"| {name} | {ms(values, 0.5):.0f} | {ms(values, 0.95):.0f} | {note} |")

    print()
    print("| measure | p50 ms | p95 ms | ratio / overhead |")
    print("| --- | --- | --- | --- |")
    ratio = percentile(served_article, 0.5) / percentile(raw_article, 0.5)
    ratio1 = percentile(served_article, 0.5) / percentile(oneshot_article, 0.5)
    overhead = ms(served_sentence, 0.5) - ms(raw_sentence, 0.5)
    overhead1 = ms(served_sentence, 0.5) - ms(oneshot_sentence, 0.5)
    row("raw Apertium, long-lived pipeline, 600-word article", raw_article)
    row("raw Apertium, one-shot `apertium` script, 600-word article", oneshot_article)
    row("Dragoman in process, 600-word article", desk_article)
    row(
        "server, 600-word article",
        served_article,
        f"{ratio:.2f}× long-lived p50; {ratio1:.2f}× one-shot p50",
    )
    row("raw Apertium, long-lived pipeline, one sentence", raw_sentence)
    row("raw Apertium, one-shot `apertium` script, one sentence", oneshot_sentence)
    row("Dragoman in process, one sentence", desk_sentence)
    row(
        "server, one sentence",
        served_sentence,
        f"{overhead:+.0f} ms over long-lived p50; {overhead1:+.0f} ms over one-shot p50",
    )
    row("server, blank text (no engine call)", served_blank, "HTTP, JSON and a thread")
    times = result["times"]
    print()
    print(f"| load: {args.clients} clients, {result['elapsed']:.0f} s | value |")
    print("| --- | --- |")
    print(f"| requests | {len(times)} |")
    print(f"| throughput | {len(times) / result['elapsed']:.1f} req/s |")
    if times:
        print(f"| latency p50 / p95 | {ms(times, 0.5):.0f} / {ms(times, 0.95):.0f} ms |")
    print(f"| errors | {result['errors']} (+{len(result['client_failures'])} client failures) |")
    print(f"| server RSS start → end | {rss_start / 1024:.0f} → {rss_end / 1024:.0f} MiB |")
    for failure in result["client_failures"][:3]:
        print("client failure:", failure)
    print(f"\nsamples: {args.runs} per latency row")
    return 0


if __name__ == "__main__":
    sys.exit(main())
