"""Startup of the meeting screen against what Textual itself costs for it.

The reference (`_mirror.py`) is a Textual app that composes the same widget tree as the
settled meeting screen, with its static content, the app's stylesheet and the same
garbage-collector settings (paused at start, resumed a second after mounting, as
`roundtable start` does), and no store. The meeting screen runs as `roundtable start`
opens it, headless at 160x48, on stores grown the way meetings grow them
(`_grow.py`: every write its own transaction, each meeting saved at every step): empty
(only the running meeting), 500 and 2,700 meetings. Both run as fresh subprocesses,
paired A B A B; each pair gives a ratio and the median ratio is reported:

- first frame: the meeting screen's first painted frame against the reference's;
- settled: the screen the room sees once the carry-over list stands in the agenda's
  place with all its rows (on a store with history the first item reviews it), the
  footer shows its keys and the forecast at the usual pace has read its history
  (nothing left on the store thread), against the reference's first frame (which is
  its settled screen: its footer shows the same keys from its first frame on).

For the record, a bare Textual app with one Label is timed in the same rounds. The
load average is printed with each figure: the machine may be shared.

Both run from compiled bytecode, as an installed roundtable does; the bytecode goes to a
temporary PYTHONPYCACHEPREFIX, written by one untimed warm-up run of each app.

    .venv/bin/python bench/startup_bench.py [--runs 5] [--sizes 0 500 2700] [--stores DIR]

`--stores DIR` keeps the grown stores (`grown-500.db`, …) there and reuses them: growing
2,700 meetings takes minutes.
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
from roundtable.domain.config.remembered_config import remembered_config
from roundtable.domain.locations import shipped_defaults_dir
from roundtable.store.store import Store
from roundtable.ui.app import RoundtableApp
from roundtable.ui.screens.meeting.screen import MeetingScreen
from textual.widgets._footer import FooterKey
from roundtable.ui.widgets.carry_over import CarryOverTable
from roundtable.ui.widgets.forecast import ForecastLine

# first: print the first frame's moment; settled: also the settled screen's (the
# carry-over list and the forecast shown); dump:FILE: also write the settled screen's
# widget tree (bench/_mirror.py) to FILE.
MODE = sys.argv[2] if len(sys.argv) > 2 else "first"

class Timed(RoundtableApp):
    # Polls for the meeting screen, then waits for the refresh that paints it.
    def on_mount(self) -> None:
        # Textual calls RoundtableApp.on_mount as well (handlers run along the MRO).
        self._probe = self.set_interval(0.002, self.probe)
        self._first = False

    def probe(self) -> None:
        screen = self.screen
        if not isinstance(screen, MeetingScreen) or screen.view is None:
            return
        if not self._first:
            self._first = True
            self.call_after_refresh(self.painted)
            if MODE == "first":
                self._probe.stop()
            return
        lines = screen.query(ForecastLine)
        forecast_read = all(line.usual is not None for line in lines)
        # The carry-over shown has every row it was handed, measured (DataTable
        # measures new rows when idle).
        carried = len(screen.carry_over.carried or [])
        tables = screen.query(CarryOverTable)
        rows_in = all(t.row_count == carried and not t._new_rows for t in tables if t.display)
        # The footer's keys are laid out (the footer builds them after a refresh).
        keys = screen.query(FooterKey)
        keys_in = bool(keys) and all(key.region for key in keys)
        done = rows_in and keys_in and self.store_thread.pending == 0
        if screen._carry_ready and forecast_read and done:
            self._probe.stop()
            self.call_after_refresh(self.settled)

    def painted(self) -> None:
        print(time.time(), flush=True)
        if MODE == "first":
            self.exit()

    def settled(self) -> None:
        print(time.time(), flush=True)
        if MODE.startswith("dump:"):
            sys.path.insert(0, "bench")
            from _mirror import dump
            Path(MODE[5:]).write_text(dump(self.screen))
        self.exit()

# As `roundtable start` reads its config folder (cli/context.py `team_config`): as last
# read, unchanged since (the warm-up run read it).
config = remembered_config(shipped_defaults_dir(), "bench")
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
    from roundtable.domain.chair import present_holder
    from roundtable.domain.config import load_config
    from roundtable.domain.locations import shipped_defaults_dir
    from roundtable.store.store import Store
    from roundtable.ui.app import default_attendees

    config = load_config(shipped_defaults_dir(), "bench")
    agenda = config.agenda("round-table") or config.agendas[0]
    with Store.open(path) as store:
        if store.running_meeting() is None:
            meeting = timebox.new_meeting(
                agenda,
                default_attendees(config),
                present_holder(config, agenda.facilitator, default_attendees(config)),
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


def time_to_frames(script: str, *args: str, pycache: Path) -> list[float]:
    """Seconds from spawning a Python process running `script` until each moment it
    printed (first frame, then settled screen)."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(pycache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        env=env,
    )
    if result.returncode:
        sys.exit(f"the app under test failed:\n{result.stderr}{result.stdout}")
    return [float(line) - started for line in result.stdout.split()]


