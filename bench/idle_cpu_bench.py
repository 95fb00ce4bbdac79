"""Idle CPU: the meeting screen running with nobody typing, as a share of one core.

Runs the real app headless (as `roundtable start` opens it, on a demo store of about
15,000 entries with a meeting running) for `--seconds` (default 60), and measures this
process's CPU seconds over that window only, after the first paint. Target: under 2 %.

    .venv/bin/python bench/idle_cpu_bench.py [--seconds 60] [--meetings 2700] [--db FILE]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup_bench import make_demo_store

from roundtable.domain.config import load_config
from roundtable.domain.locations import shipped_defaults_dir
from roundtable.store.store import Store
from roundtable.ui.app import RoundtableApp
from roundtable.ui.screens.meeting.screen import MeetingScreen


def cpu_seconds() -> float:
    """User plus system CPU time of this process (all its threads)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class IdleApp(RoundtableApp):
    """The app, left alone once the meeting screen shows; exits after the window."""

    window = 60.0
    started_cpu = 0.0
    started_wall = 0.0
    result: tuple[float, float] | None = None

    def on_mount(self) -> None:
        self._probe = self.set_interval(0.05, self.probe)

    def probe(self) -> None:
        if isinstance(self.screen, MeetingScreen) and self.screen.view is not None:
            self._probe.stop()
            self.call_after_refresh(self.start_window)

    def start_window(self) -> None:
        self.started_cpu = cpu_seconds()
        self.started_wall = time.monotonic()
        self.set_timer(self.window, self.end_window)

    def end_window(self) -> None:
        self.result = (cpu_seconds() - self.started_cpu, time.monotonic() - self.started_wall)
        self.exit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--meetings", type=int, default=2700, help="demo meetings (~15k entries)")
    parser.add_argument("--db", type=Path, help="reuse this demo store instead of making one")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "demo.db"
        if args.db is None:
            make_demo_store(db, args.meetings)
        config = load_config(shipped_defaults_dir(), "bench")
        with Store.open(db) as store:
            app = IdleApp(config, store, start=True)
            app.window = args.seconds
            try:
                app.run(headless=True, size=(160, 48))
            finally:
                app.store_thread.close()
    if app.result is None:
        sys.exit("the meeting screen never showed")
    cpu, wall = app.result
    print(f"idle meeting screen: {cpu:.3f} CPU seconds in {wall:.1f} s")
    print(f"= {100 * cpu / wall:.2f} % of one core (target < 2 %)")


if __name__ == "__main__":
    main()
