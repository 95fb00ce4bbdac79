"""Stores grown through meetings against the same stores freshly compacted, the demo
against writing the same data, and the peak memory of commands.

    .venv/bin/python bench/grown_store_bench.py demo [--meetings 1000 2000] [--runs 2]
    .venv/bin/python bench/grown_store_bench.py grown [--meetings 2700] [--runs 5]
    .venv/bin/python bench/grown_store_bench.py memory [--meetings 9000]

`demo`: `fill_demo` (what `roundtable demo` runs) against replaying its recorded writes
into a new store in one transaction and compacting, as the demo does: the same data
written through the same `Store` calls, without the demo's own work. Paired A B A B.
Target: demo within 3x, and the time per meeting flat from 1000 to 2000 meetings.

`grown`: a store grown as meetings grow it (`_grow.grow`: every call its own fsynced
transaction, each meeting saved at every clock step; the journal compacts when it
decides to) with a meeting running, against a copy of it freshly compacted: `roundtable
actions --owner sales` and the meeting screen's first frame (as `startup_bench.py`
measures it), A B A B. Target: within 1.3x of the compacted copy.

`memory`: the peak resident memory (VmHWM) of every reading command (and of
`discard`, which only asks without `--yes`) on a grown store, and of the app walked
through a meeting on it (`_app_walk.py`: the meeting screen settled, the campaign
results item, the full scoreboard, every action item), on the store as grown (whose
first write may compact it) and freshly compacted. Target: under 150 MB at 50k entries
(about 9,000 demo meetings; `--stores DIR` keeps the grown store there).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _grow import TODAY, grow, record_demo, replay_at_once
from startup_bench import MEETING_APP, REPO, _start_meeting, grown_store, time_to_paint

from roundtable.demo.history import fill_demo
from roundtable.domain.config import load_config
from roundtable.domain.locations import shipped_defaults_dir
from roundtable.store.store import Store


def _entries(path: Path) -> str:
    with Store.open(path, read_only=True) as store:
        counts = (
            len(store.meetings()),
            len(store.decisions()),
            len(store.actions(include_closed=True)),
            len(store.budgets()),
        )
    lines = path.read_bytes().count(b"\n")
    return (
        f"{counts[0]} meetings, {sum(counts[1:])} entries, {lines} lines, "
        f"{path.stat().st_size / 1e6:.1f} MB"
    )


def bench_demo(meetings: list[int], runs: int, folder: Path) -> None:
    config = load_config(shipped_defaults_dir(), "bench")
    per_meeting = {}
    for count in meetings:
        calls = record_demo(folder / f"recorded-{count}.db", count)
        demo_times, replay_times = [], []
        for run in range(runs):
            target = folder / f"demo-{count}-{run}.db"
            started = time.perf_counter()
            with Store.open(target) as store:
                fill_demo(store, config, today=TODAY, meetings=count)
            demo_times.append(time.perf_counter() - started)
            target = folder / f"replay-{count}-{run}.db"
            started = time.perf_counter()
            replay_at_once(target, calls)
            replay_times.append(time.perf_counter() - started)
        demo, replay = statistics.median(demo_times), statistics.median(replay_times)
        per_meeting[count] = demo / count
        print(
            f"demo --meetings {count}: {demo:6.2f} s; writing the same data: {replay:6.2f} s; "
            f"ratio {demo / replay:.2f}x (target <= 3x); {demo / count * 1000:.1f} ms per meeting"
        )
    if len(per_meeting) > 1:
        first, last = min(per_meeting), max(per_meeting)
        print(
            f"time per meeting at {last} / at {first}: "
            f"{per_meeting[last] / per_meeting[first]:.2f} (linear: about 1)"
        )


def _run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr.decode())
    return time.perf_counter() - started


STORES: Path | None = None
"""`--stores DIR`: grown stores kept there and reused (growing takes minutes)."""


def _grown(folder: Path, meetings: int) -> Path:
    if STORES is not None:
        kept = grown_store(STORES, meetings)
        grown = folder / "grown.db"
        shutil.copyfile(kept, grown)
        return grown
    grown = folder / "grown.db"
    calls = record_demo(folder / "recorded.db", meetings)
    started = time.perf_counter()
    grow(grown, calls)
    print(f"grown in {time.perf_counter() - started:.0f} s")
    _start_meeting(grown)
    return grown


def bench_grown(meetings: int, runs: int, folder: Path) -> None:
    grown = _grown(folder, meetings)
    compacted = folder / "compacted.db"
    shutil.copyfile(grown, compacted)
    with Store.open(compacted) as store:
        store.compact()
    print("grown:    ", _entries(grown))
    print("compacted:", _entries(compacted))
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROUNDTABLE_")}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    base = [sys.executable, "-m", "roundtable"]
    pycache = folder / "pycache"
    results: dict[str, dict[str, list[float]]] = {"actions": {}, "first frame": {}}
    for store in (grown, compacted):  # warm-up: bytecode and page cache
        _run([*base, "--db", str(store), "actions", "--owner", "sales"], env)
        time_to_paint(MEETING_APP, str(store), pycache=pycache)
    for _run_number in range(runs):
        for name, store in (("grown", grown), ("compacted", compacted)):
            command = [*base, "--db", str(store), "actions", "--owner", "sales"]
            results["actions"].setdefault(name, []).append(_run(command, env))
            painted = time_to_paint(MEETING_APP, str(store), pycache=pycache)
            results["first frame"].setdefault(name, []).append(painted)
    for what, times in results.items():
        grown_median = statistics.median(times["grown"])
        compacted_median = statistics.median(times["compacted"])
        paired = statistics.median(
            g / c for g, c in zip(times["grown"], times["compacted"], strict=True)
        )
        print(
            f"{what}: grown {grown_median * 1000:.0f} ms, compacted "
            f"{compacted_median * 1000:.0f} ms, median paired ratio {paired:.2f}x "
            f"(target <= 1.3x; {runs} pairs; "
            "load {:.1f} {:.1f} {:.1f})".format(*os.getloadavg())
        )


HIGH_WATER = """
# VmHWM, not ru_maxrss: the latter carries the high-water mark of the process this
# one was forked from (the benchmark, which has read the store itself).
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmHWM:")), file=sys.stderr)
"""

PEAK = (
    """
