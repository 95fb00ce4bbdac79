"""Between meetings, as people run it: `calendar`, `remind` (with mail to a real SMTP
server on loopback), `decisions`, `search`, the CSV listings, several ids for `done`
and `reopen`, and tables that fit the terminal. Real processes, real store files."""

from __future__ import annotations

import csv
import email
import email.policy
import io
import json
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest

from roundtable.store.store import Store
from tests.helpers.cli import run_roundtable
from tests.smtp_server import free_port, smtp_server
from tests.unit.between_data import BERLIN, SHIPPED, fill

TODAY = "2026-03-20"
KATRIN = "katrin.vogel@example.com"
JANA = "jana.richter@example.com"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "team-config"
    shutil.copytree(SHIPPED, folder)
    roles = folder / "roles.yaml"
    text = roles.read_text("utf-8")
    text = text.replace(
        "holders: [Katrin Vogel]", f"holders: [{{name: Katrin Vogel, email: {KATRIN}}}]"
    ).replace(
        "holders: [Jana Richter, Felix Bauer]",
        f"holders:\n      - {{name: Jana Richter, email: {JANA}}}\n      - Felix Bauer",
    )
    roles.write_text(text, "utf-8")
    return folder


def with_mail(config: Path, port: int) -> None:
    roles = config / "roles.yaml"
    roles.write_text(
        roles.read_text("utf-8")
        + f"mail:\n  host: 127.0.0.1\n  port: {port}\n  sender: Runder Tisch <runde@example.com>\n"
        "  security: none\n",
        "utf-8",
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "roundtable.db"
    with Store.open(path) as store:
        fill(store)
    return path


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
            "COLUMNS": "200",
            **env,
        },
    )


# --- calendar -------------------------------------------------------------------------


