"""The desk server's limits and access, each on a server started with its flag: API
keys (403), the rate limit (429), the body size (413), the engine time limit (500;
a real Apertium program stopped with SIGSTOP is killed, not left hanging), CORS (off
unless asked), and several workers serving one files store and one interface language."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from test_server import CAUCASUS, one_line_error, serve
from translate.errors import UserError
from translate.server.limits import RateLimiter

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def test_api_keys_rate_limit_and_body_size(apertium_eng_spa: None, tmp_path: Path) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text("# desk keys\nkey-one\nkey-two  # the CMS\n", encoding="utf-8")
    flags = ("--engine", "apertium", "-g", CAUCASUS, "--api-keys", str(keys))
    flags += ("--req-limit", "3", "--max-body", "4000")
    with serve(tmp_path, *flags) as server:
        status, _, body = server.request("POST", "/translate", b"q=Hi&source=en&target=es", FORM)
        assert status == 403 and "API key is required" in one_line_error(body)
        status, _, body = server.request(
            "POST", "/translate", b"q=Hi&source=en&target=es&api_key=nope", FORM
        )
        assert status == 403 and one_line_error(body) == "Invalid API key"
        for _ in range(3):
            status, _, body = server.request(
                "POST", "/translate", b"q=Baku&source=en&target=es&api_key=key-one", FORM
            )
            assert status == 200 and json.loads(body)["translatedText"] == "Bakú"
        status, _, body = server.request(
            "POST", "/translate", b"q=Baku&source=en&target=es&api_key=key-one", FORM
        )
        assert status == 429 and "3 requests per minute" in one_line_error(body)
        # the limit is per key: another key goes on
        status, data = server.post_json(
            "/translate", {"q": "Baku", "source": "en", "target": "es", "api_key": "key-two"}
        )
        assert status == 200 and data["translatedText"] == "Bakú"
        big = b"q=" + b"a" * 5000 + b"&source=en&target=es&api_key=key-two"
        status, _, body = server.request("POST", "/translate", big, FORM)
        assert status == 413 and "limit is 4000 bytes" in one_line_error(body)

        # a chunked body (no Content-Length) is cut off as it passes the limit; the whole
        # request is sent at once so that the server's answer is not cut by the client
        # still writing after it (which would be a broken pipe, not what is tested)
        import socket

        chunk = b"a" * 1000
        body = b"2\r\nq=\r\n" + (b"3e8\r\n" + chunk + b"\r\n") * 10 + b"0\r\n\r\n"
        head = (
            b"POST /translate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        )
        host, port = server.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=30) as sock:
            sock.sendall(head + body)
            answer = b""
            while part := sock.recv(65536):
                answer += part
        status_line, _, rest = answer.partition(b"\r\n")
        assert status_line.split()[1] == b"413"
        one_line_error(rest.partition(b"\r\n\r\n")[2])
        status, _, body = server.request("GET", "/frontend/settings")
        settings = json.loads(body)
        assert settings["apiKeys"] is True and settings["keyRequired"] is True


def test_cors_is_off_unless_an_origin_is_given(apertium_eng_spa: None, tmp_path: Path) -> None:
    preflight = {
        "Origin": "https://cms.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    with serve(tmp_path, "--engine", "apertium") as server:
        _, headers, _ = server.request(
            "GET", "/languages", headers={"Origin": "https://cms.example"}
        )
        assert "access-control-allow-origin" not in {k.lower() for k in headers}
        status, _, _ = server.request("OPTIONS", "/translate", headers=preflight)
        assert status == 405
    with serve(tmp_path, "--engine", "apertium", "--cors-origin", "https://cms.example") as server:
        status, headers, _ = server.request("OPTIONS", "/translate", headers=preflight)
        lowered = {k.lower(): v for k, v in headers.items()}
        assert status == 200
        assert lowered["access-control-allow-origin"] == "https://cms.example"
        _, headers, _ = server.request(
            "GET", "/languages", headers={"Origin": "https://evil.example"}
        )
        assert "access-control-allow-origin" not in {k.lower() for k in headers}


def test_an_engine_past_the_time_limit_is_a_500_and_the_server_goes_on(
    apertium_eng_spa: None, tmp_path: Path
) -> None:
    article = " ".join(["The foreign minister arrived in Baku on Monday for talks."] * 150)
    # the engine's own timeout is longer: the request's limit is what answers here
    (tmp_path / "dragoman.toml").write_text("engine_timeout = 60\n", encoding="utf-8")
    with serve(tmp_path, "--engine", "apertium", "--timeout", "0.05") as server:
        status, data = server.post_json(
            "/translate", {"q": article, "source": "en", "target": "es"}
        )
        assert status == 500
        assert "within 0.05 s" in data["error"]
        status, _, _ = server.request("GET", "/languages")
        assert status == 200


def _children(pid: int) -> list[tuple[int, str]]:
    """The processes whose parent is ``pid``, with their program names."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid and argv and argv[0]:
            out.append((int(entry.name), os.path.basename(argv[0].decode())))
    return sorted(out)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("configured", [None, 1.0])
