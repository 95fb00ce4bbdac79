"""A running meeting survives a reinstall of the package.

The README's second line reinstalls roundtable while a meeting may run in another
terminal. Whatever the meeting screen's keys open is imported once the meeting runs
(before its clock's first tick), so a form module whose files are gone by the time its
key is pressed still opens. The app runs for real in tmux, on a copy of the package
that the test may take apart.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import roundtable

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

WAIT_SECONDS = 60.0


class Tmux:
    """One tmux server on its own socket, for one test."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "app")

    def wait_for_change(self, shown: str) -> str:
        """The pane once it no longer shows `shown`; fails after `WAIT_SECONDS`."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            now = self.screen()
            if now != shown:
                return now
            time.sleep(0.2)  # polling a real terminal, not standing in for a clock
        raise AssertionError(f"the screen stayed as it was:\n{shown}")

    def wait_for(self, text: str) -> str:
        """The pane once `text` shows on it; fails after `WAIT_SECONDS`."""
        deadline = time.monotonic() + WAIT_SECONDS
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)  # polling a real terminal, not standing in for a clock
        raise AssertionError(f"{text!r} did not show; the screen:\n{shown}")


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    server = Tmux(f"roundtable-test-{os.getpid()}-{tmp_path.name}")
    yield server
    subprocess.run(["tmux", "-L", server.socket, "kill-server"], capture_output=True)


def test_a_form_opens_after_its_module_was_removed(tmp_path: Path, tmux: Tmux) -> None:
    installed = tmp_path / "site"
    shutil.copytree(
        Path(roundtable.__file__).parent,
        installed / "roundtable",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(installed),
        "PYTHONDONTWRITEBYTECODE": "1",
        "ROUNDTABLE_LANG": "en",
        "TERM": "xterm-256color",
    }
    command = [
        sys.executable,
        "-m",
        "roundtable",
        "--db",
        str(tmp_path / "roundtable.db"),
        "start",
        "round-table",
    ]
    tmux.run(
        "new-session",
        "-d",
        "-s",
        "app",
        "-x",
        "120",
        "-y",
        "40",
        # Not the source folder: `python -m` would import the package from there.
        "-c",
        str(tmp_path),
        *[f"-e{key}={value}" for key, value in env.items()],
        " ".join(f"'{part}'" for part in command),
    )
    # A crash leaves its traceback on the pane rather than closing it.
    tmux.run("set-option", "-t", "app", "remain-on-exit", "on")
    tmux.wait_for("Attendance")
    tmux.run("send-keys", "-t", "app", "Enter")
    shown = tmux.wait_for("Next")
    # What the keys open is imported on the event loop before the clock's first tick
    # (`roundtable.ui.preload`): once the countdown has moved, it is in memory. The
    # first changes after the first frame may be the forecast and the scoreboard
    # arriving; the countdown has moved once the screen changed twice more and at least
    # two ticks' worth of time has passed.
    shown_at = time.monotonic()
    for _change in range(2):
        shown = tmux.wait_for_change(shown)
    while time.monotonic() - shown_at < 2.5:
        shown = tmux.wait_for_change(shown)
    # The reinstall: pip removes the old files before it writes the new ones.
    forms = installed / "roundtable" / "ui" / "screens" / "forms"
    (forms / "budget_form.py").rename(tmp_path / "budget_form.py")
    tmux.run("send-keys", "-t", "app", "b")
    shown = tmux.wait_for("Budget agreement")
    assert "ModuleNotFoundError" not in shown
    assert "Traceback" not in shown
