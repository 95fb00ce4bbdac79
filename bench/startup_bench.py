"""Startup: process start to the first painted meeting screen, against a bare Textual app.

Both run as fresh subprocesses, side by side in one run, several times each; the median
of each is printed with their ratio (target: at most 1.5x). The meeting app runs on a
demo store of about 15,000 entries with a meeting running, exactly as
`roundtable start` would open it (garbage collector paused first, as the command's
entry point does), headless. For scale, the same meeting screen is also
timed on a store that holds nothing but the running meeting: the difference between the
two is what the history costs, the rest is the screen itself.

Both run from compiled bytecode, as an installed roundtable does (pip compiles it at
install; Textual's is compiled in the venv already): with PYTHONDONTWRITEBYTECODE set,
as it is in some shells, roundtable's own modules would be compiled from source on
every start and the comparison would be unfair. The bytecode goes to a temporary
PYTHONPYCACHEPREFIX, written by one untimed warm-up run of each app.

    .venv/bin/python bench/startup_bench.py [--runs 5] [--meetings 2700] [--db FILE]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BARE_APP = """
import time
from textual.app import App, ComposeResult
from textual.widgets import Label

class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("roundtable")

    def on_mount(self) -> None:
        self.call_after_refresh(self.painted)

    def painted(self) -> None:
        print(time.time(), flush=True)
        self.exit()

Bare().run(headless=True, size=(160, 48))
"""

MEETING_APP = """
# First, as the `roundtable` command does (roundtable.launch).
from roundtable import collector
collector.pause()
import sys, time
from pathlib import Path
from roundtable.domain.config import load_config
from roundtable.domain.locations import shipped_defaults_dir
from roundtable.store.store import Store
from roundtable.ui.app import RoundtableApp
from roundtable.ui.screens.meeting.screen import MeetingScreen

class Timed(RoundtableApp):
    # Polls for the meeting screen, then waits for the refresh that paints it.
    def on_mount(self) -> None:
        self._probe = self.set_interval(0.002, self.probe)

    def probe(self) -> None:
        if isinstance(self.screen, MeetingScreen) and self.screen.view is not None:
            self._probe.stop()
            self.call_after_refresh(self.painted)

    def painted(self) -> None:
        print(time.time(), flush=True)
        self.exit()

config = load_config(shipped_defaults_dir(), "bench")
with Store.open(Path(sys.argv[1])) as store:
    app = Timed(config, store, start=True)
    try:
        app.run(headless=True, size=(160, 48))
    finally:
        app.store_thread.close()
"""


def make_demo_store(path: Path, meetings: int) -> None:
    """A demo store (`roundtable demo`) with one meeting running, as the room has it;
    with `meetings` 0, a store with nothing but that meeting."""
    if meetings:
        _run_demo(path, meetings)
    _start_meeting(path)


def _run_demo(path: Path, meetings: int) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "roundtable",
            "--db",
            str(path),
            "demo",
            "--meetings",
            str(meetings),
        ],
        check=True,
        cwd=path.parent,
        stdout=subprocess.DEVNULL,
    )


def _start_meeting(path: Path) -> None:
    from roundtable.domain import timebox
    from roundtable.domain.config import load_config
    from roundtable.domain.locations import shipped_defaults_dir
    from roundtable.store.store import Store
    from roundtable.ui.app import default_attendees, facilitator_name

    config = load_config(shipped_defaults_dir(), "bench")
    agenda = config.agenda("round-table") or config.agendas[0]
    with Store.open(path) as store:
        if store.running_meeting() is None:
            meeting = timebox.new_meeting(
                agenda,
                default_attendees(config),
                facilitator_name(config, agenda),
                store.next_meeting_number(),
                store.clock(),
            )
            store.add_meeting(meeting)
        counts = (
            len(store.meetings()),
            len(store.decisions()),
            len(store.actions(include_closed=True)),
            len(store.budgets()),
        )
    print(
        "demo store: {} meetings, {} decisions, {} action items, {} budget agreements "
        "({:.1f} MB)".format(*counts, path.stat().st_size / 1e6)
    )


def time_to_paint(script: str, *args: str, pycache: Path) -> float:
    """Seconds from spawning a Python process running `script` until it printed the
    moment of its first paint."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(pycache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env=env,
    )
    if result.returncode:
        sys.exit(f"the app under test failed:\n{result.stderr}{result.stdout}")
    painted = float(result.stdout.strip().splitlines()[-1])
    return painted - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--meetings", type=int, default=2700, help="demo meetings (~15k entries)")
    parser.add_argument("--db", type=Path, help="reuse this demo store instead of making one")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "demo.db"
        if args.db is None:
            make_demo_store(db, args.meetings)
        pycache = Path(folder) / "pycache"
        # Warm-up: writes the bytecode and brings both into the page cache.
        time_to_paint(BARE_APP, pycache=pycache)
        time_to_paint(MEETING_APP, str(db), pycache=pycache)
        empty_db = Path(folder) / "empty.db"
        make_demo_store(empty_db, 0)
        bare: list[float] = []
        meeting: list[float] = []
        empty: list[float] = []
        for _run in range(args.runs):
            # Interleaved, so a busy moment on the machine hits all alike.
            bare.append(time_to_paint(BARE_APP, pycache=pycache))
            meeting.append(time_to_paint(MEETING_APP, str(db), pycache=pycache))
            empty.append(time_to_paint(MEETING_APP, str(empty_db), pycache=pycache))
    bare_median = statistics.median(bare)
    meeting_median = statistics.median(meeting)
    empty_median = statistics.median(empty)
    runs = f"(median of {args.runs})"
    print(f"bare Textual app, one Label:            {bare_median * 1000:7.0f} ms {runs}")
    print(f"roundtable meeting screen, demo store:  {meeting_median * 1000:7.0f} ms {runs}")
    print(f"roundtable meeting screen, no history:  {empty_median * 1000:7.0f} ms {runs}")
    print(f"ratio: {meeting_median / bare_median:.2f}x (target <= 1.5x)")
    print(f"ratio without history: {empty_median / bare_median:.2f}x")


if __name__ == "__main__":
    main()
