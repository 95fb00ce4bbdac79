"""The `roundtable` command as a real subprocess, isolated from the user's own setup.

Every CLI test runs `python -m roundtable` this way: no `ROUNDTABLE_*` variable of the
caller leaks in, and the XDG config, data and cache folders are the test's own, so a
developer's team config, store or remembered roles never change a result.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["cli_environment", "run_roundtable"]


def cli_environment(home: Path, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment without `ROUNDTABLE_*`, the XDG folders under `home`,
    then `env` on top."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("ROUNDTABLE_")
    }
    environment.update(
        XDG_CONFIG_HOME=str(home / "xdg-config"),
        XDG_DATA_HOME=str(home / "xdg-data"),
        XDG_CACHE_HOME=str(home / "xdg-cache"),
    )
    environment.update(env or {})
    return environment


def run_roundtable(
    cwd: Path,
    *args: str,
    env: Mapping[str, str] | None = None,
    timeout: float = 60,
    traceback_allowed: bool = False,
    **options: Any,
) -> subprocess.CompletedProcess[str]:
    """`python -m roundtable ARGS` in `cwd` (also the home of its XDG folders), output
    captured as text; `options` go to `subprocess.run` (`umask`, `stdout`, …). Fails the
    test on a traceback unless `traceback_allowed`: a user never sees one."""
    if "stdout" in options:
        options.setdefault("stderr", subprocess.PIPE)
    else:
        options.setdefault("capture_output", True)
    result = subprocess.run(
        [sys.executable, "-m", "roundtable", *args],
        cwd=cwd,
        env=cli_environment(cwd, env),
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
        **options,
    )
    if not traceback_allowed:
        assert "Traceback" not in result.stderr, result.stderr
    return result
