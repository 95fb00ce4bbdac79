"""How fast the store saves one action item durably, and lists one owner's items.

Run: .venv/bin/python bench/store_bench.py [--folder DIR]

For 0, 1k, 15k and 50k existing action items (filled quickly in one transaction), times
~200 `Store.add_action` calls, each durable on disk (fsync) before it returns, and
prints p50/p95, the file size, and the time a fresh process needs to open the store.
At 15k it also times listing one owner's open items in-process.
Targets: p95 < 15 ms at 15k and at most 2 × the 1k figure; listing < 20 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _fill import fill_actions

from roundtable.store.store import Store

SIZES = (0, 1_000, 15_000, 50_000)
INSERTS = 200
LISTINGS = 50


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(folder: Path) -> None:
    path = folder / "bench.db"
    present = 0
    print(f"store file: {path}")
    print(f"{'entries':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'open ms':>8} {'file MB':>8}")
    for size in SIZES:
        if size > present:
            fill_actions(path, present, size - present)
            present = size
        started = time.perf_counter()
        store = Store.open(path)
        opened = (time.perf_counter() - started) * 1000
        timings = []
        for number in range(INSERTS):
            started = time.perf_counter()
            store.add_action(
                f"Nachfassen Messe Hannover Follow-up, Kontakt {number}",
                "sales",
                date(2026, 12, 1),
                None,
                None,
            )
            timings.append((time.perf_counter() - started) * 1000)
        present += INSERTS
        megabytes = path.stat().st_size / 1e6
        print(
            f"{size:>8} {statistics.median(timings):>8.2f} {percentile(timings, 0.95):>8.2f} "
            f"{max(timings):>8.2f} {opened:>8.1f} {megabytes:>8.2f}"
        )
        if size == 15_000:
            owners = {"sales", "Thomas Wagner", "Julia Neumann", "Markus Becker"}
            listing = []
            for _round in range(LISTINGS):
                started = time.perf_counter()
                found = store.actions(owners=owners)
                listing.append((time.perf_counter() - started) * 1000)
            print(
                f"         listing one owner's open items at 15k: {len(found)} items, "
                f"p50 {statistics.median(listing):.2f} ms, p95 {percentile(listing, 0.95):.2f} ms"
            )
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, help="where to put the store (default: a temp dir)")
    args = parser.parse_args()
    if args.folder is not None:
        args.folder.mkdir(parents=True, exist_ok=True)
        run(args.folder)
    else:
        with tempfile.TemporaryDirectory(prefix="roundtable-bench-") as folder:
            run(Path(folder))


if __name__ == "__main__":
    main()
