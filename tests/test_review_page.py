"""The editors' review page (``translate serve`` at ``/``), in a real browser.

Debian's headless Chromium driven by its chromedriver through selenium, against the
real ``translate serve`` on loopback: Apertium for Spanish, the tiny Argos model
(relabelled en→fa, so it copies what it is not told) for Persian, and the shipped
caucasus glossary beside a hostile one whose targets are markup.  What an editor does:
paste, pick languages and glossaries, translate, read the statuses, edit a sentence and
re-check it, download; all of it once more with the keyboard alone.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SCHEMAS, argos_home, need_schema, run_cli, skip_or_fail
from test_argos import FIXTURE, relabel
from test_formats_xliff import build_xliff21_schema

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
HOSTILE_GLOSSARY = """\
glossary:
  name: hostile
  languages: [en, es, fa]
entries:
  - id: zorblax
    type: organisation
    terms:
      en: Zorblax Institute
      es: "<img src=x onerror=\\"window.pwned='glossary'\\">Zorblax"
      fa: "<script>window.pwned='fa'</script>"
  - id: chad
    type: place
    terms:
      en: Chad
      es: Chad
      fa: چاد
"""
ARTICLE = (
    "Chad Ferris met Aliyev in Baku.\n\n"
    "The Zorblax Institute said <script>window.pwned='article'</script> in Tehran.\n"
)
EDITED = "Chad Ferris se reunió con Alíev en la capital."


# -- the server and the browser --------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def review_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``translate serve`` on loopback with Apertium (es), the tiny model as en→fa and
    a glossary folder of caucasus and the hostile glossary; its base URL."""
    if (
        shutil.which("apertium") is None
        or not Path("/usr/share/apertium/modes/eng-spa.mode").exists()
    ):
        skip_or_fail("apertium eng-spa not installed: apt-get install apertium apertium-eng-spa")
    home = tmp_path_factory.mktemp("review")
    env = argos_home(home)
    package = relabel(FIXTURE, home / "en_fa.argosmodel", "en", "fa")
    installed = run_cli("models", "install", str(package), env=env)
    assert installed.returncode == 0, installed.stderr.decode()
    glossaries = home / "glossaries"
    glossaries.mkdir()
    shutil.copy(ROOT / "glossaries" / "caucasus.yaml", glossaries)
    (glossaries / "hostile.yaml").write_text(HOSTILE_GLOSSARY, encoding="utf-8")
    with serving(home, "--glossary-dir", str(glossaries), env=env) as base:
        yield base


