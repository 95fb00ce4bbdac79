"""`roundtable export` of one meeting on a decade store against a 50-meeting store.

    .venv/bin/python bench/export_history_bench.py [--small 50] [--large 500] [--runs 6]
        [--grown]

Both stores hold the demo history (`roundtable demo --meetings N`: meetings with their
decisions, action items closed in meetings and between them, a reopened item, budget
agreements signed off and rejected, notes, amendments, minutes approvals), written by
replaying its recorded writes (`_grow.replay_at_once`; with `--grown` as meetings write
them, every call its own transaction: slower to build, the journal as real use leaves
it). Each is exported as a fresh process, A B A B: the latest meeting, and the meeting
five before it, so that its minutes are as of a moment deep inside the history rather
than at its end. Target: the large store's median within 1.3x of the small one's, for
each meeting.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _grow import grow, record_demo, replay_at_once

from roundtable.domain.locations import shipped_defaults_dir
from roundtable.store.store import Store

TARGET = 1.3


def _store(folder: Path, meetings: int, grown: bool) -> tuple[Path, int]:
    recorded = folder / f"recorded-{meetings}.db"
    calls = record_demo(recorded, meetings)
    path = folder / f"store-{meetings}.db"
    started = time.perf_counter()
    (grow if grown else replay_at_once)(path, calls)
    with Store.open(path, read_only=True) as store:
        numbers = sorted(store.meeting_numbers().values())
        events = len(store.event_log.between("", "9999"))
    print(
        f"{meetings} meetings: built in {time.perf_counter() - started:.0f} s, "
        f"{path.stat().st_size / 1e6:.1f} MB, {events} events"
    )
    return path, numbers[-1]


def _export(path: Path, number: int, env: dict[str, str]) -> float:
    command = [
        sys.executable,
        "-m",
        "roundtable",
        "--config",
        str(shipped_defaults_dir()),
        "--db",
        str(path),
        "export",
        str(number),
    ]
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    took = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"export failed: {result.stderr}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=50)
    parser.add_argument("--large", type=int, default=500)
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--grown", action="store_true")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROUNDTABLE_")}
    env["ROUNDTABLE_LANG"] = "en"
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        small, small_last = _store(folder, args.small, args.grown)
        large, large_last = _store(folder, args.large, args.grown)
        ok = True
        for label, back in (("latest", 0), ("five before the latest", 5)):
            pair = ((small, small_last - back), (large, large_last - back))
            for path, number in pair:  # warm-up: bytecode and page cache
                _export(path, number, env)
            times: dict[Path, list[float]] = {small: [], large: []}
            for _run in range(args.runs):
                for path, number in pair:  # A B A B
                    times[path].append(_export(path, number, env))
            small_median = statistics.median(times[small])
            large_median = statistics.median(times[large])
            ratio = large_median / small_median
            ok = ok and ratio <= TARGET
            print(
                f"export {label}: {args.small} meetings {small_median * 1000:.0f} ms, "
                f"{args.large} meetings {large_median * 1000:.0f} ms, ratio {ratio:.2f}x "
                f"(target <= {TARGET}x; median of {args.runs} paired runs)"
            )
        print("target met" if ok else "target NOT met")


if __name__ == "__main__":
    main()
