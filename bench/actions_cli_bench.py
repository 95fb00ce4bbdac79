"""Wall time of `roundtable actions --owner …` as a fresh process, at 15k action items.

Run: .venv/bin/python bench/actions_cli_bench.py [--entries N] [--runs N]

Includes interpreter start, imports, loading the roles and reading the whole store:
what an attendee waits for. Target: < 150 ms. Also shows which modules the command
imports (Textual must not be among them).

Installed packages have their bytecode cached; a development shell with
PYTHONDONTWRITEBYTECODE=1 compiles every module on every start instead. Both are
measured: "cached" with a bytecode cache in a temp folder (PYTHONPYCACHEPREFIX, so the
source tree is not touched), "uncached" with the environment as it is.
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

from _fill import fill_actions

from roundtable.store.store import Store


def run_once(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise SystemExit(done.stderr.decode())
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=15_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="roundtable-bench-") as folder:
        path = Path(folder) / "bench.db"
        fill_actions(path, 0, args.entries)
        with Store.open(path) as store:
            store.compact()
        uncached = dict(os.environ, ROUNDTABLE_DB=str(path))
        uncached.pop("ROUNDTABLE_CONFIG", None)
        cached = dict(uncached, PYTHONPYCACHEPREFIX=str(Path(folder) / "pycache"))
        cached.pop("PYTHONDONTWRITEBYTECODE", None)
        base = [sys.executable, "-m", "roundtable"]
        cases = {
            "python -c pass (interpreter alone)": [sys.executable, "-c", "pass"],
            "roundtable --version": [*base, "--version"],
            "roundtable actions --owner sales": [*base, "actions", "--owner", "sales"],
            "roundtable actions --owner jana": [*base, "actions", "--owner", "jana"],
            "roundtable actions": [*base, "actions"],
        }
        size = path.stat().st_size / 1e6
        print(f"{args.entries} action items, {size:.1f} MB, {args.runs} runs each")
        for label, env in (("cached", cached), ("uncached", uncached)):
            print(f" bytecode {label}:")
            for name, command in cases.items():
                run_once(command, env)  # warm the page cache and the bytecode cache
                timings = [run_once(command, env) for _run in range(args.runs)]
                print(
                    f"  {name:<40} median {statistics.median(timings):6.1f} ms   "
                    f"min {min(timings):6.1f} ms   max {max(timings):6.1f} ms"
                )
        probe = (
            "import sys, runpy; sys.argv = ['roundtable', 'actions', '--owner', 'sales'];\n"
            "try:\n    runpy.run_module('roundtable', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules}), file=sys.stderr)"
        )
        done = subprocess.run(
            [sys.executable, "-c", probe], env=cached, capture_output=True, text=True, check=False
        )
        modules = done.stderr.strip().splitlines()[-1]
        print(f"  textual imported: {'textual' in modules}")


if __name__ == "__main__":
    main()