def _load() -> str:
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def grown_store(folder: Path, meetings: int) -> Path:
    """A store grown through `meetings` demo meetings with one running (kept in `folder`
    and reused)."""
    from _grow import grow, record_demo

    path = folder / f"grown-{meetings}.db"
    if meetings == 0:
        path = folder / "empty.db"
        if not path.exists():
            make_demo_store(path, 0)
        return path
    if not path.exists():
        calls = record_demo(folder / f"recorded-{meetings}.db", meetings)
        grow(path, calls)
        _start_meeting(path)
    return path


def bench_store(db: Path, runs: int, folder: Path, pycache: Path) -> None:
    from _mirror import REFERENCE_APP

    tree = folder / f"{db.stem}-tree.json"
    from roundtable.ui.store_app import StoreApp

    # The app's stylesheets, all of them, in its order.
    css = os.pathsep.join(str(path) for path in StoreApp.CSS_PATH)
    # Warm-up (bytecode, page cache) and the widget tree of the settled screen.
    time_to_frames(MEETING_APP, str(db), f"dump:{tree}", pycache=pycache)
    time_to_frames(REFERENCE_APP, str(tree), css, pycache=pycache)
    time_to_frames(BARE_APP, pycache=pycache)
    load_before = _load()
    first, settled, reference, bare = [], [], [], []
    for _run in range(runs):
        # A B A B: a busy moment on the machine hits both of a pair alike.
        ref_frame = time_to_frames(REFERENCE_APP, str(tree), css, pycache=pycache)[0]
        frames = time_to_frames(MEETING_APP, str(db), "settled", pycache=pycache)
        bare_frame = time_to_frames(BARE_APP, pycache=pycache)[0]
        reference.append(ref_frame)
        first.append(frames[0])
        settled.append(frames[-1])
        bare.append(bare_frame)
    median = statistics.median

    def ratio(these: list[float], against: list[float]) -> float:
        return median([a / b for a, b in zip(these, against, strict=True)])

    from roundtable.store.store import Store

    with Store.open(db, read_only=True) as store:
        held = len(store.meetings()) - 1
    lines = db.read_bytes().count(b"\n")
    print(
        f"{held} meetings before the running one ({db.stat().st_size / 1e6:.1f} MB, "
        f"{lines} lines); {runs} paired runs; {load_before} -> {_load()}"
    )
    print(f"  reference (same tree, static):  {median(reference) * 1000:6.0f} ms")
    print(
        f"  meeting screen, first frame:    {median(first) * 1000:6.0f} ms  "
        f"ratio {ratio(first, reference):.2f}x (target <= 1.1x)"
    )
    print(
        f"  meeting screen, settled:        {median(settled) * 1000:6.0f} ms  "
        f"ratio {ratio(settled, reference):.2f}x (target <= 1.3x)"
    )
    print(
        f"  bare app, one Label:            {median(bare) * 1000:6.0f} ms  "
        f"first frame / one Label {ratio(first, bare):.2f}x (for the record)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 500, 2700])
    parser.add_argument("--stores", type=Path, help="keep and reuse the grown stores here")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        stores = args.stores or folder
        stores.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            bench_store(grown_store(stores, size), args.runs, folder, folder / "pycache")


if __name__ == "__main__":
    main()
