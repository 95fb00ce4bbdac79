"""Config files and typed text as they come from outside: a lone surrogate, a pipe
where a file should be, a long but plain roles file, bidi controls. Real processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from roundtable.domain.campaigns import Channel
from roundtable.store.store import Store
from tests.helpers.cli import run_roundtable

SHIPPED = Path(__file__).parents[2] / "roundtable" / "defaults"
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return run_roundtable(
        tmp_path,
        *args,
        env={"ROUNDTABLE_TODAY": "2026-03-20", **env},
        stdin=subprocess.DEVNULL,
        errors="strict",
    )


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "team-config"
    shutil.copytree(SHIPPED, folder)
    return folder


def retitle(agenda: Path, title: str) -> int:
    """Give the agenda file `title` (written as is, quotes and all); returns its line."""
    lines = agenda.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines) if line.startswith("title:"))
    lines[number] = f"title: {title}"
    agenda.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


def no_raw_bidi(text: str) -> bool:
    return not any(character in text for character in BIDI)


def test_a_lone_surrogate_in_a_title_is_a_config_problem(tmp_path: Path, config: Path) -> None:
    agenda = config / "round-table.yaml"
    line = retitle(agenda, '"Round \\ud800 Table"')
    result = run(tmp_path, "--config", str(config), "check")
    assert result.returncode == 2
    assert "OK" not in result.stdout.splitlines()
    assert f"{agenda}:{line}: the text holds U+D800, half of a character pair" in result.stderr
    # `start` blames the config, before any store is touched.
    db = tmp_path / "team.db"
    started = run(tmp_path, "--config", str(config), "--db", str(db), "start")
    assert started.returncode == 2
    assert f"{agenda}:{line}: the text holds U+D800" in started.stderr
    assert not db.exists()


@pytest.mark.parametrize("name", ["x.yaml", "roles.yaml"])
def test_a_pipe_in_the_config_folder_is_refused_not_waited_for(
    tmp_path: Path, config: Path, name: str
) -> None:
    pipe = config / name
    pipe.unlink(missing_ok=True)
    os.mkfifo(pipe)
    result = run(tmp_path, "--config", str(config), "check")  # the timeout catches a hang
    assert result.returncode == 2
    assert f"{pipe}: this is a pipe, device or socket, not a file; it was not read" in (
        result.stderr
    )
    assert pipe.is_fifo()


def test_a_long_plain_roles_file_is_no_alias_bomb(tmp_path: Path, config: Path) -> None:
    roles = ["team: A very large team", "roles:"]
    roles += [
        f"  - {{id: role-{n}, title: Role {n}, department: sales, holders: [Person {n}]}}"
        for n in range(10_000)
    ]
    roles.append("  - {id: sales-marketing, title: S, department: sales, holders: [K]}")
    for known in (
        "product-marketing",
        "marketing-communication",
        "dialog-marketing",
        "sales-controlling",
        "sales",
        "management",
    ):
        roles.append(f"  - {{id: {known}, title: T, department: d, holders: [H {known}]}}")
    (config / "roles.yaml").write_text("\n".join(roles) + "\n", encoding="utf-8")
    result = run(tmp_path, "--config", str(config), "check")
    assert result.returncode == 0, result.stderr[:500]
    assert "10007 roles" in result.stdout


def test_aliases_that_expand_past_the_limit_are_still_refused(tmp_path: Path, config: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefgh":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join(['*' + previous] * 10)}]")
    (config / "roles.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(tmp_path, "--config", str(config), "check")
    assert result.returncode == 2
    assert "expands to more than 100000 values through aliases" in result.stderr


def test_bidi_controls_are_shown_escaped_everywhere(tmp_path: Path, config: Path) -> None:
    retitle(config / "round-table.yaml", f'"Round{BIDI}Table"')
    checked = run(tmp_path, "--config", str(config), "check")
    assert checked.returncode == 0, checked.stderr
    assert no_raw_bidi(checked.stdout)
    assert "Round\\u061c\\u200e\\u200f\\u202a" in checked.stdout
    assert "\\u202e\\u2066\\u2067\\u2068\\u2069Table" in checked.stdout

    db = tmp_path / "team.db"
    with Store.open(db) as store:
        store.add_action(f"Pay {BIDI} invoice", f"Eve{BIDI}", date(2026, 4, 1), None, None)
        store.add_campaign(
            name="Spring \u202egnirps",
            owner="dialog-marketing",
            channel=Channel.WEBINAR,
            start=date(2026, 3, 1),
            end=date(2026, 4, 1),
            budget=Decimal(1000),
        )
    for command in ("actions", "campaigns"):
        result = run(tmp_path, "--config", str(config), "--db", str(db), command)
        assert result.returncode == 0, result.stderr
        assert no_raw_bidi(result.stdout), command
        assert "\\u202e" in result.stdout, command
        as_json = run(tmp_path, "--config", str(config), "--db", str(db), command, "--json")
        assert no_raw_bidi(as_json.stdout), command
        assert "\u202e" in json.dumps(json.loads(as_json.stdout), ensure_ascii=False)
    # An error message quoting what was typed.
    wrong = run(tmp_path, "--config", str(config), "--db", str(db), "done", f"A-{BIDI}")
    assert wrong.returncode != 0
    assert no_raw_bidi(wrong.stderr)
    assert "\\u202e" in wrong.stderr