@contextmanager
def serving(home: Path, *args: str, env: dict[str, str]) -> Iterator[str]:
    """``translate serve ARGS`` on a free loopback port until the block ends (SIGTERM)."""
    port = _free_port()
    exe = Path(sys.executable).with_name("translate")
    log = (home / "server.log").open("wb")
    process = subprocess.Popen(
        [str(exe), "serve", "--port", str(port), *args],
        cwd=home,
        env={**os.environ, "LANGUAGE": "", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            if process.poll() is not None:
                pytest.fail(f"translate serve exited: {(home / 'server.log').read_text()}")
            try:
                with urllib.request.urlopen(base + "/review/settings", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("translate serve did not answer within a minute")
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(review_server: str, downloads: Path) -> Iterator[WebDriver]:
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        skip_or_fail(
            "chromium and its driver are not installed: apt-get install chromium chromium-driver"
        )
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(flag)
    options.add_argument("--window-size=1400,1000")
    options.add_argument("--lang=en")
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    try:
        yield driver
    finally:
        driver.quit()


def wait(driver: WebDriver, condition, timeout: float = 120, message: str = "") -> object:
    return WebDriverWait(driver, timeout).until(condition, message)


def status(driver: WebDriver) -> str:
    return driver.find_element(By.ID, "status").text


def error(driver: WebDriver) -> str:
    return driver.find_element(By.ID, "error").text


def open_page(driver: WebDriver, server: str) -> None:
    driver.get(server + "/")
    wait(driver, lambda d: status(d) == "Ready." or error(d), 60, "the page never got ready")
    assert not error(driver)


def check_box(driver: WebDriver, container: str, label: str) -> None:
    for box in driver.find_elements(By.CSS_SELECTOR, f"#{container} input"):
        text = driver.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']").text
        if text == label and not box.is_selected():
            box.click()


def translate(driver: WebDriver, server: str, article: str = ARTICLE) -> None:
    open_page(driver, server)
    driver.find_element(By.ID, "article-text").send_keys(article)
    check_box(driver, "target-list", "Spanish (es)")
    check_box(driver, "target-list", "Persian (fa)")
    driver.find_element(By.ID, "translate").click()
    wait(driver, lambda d: "Translated into" in status(d) or error(d), 180, "no translation")
    assert not error(driver)


def section(driver: WebDriver, lang: str) -> WebElement:
    return driver.find_element(By.CSS_SELECTOR, f"section.translation[data-lang='{lang}']")


def row(driver: WebDriver, lang: str, segment: int) -> WebElement:
    return driver.find_element(By.ID, f"seg-{lang}-{segment}")


def words(driver: WebDriver, element: WebElement) -> str:
    """The text as written, without the marks' symbols and spoken statuses."""
    return str(
        driver.execute_script(
            "const c = arguments[0].cloneNode(true);"
            "c.querySelectorAll('.sym, .visually-hidden').forEach((n) => n.remove());"
            "return c.textContent;",
            element,
        )
    )


def marks(element: WebElement) -> list[tuple[str, str]]:
    """(words, status) of each term mark; the words without the mark's own symbol and
    spoken status."""
    out = []
    for mark in element.find_elements(By.CSS_SELECTOR, "mark.term"):
        words = mark.get_attribute("textContent")
        spoken = mark.find_element(By.CSS_SELECTOR, ".visually-hidden").get_attribute("textContent")
        symbol = mark.find_element(By.CSS_SELECTOR, ".sym").get_attribute("textContent")
        assert words.endswith(symbol + spoken), words
        out.append((words[: -len(symbol + spoken)], mark.get_attribute("data-status")))
    return out


# -- the page -------------------------------------------------------------------------------------


def test_translate_into_spanish_and_persian_shows_each_terms_status(browser, review_server) -> None:
    translate(browser, review_server)
    assert [
        s.get_attribute("data-lang")
        for s in browser.find_elements(By.CSS_SELECTOR, "section.translation")
    ] == ["es", "fa"]

    es = row(browser, "es", 0)
    source, target = (
        es.find_element(By.CSS_SELECTOR, "td.source"),
        es.find_element(By.CSS_SELECTOR, "td.target"),
    )
    assert marks(source) == [("Chad", "ambiguous"), ("Aliyev", "enforced"), ("Baku", "enforced")]
    # an ambiguous term is not marked in the translation: nobody placed it there
    assert ("Bakú", "enforced") in marks(target) and ("Alíev", "enforced") in marks(target)
    assert all(status != "ambiguous" for _, status in marks(target))
    # the status in words beside the colour: in the terms column and to screen readers
    terms = [li.text for li in es.find_elements(By.CSS_SELECTOR, "td.terms li")]
    assert "✓ Baku → Bakú: enforced" in terms and "? Chad → Chad: ambiguous" in terms

    # the ambiguous name is called out, with a way to it
    review = section(browser, "es").find_element(By.CSS_SELECTOR, "[data-role=review]")
    assert "Segment 1: Chad (ambiguous)" in review.text
    assert (
        section(browser, "es").find_element(By.CSS_SELECTOR, "[data-role=lang-status]").text
        == "needs review"
    )

    # Persian: right to left in its cells, Spanish and English left to right
    fa = row(browser, "fa", 0)
    fa_target = fa.find_element(By.CSS_SELECTOR, "td.target")
    assert (fa_target.get_attribute("lang"), fa_target.get_attribute("dir")) == ("fa", "rtl")
    assert fa_target.value_of_css_property("direction") == "rtl"
    assert ("باکو", "enforced") in marks(fa_target)
    # a Persian name in a left-to-right line is isolated, so the line keeps its order
    fa_terms = [
        li.get_attribute("textContent") for li in fa.find_elements(By.CSS_SELECTOR, "td.terms li")
    ]
    assert "✓ Baku → \u2068باکو\u2069: enforced" in fa_terms
    assert target.get_attribute("dir") == "ltr" and source.get_attribute("dir") == "ltr"
    assert (
        row(browser, "fa", 1)
        .find_element(By.CSS_SELECTOR, "td.target")
        .value_of_css_property("direction")
        == "rtl"
    )


def test_an_edited_sentence_is_checked_again(browser, review_server) -> None:
    translate(browser, review_server)
    es = row(browser, "es", 0)
    es.find_element(By.CSS_SELECTOR, "[data-role=edit]").click()
    area = es.find_element(By.CSS_SELECTOR, "textarea")
    assert area.get_attribute("dir") == "ltr" and browser.switch_to.active_element == area
    area.clear()
    area.send_keys(EDITED)
    es.find_element(By.CSS_SELECTOR, "[data-role=recheck]").click()
    wait(browser, lambda d: "re-checked" in status(d) or error(d), 60)
    assert status(browser) == "Segment 1 re-checked: 1 problem(s)."
    es = row(browser, "es", 0)
    assert words(browser, es.find_element(By.CSS_SELECTOR, ".target-text")) == EDITED
    statuses = {
        li.text.split(" → ")[0][2:]: li.get_attribute("data-status")
        for li in es.find_elements(By.CSS_SELECTOR, "td.terms li")
    }
    assert statuses == {"Chad": "ambiguous", "Aliyev": "enforced", "Baku": "missing"}
    assert ("Baku", "missing") in marks(es.find_element(By.CSS_SELECTOR, "td.source"))
    review = section(browser, "es").find_element(By.CSS_SELECTOR, "[data-role=review]").text
    assert "Segment 1: Baku (missing)" in review

    # the name put back: corrected, and nothing missing any more
    es.find_element(By.CSS_SELECTOR, "[data-role=edit]").click()
    area = row(browser, "es", 0).find_element(By.CSS_SELECTOR, "textarea")
    area.clear()
    area.send_keys("Chad Ferris se reunió con Alíev en Bakú.")
    row(browser, "es", 0).find_element(By.CSS_SELECTOR, "[data-role=recheck]").click()
    wait(browser, lambda d: "every term is in place" in status(d) or error(d), 60)
    es = row(browser, "es", 0)
    assert ("Bakú", "corrected") in marks(es.find_element(By.CSS_SELECTOR, "td.target"))
    assert (
        "(missing)"
        not in section(browser, "es").find_element(By.CSS_SELECTOR, "[data-role=review]").text
    )


def _downloaded(folder: Path, name: str, timeout: float = 30) -> Path:
    path = folder / name
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and not (folder / (name + ".crdownload")).exists():
            return path
        time.sleep(0.2)
    raise AssertionError(
        f"{name} never arrived; the folder has {sorted(p.name for p in folder.iterdir())}"
    )


def test_download_as_tmx_and_as_the_document_with_the_edit(
    browser, review_server, downloads
) -> None:
    from lxml import etree

    translate(browser, review_server)
    es = row(browser, "es", 0)
    es.find_element(By.CSS_SELECTOR, "[data-role=edit]").click()
    area = es.find_element(By.CSS_SELECTOR, "textarea")
    area.clear()
    area.send_keys(EDITED)
    es.find_element(By.CSS_SELECTOR, "[data-role=recheck]").click()
    wait(browser, lambda d: "re-checked" in status(d) or error(d), 60)

    spanish = section(browser, "es")
    Select(spanish.find_element(By.CSS_SELECTOR, "select")).select_by_value("tmx")
    spanish.find_element(By.CSS_SELECTOR, "[data-role=download]").click()
    wait(browser, lambda d: "is ready" in status(d) or error(d), 30)
    tmx = _downloaded(downloads, "article.es.tmx")
    root = etree.parse(str(tmx)).getroot()
    dtd_path = need_schema(SCHEMAS / "tmx" / "tmx14.dtd")
    dtd = etree.DTD(str(dtd_path))
    assert dtd.validate(root), dtd.error_log.filter_from_errors()
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    targets = [seg.text for seg in root.iter("seg") if seg.getparent().get(lang) == "es"]
    assert targets[0] == EDITED and "Teherán" in targets[1]

    Select(spanish.find_element(By.CSS_SELECTOR, "select")).select_by_value("document")
    spanish.find_element(By.CSS_SELECTOR, "[data-role=download]").click()
    wait(browser, lambda d: "article.es.txt is ready" in status(d) or error(d), 30)
    text = _downloaded(downloads, "article.es.txt").read_text(encoding="utf-8")
    assert text.startswith(EDITED + "\n\nEl ") and "Teherán" in text and text.endswith("\n")

    persian = section(browser, "fa")
    Select(persian.find_element(By.CSS_SELECTOR, "select")).select_by_value("po")
    persian.find_element(By.CSS_SELECTOR, "[data-role=download]").click()
    wait(browser, lambda d: "article.fa.po is ready" in status(d) or error(d), 30)
    import polib

    catalog = polib.pofile(str(_downloaded(downloads, "article.fa.po")))
    assert catalog.metadata.get("Language") == "fa"
    assert any("باکو" in entry.msgstr for entry in catalog)


def test_hostile_markup_from_the_article_and_a_glossary_is_shown_as_text(
    browser, review_server
) -> None:
    translate(browser, review_server)
    results = browser.find_element(By.ID, "translations")
    assert results.find_elements(By.TAG_NAME, "script") == []
    assert results.find_elements(By.TAG_NAME, "img") == []
    assert browser.execute_script("return window.pwned === undefined")
    es = row(browser, "es", 1)
    source = words(browser, es.find_element(By.CSS_SELECTOR, "td.source"))
    assert "<script>window.pwned='article'</script>" in source
    target = words(browser, es.find_element(By.CSS_SELECTOR, "td.target"))
    # The body is HTML: a glossary form's tag is escaped in the translation (only the
    # source's own markup is kept), and the page shows that text as text.
    assert "&lt;img src=x onerror=\"window.pwned='glossary'\">Zorblax" in target
    fa = row(browser, "fa", 1).find_element(By.CSS_SELECTOR, "td.target")
    assert ("<script>window.pwned='fa'</script>", "enforced") in marks(fa)


def _tab_to(driver: WebDriver, found, limit: int = 120, back: bool = False) -> WebElement:
    """Press Tab (or Shift+Tab) until ``found(active element)``; fails if it never is."""
    from selenium.webdriver.common.action_chains import ActionChains

    for _ in range(limit):
        if back:
            ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(
                Keys.SHIFT
            ).perform()
        else:
            ActionChains(driver).send_keys(Keys.TAB).perform()
        active = driver.switch_to.active_element
        if found(active):
            return active
    raise AssertionError("the keyboard never reached the control")


def test_keyboard_alone_translates_edits_and_rechecks(browser, review_server) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    open_page(browser, review_server)
    keys = ActionChains(browser)

    def is_id(name: str):
        return lambda e: e.get_attribute("id") == name

    def labelled(text: str):
        return lambda e: (
            e.get_attribute("id")
            and any(
                label.text == text
                for label in browser.find_elements(
                    By.CSS_SELECTOR, f"label[for='{e.get_attribute('id')}']"
                )
            )
        )

    _tab_to(browser, is_id("article-text"))
    keys.send_keys("Ministers met in Baku.").perform()
    _tab_to(browser, labelled("Persian (fa)"))
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    assert browser.switch_to.active_element.is_selected()
    _tab_to(browser, is_id("translate"))
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait(browser, lambda d: "Translated into Persian (fa)" in status(d) or error(d), 120)
    assert not error(browser)
    # focus moved to the results for the keyboard user, and the status was announced
    assert browser.switch_to.active_element.get_attribute("id") == "results-heading"
    assert browser.find_element(By.ID, "status").get_attribute("aria-live") == "polite"

    _tab_to(browser, lambda e: e.text == "Edit segment 1")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    area = browser.switch_to.active_element
    assert area.tag_name == "textarea" and area.get_attribute("dir") == "rtl"
    ActionChains(browser).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys(
        "وزیران در تهران دیدار کردند."
    ).perform()
    _tab_to(browser, lambda e: e.text == "Re-check")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait(browser, lambda d: "re-checked" in status(d) or error(d), 60)
    assert status(browser) == "Segment 1 re-checked: 1 problem(s)."
    # focus comes back to the row's edit button; Escape leaves an editor unchanged
    assert browser.switch_to.active_element.text == "Edit segment 1"
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    ActionChains(browser).send_keys("x", Keys.ESCAPE).perform()
    assert browser.switch_to.active_element.text == "Edit segment 1"
    target = row(browser, "fa", 0).find_element(By.CSS_SELECTOR, ".target-text")
    assert words(browser, target) == "وزیران در تهران دیدار کردند."
    review = section(browser, "fa").find_element(By.CSS_SELECTOR, "[data-role=review]")
    go = _tab_to(browser, lambda e: e.text == "Go to segment 1", back=True)
    assert review.find_elements(By.CSS_SELECTOR, "button")[0] == go
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.switch_to.active_element.text == "Edit segment 1"


# -- the export route over HTTP ----------------------------------------------------------------


def _post(url: str, body: bytes, kind: str = "application/json") -> tuple[int, bytes, Any]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": kind}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.read(), answer.headers
    except urllib.error.HTTPError as err:
        return err.code, err.read(), err.headers


SEGMENT = {
    "doc": "story",
    "paragraph": 0,
    "segment": 0,
    "source_lang": "en",
    "target_lang": "es",
    "source": "Talks in Baku.",
    "target": "Conversaciones en Bakú.",
    "after": "\n",
    "terms": [{"id": "baku", "source": "Baku", "target": "Bakú", "status": "enforced"}],
}


def test_export_writes_with_the_projects_writers_and_refuses_bad_requests(review_server) -> None:
    body = json.dumps({"format": "xliff", "name": "../../etc/story", "segments": [SEGMENT]})
    code, data, headers = _post(review_server + "/v1/export", body.encode())
    assert code == 200, data
    assert headers["Content-Disposition"] == 'attachment; filename="etc_story.es.xlf"'
    from lxml import etree

    xliff = etree.fromstring(data)
    schema = build_xliff21_schema()
    assert schema.validate(xliff), schema.error_log.filter_from_errors()
    target = xliff.find(".//{urn:oasis:names:tc:xliff:document:2.0}target")
    assert "".join(target.itertext()) == "Conversaciones en Bakú."

    two = [SEGMENT, {**SEGMENT, "target_lang": "fa", "target": "گفتگو در باکو."}]
    cases = {
        "unknown format": (
            {"format": "docx", "segments": [SEGMENT]},
            "unknown output format 'docx'",
        ),
        "two languages in a PO": ({"format": "po", "segments": two}, "holds one target language"),
        "two languages as one document": (
            {"format": "document", "segments": two},
            "a document holds one translation",
        ),
        "unknown language": (
            {"format": "tmx", "segments": [{**SEGMENT, "target_lang": "xx-nope"}]},
            "is not a known language",
        ),
        "bad status": (
            {
                "format": "tmx",
                "segments": [{**SEGMENT, "terms": [{**SEGMENT["terms"][0], "status": "fine"}]}],
            },
            "$.segments[0].terms[0].status",
        ),
        "no segments": ({"format": "tmx", "segments": []}, "$.segments"),
    }
    for what, (payload, expected) in cases.items():
        code, data, _ = _post(review_server + "/v1/export", json.dumps(payload).encode())
        message = json.loads(data)["error"]
        assert code == 400 and expected in message and "\n" not in message, (what, message)
    code, data, _ = _post(review_server + "/v1/export", b"{not json")
    assert code == 400 and "line 1, column 2" in json.loads(data)["error"]
    code, data, _ = _post(review_server + "/v1/export", b"[" * 100_000 + b"]" * 100_000)
    assert code == 400 and json.loads(data)["error"]
    # a body past the limit is refused on its declared length, before it is read
    import http.client

    host, port = review_server.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.putrequest("POST", "/v1/export")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", str(9 * 1024 * 1024))
    connection.endheaders()
    answer = connection.getresponse()
    assert answer.status == 413
    assert json.loads(answer.read())["error"] == "export: the request is larger than 8 MB"
    connection.close()
    # the server keeps serving
    code, data, _ = _post(
        review_server + "/v1/export", json.dumps({"format": "tmx", "segments": [SEGMENT]}).encode()
    )
    assert code == 200 and b"<tmx" in data


def test_an_uploaded_html_article_comes_back_as_a_right_to_left_document(
    browser, review_server, downloads, tmp_path
) -> None:
    story = tmp_path / "story.en.html"
    story.write_text(
        '<html lang="en"><head><title>Talks</title></head>\n'
        "<body><p>Ministers met in <b>Baku</b> on Monday.</p></body></html>\n",
        encoding="utf-8",
    )
    open_page(browser, review_server)
    browser.find_element(By.ID, "article-file").send_keys(str(story))
    wait(browser, lambda d: status(d).startswith("Read story.en.html") or error(d), 30)
    assert (
        Select(browser.find_element(By.ID, "article-format")).first_selected_option.text == "HTML"
    )
    assert "<b>Baku</b>" in browser.find_element(By.ID, "article-text").get_attribute("value")
    check_box(browser, "target-list", "Persian (fa)")
    browser.find_element(By.ID, "translate").click()
    wait(browser, lambda d: "Translated into" in status(d) or error(d), 120)
    assert not error(browser)
    persian = section(browser, "fa")
    Select(persian.find_element(By.CSS_SELECTOR, "select")).select_by_value("document")
    persian.find_element(By.CSS_SELECTOR, "[data-role=download]").click()
    wait(browser, lambda d: "story.fa.html is ready" in status(d) or error(d), 30)
    page = _downloaded(downloads, "story.fa.html").read_text(encoding="utf-8")
    assert page.startswith('<html lang="fa" dir="rtl">') and "<b>باکو</b>" in page


# -- the page's words ---------------------------------------------------------------------------


def test_every_word_the_page_shows_is_in_the_catalog_and_persian_is_right_to_left() -> None:
    import re

    from translate.i18n import set_language
    from translate.server import review

    template = (review.STATIC / "index.html").read_text(encoding="utf-8")
    script = (review.STATIC / "review.js").read_text(encoding="utf-8")
    used = set(re.findall(r"\{\{(\w+)\}\}", template)) - {"lang", "dir", "messages_json"}
    used |= set(re.findall(r"\bM\.(\w+)", script)) | set(re.findall(r'fmt\("(\w+)"', script))
    assert used <= set(review.MESSAGES), used - set(review.MESSAGES)
    try:
        set_language("fa")
        page = review.render_page()
    finally:
        set_language(None)
    assert '<html lang="fa" dir="rtl">' in page and "<h1>بازبینی دراگومان</h1>" in page
    island = re.search(r'<script type="application/json" id="messages">(.*?)</script>', page, re.S)
    assert island and json.loads(island.group(1))["translate"] == "ترجمه کن"


def test_a_server_with_api_keys_asks_the_page_for_one(browser, tmp_path) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text("desk-key-1\n", encoding="utf-8")
    flags = ("--engine", "apertium", "--api-keys", str(keys))
    with serving(tmp_path, *flags, env=argos_home(tmp_path)) as base:
        open_page(browser, base)
        field = browser.find_element(By.ID, "api-key")
        assert field.is_displayed() and field.get_attribute("type") == "password"
        label = browser.find_element(By.CSS_SELECTOR, "label[for='api-key']").text
        assert label == "API key (this server asks for one)"
        payload = {"format": "tmx", "segments": [SEGMENT]}
        code, data, _ = _post(base + "/v1/export", json.dumps(payload).encode())
        assert code == 403 and "API key is required" in json.loads(data)["error"]
        keyed = json.dumps({**payload, "api_key": "desk-key-1"}).encode()
        code, data, _ = _post(base + "/v1/export", keyed)
        assert code == 200 and b"<tmx" in data


# -- the export without a server ------------------------------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@given(
    st.lists(st.tuples(_TEXT, _TEXT, st.sampled_from([" ", "\n\n", "\n"])), min_size=1, max_size=6)
)
@settings(max_examples=60, deadline=None)
def test_the_document_export_is_the_edited_targets_in_the_articles_layout(rows) -> None:
    """Whatever an editor typed, the document is each target followed by the source's
    own break, in order: nothing added, dropped or escaped."""
    from translate.server.review import export

    segments = [
        {
            **SEGMENT,
            "segment": n,
            "paragraph": n,
            "source": source,
            "target": target,
            "after": after,
        }
        for n, (source, target, after) in enumerate(rows)
    ]
    content, media, name = export({"format": "document", "name": "story", "segments": segments})
    assert content.decode("utf-8") == "".join(target + after for _, target, after in rows)
    assert (media, name) == ("text/plain; charset=utf-8", "story.es.txt")