import sys
sys.argv = ["roundtable", *sys.argv[1:]]
from roundtable.launch import main
try:
    main()
except SystemExit:
    pass
"""
    + HIGH_WATER
)


def bench_memory(meetings: int, folder: Path) -> None:
    grown = _grown(folder, meetings)
    print("store:", _entries(grown))
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROUNDTABLE_")}
    env["ROUNDTABLE_DB"] = str(grown)
    commands = [
        ["check"],
        ["actions"],
        ["actions", "--owner", "sales"],
        ["actions", "--all"],
        ["meetings"],
        ["campaigns"],
        ["stats"],
        ["export"],
        ["export", "2"],
        ["decisions"],
        ["search", "budget"],
        ["remind"],
        ["calendar"],
        ["store", "verify"],
        ["discard"],
    ]
    for command in commands:
        argv = [sys.executable, "-c", PEAK, *command]
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        peak_kb = int(done.stderr.strip().splitlines()[-1])
        print(f"roundtable {' '.join(command)}: peak {peak_kb / 1024:.0f} MB (target < 150 MB)")
    # The app writes to the store as it is walked: each walk on a copy of its own. The
    # store as grown (its first write may compact it), then freshly compacted.
    walked, compacted = folder / "walked.db", folder / "walked-compacted.db"
    shutil.copyfile(grown, walked)
    shutil.copyfile(grown, compacted)
    _walk(walked, env, "as grown")
    with Store.open(compacted) as store:
        store.compact()
    _walk(compacted, env, "compacted")


def _walk(store: Path, env: dict[str, str], state: str) -> None:
    """The meeting app walked through a meeting (`_app_walk.py`), its peak after each step."""
    argv = [sys.executable, str(REPO / "bench" / "_app_walk.py"), str(store)]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False, cwd=REPO)
    if done.returncode:
        raise SystemExit(f"the app walk failed:\n{done.stderr}{done.stdout}")
    for line in done.stdout.strip().splitlines():
        step, peak_kb = line.rsplit("\t", 1)
        print(
            f"app on the store {state}, {step}: peak {int(peak_kb) / 1024:.0f} MB (target < 150 MB)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("demo", "grown", "memory"))
    parser.add_argument("--meetings", type=int, nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stores", type=Path, help="keep and reuse the grown stores here")
    args = parser.parse_args()
    global STORES
    STORES = args.stores
    print("load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    with tempfile.TemporaryDirectory(prefix="roundtable-bench-") as name:
        folder = Path(name)
        if args.what == "demo":
            bench_demo(args.meetings or [1000, 2000], args.runs, folder)
        elif args.what == "grown":
            bench_grown((args.meetings or [2700])[0], args.runs, folder)
        else:
            bench_memory((args.meetings or [9000])[0], folder)


if __name__ == "__main__":
    main()
