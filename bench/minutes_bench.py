"""How fast the minutes of one meeting are exported from a store with years of history.

Run: .venv/bin/python bench/minutes_bench.py [--meetings 500] [--entries 15000] [--rounds 40]

Builds a store with `roundtable demo --meetings N` (in-process `fill_demo` if the
command is not there), tops it up to about `--entries` entries with action items
opened in its meetings and done a few meetings later (the demo writes fewer entries
per meeting than years of real use gather), then exports the latest, a middle and the
first meeting in-process, as `roundtable export` does: find the meeting by number,
gather from the store, render. Prints p50/p95 in ms for each step and in total.
Target: total p95 < 50 ms.

The store builds small indexes on first use (and after every change); the first
export from a freshly opened store pays for them, so that "cold" figure is printed
too, and the wall time of `roundtable export` as a fresh process (interpreter start,
imports and reading the file included).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _fill import OWNERS, TEXTS  # noqa: E402

from roundtable.domain.config import TeamConfig, load_config  # noqa: E402
from roundtable.domain.entries import ActionStatus  # noqa: E402
from roundtable.domain.export import find_meeting  # noqa: E402
from roundtable.domain.minutes import gather_minutes, render_minutes  # noqa: E402
from roundtable.store.store import Store  # noqa: E402

SHIPPED = HERE.parent / "roundtable" / "defaults"
TARGET_MS = 50.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def build(path: Path, meetings: int, config: TeamConfig) -> str:
    """Fill `path` with `meetings` demo meetings; says how it was made."""
    environment = dict(os.environ, PYTHONPATH=str(HERE.parent))
    command = [sys.executable, "-m", "roundtable", "--config", str(SHIPPED), "--db", str(path)]
    result = subprocess.run(
        [*command, "demo", "--meetings", str(meetings)],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    if result.returncode == 0:
        return "roundtable demo"
    if "invalid choice" not in result.stderr:
        raise SystemExit(f"roundtable demo failed:\n{result.stderr}")
    from roundtable.demo.history import fill_demo

    with Store.open(path) as store:
        fill_demo(store, config, today=date.today(), meetings=meetings)
    return "fill_demo in-process (no `roundtable demo` command yet)"


def top_up(path: Path, count: int, seed: int = 11) -> None:
    """Add `count` action items to the demo's history, as years of real use would: each
    opened in one meeting and done one to four meetings later (a few still open)."""
    rng = random.Random(seed)
    with Store.open(path) as store:
        meetings = [m for m in store.meetings() if m.ended_at is not None]
        saved = store.clock
        moment = meetings[0].started_at
        store.clock = lambda: moment
        try:
            with store.transaction():
                for number in range(count):
                    index = rng.randrange(len(meetings) - 1)
                    opened_in = meetings[index]
                    assert opened_in.id is not None and opened_in.ended_at is not None
                    moment = opened_in.started_at + (opened_in.ended_at - opened_in.started_at) / 2
                    item = rng.randrange(len(opened_in.items))
                    action = store.add_action(
                        f"{rng.choice(TEXTS)} ({number})",
                        rng.choice(OWNERS),
                        opened_in.started_at.date() + timedelta(days=rng.choice((7, 14, 21))),
                        opened_in.id,
                        item,
                    )
                    if rng.random() < 0.002:
                        continue  # forgotten: still open years later
                    closed_in = meetings[min(len(meetings) - 1, index + rng.randint(1, 4))]
                    moment = closed_in.started_at + timedelta(minutes=rng.randint(1, 15))
                    store.set_action_status(action.ref, ActionStatus.DONE, closed_in.id)
        finally:
            store.clock = saved


def count_entries(store: Store) -> tuple[int, int, int, int, int, int]:
    campaigns = store.campaigns()
    return (
        len(store.meetings()),
        len(store.decisions()),
        len(store.actions(include_closed=True)),
        len(store.budgets()),
        len(campaigns),
        sum(len(store.snapshots(campaign.id)) for campaign in campaigns),
    )


def run(folder: Path, meetings: int, entries: int, rounds: int) -> bool:
    config = load_config(SHIPPED, "bench")
    path = folder / "bench.db"
    with Store.open(path) as store:
        counts = count_entries(store)
    how = "the existing store"
    if counts[0] == 0:
        how = build(path, meetings, config)
        with Store.open(path) as store:
            counts = count_entries(store)
    if sum(counts) < entries:
        top_up(path, entries - sum(counts))
    with Store.open(path, read_only=True) as store:
        counts = count_entries(store)
        total = sum(counts)
        print(f"store: {how}; {total:,} entries")
        print(
            f"  {counts[0]} meetings, {counts[1]:,} decisions, {counts[2]:,} action items, "
            f"{counts[3]:,} budget agreements, {counts[4]} campaigns with {counts[5]:,} "
            f"reports; file {path.stat().st_size / 1e6:.1f} MB"
        )
        numbers = sorted(m.number for m in store.meetings())
        picks = {
            "latest": "latest",
            "middle": str(numbers[len(numbers) // 2]),
            "first": str(numbers[0]),
        }
        ok = True
        print(f"{'meeting':<14}{'step':<8}{'p50 ms':>9}{'p95 ms':>9}")
        for label, which in picks.items():
            steps: dict[str, list[float]] = {"find": [], "gather": [], "render": [], "total": []}
            size = 0
            for _round in range(rounds):
                started = time.perf_counter()
                meeting = find_meeting(store, which)
                found = time.perf_counter()
                assert meeting.id is not None
                data = gather_minutes(store, meeting.id, config)
                gathered = time.perf_counter()
                text = render_minutes(data)
                rendered = time.perf_counter()
                size = len(text)
                steps["find"].append((found - started) * 1000)
                steps["gather"].append((gathered - found) * 1000)
                steps["render"].append((rendered - gathered) * 1000)
                steps["total"].append((rendered - started) * 1000)
            name = f"{label} ({meeting.number})"
            for step, values in steps.items():
                p50 = statistics.median(values)
                p95 = percentile(values, 0.95)
                print(f"{name:<14}{step:<8}{p50:>9.1f}{p95:>9.1f}")
                name = ""
            print(f"{'':<14}{size:,} characters of Markdown")
            ok = ok and percentile(steps["total"], 0.95) < TARGET_MS
    colds = []
    for _round in range(max(3, rounds // 4)):
        with Store.open(path, read_only=True) as fresh:
            started = time.perf_counter()
            meeting = find_meeting(fresh, "latest")
            assert meeting.id is not None
            render_minutes(gather_minutes(fresh, meeting.id, config))
            colds.append((time.perf_counter() - started) * 1000)
    print(
        f"cold (first export after opening, indexes built): p50 "
        f"{statistics.median(colds):.1f} ms, max {max(colds):.1f} ms"
    )
    walls = [export_wall_time(path) for _round in range(max(3, rounds // 4))]
    print(
        f"`roundtable export latest` as a fresh process: p50 {statistics.median(walls):.0f} ms, "
        f"max {max(walls):.0f} ms"
    )
    print(f"target: total p95 < {TARGET_MS:.0f} ms — {'met' if ok else 'NOT met'}")
    return ok


def export_wall_time(path: Path) -> float:
    environment = dict(os.environ, PYTHONPATH=str(HERE.parent))
    command = [sys.executable, "-m", "roundtable", "--config", str(SHIPPED), "--db", str(path)]
    started = time.perf_counter()
    subprocess.run([*command, "export", "latest"], capture_output=True, env=environment, check=True)
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--entries", type=int, default=15_000)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args()
    if args.folder is not None:
        return 0 if run(args.folder, args.meetings, args.entries, args.rounds) else 1
    with tempfile.TemporaryDirectory() as folder:
        return 0 if run(Path(folder), args.meetings, args.entries, args.rounds) else 1


if __name__ == "__main__":
    sys.exit(main())
