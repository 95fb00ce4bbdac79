"""`roundtable follow` on the command line: what goes wrong is said once, plainly, and
nothing is written. (The view itself is tested under the Pilot in tests/ui/test_live.py.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from roundtable.domain.locations import shipped_defaults_dir


def follow(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "roundtable", "--config", str(shipped_defaults_dir()), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_help_says_it_is_read_only(tmp_path: Path) -> None:
    result = follow("follow", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "read-only" in result.stdout


def test_an_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    result = follow("follow", "--meeting", "12", cwd=tmp_path)
    assert result.returncode == 2
    assert "unrecognized arguments: --meeting 12" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_store_is_one_clear_error_and_stays_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "roundtable.db"
    db.write_text("{ this is not a store", encoding="utf-8")
    result = follow("--db", str(db), "follow", cwd=tmp_path)
    assert result.returncode == 3
    assert result.stderr.startswith("roundtable: ")
    assert str(db) in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_text(encoding="utf-8") == "{ this is not a store"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roundtable.db"]  # no lock file


def test_a_broken_config_is_said_before_the_screen_is_taken(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "roles.yaml").write_text("roles: [", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "roundtable", "--config", str(config), "follow"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert "roles.yaml" in result.stderr
    assert "Traceback" not in result.stderr
