"""A damaged store as people meet it: every command refuses it with FILE:LINE and exit 3
and leaves it alone; `roundtable store verify` and `roundtable store reseal`.

Real processes on real files: the demo store is made by `roundtable demo`.
"""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from roundtable.store.schema import SCHEMA_VERSION
from tests.helpers.cli import run_roundtable

SHIPPED = Path(__file__).parents[2] / "roundtable" / "defaults"


def run(
    tmp_path: Path, db: Path, *args: str, umask: int = 0o022
) -> subprocess.CompletedProcess[str]:
    return run_roundtable(
        tmp_path,
        *args,
        env={
            "ROUNDTABLE_DB": str(db),
            "ROUNDTABLE_CONFIG": str(tmp_path / "team-config"),
            "ROUNDTABLE_TODAY": "2026-03-20",
            "ROUNDTABLE_LANG": "en",
        },
        timeout=120,
        umask=umask,
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a compacted demo store, as `roundtable demo` writes it."""
    folder = tmp_path_factory.mktemp("demo")
    shutil.copytree(SHIPPED, folder / "team-config")
    db = folder / "demo.db"
    result = run(folder, db, "demo", "--meetings", "8")
    assert result.returncode == 0, result.stderr
    data = db.read_bytes()
    assert data.startswith(b'{"roundtable":"store","schema":%d,"chunks":' % SCHEMA_VERSION)
    return data


@pytest.fixture
def team(tmp_path: Path) -> Path:
    shutil.copytree(SHIPPED, tmp_path / "team-config")
    return tmp_path


def test_every_command_refuses_a_cut_store_and_leaves_it_alone(team: Path, demo: bytes) -> None:
    db = team / "s.db"
    cut = demo[: len(demo) // 2]
    db.write_bytes(cut)
    for args in (
        ("actions",),
        ("actions", "--owner", "katrin"),
        ("campaigns",),
        ("meetings",),
        ("export",),
        ("done", "A-1"),
    ):
        result = run(team, db, *args)
        assert result.returncode == 3, (args, result.stdout, result.stderr)
        assert f"{db}:" in result.stderr and "damaged" in result.stderr, args
        assert result.stdout == "", args
        assert db.read_bytes() == cut, f"{args} changed the file"


def test_an_amount_edited_by_hand_is_refused(team: Path, demo: bytes) -> None:
    db = team / "s.db"
    lines = demo.splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, 1) if line.startswith(b'{"chunk":["budgets'))
    line = lines[number - 1]
    at = line.index(b'"amount":"') + len(b'"amount":"')
    lines[number - 1] = line[:at] + (b"1" if line[at : at + 1] != b"1" else b"2") + line[at + 1 :]
    db.write_bytes(b"".join(lines))
    result = run(team, db, "export")
    assert result.returncode == 3
    assert f"{db}:{number}: the store is damaged: the checksum" in result.stderr


def test_verify_a_sound_store(team: Path, demo: bytes) -> None:
    db = team / "s.db"
    db.write_bytes(demo)
    result = run(team, db, "store", "verify")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{db}: the store is sound (")


def test_verify_lists_every_problem_and_exits_3(team: Path, demo: bytes) -> None:
    db = team / "s.db"
    lines = demo.splitlines(keepends=True)
    lines[1] = lines[1].replace(b'"meetings":', b'"meetingz":', 1)
    damaged = b"".join(lines[:-1])
    db.write_bytes(damaged)
    result = run(team, db, "store", "verify")
    assert result.returncode == 3
    problems = result.stdout.splitlines()
    assert problems[0].startswith(f"{db}:2: the checksum")
    assert problems[-1].startswith(f"{db}:{len(lines)}: the file was cut")
    assert result.stderr == f"roundtable: {db} has 2 problems; nothing was changed.\n"
    assert db.read_bytes() == damaged


def test_reseal_after_a_deliberate_edit(team: Path, demo: bytes) -> None:
    db = team / "s.db"
    edited = demo.replace(b"Katrin Vogel", b"Katrin Vogt")
    assert edited != demo
    db.write_bytes(edited)
    db.chmod(0o600)
    assert run(team, db, "actions").returncode == 3
    result = run(team, db, "store", "reseal", umask=0o022)
    assert result.returncode == 0, result.stderr
    backups = sorted(team.glob("s.db.bak-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == edited
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert f"the file as it was is kept in {backups[0]}" in result.stdout
    assert run(team, db, "store", "verify").returncode == 0
    actions = run(team, db, "actions", "--all")
    assert actions.returncode == 0, actions.stderr
    assert "Katrin Vogt" in actions.stdout


def test_reseal_refuses_a_cut_store(team: Path, demo: bytes) -> None:
    db = team / "s.db"
    cut = demo[: len(demo) // 3]
    db.write_bytes(cut)
    result = run(team, db, "store", "reseal")
    assert result.returncode == 3
    assert f"{db}:" in result.stderr
    assert db.read_bytes() == cut
    assert not list(team.glob("s.db.bak-*"))


def test_verify_without_a_store_says_so(team: Path) -> None:
    result = run(team, team / "nowhere.db", "store", "verify")
    assert result.returncode == 4
    assert "There is no store at" in result.stderr


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o077, 0o600)])
def test_exported_minutes_follow_the_umask(
    team: Path, demo: bytes, umask: int, expected: int
) -> None:
    db = team / "s.db"
    db.write_bytes(demo)
    target = team / "minutes.md"
    result = run(team, db, "export", "--output", str(target), umask=umask)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == expected


@pytest.mark.parametrize("action", ["verify", "reseal"])
def test_a_folder_is_no_store(team: Path, action: str) -> None:
    result = run(team, team, "store", action)
    assert result.returncode == 3
    assert str(team) in result.stderr and "folder" in result.stderr
    assert sorted(p.name for p in team.iterdir()) == ["team-config"]