def test_a_hung_apertium_is_stopped_and_the_request_gets_a_500(
    apertium_eng_spa: None, tmp_path: Path, configured: float | None
) -> None:
    """A program of the worker's long-lived Apertium pipeline is sent SIGSTOP: the
    request is answered 500 with one line, the stopped program is killed (by the
    engine's timeout: ``--timeout`` when nothing else is set, else ``engine_timeout`` of
    dragoman.toml), and the next request gets a new pipeline and its translation."""
    if configured is not None:
        (tmp_path / "dragoman.toml").write_text(
            f"engine_timeout = {configured}\n", encoding="utf-8"
        )
    payload = {"q": "Good dog.", "source": "en", "target": "es"}
    limit = "2" if configured is None else "20"
    with serve(tmp_path, "--engine", "apertium", "--timeout", limit) as server:
        status, data = server.post_json("/translate", payload)
        assert status == 200 and data["translatedText"] == "Perro bueno."
        stages = [pid for pid, name in _children(server.process.pid) if name != "sh"]
        assert len(stages) > 3, _children(server.process.pid)
        stopped = stages[len(stages) // 2]
        os.kill(stopped, signal.SIGSTOP)
        try:
            status, _, body = server.request(
                "POST",
                "/translate",
                json.dumps(payload).encode(),
                {"Content-Type": "application/json"},
            )
            assert status == 500
            message = one_line_error(body)
            if configured is None:  # the request's limit and the engine's are one
                assert "2 s" in message
            else:  # the engine's, shorter, answers first and names itself
                assert "apertium eng-spa gave no answer in 1 s; it was stopped" in message
            deadline = time.monotonic() + 30
            while _alive(stopped) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not _alive(stopped)
        finally:
            if _alive(stopped):
                os.kill(stopped, signal.SIGKILL)
        status, data = server.post_json("/translate", payload)
        assert status == 200 and data["translatedText"] == "Perro bueno."


def test_two_workers_share_the_files_store(apertium_eng_spa: None, tmp_path: Path) -> None:
    story = b"Talks in Tbilisi ended.\n"
    boundary = "b0undary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="source"\r\n\r\nen\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="target"\r\n\r\nes\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        ).encode()
        + story
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    with serve(tmp_path, "--engine", "apertium", "-g", CAUCASUS, "--workers", "2") as server:
        urls = []
        for _ in range(6):
            status, _, answer = server.request("POST", "/translate_file", body, headers)
            assert status == 200, answer
            urls.append(json.loads(answer)["translatedFileUrl"])
        for url in urls:  # whichever worker answers has every file
            status, _, data = server.request("GET", "/" + url.split("/", 3)[3])
            assert status == 200 and b"Tiflis" in data


def test_rate_limiter_window_slides() -> None:
    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert limiter.allow("a") and limiter.allow("a")
    assert not limiter.allow("a")
    assert limiter.allow("b")
    now[0] = 59.0
    assert not limiter.allow("a")
    now[0] = 60.5
    assert limiter.allow("a")
    assert RateLimiter(0).allow("anyone")


def test_an_unexpected_failure_is_a_one_line_500_and_the_server_goes_on(tmp_path: Path) -> None:
    """An error path no real input reaches: a desk whose translation raises (the only
    stand-in of these tests), served by uvicorn in a thread on loopback."""
    import socket
    import threading
    import time
    import urllib.request

    import uvicorn

    from translate.server.app import ServerConfig, create_app
    from translate.server.desk import Desk

    class BrokenDesk(Desk):
        def translate_texts(self, *args: object, **kwargs: object) -> list:  # type: ignore[override]
            raise RuntimeError("boom\nwith a second line and /secret/path")

    app = create_app(ServerConfig(engine="apertium", files_dir=str(tmp_path)), BrokenDesk())
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port}"
        request = urllib.request.Request(
            url + "/translate", data=b"q=Hi&source=en&target=es", headers=FORM
        )
        try:
            urllib.request.urlopen(request, timeout=30)
            raise AssertionError("a failure was answered 200")
        except urllib.error.HTTPError as err:
            assert err.code == 500
            message = one_line_error(err.read())
        assert "internal error (RuntimeError)" in message
        assert "secret" not in message and "boom" not in message
        with urllib.request.urlopen(url + "/v1/glossaries", timeout=30) as response:
            assert response.status == 200
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def _json_values():
    from hypothesis import strategies as st

    scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=30)
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=12,
    )


