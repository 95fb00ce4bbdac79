"""`roundtable stats` against `roundtable actions` on a decade store (500 meetings).

Run: .venv/bin/python bench/stats_bench.py [--meetings N] [--runs N]

Both commands run as fresh processes on the same store, alternately (A B A B …), so a
busy machine slows both alike. The store is grown the way meetings grow it (`_grow.py`;
`--stores DIR` keeps and reuses it). `stats` reads every meeting and walks its items
and their segments. Target: stats within 1.5x of actions (median of the paired ratios).
The load average is printed with the figure: the machine may be shared.
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

from startup_bench import grown_store

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
    parser.add_argument("--stores", type=Path, help="keep and reuse the grown stores here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="roundtable-bench-") as folder:
        stores = args.stores or Path(folder)
        stores.mkdir(parents=True, exist_ok=True)
        path = grown_store(stores, args.meetings)
        with Store.open(path, read_only=True) as store:
            held = len(store.meetings())
            open_items = len(store.actions(include_closed=True))
        env = dict(os.environ, ROUNDTABLE_DB=str(path), ROUNDTABLE_LANG="en")
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("ROUNDTABLE_CONFIG", None)
        base = [sys.executable, "-m", "roundtable"]
        actions, stats = [*base, "actions"], [*base, "stats"]
        run_once(actions, env)  # warm the page cache and the bytecode cache
        run_once(stats, env)
        load = "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
        pairs = [(run_once(actions, env), run_once(stats, env)) for _run in range(args.runs)]
        size = path.stat().st_size / 1e6
        print(
            f"{held} meetings, {open_items} action items, {size:.1f} MB (grown), "
            f"{args.runs} paired runs; {load} -> "
            "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
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