def read_calendar(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def test_calendar_file_reads_back_and_keeps_its_uids(
    tmp_path: Path, db: Path, config: Path
) -> None:
    target = tmp_path / "team.ics"
    result = run(tmp_path, db, config, "calendar", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "team.ics" in result.stdout and "4 open action items" in result.stdout
    calendar = read_calendar(target)
    todos = {str(todo["summary"]).split(":")[0]: todo for todo in calendar.walk("VTODO")}
    assert sorted(todos) == ["A-1", "A-2", "A-3", "A-4", "A-5"]
    assert todos["A-2"].decoded("due") == date(2026, 3, 25)
    assert str(todos["A-4"]["status"]) == "COMPLETED"
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 4
    assert events[0].decoded("dtstart") == datetime(2026, 3, 31, 9, 30, tzinfo=BERLIN)
    assert events[0]["dtstart"].params["TZID"] == "Europe/Berlin"
    first_uids = [str(part["uid"]) for part in calendar.walk() if "uid" in part]
    again = run(tmp_path, db, config, "calendar", "-o", str(target))
    assert again.returncode == 0
    assert [str(part["uid"]) for part in read_calendar(target).walk() if "uid" in part] == (
        first_uids
    )


def test_calendar_for_one_owner_in_german_on_stdout(tmp_path: Path, db: Path, config: Path) -> None:
    result = run(tmp_path, db, config, "--lang", "de", "calendar", "--owner", "jana")
    assert result.returncode == 0, result.stderr
    calendar = icalendar.Calendar.from_ical(result.stdout.encode("utf-8"))
    # Jana Richter's own items and product marketing's, which she holds.
    assert sorted(str(t["summary"]).split(":")[0] for t in calendar.walk("VTODO")) == [
        "A-2",
        "A-3",
        "A-4",
    ]
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["description"]).startswith("Sitzung 3, höchstens 180 Minuten.")


def test_calendar_into_a_missing_folder_is_refused(tmp_path: Path, db: Path, config: Path) -> None:
    result = run(tmp_path, db, config, "calendar", "-o", str(tmp_path / "nope" / "x.ics"))
    assert result.returncode == 4
    assert "nope" in result.stderr


# --- remind ---------------------------------------------------------------------------


def test_remind_lists_per_person_in_english_and_german(
    tmp_path: Path, db: Path, config: Path
) -> None:
    result = run(tmp_path, db, config, "remind")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Jana Richter"
    assert "Due by the next meeting on Mar 31, 2026:" in result.stdout
    assert "Katrin Vogel\n1 action item is overdue:" in result.stdout
    german = run(tmp_path, db, config, "--lang", "de", "remind", "--owner", "katrin")
    assert german.returncode == 0, german.stderr
    assert german.stdout.splitlines()[:2] == ["Katrin Vogel", "1 Aufgabe ist überfällig:"]
    assert "Jana" not in german.stdout


def test_remind_mails_each_person_once_and_a_retry_sends_nothing_twice(
    tmp_path: Path, db: Path, config: Path
) -> None:
    with smtp_server() as (mailbox, port):
        with_mail(config, port)
        mailbox.refuse.add(KATRIN)
        first = run(tmp_path, db, config, "--lang", "de", "remind", "--mail")
        assert first.returncode == 1
        assert f"Gesendet an Jana Richter <{JANA}>" in first.stdout
        assert f"Katrin Vogel <{KATRIN}>" in first.stderr and "550" in first.stderr
        assert [arrived.recipients for arrived in mailbox.arrived] == [[JANA]]
        message = mailbox.arrived[0].message
        assert message["Subject"] == "Nordwerk Systems GmbH — Marketing & Sales Round Table: " + (
            "1 Aufgabe bald fällig"
        )
        body = message.get_content().replace("\r\n", "\n")
        assert body.startswith("Hallo Jana Richter,\n")
        assert "A-2  Zielgruppen für Messe schärfen" in body
        mailbox.refuse.clear()
        retry = run(tmp_path, db, config, "--lang", "de", "remind", "--mail")
        assert retry.returncode == 0, retry.stderr
        assert "heute bereits" in retry.stdout
    assert [arrived.recipients for arrived in mailbox.arrived] == [[JANA], [KATRIN]]


def test_remind_names_who_has_no_address_and_a_server_that_is_down(
    tmp_path: Path, db: Path, config: Path
) -> None:
    with_mail(config, free_port())
    result = run(tmp_path, db, config, "remind", "--mail", "--days", "60")
    assert result.returncode == 1
    # Felix Bauer holds product marketing but has no address.
    assert "no mail for Felix Bauer: roles.yaml has no address" in result.stderr
    assert f"no mail for Jana Richter <{JANA}>: the mail server 127.0.0.1" in result.stderr
    assert f"no mail for Katrin Vogel <{KATRIN}>" in result.stderr


def test_remind_dry_run_writes_eml_files(tmp_path: Path, db: Path, config: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = run(tmp_path, db, config, "remind", "--dry-run", "--eml-dir", str(folder))
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in folder.iterdir())
    assert names == ["remind-2026-03-20-jana-richter.eml", "remind-2026-03-20-katrin-vogel.eml"]
    message = email.message_from_bytes(
        (folder / names[1]).read_bytes(), policy=email.policy.default
    )
    assert message["To"] == f"Katrin Vogel <{KATRIN}>"
    assert "Hello Katrin Vogel," in message.get_content()  # type: ignore[attr-defined]


def test_remind_mail_without_mail_settings_names_the_file(
    tmp_path: Path, db: Path, config: Path
) -> None:
    result = run(tmp_path, db, config, "remind", "--mail")
    assert result.returncode == 2
    assert "roles.yaml" in result.stderr and "mail:" in result.stderr


def test_export_mails_the_minutes_to_the_attendees(tmp_path: Path, db: Path, config: Path) -> None:
    with smtp_server() as (mailbox, port):
        with_mail(config, port)
        result = run(tmp_path, db, config, "export", "1", "--mail")
    assert result.returncode == 0, result.stderr
    assert sorted(arrived.recipients[0] for arrived in mailbox.arrived) == [JANA, KATRIN]
    message = mailbox.arrived[0].message
    assert "Marketing & Sales Round Table" in message["Subject"]
    assert "Frühjahrs-Webinarreihe startet am 12.03." in message.get_content()


# --- listings -------------------------------------------------------------------------


def read_csv(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def test_actions_and_meetings_as_csv(tmp_path: Path, db: Path, config: Path) -> None:
    result = run(tmp_path, db, config, "actions", "--csv")
    assert result.returncode == 0, result.stderr
    rows = read_csv(result.stdout)
    assert rows[0][:3] == ["ref", "due", "owner"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["ref"] == "A-1" and first["owner"] == "Sales Marketing (Absatzmarketing)"
    assert first["text"] == "Umsatzschätzung „Frühjahr“ abgleichen"
    german = run(tmp_path, db, config, "--lang", "de", "meetings", "--csv")
    assert german.returncode == 0, german.stderr
    meetings = read_csv(german.stdout, ";")
    header = meetings[0]
    assert dict(zip(header, meetings[1], strict=True))["minutes_used"] == "170,0"


def test_decisions_search_csv_and_json(tmp_path: Path, db: Path, config: Path) -> None:
    table = run(tmp_path, db, config, "decisions")
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[1].startswith("2 ")
    found = run(tmp_path, db, config, "decisions", "--search", "webinarreihe", "--json")
    assert [d["text"] for d in json.loads(found.stdout)] == [
        "Frühjahrs-Webinarreihe startet am 12.03."
    ]
    rows = read_csv(run(tmp_path, db, config, "--lang", "de", "decisions", "--csv").stdout, ";")
    assert rows[1][-1] == "Budget für Messe bleibt; Webinar verlängert"


def test_search_across_meetings(tmp_path: Path, db: Path, config: Path) -> None:
    result = run(tmp_path, db, config, "search", "messe")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert "decision" in lines[1] and "action item A-2" in lines[2] and "budget" in lines[3]
    assert "Nothing found" in run(tmp_path, db, config, "search", "nichtda").stdout


def test_done_and_reopen_take_several_ids(tmp_path: Path, db: Path, config: Path) -> None:
    result = run(tmp_path, db, config, "done", "A-1", "2", "A-99")
    assert result.returncode == 4
    assert result.stdout.splitlines() == [
        "A-1 done: Umsatzschätzung „Frühjahr“ abgleichen",
        "A-2 done: Zielgruppen für Messe schärfen",
    ]
    assert "A-99" in result.stderr
    again = run(tmp_path, db, config, "reopen", "A-1", "A-2")
    assert again.returncode == 0, again.stderr
    assert len(again.stdout.splitlines()) == 2


@pytest.mark.parametrize("command", ["actions", "meetings", "campaigns", "decisions"])
def test_tables_fit_a_narrow_terminal(tmp_path: Path, db: Path, config: Path, command: str) -> None:
    result = run(tmp_path, db, config, command, COLUMNS="60")
    assert result.returncode == 0, result.stderr
    assert all(len(line) <= 60 for line in result.stdout.splitlines()), result.stdout


def test_actions_shows_role_titles(tmp_path: Path, db: Path, config: Path) -> None:
    result = run(tmp_path, db, config, "actions")
    assert "Sales Marketing (Absatzmarketing)" in result.stdout
    assert "sales-marketing" not in result.stdout


def test_check_names_file_and_line_of_mail_problems(tmp_path: Path, db: Path, config: Path) -> None:
    roles = config / "roles.yaml"
    text = roles.read_text("utf-8").replace(KATRIN, "katrin-at-example")
    katrin_line = text[: text.index("katrin-at-example")].count("\n") + 1
    port_line = text.count("\n") + 3  # after the appended "mail:" and "host:" lines
    roles.write_text(
        text + "mail:\n  host: smtp.example.com\n  port: 70000\n  sender: nobody\n",
        "utf-8",
    )
    result = run(tmp_path, db, config, "check")
    assert result.returncode == 2
    lines = result.stderr.splitlines()[1:]
    assert [line.split(":")[1] for line in lines] == [
        str(katrin_line),
        str(port_line),
        str(port_line + 1),
    ]
    assert "'katrin-at-example' is no mail address" in lines[0]
    assert "port number from 1 to 65535" in lines[1]
    assert "the sender 'nobody' holds no mail address" in lines[2]


def test_a_years_history_fits_80_columns_without_words_cut(tmp_path: Path, config: Path) -> None:
    demo = tmp_path / "demo.db"
    assert run(tmp_path, demo, config, "demo", "--meetings", "12").returncode == 0
    for command in ("campaigns", "actions", "meetings"):
        wide = run(tmp_path, demo, config, command, "--json")
        narrow = run(tmp_path, demo, config, command, COLUMNS="80")
        assert narrow.returncode == 0, narrow.stderr
        lines = narrow.stdout.splitlines()
        assert all(len(line) <= 80 for line in lines), narrow.stdout
        words = set(narrow.stdout.split())
        names = [
            entry.get("name") or entry.get("text") or entry.get("title")
            for entry in json.loads(wide.stdout)
        ]
        for name in names:
            # Long words may be broken only past 24 characters; these names have none.
            assert all(word in words for word in name.split() if len(word) <= 24), name
    roles = run(tmp_path, demo, config, "campaigns", COLUMNS="250").stdout
    assert "Marketing Communication" in roles and "marketing-communication" not in roles
