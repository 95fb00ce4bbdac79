"""The attendees' commands as people run them: real processes, real store files.

`actions`, `done`, `reopen`, `meetings` and `demo`; the store is prepared through the
Store API, the commands run as `python -m roundtable …` with `ROUNDTABLE_TODAY` fixed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from roundtable.domain.entries import ActionStatus
from roundtable.domain.meeting import Attendee, Meeting
from roundtable.store.store import Store
from tests.helpers.cli import cli_environment, run_roundtable
from tests.helpers.meetings import campaign_results_meeting

SHIPPED = Path(__file__).parents[2] / "roundtable" / "defaults"
TODAY = "2026-03-20"
BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 3, 9, 0, tzinfo=BERLIN)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "team-config"
    shutil.copytree(SHIPPED, folder)
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "roundtable.db"


def run(
    tmp_path: Path, db: Path, config: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    return run_roundtable(
        tmp_path,
        *args,
        env={
            "ROUNDTABLE_DB": str(db),
            "ROUNDTABLE_CONFIG": str(config),
            "ROUNDTABLE_TODAY": TODAY,
            **env,
        },
    )


def a_meeting(number: int, started: datetime, minutes: float | None) -> Meeting:
    return campaign_results_meeting(
        number, started, minutes=minutes, attendees=(Attendee("Katrin Vogel", "sales-marketing"),)
    )


@pytest.fixture
def seeded(db: Path) -> Path:
    """Two meetings and action items of several owners, states and due dates."""
    with Store.open(db) as store:
        first = store.add_meeting(a_meeting(1, START, 172.5))
        store.add_decision(first.id or 0, 0, "Frühjahrs-Webinarreihe startet am 12.03.")
        store.add_action(
            "Leads aus der Webinarreihe nachfassen", "sales", date(2026, 3, 10), first.id, 0
        )  # A-1 overdue
        store.add_action(
            "Angebote Messe Hannover Follow-up", "Thomas Wagner", date(2026, 3, 27), first.id, 0
        )
        store.add_action(
            "Umsatzschätzung abgleichen", "sales-marketing", date(2026, 3, 24), None, None
        )
        store.add_action(
            "Erledigt \x1b[31mrot\x1b[0m\nzweite Zeile", "Katrin Vogel", None, None, None
        )
        store.add_action("Alte Aufgabe", "Klaus Weber", date(2026, 2, 1), None, None)
        store.add_action("Fallengelassen", "dialog-marketing", None, None, None)
        store.set_action_status("A-6", ActionStatus.DROPPED)
        store.add_meeting(a_meeting(2, START + timedelta(days=14), 181))
    return db


def refs(output: str) -> list[str]:
    return [line.split()[0] for line in output.splitlines()[1:]]


# --- actions ----------------------------------------------------------------------------


def test_actions_lists_open_items_due_first_and_marks_overdue(
    tmp_path: Path, seeded: Path, config: Path
) -> None:
    result = run(tmp_path, seeded, config, "actions")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["REF", "DUE", "OWNER", "STATUS", "TEXT"]
    assert refs(result.stdout) == ["A-5", "A-1", "A-3", "A-2", "A-4"]
    assert "overdue" in lines[1] and "overdue" in lines[2]
    assert "open" in lines[3].split()
    # Columns line up: every text starts where the header's TEXT starts.
    column = lines[0].index("TEXT")
    assert lines[2][column:] == "Leads aus der Webinarreihe nachfassen"
    # Typed text cannot reach the terminal as control sequences or break the table.
    assert "\x1b" not in result.stdout
    assert "Erledigt \\x1b[31mrot\\x1b[0m zweite Zeile" in lines[5]


def test_actions_all_includes_closed_items(tmp_path: Path, seeded: Path, config: Path) -> None:
    result = run(tmp_path, seeded, config, "actions", "--all")
    assert set(refs(result.stdout)) == {f"A-{n}" for n in range(1, 7)}
    assert "dropped" in result.stdout


def test_actions_json_has_stable_keys(tmp_path: Path, seeded: Path, config: Path) -> None:
    result = run(tmp_path, seeded, config, "actions", "--json")
    items = json.loads(result.stdout)
    assert [item["ref"] for item in items] == ["A-5", "A-1", "A-3", "A-2", "A-4"]
    assert set(items[0]) == {
        "ref",
        "text",
        "owner",
        "due",
        "status",
        "overdue",
        "meeting_id",
        "item_index",
        "opened_at",
        "closed_at",
        "closed_in",
    }
    first = items[1]
    assert (first["owner"], first["due"], first["status"], first["overdue"]) == (
        "sales",
        "2026-03-10",
        "open",
        True,
    )
    assert items[4]["text"] == "Erledigt \x1b[31mrot\x1b[0m\nzweite Zeile"
    assert "\x1b" not in result.stdout  # escaped as \u001b inside the JSON string


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("sales", ["A-1", "A-2"]),  # the role and its holders' items
        ("thomas wagner", ["A-1", "A-2"]),  # the person and their roles' items
        ("Katrin", ["A-3", "A-4"]),
        ("sales-m", ["A-3", "A-4"]),
        ("klaus", ["A-5"]),  # no longer in the roles file, still named on an item
    ],
)
def test_actions_for_one_owner(
    tmp_path: Path, seeded: Path, config: Path, who: str, expected: list[str]
) -> None:
    result = run(tmp_path, seeded, config, "actions", "--owner", who)
    assert result.returncode == 0, result.stderr
    assert sorted(refs(result.stdout)) == expected


def test_an_ambiguous_owner_lists_the_candidates(
    tmp_path: Path, seeded: Path, config: Path
) -> None:
    result = run(tmp_path, seeded, config, "actions", "--owner", "mar")
    assert result.returncode == 2
    assert "could mean" in result.stderr
    assert "Markus Becker" in result.stderr and "marketing-communication" in result.stderr
    assert result.stdout == ""


def test_an_unknown_owner_says_who_is_known(tmp_path: Path, seeded: Path, config: Path) -> None:
    result = run(tmp_path, seeded, config, "actions", "--owner", "Zoe")
    assert result.returncode == 2
    assert "No role or person matches 'Zoe'" in result.stderr
    assert "sales-controlling" in result.stderr


def test_without_a_config_the_owner_is_matched_literally(tmp_path: Path, seeded: Path) -> None:
    missing = tmp_path / "no-such-config"
    result = run(tmp_path, seeded, missing, "actions", "--owner", "Thomas Wagner")
    assert result.returncode == 0, result.stderr
    assert refs(result.stdout) == ["A-2"]
    assert "matching --owner literally" in result.stderr


def test_no_items_is_a_friendly_line(tmp_path: Path, db: Path, config: Path) -> None:
    with Store.open(db):
        pass  # an empty store: there is no store at all is another test's case
    before = db.read_bytes()
    result = run(tmp_path, db, config, "actions")
    assert (result.returncode, result.stdout) == (0, "No open action items.\n")
    assert db.read_bytes() == before  # listing changes nothing
    mine = run(tmp_path, db, config, "actions", "--owner", "sales")
    assert mine.stdout == "No open action items for sales.\n"
    assert run(tmp_path, db, config, "actions", "--json").stdout == "[]\n"


# --- done / reopen ----------------------------------------------------------------------


def test_done_and_reopen_say_what_happened(tmp_path: Path, seeded: Path, config: Path) -> None:
    done = run(tmp_path, seeded, config, "done", "a-2")
    assert (done.returncode, done.stdout) == (0, "A-2 done: Angebote Messe Hannover Follow-up\n")
    again = run(tmp_path, seeded, config, "done", "2")
    assert (again.returncode, again.stdout) == (
        0,
        "A-2 was already done: Angebote Messe Hannover Follow-up\n",
    )
    with Store.open(seeded, read_only=True) as store:
        item = store.action("A-2")
        assert item.status is ActionStatus.DONE and item.closed_in is None
    reopened = run(tmp_path, seeded, config, "reopen", "A-2")
    assert reopened.stdout == "A-2 reopened: Angebote Messe Hannover Follow-up\n"
    assert run(tmp_path, seeded, config, "reopen", "A-2").stdout.startswith("A-2 was already open")
    with Store.open(seeded, read_only=True) as store:
        assert store.action("A-2").status is ActionStatus.OPEN


def test_done_prints_text_safely(tmp_path: Path, seeded: Path, config: Path) -> None:
    result = run(tmp_path, seeded, config, "done", "A-4")
    assert result.stdout == "A-4 done: Erledigt \\x1b[31mrot\\x1b[0m zweite Zeile\n"


@pytest.mark.parametrize("command", ["done", "reopen"])
def test_an_unknown_id_is_a_clear_error(
    tmp_path: Path, seeded: Path, config: Path, command: str
) -> None:
    content = seeded.read_bytes()
    result = run(tmp_path, seeded, config, command, "A-99")
    assert result.returncode == 4
    assert result.stderr == "roundtable: There is no action item A-99.\n"
    assert seeded.read_bytes() == content


@pytest.mark.parametrize(
    "args", [["done", "A-1"], ["reopen", "A-1"], ["figures", "Webinar", "--leads", "3"]]
)
def test_a_change_to_a_store_that_is_not_there_creates_none(
    tmp_path: Path, config: Path, args: list[str]
) -> None:
    # An attendee's terminal pointed at the wrong place: say so, start no empty store.
    missing = tmp_path / "elsewhere" / "roundtable.db"
    result = run(tmp_path, missing, config, *args)
    assert result.returncode == 4
    assert result.stderr == (
        f"roundtable: There is no store at {missing}. Point --db or ROUNDTABLE_DB at the "
        "team's store (the one the meeting runs on).\n"
    )
    assert not missing.parent.exists()


APP = """
import sys, time
from datetime import datetime, timezone
from pathlib import Path
from roundtable.store.store import Store
sys.path.insert(0, sys.argv[2])
sys.path.insert(0, str(Path(sys.argv[2]).parents[1]))  # the repository, for tests.helpers
from test_attendee_commands import a_meeting
with Store.open(Path(sys.argv[1])) as store:
    running = store.add_meeting(a_meeting(3, datetime.now(timezone.utc), None))
    print(running.id, flush=True)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not Path(sys.argv[3]).exists():
        # The facilitator's app saves the meeting again and again.
        store.save_meeting(running)
        store.add_decision(running.id, 0, "Beschluss")
        time.sleep(0.001)
