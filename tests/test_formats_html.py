"""The side-by-side HTML page: self-contained, escaped, rtl where CLDR says so, and
rendered by a real headless Chromium (required in CI, skipped locally when absent)."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from formats_sample import bitext, plain_bitext
from translate import formats

CHROMIUM = Path("/usr/bin/chromium")


def write(bitexts) -> str:
    out = io.StringIO()
    formats.get("html").write(bitexts, out)
    return out.getvalue()


def parse(text: str):
    html = pytest.importorskip("lxml.html")
    return html.document_fromstring(text)


def test_registered():
    assert formats.for_path("review.html").name == "html"
    assert formats.for_path("review.htm").name == "html"


def test_self_contained_and_escaped():
    page = write([bitext("fa"), bitext("es"), plain_bitext()])
    lowered = page.lower()
    for external in ("<script", "<link", "src=", "href=", "@import", "url("):
        assert external not in lowered
    # source text with markup is shown, not interpreted
    assert "&lt;on Sunday&gt;" in page and "<on Sunday>" not in page
    assert "Baku</mark> &amp; <mark" in page
    assert "x &lt; y &amp;&amp; z" in page
    assert "\x0c" not in page  # control characters cannot appear in HTML


def test_columns_marks_and_missing_terms():
    root = parse(write([bitext("fa"), plain_bitext()]))
    fa_cells = root.xpath('//section[@id="b1"]//td[contains(@class, "tgt")]')
    translated = [c for c in fa_cells if "untranslated" not in c.get("class")]
    assert {(c.get("lang"), c.get("dir")) for c in translated} == {("fa", "rtl")}
    code = [c for c in fa_cells if "untranslated" in c.get("class")]
    assert [(c.get("lang"), c.get("dir")) for c in code] == [("en", "ltr")]  # copied code stays ltr
    assert {c.get("dir") for c in root.xpath('//section[@id="b1"]//td[@class="src"]')} == {"ltr"}
    ar = root.xpath('//section[@id="b2"]//td[@class="tgt"]')
    assert {(c.get("lang"), c.get("dir")) for c in ar} == {("ar", "rtl")}
    marks = root.xpath('//section[@id="b1"]//td[@class="tgt"]//mark')
    assert [m.text for m in marks] == ["باکو", "باکو", "باکو", "تفلیس", "علی‌اف"]
    assert marks[0].get("class") == "term term-enforced"
    assert marks[0].get("title") == "baku · enforced · caucasus"
    assert marks[1].get("class") == "term term-corrected"
    missing_row = root.xpath('//tr[contains(@class, "has-missing")]')
    assert len(missing_row) == 1
    assert missing_row[0].xpath('.//mark[@class="term term-missing"]')[0].text == "Araghchi"
    flag = missing_row[0].xpath('.//span[@class="flag-missing"]')[0]
    assert "missing" in flag.text_content() and "عراقچی" in flag.text_content()


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (scripts/setup --test installs it)")
        pytest.skip("chromium not installed: apt-get install chromium")
    return CHROMIUM


def run_chromium(chromium: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    return subprocess.run(
        [
            str(chromium),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )


def png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the decompressed image data of a PNG (enough to tell a blank
    image from a rendered page, without an imaging library)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, zlib.decompress(idat)


def test_renders_in_headless_chromium(chromium, tmp_path):
    page = tmp_path / "review.html"
    page.write_text(write([bitext("fa"), bitext("es"), plain_bitext()]), encoding="utf-8")

    dumped = run_chromium(chromium, tmp_path, "--dump-dom", page.as_uri())
    assert dumped.returncode == 0, dumped.stderr.decode(errors="replace")[-2000:]
    root = parse(dumped.stdout.decode("utf-8"))
    persian = root.xpath('//td[@class="tgt" and @lang="fa"]')
    assert persian and all(td.get("dir") == "rtl" for td in persian)
    assert root.xpath('//td[@class="tgt" and @lang="es"]/@dir') == ["ltr"] * 5
    marks = root.xpath('//mark[contains(@class, "term-")]')
    assert {m.get("class") for m in marks} >= {
        "term term-enforced",
        "term term-corrected",
        "term term-missing",
    }
    assert any(m.text == "باکو" and "enforced" in m.get("title") for m in marks)
    assert root.xpath('//span[@class="flag-missing"]')

    shot = tmp_path / "review.png"
    taken = run_chromium(
        chromium, tmp_path, "--window-size=1280,1600", f"--screenshot={shot}", page.as_uri()
    )
    assert taken.returncode == 0, taken.stderr.decode(errors="replace")[-2000:]
    assert shot.is_file() and shot.stat().st_size > 20_000
    width, height, pixels = png_pixels(shot)
    assert (width, height) == (1280, 1600)
    assert len(set(pixels)) > 50  # text, marks and rules, not a blank page
