"""The desk server (``translate serve``) as its clients see it: the real console script
serving on loopback, LibreTranslate's own Python client, curl commands in the shapes of
LibreTranslate's API documentation, and Apertium en-es with glossaries/caucasus.yaml
as the server's default glossary."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, argos_home

CAUCASUS = str(ROOT / "glossaries" / "caucasus.yaml")
SENTENCE = "Amir-Abdollahian arrived in Baku on Monday."


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Served:
    """A running ``translate serve`` and how to talk to it."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 120,
    ) -> tuple[int, dict[str, str], bytes]:
        req = urllib.request.Request(
            self.url + path, data=body, method=method, headers=headers or {}
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read()

    def post_json(self, path: str, payload: Any, **extra: Any) -> tuple[int, Any]:
        status, _, body = self.request(
            "POST",
            path,
            json.dumps(payload).encode("utf-8"),
            {"Content-Type": "application/json", **extra.get("headers", {})},
        )
        return status, json.loads(body)

    def get_json(self, path: str) -> tuple[int, Any]:
        status, _, body = self.request("GET", path)
        return status, json.loads(body)


@contextmanager
def serve(
    tmp: Path, *flags: str, ready_path: str = "/languages", before: Sequence[str] = ()
) -> Iterator[Served]:
    """``translate serve`` on a free loopback port, stopped with SIGTERM at the end
    (``before``: options of ``translate`` itself, such as ``--ui-lang``)."""
    port = free_port()
    log = tmp / f"server-{port}.log"
    exe = Path(sys.executable).with_name("translate")
    (tmp / "tmp").mkdir(exist_ok=True)
    env = {**os.environ, **argos_home(tmp / "argos"), "PYTHONUNBUFFERED": "1"}
    env["TMPDIR"] = str(tmp / "tmp")  # the translated files' folder, removed on exit
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(exe), *before, "serve", "--port", str(port), *flags],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=tmp,
            env=env,
        )
    served = Served(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise AssertionError(f"the server exited: {log.read_text()}")
            try:
                urllib.request.urlopen(served.url + ready_path, timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise AssertionError(f"the server did not start: {log.read_text()}") from None
                time.sleep(0.2)
        yield served
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("serve")
    with serve(tmp, "--engine", "apertium", "--glossary", CAUCASUS) as served:
        yield served


def one_line_error(body: bytes) -> str:
    """The error of LibreTranslate's shape: one line, never a traceback."""
    data = json.loads(body)
    assert list(data) == ["error"]
    message = data["error"]
    assert "\n" not in message and "Traceback" not in message
    assert message.strip()
    return str(message)


# -- LibreTranslate's clients ----------------------------------------------------------------


def test_libretranslatepy_translates_with_the_default_glossary_enforced(
    apertium_eng_spa: None, server: Served
) -> None:
    from libretranslatepy import LibreTranslateAPI

    client = LibreTranslateAPI(server.url)
    translated = client.translate(SENTENCE, "en", "es")
    # the glossary's Spanish forms, which Apertium alone does not give
    assert "Amir Abdolahian" in translated
    assert "Bakú" in translated
    languages = {entry["code"]: entry for entry in client.languages()}
    assert languages["en"]["name"] == "English"
    assert "es" in languages["en"]["targets"]
    assert languages["es"]["name"] == "Spanish"


def test_curl_translate_as_in_libretranslate_docs(apertium_eng_spa: None, server: Served) -> None:
    # The API documentation's examples: a JSON body, and the form the docs' "try it" sends.
    as_json = subprocess.run(
        [
            "curl", "-s", "-X", "POST", f"{server.url}/translate",
            "-H", "Content-Type: application/json",
            "-d", json.dumps({"q": "Talks in Tbilisi.", "source": "en", "target": "es", "format": "text", "api_key": ""}),
        ],
        capture_output=True, check=True,
    )  # fmt: skip
    data = json.loads(as_json.stdout)
    assert data["translatedText"] == "Charlas en Tiflis."
    assert data["review"] is False
    assert data["terms"] == [
        {
            "segment": 0,
            "id": "tbilisi",
            "type": "place",
            "source": "Tbilisi",
            "target": "Tiflis",
            "status": "enforced",
        }
    ]
    as_form = subprocess.run(
        [
            "curl", "-s", "-X", "POST", f"{server.url}/translate",
            "-H", "accept: application/json",
            "-H", "Content-Type: application/x-www-form-urlencoded",
            "-d", "q=Talks%20in%20Tbilisi.&source=en&target=es&format=text&api_key=",
        ],
        capture_output=True, check=True,
    )  # fmt: skip
    assert json.loads(as_form.stdout)["translatedText"] == "Charlas en Tiflis."
    languages = subprocess.run(
        ["curl", "-s", f"{server.url}/languages", "-H", "accept: application/json"],
        capture_output=True, check=True,
    )  # fmt: skip
    assert {"code", "name", "targets"} <= set(json.loads(languages.stdout)[0])


def test_detect_and_source_auto(apertium_eng_spa: None, server: Served) -> None:
    from libretranslatepy import LibreTranslateAPI

    # LibreTranslate's documented /detect request, with a language this server has
    detected = subprocess.run(
        [
            "curl", "-s", "-X", "POST", f"{server.url}/detect",
            "-H", "Content-Type: application/json",
            "-d", json.dumps({"q": "Las conversaciones en Tiflis terminaron el lunes."}),
        ],
        capture_output=True, check=True,
    )  # fmt: skip
    ranked = json.loads(detected.stdout)
    assert ranked[0]["language"] == "es" and ranked[0]["confidence"] > 90
    client = LibreTranslateAPI(server.url)
    assert client.detect("The talks in Tbilisi ended on Monday.")[0]["language"] == "en"
    assert client.translate("Talks in Tbilisi ended on Monday.", "auto", "es").startswith(
        "Las charlas en Tiflis"
    )
    status, data = server.post_json(
        "/translate",
        {"q": ["Talks in Tbilisi ended on Monday.", "Baku"], "source": "auto", "target": "es"},
    )
    assert status == 200, data
    assert [d["language"] for d in data["detectedLanguage"]] == ["en", "en"]
    assert data["translatedText"][1] == "Bakú"


def test_curl_translate_file_and_download(
    apertium_eng_spa: None, server: Served, tmp_path: Path
) -> None:
    story = tmp_path / "story.md"
    story.write_text(
        "# Talks in Baku\n\nThe minister arrived in *Tbilisi* on Monday.\n", encoding="utf-8"
    )
    done = subprocess.run(
        [
            "curl", "-s", "-X", "POST", f"{server.url}/translate_file",
            "-H", "accept: application/json",
            "-F", f"file=@{story}", "-F", "source=en", "-F", "target=es",
        ],
        capture_output=True, check=True,
    )  # fmt: skip
    url = json.loads(done.stdout)["translatedFileUrl"]
    assert url.startswith(server.url + "/download_file/")
    got = tmp_path / "got.md"
    fetched = subprocess.run(
        ["curl", "-s", "-f", "-o", str(got), "-D", "-", url], capture_output=True, check=True
    )
    assert b'filename="story.es.md"' in fetched.stdout
    text = got.read_text(encoding="utf-8")
    assert text.startswith("# ") and "Bakú" in text
    assert "*Tiflis*" in text  # Markdown kept around the enforced name


def test_word_document_round_trip(apertium_eng_spa: None, server: Served) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("The foreign minister arrived in Baku.")
    document.add_paragraph("Talks in Tbilisi ended.")
    buffer = io.BytesIO()
    document.save(buffer)
    boundary = "dragomanboundary"
    body = b"".join(
        [
            f'--{boundary}\r\nContent-Disposition: form-data; name="source"\r\n\r\nen\r\n'.encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="target"\r\n\r\nes\r\n'.encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.docx"\r\n'
            "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            "\r\n\r\n".encode(),
            buffer.getvalue(),
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )
    status, _, answer = server.request(
        "POST",
        "/translate_file",
        body,
        {"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert status == 200, answer
    data = json.loads(answer)
    assert {t["target"] for t in data["terms"]} == {"Bakú", "Tiflis"}
    path = "/" + data["translatedFileUrl"].split("/", 3)[3]
    status, _, translated = server.request("GET", path)
    assert status == 200
    paragraphs = [p.text for p in docx.Document(io.BytesIO(translated)).paragraphs]
    assert "Bakú" in paragraphs[0] and "Tiflis" in paragraphs[1]


# -- Dragoman's additions ----------------------------------------------------------------------


def test_a_list_with_named_glossaries_and_inline_entries(
    apertium_eng_spa: None, server: Served
) -> None:
    status, data = server.post_json(
        "/translate",
        {
            "q": ["Talks in Tbilisi.", "The minister met Lavrov."],
            "source": "en",
            "target": "es",
            "glossary": ["caucasus"],
            "glossary_entries": [["minister", "ministra"]],
        },
    )
    assert status == 200, data
    assert data["translatedText"][0] == "Charlas en Tiflis."
    assert "ministra" in data["translatedText"][1]
    assert [[t["source"] for t in terms] for terms in data["terms"]] == [
        ["Tbilisi"],
        ["minister", "Lavrov"],
    ]
    assert data["review"] == [False, False]
    # the list goes to the engine in one pass, and each text comes back as it would alone
    for i, text in enumerate(["Talks in Tbilisi.", "The minister met Lavrov."]):
        status, alone = server.post_json(
            "/translate",
            {
                "q": text,
                "source": "en",
                "target": "es",
                "glossary": "caucasus",
                "glossary_entries": {"minister": "ministra"},
            },
        )
        assert alone["translatedText"] == data["translatedText"][i]
        assert alone["terms"] == data["terms"][i]


def test_html_keeps_its_markup(apertium_eng_spa: None, server: Served) -> None:
    status, data = server.post_json(
        "/translate",
        {
            "q": "<p>Talks in <b>Baku</b> ended.</p>",
            "source": "en",
            "target": "es",
            "format": "html",
        },
    )
    assert status == 200, data
    assert data["translatedText"].startswith("<p>") and "<b>Bakú</b>" in data["translatedText"]


def test_glossaries_endpoint_and_frontend_settings(server: Served) -> None:
    status, data = server.get_json("/v1/glossaries")
    assert status == 200
    assert "caucasus" in data["glossaries"] and data["default"] == ["caucasus"]
    status, settings_ = server.get_json("/frontend/settings")
    assert status == 200
    assert settings_["language"]["source"] == {"code": "en", "name": "English"}
    assert ".docx" in settings_["supportedFilesFormat"]
    assert settings_["apiKeys"] is False and settings_["charLimit"] == 20000


def test_article_answers_the_cms_hooks_schema(apertium_eng_spa: None, server: Served) -> None:
    import jsonschema

    from translate.editorial.cms import OUTPUT_SCHEMA

    payload = {
        "id": "baku-1",
        "language": "en",
        "headline": "Amir-Abdollahian in Baku",
        "body": "<p>Talks in <b>Tbilisi</b> resumed.</p>",
        "targets": ["es"],
        "glossaries": ["caucasus"],
    }
    status, data = server.post_json("/v1/article", payload)
    assert status == 200, data
    jsonschema.validate(data, json.loads(OUTPUT_SCHEMA.read_text(encoding="utf-8")))
    spanish = data["translations"]["es"]
    assert spanish["headline"] == "Amir Abdolahian en Bakú"
    assert "<b>Tiflis</b>" in spanish["body"]
    # the same article through `translate hook` gives the same translation
    hook = subprocess.run(
        [str(Path(sys.executable).with_name("translate")), "hook", "--engine", "apertium"],
        input=json.dumps(payload).encode(),
        capture_output=True,
        check=True,
    )
    assert json.loads(hook.stdout)["translations"]["es"]["body"] == spanish["body"]


def test_article_glossaries_are_names_never_server_paths(server: Served) -> None:
    status, data = server.post_json(
        "/v1/article",
        {
            "id": "x",
            "language": "en",
            "body": "Hi",
            "targets": ["es"],
            "glossaries": ["/etc/passwd"],
        },
    )
    assert status == 400
    assert "no glossary '/etc/passwd' on this server" in data["error"]


def test_check_finds_the_wrong_name(apertium_eng_spa: None, server: Served) -> None:
    status, data = server.post_json(
        "/v1/check",
        {
            "source": "Talks in Tbilisi ended.",
            "translation": "Las conversaciones en Tbilisi terminaron.",
            "source_lang": "en",
            "target_lang": "es",
        },
    )
    assert status == 200, data
    assert data["ok"] is False
    assert data["checks"][0]["counts"]["missing"] == 1
    status, data = server.post_json(
        "/v1/check",
        {
            "source": "Talks in Tbilisi ended.",
            "translation": "Las conversaciones en Tiflis terminaron.",
            "source_lang": "en",
            "target_lang": "es",
        },
    )
    assert data["ok"] is True


# -- bad input: one line, a 4xx, and the server goes on ------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (b'{"source": "en", "target": "es"}', "application/json", "missing q parameter"),
        (b'{"q": "Hi", "target": "es"}', "application/json", "missing source parameter"),
        (b'{"q": "Hi", "source": "en", "target": "zz-bogus"}', "application/json", "zz-bogus"),
        (b'{"q": "Hi", "source": "en", "target": "en"}', "application/json", "same language"),
        (b'{"q": "Las conversaciones en Tiflis terminaron.", "source": "auto", "target": "es"}', "application/json", "same language (es)"),
        (b'{"q": "Hi", "source": "en", "target": "es", "format": "pdf"}', "application/json", "format 'pdf' is not supported"),
        (b'{"q": "Hi", "source": "en", "target": "es", "format": ["html"]}', "application/json", "is not supported"),
        (b'{"q": "Hi", "source": "en", "target": "es", "glossary": "nope"}', "application/json", "no glossary 'nope'"),
        (b'{"q": "Hi", "source": "en", "target": "es", "glossary_entries": [["a"]]}', "application/json", "glossary_entries[0]"),
        (b'{"q": [1, 2], "source": "en", "target": "es"}', "application/json", "missing q parameter"),
        (b'{"q": "Hi",', "application/json", "invalid JSON at line 1"),
        (b"[1, 2]", "application/json", "Invalid JSON format"),
        (b"[" * 5000 + b"]" * 5000, "application/json", "nested deeper than 32 levels"),
        (b'{"q": "Hi", "n": ' + b"9" * 5000 + b"}", "application/json", "digits"),
        (b'{"q": NaN}', "application/json", "NaN is not JSON"),
        (b'{"q": "\\ud800"}', "application/json", "lone surrogate"),
        (b"\xff\xfe", "application/json", "not UTF-8"),
        (b"q=Hi&source=en&target=ja", "application/x-www-form-urlencoded", "has no en-ja pair"),
        (b"q=" + b"a" * 20001 + b"&source=en&target=es", "application/x-www-form-urlencoded", "exceeds text limit (20000)"),
    ],
)  # fmt: skip
def test_bad_requests_get_one_line_and_a_400(
    server: Served, body: bytes, content_type: str, expected: str
) -> None:
    status, _, answer = server.request("POST", "/translate", body, {"Content-Type": content_type})
    assert status == 400
    assert expected in one_line_error(answer)
    status, _, _ = server.request("GET", "/languages")
    assert status == 200  # still serving


def test_unknown_routes_and_methods_answer_in_the_error_shape(server: Served) -> None:
    status, _, body = server.request("GET", "/translate")
    assert status == 405 and one_line_error(body)
    status, _, body = server.request("GET", "/download_file/..%2F..%2Fetc%2Fpasswd")
    assert status in (400, 404) and one_line_error(body)
    status, _, body = server.request(
        "POST", "/translate_file", b"q=1", {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 400 and "multipart" in one_line_error(body)  # fmt: skip


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=200))
def test_any_text_gets_a_translation_or_a_400_never_a_500(
    apertium_eng_spa: None, server: Served, text: str
) -> None:
    status, _, body = server.request(
        "POST",
        "/translate",
        json.dumps({"q": text, "source": "en", "target": "es"}).encode(),
        {"Content-Type": "application/json"},
    )
    if status == 200:
        assert isinstance(json.loads(body)["translatedText"], str)
    else:
        assert status == 400, body
        one_line_error(body)


# -- the process ------------------------------------------------------------------------------


def test_sigterm_finishes_the_request_in_flight(apertium_eng_spa: None, tmp_path: Path) -> None:
    article = " ".join(
        ["The foreign minister arrived in Baku on Monday for talks in Tbilisi."] * 60
    )
    with serve(tmp_path, "--engine", "apertium", "--glossary", CAUCASUS) as served:
        result: dict[str, Any] = {}

        def slow_request() -> None:
            result["answer"] = served.post_json(
                "/translate", {"q": article, "source": "en", "target": "es"}
            )

        worker = threading.Thread(target=slow_request)
        worker.start()
        time.sleep(0.5)  # the request is being translated
        served.process.send_signal(signal.SIGTERM)
        worker.join(timeout=120)
        assert served.process.wait(timeout=60) == 0
    status, data = result["answer"]
    assert status == 200
    assert data["translatedText"].count("Bakú") == 60
    log = served.log.read_text()
    assert "Shutting down" in log and "Traceback" not in log
    # the translated files' folder (in the server's TMPDIR) went with it
    assert not list((tmp_path / "tmp").glob("dragoman-files-*"))


def test_a_bad_glossary_stops_serve_before_it_listens(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("concepts: [1, 2\n", encoding="utf-8")
    done = subprocess.run(
        [str(Path(sys.executable).with_name("translate")), "serve", "--glossary", str(bad)],
        capture_output=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "bad.yaml" in lines[0]


@pytest.mark.parametrize(
    ("path", "payload", "expected"),
    [
        ("/v1/article", [1], "must be a JSON object"),
        ("/v1/article", {"id": "a", "language": "en", "targets": ["es"]}, "'body' is a required property"),
        ("/v1/article", {"id": "a", "language": "en", "body": "x", "targets": ["xx-nope"]}, "is not a known language"),
        ("/v1/article", {"id": "a", "language": "en", "body": "x", "targets": ["es"], "glossaries": "caucasus"}, "list of glossary names"),
        ("/v1/check", {"source": "a", "source_lang": "en", "target_lang": "es"}, "$.translation: required"),
        ("/v1/check", {"source": "a", "translation": "b", "source_lang": "en", "target_lang": "es", "glossaries": ["nope"]}, "no glossary 'nope'"),
        ("/v1/check", "text", "must be a JSON object"),
    ],
)  # fmt: skip
def test_bad_article_and_check_requests(
    server: Served, path: str, payload: Any, expected: str
) -> None:
    status, _, body = server.request(
        "POST", path, json.dumps(payload).encode(), {"Content-Type": "application/json"}
    )
    assert status == 400
    assert expected in one_line_error(body)
