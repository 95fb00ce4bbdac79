"""Idle CPU: a running meeting in a real terminal with nobody typing, against a minimal
Textual app with one `Digits` clock refreshed each second.

Both run side by side in one run, each in its own tmux session (on this bench's own
socket) at 120x40, so a busy machine weighs on both alike: the meeting screen as
`roundtable start` opens a running meeting (on a store grown through `--meetings`
meetings, see `_grow.py`), and the clock app. After `--settle` seconds (startup is not
idle) the CPU time of each process (all threads, from /proc, to the nanosecond) is
taken over the same `--seconds` window; that is repeated `--runs` times with fresh
processes, and the median of the paired ratios is reported. Target: at most 1.3x.

    .venv/bin/python bench/idle_cpu_bench.py [--seconds 30] [--runs 3] [--meetings 500]
        [--stores DIR]
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup_bench import REPO, grown_store

SOCKET = "roundtable-idle-bench"
TICKS = os.sysconf("SC_CLK_TCK")

CLOCK_APP = """
from roundtable import collector
collector.pause()
from datetime import datetime
from textual.app import App, ComposeResult
from textual.widgets import Digits

class Clock(App[None]):
    def compose(self) -> ComposeResult:
        yield Digits("")

    def on_mount(self) -> None:
        self.set_timer(collector.RESUME_AFTER_SECONDS, collector.resume)
        self.tick()
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        self.query_one(Digits).update(datetime.now().strftime("%H:%M:%S"))

Clock().run()
"""

MEETING_APP = """
from roundtable import collector
collector.pause()
import sys
from pathlib import Path
from roundtable.domain.config import load_config
from roundtable.domain.locations import shipped_defaults_dir
from roundtable.store.store import Store
from roundtable.ui.app import RoundtableApp

config = load_config(shipped_defaults_dir(), "bench")
with Store.open(Path(sys.argv[1])) as store:
    app = RoundtableApp(config, store, start=True)
    try:
        app.run()
    finally:
        app.store_thread.close()
"""


def tmux(*args: str) -> str:
    done = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def start(name: str, script: Path, *args: str) -> int:
    """Run `script` in a new 120x40 tmux session; the pid of its Python process."""
    command = " ".join(shlex.quote(part) for part in (sys.executable, str(script), *args))
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", f"exec {command}")
    pid = int(tmux("display-message", "-p", "-t", name, "#{pane_pid}"))
    return pid


def cpu_seconds(pid: int) -> float:
    """CPU time of process `pid`, all its threads, to the nanosecond.

    An idle app uses about a third of a percent of a core: 30 seconds of that are ten
    clock ticks, so `/proc/PID/stat` (in ticks) would be off by a tenth. Each thread's
    `schedstat` counts nanoseconds; the threads of an idle app live as long as it does.
    Without schedstat (a kernel built without it) the ticks it is."""
    try:
        return (
            sum(
                int((task / "schedstat").read_text().split()[0])
                for task in Path(f"/proc/{pid}/task").iterdir()
            )
            / 1e9
        )
    except (FileNotFoundError, ValueError, IndexError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS


def one_run(meeting_db: Path, folder: Path, settle: float, seconds: float) -> tuple[float, float]:
    """CPU % of one core of the clock app and the meeting screen over the same window."""
    clock_script, meeting_script = folder / "clock.py", folder / "meeting.py"
    clock_script.write_text(CLOCK_APP)
    meeting_script.write_text(MEETING_APP)
    clock = start("clock", clock_script)
    meeting = start("meeting", meeting_script, str(meeting_db))
    try:
        time.sleep(settle)
        screen = tmux("capture-pane", "-p", "-t", "meeting")
        if "Time box" not in screen and "Zeitbox" not in screen:
            sys.exit(f"the meeting screen did not show:\n{screen}")
        before = (cpu_seconds(clock), cpu_seconds(meeting), time.monotonic())
        time.sleep(seconds)
        after = (cpu_seconds(clock), cpu_seconds(meeting), time.monotonic())
    finally:
        for name in ("clock", "meeting"):
            subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", name], check=False)
    wall = after[2] - before[2]
    return 100 * (after[0] - before[0]) / wall, 100 * (after[1] - before[1]) / wall


def _load() -> str:
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--settle", type=float, default=8.0, help="startup left out")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--stores", type=Path, help="keep and reuse the grown stores here")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed: the apps run in a real terminal")
    os.chdir(REPO)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        stores = args.stores or folder
        stores.mkdir(parents=True, exist_ok=True)
        grown = grown_store(stores, args.meetings)
        pairs = []
        for run in range(args.runs):
            # A copy per run: the meeting app writes (resume, attendance) to its store.
            db = folder / f"meeting-{run}.db"
            shutil.copyfile(grown, db)
            load = _load()
            clock, meeting = one_run(db, folder, args.settle, args.seconds)
            pairs.append((clock, meeting))
            print(
                f"run {run + 1}: clock app {clock:.2f} %, meeting screen {meeting:.2f} % of a "
                f"core over {args.seconds:.0f} s; ratio {meeting / clock:.2f}x ({load})"
            )
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], check=False)
    ratio = statistics.median(m / c for c, m in pairs)
    print(
        f"idle, {args.meetings} meetings of history, 120x40: clock app "
        f"{statistics.median(c for c, _m in pairs):.2f} %, meeting screen "
        f"{statistics.median(m for _c, m in pairs):.2f} % of a core; "
        f"median paired ratio {ratio:.2f}x (target <= 1.3x)"
    )


if __name__ == "__main__":
    main()
