"""``corrections serve``: the app in a real headless browser (Debian's chromium, driven by
Selenium through the system chromedriver; nothing is downloaded), the token, the Origin
check on the WebSocket, and the loopback rule."""

from __future__ import annotations

import asyncio
import os
import re
import select
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from tests.support import CLI, PINNED
from tests.support.remote import _stop_process

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

pytest.importorskip("textual_serve", reason="textual-serve is not installed (the web extra)")

WAIT = 30.0  # seconds a step in the browser may take before the test fails
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
# Records what the app sends over its WebSocket, so the test can read the screen (the
# page draws the terminal on a canvas).
RECORD_SCREEN = r"""
window.__screen = [];
const RealSocket = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const socket = protocols === undefined ? new RealSocket(url) : new RealSocket(url, protocols);
  socket.addEventListener("message", async (event) => {
    let data = event.data;
    if (data instanceof Blob) data = await data.arrayBuffer();
    if (data instanceof ArrayBuffer) data = new TextDecoder().decode(data);
    window.__screen.push(String(data));
  });
  return socket;
};
window.WebSocket.prototype = RealSocket.prototype;
Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
"""
TRY_SOCKET = """
window.__tried = "pending";
const socket = new WebSocket(arguments[0]);
socket.onopen = () => { window.__tried = "open"; socket.close(); };
socket.onerror = () => { if (window.__tried === "pending") window.__tried = "refused"; };
socket.onclose = () => { if (window.__tried === "pending") window.__tried = "refused"; };
"""


class Served(NamedTuple):
    url: str  # with the token
    base: str  # without it
    token: str
    process: subprocess.Popen[bytes]


def _browser() -> tuple[str, str] | None:
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.fixture(scope="module")
def served_demo(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo store for the module's server."""
    path = tmp_path_factory.mktemp("serve") / "demo"
    shutil.copytree(demo_template, path, symlinks=True)
    return path


@pytest.fixture(scope="module")
def served(served_demo: Path) -> Iterator[Served]:
    """``corrections serve`` started as a newsroom would, on any free loopback port."""
    process = subprocess.Popen(
        [str(CLI), "--store", str(served_demo), "--as", "Sam Reviewer", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **PINNED},
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], WAIT)
        assert ready, "corrections serve printed no address"
        url = process.stdout.readline().decode().strip()
        match = re.fullmatch(r"(http://127\.0\.0\.1:\d+)/\?token=([A-Za-z0-9_-]{40,})", url)
        assert match, f"the first line is not the address to open: {url!r}"
        _wait_until_answering(match.group(1))
        yield Served(url, match.group(1), match.group(2), process)
    finally:
        _stop_process(process)


def _wait_until_answering(base: str) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=2)
        except urllib.error.HTTPError:
            return  # 403: it is up, and refusing
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{base} never answered")


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    found = _browser()
    if found is None:
        pytest.skip(
            "no headless browser: install Debian's chromium and chromium-driver "
            "(apt-get install chromium chromium-driver) to run the browser tests"
        )
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,900",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(found[1]))
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def _screen(driver: WebDriver) -> str:
    sent = str(driver.execute_script("return (window.__screen || []).join('')"))
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", sent)


def _wait_for(driver: WebDriver, text: str, after: int = 0) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        shown = _screen(driver)[after:]
        if text in shown:
            return shown
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; the end of the screen: {shown[-600:]!r}")


def _status(url: str, headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as refused:
        return refused.code


# ---------------------------------------------------------------------- in the browser


def test_articles_render_and_a_key_opens_an_article(served: Served, browser: WebDriver) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_SCREEN})
    browser.get(served.url)
    assert "corrections: Sam Reviewer" in browser.page_source  # the identity, fixed per server
    shown = _wait_for(browser, "Enter opens")
    assert "5 articles" in shown
    before = len(_screen(browser))
    browser.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(Keys.ENTER)
    opened = _wait_for(browser, "Propose correction", after=before)
    assert "History" in opened


def test_a_request_without_the_token_is_refused(served: Served, browser: WebDriver) -> None:
    browser.delete_all_cookies()
    browser.get(served.base + "/")
    assert "403" in browser.page_source
    assert "token" in browser.page_source
    assert _status(served.base + "/") == 403
    assert _status(served.base + "/?token=" + "x" * 43) == 403
    assert _status(served.base + "/static/js/textual.js") == 403
    assert _status(served.base + "/ws") == 403
    assert _status(served.url) == 200


