"""`roundtable stats` against `roundtable actions` on a decade store (500 meetings).

Run: .venv/bin/python bench/stats_bench.py [--meetings N] [--runs N]

Both commands run as fresh processes on the same store, alternately (A B A B …), so a
busy machine slows both alike. Each reads the whole store; `stats` also walks every
meeting's items and their segments. Target: stats within 1.5x of actions (median of
the paired ratios).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from roundtable.demo.history import fill_demo
from roundtable.domain.config import load_config
from roundtable.domain.locations import find_config_dir
from roundtable.store.store import Store

TARGET = 1.5


def run_once(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise SystemExit(done.stderr.decode())
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="roundtable-bench-") as folder:
        path = Path(folder) / "decade.db"
        location = find_config_dir(None, {}, Path(folder))
        config = load_config(location.directory, location.source)
        with Store.open(path) as store:
            summary = fill_demo(store, config, today=date(2026, 12, 1), meetings=args.meetings)
            store.compact()
        env = dict(os.environ, ROUNDTABLE_DB=str(path), ROUNDTABLE_LANG="en")
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("ROUNDTABLE_CONFIG", None)
        base = [sys.executable, "-m", "roundtable"]
        actions, stats = [*base, "actions"], [*base, "stats"]
        run_once(actions, env)  # warm the page cache and the bytecode cache
        run_once(stats, env)
        pairs = [(run_once(actions, env), run_once(stats, env)) for _run in range(args.runs)]
        size = path.stat().st_size / 1e6
        print(
            f"{summary.meetings} meetings, {summary.actions} action items, {size:.1f} MB, "
            f"{args.runs} paired runs"
        )
        for name, times in (("actions", [a for a, _s in pairs]), ("stats", [s for _a, s in pairs])):
            print(
                f"  roundtable {name:<8} median {statistics.median(times):7.1f} ms   "
                f"min {min(times):7.1f} ms   max {max(times):7.1f} ms"
            )
        ratio = statistics.median(s / a for a, s in pairs)
        verdict = "ok" if ratio < TARGET else "TOO SLOW"
        print(f"  stats / actions: {ratio:.2f}x (target < {TARGET}x) {verdict}")


if __name__ == "__main__":
    main()
