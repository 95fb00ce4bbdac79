"""`roundtable check` as a user runs it: a real process, real files, exit status and output."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers.cli import run_roundtable

SHIPPED = Path(__file__).parents[2] / "roundtable" / "defaults"


def run_check(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m roundtable check ARGS` in `cwd`, isolated from the user's own config."""
    return run_roundtable(cwd, "check", *args, env=env, traceback_allowed=True)


def copy_shipped(tmp_path: Path) -> Path:
    folder = tmp_path / "team-config"
    shutil.copytree(SHIPPED, folder)
    return folder


def edit(path: Path, old: str, new: str) -> int:
    """Replace the one `old` in the file by `new`; returns the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line


def assert_fails_with(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    """Exit status 2, each expected `FILE:LINE: gist` fragment on stderr, no traceback."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "OK" not in result.stdout.splitlines()
    for fragment in expected:
        assert fragment in result.stderr, result.stderr


# --- success --------------------------------------------------------------------------


def test_shipped_defaults_pass(tmp_path: Path) -> None:
    result = run_check(tmp_path, "--config", str(SHIPPED))

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"Config folder: {SHIPPED} (from --config)"
    assert "Team: Nordwerk Systems GmbH" in lines[1]
    assert lines[2].startswith("7 roles: product-marketing, sales-marketing,")
    assert any(
        line.startswith("Agenda round-table:")
        and "180 of 180 minutes planned, 7 items, every 14 days" in line
        for line in lines
    ), lines
    assert any(line.startswith("Agenda constituting:") for line in lines)
    assert lines[-1] == "OK"


def test_without_any_config_the_shipped_defaults_are_used(tmp_path: Path) -> None:
    result = run_check(tmp_path)

    assert result.returncode == 0, result.stderr
    assert "(from the shipped defaults)" in result.stdout
    assert result.stdout.splitlines()[-1] == "OK"


def test_agendas_folder_in_the_current_folder_is_found(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "agendas")

    result = run_check(tmp_path)

    assert result.returncode == 0, result.stderr
    assert "(from ./agendas in the current folder)" in result.stdout


def test_environment_variable_names_the_folder(tmp_path: Path) -> None:
    folder = copy_shipped(tmp_path)

    result = run_check(tmp_path, env={"ROUNDTABLE_CONFIG": str(folder)})

    assert result.returncode == 0, result.stderr
    assert f"Config folder: {folder} (from $ROUNDTABLE_CONFIG)" in result.stdout


# --- problems -------------------------------------------------------------------------


def test_yaml_syntax_error(tmp_path: Path) -> None:
    folder = copy_shipped(tmp_path)
    line = edit(folder / "round-table.yaml", "    minutes: 40\n", "    minutes: [40\n")

    result = run_check(tmp_path, "--config", str(folder))

    assert_fails_with(result, f"{folder / 'round-table.yaml'}:")
    assert "YAML syntax error" in result.stderr
    # The parser reports where it gave up, at or after the broken line.
    reported = int(result.stderr.split("round-table.yaml:")[1].split(":")[0])
    assert reported >= line


def test_not_utf8(tmp_path: Path) -> None:
    folder = copy_shipped(tmp_path)
    text = (folder / "roles.yaml").read_text(encoding="utf-8")
    (folder / "roles.yaml").write_bytes(text.encode("latin-1", "replace"))
    line = text[: text.index("ü")].count("\n") + 1

    result = run_check(tmp_path, "--config", str(folder))

    assert_fails_with(result, f"{folder / 'roles.yaml'}:{line}: the file is not UTF-8 text")


def test_missing_folder(tmp_path: Path) -> None:
    result = run_check(tmp_path, "--config", "no-such-folder")

    assert_fails_with(result, "roundtable: no-such-folder: the config folder does not exist")


def test_folder_without_roles(tmp_path: Path) -> None:
    folder = copy_shipped(tmp_path)
    (folder / "roles.yaml").unlink()

    result = run_check(tmp_path, "--config", str(folder))

    assert_fails_with(result, f"{folder / 'roles.yaml'}: the config folder has no roles.yaml")


def test_folder_without_agenda(tmp_path: Path) -> None:
    folder = copy_shipped(tmp_path)
    (folder / "round-table.yaml").unlink()
    (folder / "constituting.yaml").unlink()

    result = run_check(tmp_path, "--config", str(folder))

    assert_fails_with(result, f"{folder}: no agenda in the config folder")


def test_unknown_key_with_suggestion(tmp_path: Path) -> None:
    folder = copy_shipped(tmp_path)
    line = edit(folder / "round-table.yaml", "    minutes: 40\n", "    minuts: 40\n")

    result = run_check(tmp_path, "--config", str(folder))

    assert_fails_with(
        result,
        f"{folder / 'round-table.yaml'}:{line}: unknown key 'minuts' in an agenda item; "
        "did you mean 'minutes'?",
    )


def test_wrong_type(tmp_path: Path) -> None:
    folder = copy_shipped(tmp_path)
    line = edit(
        folder / "roles.yaml", "    holders: [Katrin Vogel]\n", "    holders: Katrin Vogel\n"
    )

    result = run_check(tmp_path, "--config", str(folder))

    assert_fails_with(
        result,
        f"{folder / 'roles.yaml'}:{line}: 'holders' must be a list, not the text 'Katrin Vogel'",
    )


