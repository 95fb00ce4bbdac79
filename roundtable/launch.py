"""The `roundtable` command's entry point: the garbage collector is paused before the
rest of roundtable is imported (see `roundtable.collector`), then the CLI runs, and a
command that leaves it paused exits without the collection at exit."""

from __future__ import annotations

import sys

from roundtable import collector

__all__ = ["main"]


def main() -> None:
    """Run the command line with `sys.argv` and exit with its status."""
    collector.pause()
    from roundtable.cli import main as run

    status = run()
    collector.finish()
    sys.exit(status)