def test_glossary_entries_from_any_json_are_pairs_or_one_user_error() -> None:
    from hypothesis import given, settings

    from translate.errors import UserError
    from translate.server.desk import inline_glossary, parse_entries

    @settings(max_examples=300, deadline=None)
    @given(value=_json_values())
    def check(value: object) -> None:
        try:
            pairs = parse_entries(value)
        except UserError as err:
            assert "\n" not in str(err)
            return
        for source, target in pairs:
            assert source.strip() == source and target and "\t" not in source + target
        if pairs:
            try:
                glossary = inline_glossary(pairs, "en", "es")
            except UserError as err:
                assert "glossary_entries" in str(err)
                return
            assert len(glossary) <= len(pairs)

    check()


def test_every_worker_speaks_the_ui_language(tmp_path: Path) -> None:
    """``translate --ui-lang es serve --workers 2``: the workers are new processes, and
    each one's review page is in Spanish, as with one worker."""
    with serve(tmp_path, "--workers", "2", before=["--ui-lang", "es"], ready_path="/") as server:
        for _ in range(6):
            status, _, page = server.request("GET", "/")
            assert status == 200
            text = page.decode("utf-8")
            assert '<html lang="es"' in text
            assert "Idioma del artículo" in text
            assert "Language of the article" not in text


def test_server_glossaries_come_from_the_configured_folders_and_stay_inside(
    tmp_path: Path,
) -> None:
    """``glossary_dirs`` of dragoman.toml are the server's glossary folders when no
    ``--glossary-dir`` is given; a link in them that leads outside is not served (the
    CMS hook's rule, :func:`resolve_glossary`), and the first folder with a name wins."""
    from translate.server.app import ServerConfig, make_desk

    outside = tmp_path / "private.yaml"
    outside.write_text("secret: {}\n", encoding="utf-8")
    first, second = tmp_path / "desk", tmp_path / "shared"
    first.mkdir()
    second.mkdir()
    (first / "caucasus.yaml").write_text(Path(CAUCASUS).read_text(), encoding="utf-8")
    (second / "caucasus.yaml").write_text("other: {}\n", encoding="utf-8")
    (second / "people.tsv").write_text("en\tes\nBaku\tBakú\n", encoding="utf-8")
    (second / "leak.yaml").symlink_to(outside)
    desk = make_desk(ServerConfig(glossary_dirs=[str(first), str(second)]))
    assert desk.glossary_names() == ["caucasus", "people"]
    assert desk.glossaries["caucasus"] == (first / "caucasus.yaml").resolve()
    with pytest.raises(UserError, match="no glossary 'leak' on this server"):
        desk.chosen(["leak"])
    only = make_desk(ServerConfig(glossary_dir=str(second), glossary_dirs=[str(first)]))
    assert only.glossary_names() == ["caucasus", "people"]
    assert only.glossaries["caucasus"] == (second / "caucasus.yaml").resolve()