def test_minutes_true_is_no_number(tmp_path: Path) -> None:
    folder = copy_shipped(tmp_path)
    line = edit(folder / "constituting.yaml", "    minutes: 45\n", "    minutes: true\n")

    result = run_check(tmp_path, "--config", str(folder))

    assert_fails_with(
        result,
        f"{folder / 'constituting.yaml'}:{line}: 'minutes' must be a positive whole number",
    )


def test_items_over_the_time_box(tmp_path: Path) -> None:
    folder = copy_shipped(tmp_path)
    edit(folder / "round-table.yaml", "    minutes: 40\n", "    minutes: 55\n")
    items_line = edit(folder / "round-table.yaml", "items:\n", "items:\n")

    result = run_check(tmp_path, "--config", str(folder))

    assert_fails_with(
        result,
        f"{folder / 'round-table.yaml'}:{items_line}: the items plan 195 minutes, 15 more than "
        "the time box of 180 minutes",
    )


def test_time_box_over_three_hours(tmp_path: Path) -> None:
    folder = copy_shipped(tmp_path)
    line = edit(folder / "constituting.yaml", "timebox: 180\n", "timebox: 240\n")

    result = run_check(tmp_path, "--config", str(folder))

    assert_fails_with(result, f"{folder / 'constituting.yaml'}:{line}: the time box is 240 minutes")


def test_unknown_role_with_suggestion(tmp_path: Path) -> None:
    folder = copy_shipped(tmp_path)
    line = edit(folder / "round-table.yaml", "    role: management\n", "    role: managment\n")

    result = run_check(tmp_path, "--config", str(folder))

    assert_fails_with(
        result,
        f"{folder / 'round-table.yaml'}:{line}: unknown role 'managment' in 'role'; "
        "did you mean 'management'?",
    )


def test_duplicated_yaml_key(tmp_path: Path) -> None:
    folder = copy_shipped(tmp_path)
    first = edit(folder / "round-table.yaml", "cadence: biweekly\n", "cadence: weekly\n")
    edit(folder / "round-table.yaml", "facilitator:", "cadence: biweekly\nfacilitator:")

    result = run_check(tmp_path, "--config", str(folder))

    assert_fails_with(
        result,
        f"{folder / 'round-table.yaml'}:{first + 1}: the key 'cadence' is written twice: "
        f"at line {first} and at line {first + 1}",
    )


def test_bad_cadence(tmp_path: Path) -> None:
    folder = copy_shipped(tmp_path)
    line = edit(folder / "round-table.yaml", "cadence: biweekly\n", "cadence: monthly\n")

    result = run_check(tmp_path, "--config", str(folder))

    assert_fails_with(
        result,
        f"{folder / 'round-table.yaml'}:{line}: 'cadence' must be one of weekly, biweekly",
    )


def test_python_tag_is_refused(tmp_path: Path) -> None:
    folder = copy_shipped(tmp_path)
    marker = tmp_path / "ran"
    line = edit(
        folder / "roles.yaml",
        "    department: sales\n",
        f"    department: !!python/object/apply:os.system ['touch {marker}']\n",
    )

    result = run_check(tmp_path, "--config", str(folder))

    assert_fails_with(result, f"{folder / 'roles.yaml'}:{line}: the tag ")
    assert not marker.exists()


def test_every_problem_in_every_file_is_printed(tmp_path: Path) -> None:
    folder = copy_shipped(tmp_path)
    roles_line = edit(folder / "roles.yaml", "  - id: sales\n", "  - id: sales-controlling\n")
    review_line = (
        edit(
            folder / "round-table.yaml",
            "    kind: decision\n    notes: >-\n      Spending",
            "    kind: decision\n    review: true\n    notes: >-\n      Spending",
        )
        + 1
    )
    title_line = edit(folder / "constituting.yaml", "  - title: Wrap-up\n", "  - title: WRAP-UP\n")
    edit(folder / "constituting.yaml", "  - title: Joint account teams\n", "  - title: wrap-up\n")

    result = run_check(tmp_path, "--config", str(folder))

    assert_fails_with(
        result,
        f"{folder / 'roles.yaml'}:{roles_line}: the role id 'sales-controlling' is used twice",
        f"{folder / 'round-table.yaml'}:{review_line}: more than one review item",
        f"{folder / 'constituting.yaml'}:{title_line}: the item title 'WRAP-UP' is used twice",
    )
    # A header counts them, then one problem a line, each starting with its FILE:LINE.
    header, *problem_lines = result.stderr.splitlines()
    assert header == f"roundtable: the config has {len(problem_lines)} problems:"
    assert len(problem_lines) >= 3
    assert all(line.startswith(str(folder)) for line in problem_lines)


def test_escape_sequences_from_the_file_never_reach_the_terminal(tmp_path: Path) -> None:
    folder = copy_shipped(tmp_path)
    edit(folder / "round-table.yaml", "cadence: biweekly\n", 'cadence: "\\e]0;owned\\a\\e[2J"\n')

    result = run_check(tmp_path, "--config", str(folder))

    assert_fails_with(result, "'cadence' must be one of weekly, biweekly")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b]0;owned\\x07\\x1b[2J" in result.stderr


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02garbage\xff"])
def test_empty_or_binary_roles_file(tmp_path: Path, content: bytes) -> None:
    folder = copy_shipped(tmp_path)
    (folder / "roles.yaml").write_bytes(content)

    result = run_check(tmp_path, "--config", str(folder))

    assert_fails_with(result, f"{folder / 'roles.yaml'}:1: ")
