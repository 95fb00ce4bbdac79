"""Where the store and the output go, as people get them wrong: `--db ""`, a folder, a
symbolic-link loop, a device, a full disk, a store that is not there, and the team's
store named once in roles.yaml. Real processes, real files; never a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers.cli import run_roundtable

SHIPPED = Path(__file__).parents[2] / "roundtable" / "defaults"


def run(
    tmp_path: Path, *args: str, stdout: int | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    return run_roundtable(
        tmp_path,
        *args,
        env={"ROUNDTABLE_CONFIG": str(SHIPPED), "ROUNDTABLE_TODAY": "2026-03-20", **env},
        stdout=subprocess.PIPE if stdout is None else stdout,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "team.db"
    result = run(tmp_path, "--db", str(db), "demo", "--meetings", "2")
    assert result.returncode == 0, result.stderr
    return db


# Every command that takes a store, with arguments it needs to get that far.
STORE_COMMANDS = [
    ("actions",),
    ("actions", "--owner", "sales"),
    ("meetings",),
    ("campaigns",),
    ("export",),
    ("done", "A-1"),
    ("reopen", "A-1"),
    ("figures", "Webinar", "--leads", "3"),
    ("demo", "--meetings", "1"),
    ("follow",),
    ("start",),
]


@pytest.mark.parametrize("command", STORE_COMMANDS, ids=" ".join)
def test_a_folder_or_a_symlink_loop_is_no_store(tmp_path: Path, command: tuple[str, ...]) -> None:
    (tmp_path / "loop-a").symlink_to(tmp_path / "loop-b")
    (tmp_path / "loop-b").symlink_to(tmp_path / "loop-a")
    for db, said in (
        (".", ". is a folder, not a store file"),
        ("/", "/ is a folder, not a store file"),
        ("loop-a", "The store path loop-a is a loop of symbolic links."),
        ("/dev/null", "/dev/null is not a regular file"),
    ):
        result = run(tmp_path, "--db", db, *command)
        assert result.returncode == 3, (db, result.stderr)
        assert result.stderr.startswith(f"roundtable: {said}"), result.stderr
        assert result.stdout == ""
    # Nothing written in place of a store (the XDG folders are the command's own, where
    # it may remember the config folder it read).
    written = {path.name for path in tmp_path.iterdir()} - {"xdg-cache"}
    assert sorted(written) == ["loop-a", "loop-b"]


@pytest.mark.parametrize("option", ["--db", "--config"])
def test_an_empty_path_is_a_usage_error(tmp_path: Path, option: str) -> None:
    for args in ((option, "", "actions"), ("actions", option, "")):
        result = run(tmp_path, *args)
        assert result.returncode == 2
        assert f"argument {option}: must name a file or folder, not be empty" in result.stderr
    result = run(tmp_path, "export", "-o", "")
    assert result.returncode == 2
    assert "argument -o/--output: must name a file or folder, not be empty" in result.stderr


def test_a_path_through_a_file_is_said_so(tmp_path: Path, demo_db: Path) -> None:
    result = run(tmp_path, "--db", f"{demo_db}/x.db", "actions")
    assert result.returncode == 3
    assert result.stderr == (
        f"roundtable: The store path {demo_db}/x.db leads through a file, not a folder.\n"
    )


def test_a_config_folder_in_a_symlink_loop_is_not_called_missing(tmp_path: Path) -> None:
    (tmp_path / "loop-a").symlink_to(tmp_path / "loop-b")
    (tmp_path / "loop-b").symlink_to(tmp_path / "loop-a")
    result = run(tmp_path, "--config", "loop-a", "check")
    assert result.returncode == 2
    assert result.stderr == (
        "roundtable: loop-a: cannot read the config folder: its path is a loop of symbolic links\n"
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "command", [("actions",), ("actions", "--json"), ("meetings",), ("campaigns",), ("export",)]
)
def test_a_full_disk_for_the_output_is_one_clear_line(
    tmp_path: Path, demo_db: Path, command: tuple[str, ...]
) -> None:
    with open("/dev/full", "w") as full:
        result = run(tmp_path, "--db", str(demo_db), *command, stdout=full.fileno())
    assert result.returncode == 3
    assert result.stderr == "roundtable: cannot write the output: No space left on device\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_check_into_a_full_disk_is_one_clear_line(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        result = run(tmp_path, "check", stdout=full.fileno())
    assert result.returncode == 3
    assert result.stderr == "roundtable: cannot write the output: No space left on device\n"


def test_export_never_replaces_a_pipe_or_follows_a_loop(tmp_path: Path, demo_db: Path) -> None:
    pipe = tmp_path / "minutes.md"
    os.mkfifo(pipe)
    result = run(tmp_path, "--db", str(demo_db), "export", "-o", str(pipe))
    assert result.returncode == 3
    assert "is not a regular file (a device, pipe or socket)" in result.stderr
    assert pipe.is_fifo()
    (tmp_path / "loop-a").symlink_to(tmp_path / "loop-b")
    (tmp_path / "loop-b").symlink_to(tmp_path / "loop-a")
    result = run(tmp_path, "--db", str(demo_db), "export", "-o", "loop-a")
    assert result.returncode == 3
    assert result.stderr == (
        "roundtable: Cannot write loop-a: a loop of symbolic links. Nothing was changed.\n"
    )


# --- a store that is not there is not an empty one -----------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ("actions",),
        ("actions", "--owner", "katrin"),
        ("actions", "--json"),
        ("meetings",),
        ("campaigns",),
        ("campaigns", "--json"),
        ("export",),
        ("follow",),
    ],
    ids=" ".join,
)
def test_reading_a_store_that_is_not_there_says_so(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    missing = tmp_path / "elsewhere" / "roundtable.db"
    result = run(tmp_path, *command, ROUNDTABLE_DB=str(missing))
    assert result.returncode == 4
    assert result.stdout == ""
    assert result.stderr == (
        f"roundtable: There is no store at {missing}. Point --db or ROUNDTABLE_DB at the "
        "team's store (the one the meeting runs on).\n"
    )
    assert not missing.parent.exists()


def test_without_any_store_setting_the_user_data_store_is_named(tmp_path: Path) -> None:
    result = run(tmp_path, "actions")
    assert result.returncode == 4
    assert str(tmp_path / "xdg-data" / "roundtable" / "roundtable.db") in result.stderr


# --- the team's store named in roles.yaml ---------------------------------------------


@pytest.fixture
def team_config(tmp_path: Path) -> Path:
    folder = tmp_path / "team-config"
    shutil.copytree(SHIPPED, folder)
    roles = folder / "roles.yaml"
    roles.write_text("store: ../shared/team.db\n" + roles.read_text(encoding="utf-8"))
    return folder


def test_roles_yaml_names_the_team_store(tmp_path: Path, team_config: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    result = run(tmp_path, "--config", str(team_config), "check")
    assert result.returncode == 0, result.stderr
    expected = team_config / "../shared/team.db"
    assert result.stdout.splitlines()[-2:] == [
        f"Store: {expected} (from store: in roles.yaml), not created yet",
        "OK",
    ]
    result = run(tmp_path, "--config", str(team_config), "demo", "--meetings", "2")
    assert result.returncode == 0, result.stderr
    assert (shared / "team.db").is_file()
    listed = run(tmp_path, "actions", ROUNDTABLE_CONFIG=str(team_config))
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("REF")
    result = run(tmp_path, "--config", str(team_config), "check")
    assert result.stdout.splitlines()[-2] == f"Store: {expected} (from store: in roles.yaml)"


def test_db_and_the_environment_come_before_roles_yaml(
    tmp_path: Path, team_config: Path, demo_db: Path
) -> None:
    result = run(tmp_path, "--config", str(team_config), "--db", str(demo_db), "check")
    assert result.stdout.splitlines()[-2] == f"Store: {demo_db} (from --db)"
    result = run(tmp_path, "--config", str(team_config), "check", ROUNDTABLE_DB=str(demo_db))
    assert result.stdout.splitlines()[-2] == f"Store: {demo_db} (from $ROUNDTABLE_DB)"
    listed = run(tmp_path, "--config", str(team_config), "--db", str(demo_db), "meetings")
    assert listed.returncode == 0, listed.stderr


def test_a_store_setting_that_is_no_file_name_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "team-config"
    shutil.copytree(SHIPPED, folder)
    roles = folder / "roles.yaml"
    roles.write_text("store: [a, b]\n" + roles.read_text(encoding="utf-8"))
    for command in ("check", "actions"):
        result = run(tmp_path, "--config", str(folder), command)
        assert result.returncode == 2
        assert result.stderr.startswith(f"roundtable: {roles}:1: "), result.stderr
        assert "store" in result.stderr
