"""`roundtable serve`: memory per viewer and time to first screen in a browser, against a
bare Textual app served the same way.

Both are served by the same `FollowServer` (token, origin check and all) on loopback;
A runs `roundtable follow` per viewer on a demo store with a meeting running, B a bare
Textual app that shows one label. Runs alternate A B A B.

- time to first screen: headless Chromium (`chromium` + `chromium-driver`) opens the
  link; the clock runs from `driver.get` until the terminal holds the app's first
  screen (for A the current item, "Item 1 of", for B the label), read from the frames
  the page's websocket received.
- memory per viewer: VIEWERS websocket clients connect at once; once each shows its
  screen, the resident (RSS) and proportional (PSS, shared pages split) memory of every
  viewer process is read from /proc.

    .venv/bin/python bench/serve_bench.py [--runs 3] [--viewers 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BARE_APP = """
from textual.app import App, ComposeResult
from textual.widgets import Label

class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("bare textual app")

Bare().run()
"""

SERVER = """
import asyncio, sys
from roundtable.serve.server import FollowServer
argv = sys.argv[1:]
server = FollowServer(argv, host="127.0.0.1", port=0, token="bench-token-0123456789",
                      title="bench", max_viewers=100)
asyncio.run(server.run(lambda url: print(url, flush=True)))
"""

RECORDER = """
(() => {
  const Native = window.WebSocket;
  window.__text = "";
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string")
          window.__text += new TextDecoder().decode(new Uint8Array(event.data));
      });
    }
  };
})();
"""


def make_store(folder: Path) -> Path:
    from roundtable.domain import timebox
    from roundtable.domain.config import load_config
    from roundtable.domain.locations import shipped_defaults_dir
    from roundtable.store.store import Store
    from roundtable.ui.app import default_attendees

    db = folder / "bench.db"
    subprocess.run(
        [sys.executable, "-m", "roundtable", "--db", str(db), "demo", "--meetings", "60"],
        check=True,
        capture_output=True,
    )
    config = load_config(shipped_defaults_dir(), "bench")
    agenda = config.agenda("round-table")
    assert agenda is not None
    with Store.open(db) as store:
        running = store.running_meeting()
        if running is None:
            store.add_meeting(
                timebox.new_meeting(
                    agenda,
                    default_attendees(config),
                    "Katrin Vogel",
                    store.next_meeting_number(),
                    datetime.now(UTC),
                )
            )
    return db


def start(argv: list[str]) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    assert url.startswith("http://"), url
    return process, url


def stop(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


def first_screen(url: str, marker: str) -> float:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,800"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
        started = time.monotonic()
        driver.get(url)
        while marker not in driver.execute_script("return window.__text"):
            if time.monotonic() - started > 120:
                raise RuntimeError("no first screen in 120 s")
            time.sleep(0.02)
        return time.monotonic() - started
    finally:
        driver.quit()


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def memory(pid: int) -> tuple[int, int]:
    """RSS and PSS of `pid` in KiB."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _colon, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            values[name] = int(rest.split()[0])
    return values["Rss"], values["Pss"]


async def viewers_memory(
    process: subprocess.Popen[str], url: str, count: int, marker: str
) -> list[tuple[int, int]]:
    base, token = url.split("/?token=")
    ws = base.replace("http://", "ws://") + f"/ws/{token}?width=160&height=48"
    async with aiohttp.ClientSession() as session:
        sockets = [await session.ws_connect(ws, headers={"Origin": base}) for _ in range(count)]
        for socket in sockets:
            seen = b""
            while marker.encode() not in seen:
                message = await asyncio.wait_for(socket.receive(), 120)
                if message.type is aiohttp.WSMsgType.BINARY:
                    seen += message.data
        await asyncio.sleep(1.0)  # let each settle after its first screen
        result = [memory(pid) for pid in children(process.pid)]
        for socket in sockets:
            await socket.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--viewers", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = make_store(Path(folder))
        bare = Path(folder) / "bare.py"
        bare.write_text(textwrap.dedent(BARE_APP), encoding="utf-8")
        from roundtable.domain.locations import shipped_defaults_dir

        kinds = {
            "A roundtable follow": (
                [
                    sys.executable,
                    "-m",
                    "roundtable",
                    "--config",
                    str(shipped_defaults_dir()),
                    "--db",
                    str(db),
                    "--lang",
                    "en",
                    "follow",
                ],
                "Item 1 of",
            ),
            "B bare Textual app": ([sys.executable, str(bare)], "bare textual app"),
        }
        times: dict[str, list[float]] = {name: [] for name in kinds}
        rss: dict[str, list[int]] = {name: [] for name in kinds}
        pss: dict[str, list[int]] = {name: [] for name in kinds}
        for run in range(options.runs):
            for name, (argv, marker) in kinds.items():
                process, url = start(argv)
                try:
                    took = first_screen(url, marker)
                    measured = asyncio.run(viewers_memory(process, url, options.viewers, marker))
                finally:
                    stop(process)
                times[name].append(took)
                rss[name] += [r for r, _p in measured]
                pss[name] += [p for _r, p in measured]
                median_rss = statistics.median(r for r, _p in measured) / 1024
                print(
                    f"run {run + 1} {name}: first screen {took:.2f} s, "
                    f"{len(measured)} viewers, median RSS {median_rss:.1f} MiB"
                )
        print()
        for name in kinds:
            print(
                f"{name}: first screen median {statistics.median(times[name]):.2f} s; "
                f"per viewer RSS {statistics.median(rss[name]) / 1024:.1f} MiB, "
                f"PSS {statistics.median(pss[name]) / 1024:.1f} MiB"
            )
        a, b = kinds
        first = statistics.median(times[a]) / statistics.median(times[b])
        memory_ratio = statistics.median(rss[a]) / statistics.median(rss[b])
        print(f"ratio A/B: first screen {first:.2f}x, RSS {memory_ratio:.2f}x")


if __name__ == "__main__":
    os.environ.setdefault("LANG", "C.UTF-8")
    main()