"""


def test_done_works_while_the_app_writes_a_running_meeting(
    tmp_path: Path, seeded: Path, config: Path
) -> None:
    stop = tmp_path / "stop"
    app = subprocess.Popen(
        [sys.executable, "-c", APP, str(seeded), str(Path(__file__).parent), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert app.stdout is not None
        meeting_id = int(app.stdout.readline())
        started = time.monotonic()
        result = run(tmp_path, seeded, config, "done", "A-1")
        elapsed = time.monotonic() - started
    finally:
        stop.touch()
        app.wait(timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("A-1 done:")
    assert elapsed < 10
    with Store.open(seeded, read_only=True) as store:
        item = store.action("A-1")
        assert (item.status, item.closed_in) == (ActionStatus.DONE, meeting_id)
        assert len(store.decisions(meeting_id)) > 1  # the app's writes are all there too


# --- meetings ---------------------------------------------------------------------------


def test_meetings_shows_time_against_the_box_and_outcomes(
    tmp_path: Path, seeded: Path, config: Path
) -> None:
    with Store.open(seeded) as store:
        store.add_meeting(a_meeting(3, datetime.now(BERLIN) - timedelta(minutes=65), None))
    result = run(tmp_path, seeded, config, "meetings")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["#", "DATE", "AGENDA", "TIME", "DECISIONS", "ACTIONS"]
    assert " ".join(lines[1].split()) == (
        "1 Mar 3, 2026 Marketing & Sales Round Table 2:52 / 3:00 1 2"
    )
    assert "3:01 / 3:00" in lines[2]
    assert "1:05 / 3:00" in lines[3] or "1:06 / 3:00" in lines[3]
    assert "running" in lines[3] and "running" not in lines[1] + lines[2]


def test_meetings_json(tmp_path: Path, seeded: Path, config: Path) -> None:
    result = run(tmp_path, seeded, config, "meetings", "--json")
    meetings = json.loads(result.stdout)
    assert [m["number"] for m in meetings] == [1, 2]
    assert meetings[0] == {
        "id": 1,
        "number": 1,
        "agenda_id": "round-table",
        "title": "Marketing & Sales Round Table",
        "state": "ended",
        "started_at": "2026-03-03T08:00:00+00:00",
        "ended_at": "2026-03-03T10:52:30+00:00",
        "minutes_used": 172.5,
        "timebox_minutes": 180,
        "decisions": 1,
        "actions": 2,
        "budgets": 0,
    }


def test_no_meetings_yet(tmp_path: Path, db: Path, config: Path) -> None:
    with Store.open(db):
        pass  # an empty store
    result = run(tmp_path, db, config, "meetings")
    assert (result.returncode, result.stdout) == (0, "No meetings yet.\n")


# --- demo -------------------------------------------------------------------------------


def test_demo_fills_a_year_then_refuses_unless_forced(
    tmp_path: Path, db: Path, config: Path
) -> None:
    result = run(tmp_path, db, config, "demo")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote 40 meetings (")
    assert str(db) in result.stdout
    listed = run(tmp_path, db, config, "meetings", "--json")
    meetings = json.loads(listed.stdout)
    assert len(meetings) == 40
    assert all(m["ended_at"] is not None and m["ended_at"] < TODAY for m in meetings)
    assert json.loads(run(tmp_path, db, config, "actions", "--json").stdout)

    content = db.read_bytes()
    refused = run(tmp_path, db, config, "demo", "--meetings", "5")
    assert refused.returncode == 2
    assert "already has 40 meetings" in refused.stderr and "--force" in refused.stderr
    assert str(db) in refused.stderr
    assert db.read_bytes() == content

    forced = run(tmp_path, db, config, "demo", "--meetings", "5", "--force")
    assert forced.returncode == 0, forced.stderr
    assert len(json.loads(run(tmp_path, db, config, "meetings", "--json").stdout)) == 5


def test_demo_is_the_same_for_the_same_seed(tmp_path: Path, config: Path) -> None:
    first, second = tmp_path / "one.db", tmp_path / "two.db"
    for path in (first, second):
        assert (
            run(tmp_path, path, config, "demo", "--meetings", "6", "--seed", "11").returncode == 0
        )
    assert first.read_bytes() == second.read_bytes()
    other = tmp_path / "three.db"
    run(tmp_path, other, config, "demo", "--meetings", "6", "--seed", "12")
    assert other.read_bytes() != first.read_bytes()


def test_demo_rejects_a_bad_count(tmp_path: Path, db: Path, config: Path) -> None:
    result = run(tmp_path, db, config, "demo", "--meetings", "0")
    assert result.returncode == 2
    assert "at least 1" in result.stderr
    assert not db.exists()


# --- start-up ---------------------------------------------------------------------------

PROBE = textwrap.dedent(
    """
    import runpy, sys
    sys.argv = ["roundtable", *sys.argv[1:]]
    try:
        runpy.run_module("roundtable", run_name="__main__")
    except SystemExit:
        pass
    print(
        "textual" in sys.modules,
        "filelock" in sys.modules,
        "importlib.metadata" in sys.modules,
        file=sys.stderr,
    )
    """
)


@pytest.mark.parametrize("args", [["actions", "--owner", "sales"], ["meetings"], ["done", "A-3"]])
def test_attendee_commands_never_import_textual(
    tmp_path: Path, seeded: Path, config: Path, args: list[str]
) -> None:
    environment = dict(
        os.environ, ROUNDTABLE_DB=str(seeded), ROUNDTABLE_CONFIG=str(config), ROUNDTABLE_TODAY=TODAY
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    textual, filelock, metadata = result.stderr.split()[-3:]
    assert textual == "False", result.stderr
    # The store's lock is a plain flock (`roundtable.store.locking`): no command pays
    # for importing filelock.
    assert filelock == "False"
    # The package version is looked up only for --version: it costs start time.
    assert metadata == "False"


MODULES_PROBE = textwrap.dedent(
    """
    import runpy, sys
    sys.argv = ["roundtable", *sys.argv[1:]]
    try:
        runpy.run_module("roundtable", run_name="__main__")
    except SystemExit:
        pass
    print(" ".join(sorted(sys.modules)), file=sys.stderr)
    """
)


def test_actions_for_an_owner_loads_only_what_it_prints(
    tmp_path: Path, seeded: Path, config: Path
) -> None:
    # Once the roles are remembered: no YAML, no Babel (the dates are written out), no
    # other command's module, no agendas' model.
    environment = cli_environment(
        tmp_path,
        {"ROUNDTABLE_DB": str(seeded), "ROUNDTABLE_CONFIG": str(config), "ROUNDTABLE_TODAY": TODAY},
    )
    for _run in range(2):
        result = subprocess.run(
            [sys.executable, "-c", MODULES_PROBE, "actions", "--owner", "sales"],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
    assert "A-1" in result.stdout
    loaded = set(result.stderr.split())
    assert "roundtable.cli.actions" in loaded
    for module in ("yaml", "babel", "roundtable.cli.campaigns", "roundtable.domain.config.model"):
        assert module not in loaded, module
    # No amounts in an action item: decimal comes with the first one read or printed.
    assert "decimal" not in loaded
    # Of the store, the action items only: no other repository, no events, no `Store`.
    assert "roundtable.store.action_list" in loaded
    for module in (
        "roundtable.store.store",
        "roundtable.store.meetings",
        "roundtable.store.decisions",
        "roundtable.store.budgets",
        "roundtable.store.campaigns",
        "roundtable.store.notes",
        "roundtable.store.events",
        "roundtable.domain.entries",
        "roundtable.domain.history",
    ):
        assert module not in loaded, module


def test_version_is_printed_on_stdout(tmp_path: Path, db: Path, config: Path) -> None:
    import roundtable

    result = run(tmp_path, db, config, "--version")
    assert (result.returncode, result.stdout) == (0, f"roundtable {roundtable.__version__}\n")
    assert roundtable.__version__[0].isdigit()
    assert not db.exists()


def test_a_reader_that_stops_early_gets_no_traceback(
    tmp_path: Path, db: Path, config: Path
) -> None:
    """`roundtable actions --all | head -1`: more output than a pipe holds, reader gone."""
    assert run(tmp_path, db, config, "demo", "--meetings", "200").returncode == 0
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("ROUNDTABLE_")
    }
    environment.update(ROUNDTABLE_DB=str(db), ROUNDTABLE_CONFIG=str(config))
    reader = subprocess.Popen(
        [sys.executable, "-m", "roundtable", "actions", "--all"],
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.readline().startswith(b"REF")
    reader.stdout.close()
    stderr = reader.stderr.read().decode()
    assert reader.wait(timeout=60) == 141
    assert stderr == ""
