"""A real browser follows the meeting: headless Chromium (Debian's `chromium` and
`chromium-driver`, through Selenium) opens the link `roundtable serve` printed.

The screen is read from what the browser's terminal was sent: a script that runs before
the page's own wraps the page's WebSocket and keeps every frame it receives (and the
size the terminal asked for); the test replays those bytes through a terminal emulator
(pyte) and reads the screen as an attendee sees it. Then the facilitator's process moves
to the next item and the browser shows it within three seconds.
"""

from __future__ import annotations

import base64
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pyte
import pytest

from roundtable.domain.config import TeamConfig
from tests.serve.conftest import (
    START_SECONDS,
    end_meeting,
    next_item,
    start_meeting,
    start_server,
)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    if os.environ.get("CI"):
        raise RuntimeError("CI must have chromium and chromium-driver: .ci/run installs them")
    pytest.skip("needs chromium and chromium-driver (apt-get install)", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

# Keeps a copy of every frame the page's websocket receives, and the terminal size the
# page tells the server, where the test can ask for them.
RECORDER = """
(() => {
  const Native = window.WebSocket;
  window.__frames = [];
  window.__size = null;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") window.__frames.push(new Uint8Array(event.data));
      });
    }
    send(data) {
      try {
        const message = JSON.parse(data);
        if (message[0] === "resize") window.__size = message[1];
      } catch (error) {}
      return super.send(data);
    }
  };
})();
"""

TAKE_FRAMES = """
const frames = window.__frames.splice(0);
let text = "";
for (const frame of frames) for (const byte of frame) text += String.fromCharCode(byte);
return [btoa(text), window.__size];
"""


class BrowserScreen:
    """The terminal in the browser, as a screen of text."""

    def __init__(self, driver: webdriver.Chrome) -> None:
        self.driver = driver
        self.screen: pyte.Screen | None = None
        self.stream: pyte.ByteStream | None = None

    def text(self) -> str:
        data, size = self.driver.execute_script(TAKE_FRAMES)
        if size is None:
            return ""
        if self.screen is None:
            self.screen = pyte.Screen(size["width"], size["height"])
            self.stream = pyte.ByteStream(self.screen)
        elif (self.screen.columns, self.screen.lines) != (size["width"], size["height"]):
            self.screen.resize(size["height"], size["width"])
        assert self.stream is not None
        self.stream.feed(base64.b64decode(data))
        return "\n".join(self.screen.display)

    def wait_for(self, *texts: str, timeout: float) -> tuple[str, float]:
        """Poll until every one of `texts` is on the screen; the screen and how long it
        took."""
        start = time.monotonic()
        screen = ""
        while time.monotonic() - start < timeout:
            screen = self.text()
            if all(text in screen for text in texts):
                return screen, time.monotonic() - start
            time.sleep(0.05)
        raise AssertionError(f"{texts} not shown within {timeout} s; the screen:\n{screen}")


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,800",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
        yield driver
    finally:
        driver.quit()


def item_line(screen: str, number: int) -> tuple[int, list[str]]:
    """The lines of the screen, and where "Item N of …" stands in the Now panel."""
    lines = screen.splitlines()
    for index, line in enumerate(lines):
        if f"Item {number} of " in line:
            return index, lines
    raise AssertionError(f"no 'Item {number} of' on the screen:\n{screen}")


def test_the_browser_follows_the_meeting_and_downloads_the_last_minutes(
    tmp_path: Path, browser: webdriver.Chrome, team: TeamConfig
) -> None:
    db = tmp_path / "store" / "roundtable.db"
    db.parent.mkdir()
    end_meeting(db, start_meeting(db, team))  # last time's, with its minutes
    start_meeting(db, team)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    served = start_server(db)
    try:
        browser.get(served.url)
        assert browser.title == " ".join(team.team.split())
        screen = BrowserScreen(browser)
        shown, _took = screen.wait_for(
            "Marketing & Sales Round Table", "Item 1 of", timeout=START_SECONDS
        )
        index, lines = item_line(shown, 1)
        assert "Open action items" in lines[index + 1]

        # The facilitator moves on: the browser shows it within three seconds.
        next_item(served.db)
        shown, took = screen.wait_for("Item 2 of", timeout=3.0)
        assert took < 3.0
        index, lines = item_line(shown, 2)
        assert "Campaign results to date" in lines[index + 1]

        # A key typed into the terminal goes to the viewer's follow app: m hands over the
        # last minutes, which the browser downloads (textual-serve's file delivery; the
        # page's cookie carries the token to the download).
        browser.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys("m")
        deadline = time.monotonic() + 30
        while not [path for path in downloads.iterdir() if path.suffix == ".md"]:
            assert time.monotonic() < deadline, list(downloads.iterdir())
            time.sleep(0.05)
        (minutes,) = [path for path in downloads.iterdir() if path.suffix == ".md"]
        assert minutes.name.startswith("minutes-1-")
        assert minutes.read_text(encoding="utf-8").startswith("# ")
    finally:
        served.stop()
