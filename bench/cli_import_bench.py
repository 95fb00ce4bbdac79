"""`roundtable actions --owner ROLE` against `python -c 'import tinydb'`, as fresh
processes in paired runs: what an attendee's command costs beyond the store engine.

Run: .venv/bin/python bench/cli_import_bench.py [--meetings N] [--pairs N] [--db FILE]

Each pair runs A (`import tinydb`) then B (the command) back to back, in alternating
order (A B, B A, …) so a busy machine slows both alike; the figure is the median of
the pairs' B/A ratios. Target: B within 3x of A on a store of 500 meetings grown by
`roundtable demo` (the team's shipped roles and agendas). Bytecode is cached in a temp
folder (PYTHONPYCACHEPREFIX), as an installed package has it. Finally the modules the
command imports are listed by their own import time, from `python -X importtime`.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHIPPED = Path(__file__).resolve().parents[1] / "roundtable" / "defaults"


CPU: list[tuple[str, float]] = []
"""(command, CPU ms) of every timed run: on a busy machine the processor time a run
used says more than the wall clock, which also counts waiting for a core."""


def timed(command: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    elapsed = (time.perf_counter() - started) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    CPU.append((command[-1], used * 1000))
    if done.returncode != 0:
        raise SystemExit(done.stderr.decode())
    return elapsed


def heaviest_imports(command: list[str], env: dict[str, str], count: int) -> list[str]:
    done = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]], env=env, capture_output=True, check=True
    )
    rows = []
    for line in done.stderr.decode().splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[0].strip().isdigit():
            rows.append((int(parts[0]), parts[2].strip()))
    rows.sort(reverse=True)
    return [f"{micros / 1000:7.1f} ms  {name}" for micros, name in rows[:count]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--pairs", type=int, default=20)
    parser.add_argument("--db", type=Path, help="an existing store (default: a new demo)")
    parser.add_argument("--owner", default="sales-marketing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="roundtable-bench-") as folder:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ROUNDTABLE_")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update(PYTHONPYCACHEPREFIX=str(Path(folder) / "pycache"), ROUNDTABLE_LANG="en")
        db = args.db or Path(folder) / "bench.db"
        base = [sys.executable, "-m", "roundtable", "--config", str(SHIPPED), "--db", str(db)]
        if args.db is None:
            print(f"filling a demo store of {args.meetings} meetings …", flush=True)
            timed([*base, "demo", "--meetings", str(args.meetings)], env)
        a = [sys.executable, "-c", "import tinydb"]
        b = [*base, "actions", "--owner", args.owner]
        for command in (a, b):  # warm the bytecode cache and the file cache
            timed(command, env)
        measured = len(CPU)
        a_times: list[float] = []
        b_times: list[float] = []
        ratios: list[float] = []
        for pair in range(args.pairs):
            if pair % 2 == 0:
                first_a, first_b = timed(a, env), timed(b, env)
            else:
                first_b, first_a = timed(b, env), timed(a, env)
            a_times.append(first_a)
            b_times.append(first_b)
            ratios.append(first_b / first_a)
        print(f"A  python -c 'import tinydb'          median {statistics.median(a_times):6.1f} ms")
        print(
            f"B  roundtable actions --owner {args.owner:<9}median "
            f"{statistics.median(b_times):6.1f} ms"
        )
        print(
            f"B/A over {args.pairs} pairs: median {statistics.median(ratios):.2f}x "
            f"(min {min(ratios):.2f}x, max {max(ratios):.2f}x); target <= 3x"
        )
        cpu_a = statistics.median(ms for what, ms in CPU[measured:] if what == a[-1])
        cpu_b = statistics.median(ms for what, ms in CPU[measured:] if what == b[-1])
        print(f"CPU time: A {cpu_a:.0f} ms, B {cpu_b:.0f} ms, B/A {cpu_b / cpu_a:.2f}x (medians)")
        print("heaviest imports of B (own time, one run):")
        for line in heaviest_imports(b, env, 15):
            print("  " + line)


if __name__ == "__main__":
    main()