def test_a_cross_origin_websocket_is_refused(
    served: Served, browser: WebDriver, httpserver: HTTPServer
) -> None:
    socket_url = served.base.replace("http://", "ws://") + f"/ws?token={served.token}"
    # A page of another origin that knows even the token cannot drive the app.
    httpserver.expect_request("/elsewhere").respond_with_data(
        "<html><body>another site</body></html>", content_type="text/html"
    )
    browser.get(httpserver.url_for("/elsewhere"))
    browser.execute_script(TRY_SOCKET, socket_url)
    assert _socket_outcome(browser) == "refused"
    # The same from the server's own page opens.
    browser.get(served.url)
    browser.execute_script(TRY_SOCKET, socket_url)
    assert _socket_outcome(browser) == "open"
    # And without a browser: a foreign Origin header gets 403 before any upgrade.
    headers = {"Origin": "http://evil.example", "Cookie": f"x={served.token}"}
    assert _status(served.url.replace("/?", "/ws?"), headers) == 403


def _socket_outcome(driver: WebDriver) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        outcome = str(driver.execute_script("return window.__tried"))
        if outcome != "pending":
            return outcome
        time.sleep(0.1)
    return "pending"


# ---------------------------------------------------------------------- without a browser


def test_guard_checks_token_cookie_and_origin() -> None:
    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer

    from corrections.cli.web import allowed_origins, guard

    async def hello(request: web.Request) -> web.Response:
        return web.Response(text="hello")

    async def run() -> list[Any]:
        app = web.Application(
            middlewares=[guard("T" * 43, allowed_origins("127.0.0.1", 8000, None), "c")]
        )
        app.add_routes([web.get("/", hello), web.get("/ws", hello)])
        async with TestClient(TestServer(app)) as client:
            results: list[Any] = []
            for path, headers, cookies in (
                ("/", {}, {}),
                ("/?token=wrong", {}, {}),
                ("/?token=" + "T" * 43, {}, {}),
                ("/ws", {}, {"c": "T" * 43}),
                ("/ws", {"Origin": "http://127.0.0.1:8000"}, {"c": "T" * 43}),
                ("/ws", {"Origin": "http://localhost:8000"}, {"c": "T" * 43}),
                ("/ws", {"Origin": "http://127.0.0.1:8001"}, {"c": "T" * 43}),
                ("/ws", {"Origin": "null"}, {"c": "T" * 43}),
            ):
                client.session.cookie_jar.clear()
                answer = await client.get(path, headers=headers, cookies=cookies)
                results.append(answer.status)
                if path.startswith("/?token=T"):
                    results.append(answer.cookies["c"]["samesite"])
            return results

    assert asyncio.run(run()) == [403, 403, 200, "Strict", 200, 200, 200, 403, 403]


def test_serve_stays_on_loopback_unless_public(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corrections.cli.app import app
    from corrections.cli.web import GuardedServer

    started: list[GuardedServer] = []
    monkeypatch.setattr(GuardedServer, "serve", lambda self, debug=False: started.append(self))
    runner = CliRunner()
    refused = runner.invoke(app, ["--store", str(demo), "serve", "--host", "0.0.0.0"])
    assert refused.exit_code == 2
    assert "--public" in refused.stderr
    assert not started
    public = runner.invoke(
        app,
        [
            "--store",
            str(demo),
            "--as",
            "Sam Reviewer",
            "serve",
            "--host",
            "0.0.0.0",
            "--public",
            "--port",
            "0",
        ],
    )
    assert public.exit_code == 0, public.output
    assert "warning: serving on 0.0.0.0" in public.stderr
    assert re.fullmatch(r"http://0\.0\.0\.0:\d+/\?token=[\w-]{43}\n", public.stdout)
    assert len(started) == 1
    assert "--as 'Sam Reviewer'" in started[0].command
    assert started[0].command.endswith(" tui")


def test_a_port_in_use_is_one_line_before_any_address(demo: Path) -> None:
    from corrections.cli.app import app

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["--store", str(demo), "serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "choose another --port" in result.stderr
