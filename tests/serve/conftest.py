"""`roundtable serve` as a real process on loopback, and real clients for it.

The server runs on the shipped config and a store in the test's folder, on a free port
(`--port 0`); the link it prints is read from its output. The store holds a meeting
started now by the system clock, as the facilitator's app would have saved it, so the
viewers' follow processes (which use the system clock) show it running.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest

from roundtable.domain import timebox
from roundtable.domain.config import TeamConfig, load_config
from roundtable.domain.locations import shipped_defaults_dir
from roundtable.domain.meeting import Meeting
from roundtable.store.store import Store
from roundtable.ui.app import default_attendees

START_SECONDS = 60.0
"""How long the server (and a viewer's process) may take to start on a busy machine."""


@dataclass
class Served:
    """A running `roundtable serve`."""

    process: subprocess.Popen[str]
    url: str
    """The link it printed, token included."""
    db: Path

    @property
    def base(self) -> str:
        """`http://127.0.0.1:PORT` without path or token."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def token(self) -> str:
        return self.url.split("token=", 1)[1]

    @property
    def origin(self) -> str:
        return self.base

    def websocket_url(self, token: str | None = None) -> str:
        path = "/ws" if token is None else f"/ws/{token}"
        return self.base.replace("http://", "ws://") + path + "?width=100&height=30"

    def stop(self) -> int:
        """SIGTERM, as Ctrl+C or a service manager would; its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)


def start_server(db: Path, *args: str, config: Path | None = None) -> Served:
    """`roundtable serve --port 0 ARGS` on `db`, once it prints its link."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "roundtable",
            "--config",
            str(config or shipped_defaults_dir()),
            "--db",
            str(db),
            "--lang",
            "en",
            "serve",
            "--port",
            "0",
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + START_SECONDS
    output = []
    for line in process.stdout:
        output.append(line)
        found = re.search(r"http://\S+", line)
        if found:
            return Served(process, found.group(0), db)
        if time.monotonic() > deadline:
            break
    process.kill()
    process.wait()
    raise AssertionError("serve printed no link:\n" + "".join(output))


@pytest.fixture
def team() -> TeamConfig:
    directory = shipped_defaults_dir()
    return load_config(directory, "test")


def start_meeting(db: Path, config: TeamConfig) -> Meeting:
    """The facilitator starts the round table now (system clock), everyone present."""
    agenda = config.agenda("round-table")
    assert agenda is not None
    with Store.open(db) as store:
        meeting = timebox.new_meeting(
            agenda,
            default_attendees(config),
            "Katrin Vogel",
            store.next_meeting_number(),
            datetime.now(UTC),
        )
        return store.add_meeting(meeting)


def end_meeting(db: Path, meeting: Meeting) -> Meeting:
    """The facilitator ends `meeting` now."""
    with Store.open(db) as store:
        ended = timebox.end(meeting, datetime.now(UTC))
        store.save_meeting(ended)
        return ended


def next_item(db: Path) -> Meeting:
    """The facilitator's `n`: the same domain call the app makes, saved the same way."""
    with Store.open(db) as store:
        meeting = store.running_meeting()
        assert meeting is not None
        moved = timebox.next_item(meeting, datetime.now(UTC))
        store.save_meeting(moved)
        return moved


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for a module's tests that only look (each server costs seconds)."""
    db = tmp_path_factory.mktemp("served") / "store" / "roundtable.db"
    db.parent.mkdir()
    start_meeting(db, load_config(shipped_defaults_dir(), "test"))
    server = start_server(db)
    try:
        yield server
    finally:
        server.stop()


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
    """A plain HTTP GET: status, body, headers (no exception for 4xx/5xx)."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


async def upgrade_status(url: str, origin: str | None) -> int:
    """Try a websocket upgrade; 101 if it was accepted, else the HTTP status given."""
    headers = {"Origin": origin} if origin is not None else {}
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(
                url, headers=headers, timeout=aiohttp.ClientWSTimeout(ws_close=5)
            ):
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


class Viewer:
    """A websocket client that acts as one browser window: it collects the screen bytes
    the viewer's follow process sends."""

    def __init__(self, session: aiohttp.ClientSession, url: str, origin: str) -> None:
        self.session = session
        self.url = url
        self.origin = origin
        self.received = bytearray()
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self.closed = asyncio.Event()

    async def open(self) -> None:
        self._socket = await self.session.ws_connect(self.url, headers={"Origin": self.origin})
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self._socket is not None
        async for message in self._socket:
            if message.type is aiohttp.WSMsgType.BINARY:
                self.received += message.data
        self.closed.set()

    async def wait_for(
        self, check: Callable[[bytes], bool], timeout: float = START_SECONDS
    ) -> None:
        deadline = time.monotonic() + timeout
        while not check(bytes(self.received)):
            if time.monotonic() > deadline or self.closed.is_set():
                raise AssertionError(f"not seen in {timeout} s: {bytes(self.received)[-400:]!r}")
            await asyncio.sleep(0.05)

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            await self._reader


def children(pid: int) -> set[int]:
    """The ids of `pid`'s child processes (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces, so split after its ")".
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purposes: its parent has not reaped it yet.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(check: Callable[[], bool], timeout: float = START_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


def files(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in `folder` with its bytes and modification time."""
    return {
        path.name: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.iterdir())
        if path.is_file()
    }
