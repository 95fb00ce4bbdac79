"""`roundtable campaigns` as people run it: a real process on a real store file."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from roundtable.domain.campaigns import CampaignStatus, Channel
from roundtable.domain.meeting import Meeting
from roundtable.store.store import Store
from tests.helpers.cli import run_roundtable
from tests.helpers.meetings import campaign_results_meeting

SHIPPED = Path(__file__).parents[2] / "roundtable" / "defaults"
BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 3, 9, 0, tzinfo=BERLIN)


def run(tmp_path: Path, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_roundtable(
        tmp_path, *args, env={"ROUNDTABLE_DB": str(db), "ROUNDTABLE_CONFIG": str(SHIPPED)}
    )


def meeting(number: int) -> Meeting:
    started = START + timedelta(days=14 * (number - 1))
    return campaign_results_meeting(number, started, minutes=160, item_minutes=30)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Two meetings; the webinar series reported in both, a mailing in the first, a
    planned event with no figures yet."""
    path = tmp_path / "data" / "roundtable.db"
    with Store.open(path, clock=lambda: START) as store:
        first = store.add_meeting(meeting(1))
        second = store.add_meeting(meeting(2))
        assert first.id is not None and second.id is not None
        webinar = store.add_campaign(
            "Frühjahrs-Webinarreihe",
            owner="marketing-communication",
            channel=Channel.WEBINAR,
            start=date(2026, 3, 2),
            end=date(2026, 4, 10),
            budget=Decimal("12000.00"),
            cost=Decimal("5464.91"),
            status=CampaignStatus.RUNNING,
        )
        mailing = store.add_campaign(
            "Direct Mailing Mittelstand",
            owner="dialog-marketing",
            channel=Channel.MAILING,
            start=date(2026, 1, 12),
            end=date(2026, 2, 27),
            budget=Decimal("18000.00"),
            cost=Decimal("18510.87"),
            status=CampaignStatus.FINISHED,
        )
        store.add_campaign(
            "Anwendertag Süd \x1b[31m",
            owner="marketing-communication",
            channel=Channel.EVENT,
            start=date(2026, 11, 2),
            end=date(2026, 11, 27),
            budget=Decimal("20000"),
        )
        for meeting_id, leads, accepted, won, estimate, actual in (
            (first.id, 28, 20, 1, "900000.00", "17080.00"),
            (second.id, 49, 35, 6, "650000.00", "69580.50"),
        ):
            store.record_snapshot(
                webinar.id,
                meeting_id,
                leads=leads,
                accepted=accepted,
                won=won,
                estimated_revenue=Decimal(estimate),
                actual_revenue=Decimal(actual),
            )
        store.record_snapshot(
            mailing.id,
            first.id,
            leads=82,
            accepted=60,
            won=7,
            estimated_revenue=Decimal("106500"),
            actual_revenue=Decimal("104150"),
        )
    return path


def test_campaigns_lists_each_with_its_figures(tmp_path: Path, db: Path) -> None:
    result = run(tmp_path, db, "campaigns")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "CAMPAIGN",
        "STATUS",
        "CHANNEL",
        "OWNER",
        "CUR",
        "BUDGET",
        "COST",
        "LEADS",
        "COST/LEAD",
        "CONV",
        "ESTIMATE",
        "ACTUAL",
        "GAP",
        "CHANGE",
        "AS",
        "OF",
    ]
    rows = {line.split("  ")[0]: line for line in lines[1:5]}
    # Running first, then planned, finished.
    assert list(rows) == [
        "Frühjahrs-Webinarreihe",
        "Anwendertag Süd \\x1b[31m",
        "Direct Mailing Mittelstand",
        "TOTAL",
    ]
    webinar = rows["Frühjahrs-Webinarreihe"].split()
    # 5464.91 / 49 = 111.53; 6 of 35 = 17.1 %; gap 580,420 after 882,920: -302,501.
    assert webinar[1:] == [
        "running",
        "webinar",
        "Marketing",  # the role's title, as the app shows it: Marketing Communication
        "Communication",
        "EUR",
        "12,000",
        "5,465",
        "49",
        "112",
        "17.1%",
        "650,000",
        "69,581",
        "580,420",
        "\u2212302,501",
        "#2",
    ]
    planned = rows["Anwendertag Süd \\x1b[31m"].split()
    assert planned[-10:] == ["20,000", "0", *["—"] * 8]
    mailing = rows["Direct Mailing Mittelstand"].split()
    assert mailing[-3:] == ["2,350", "—", "#1"]
    total = rows["TOTAL"].split()
    assert total[1:5] == ["EUR", "50,000", "23,976", "131"]
    assert "\x1b" not in result.stdout  # the escape typed into a name is shown, not sent
    assert "GAP = estimate − actual" in result.stdout


def test_campaigns_json_has_stable_keys_and_exact_amounts(tmp_path: Path, db: Path) -> None:
    result = run(tmp_path, db, "campaigns", "--json")
    assert result.returncode == 0, result.stderr
    campaigns = json.loads(result.stdout)
    assert [c["name"] for c in campaigns] == [
        "Frühjahrs-Webinarreihe",
        "Anwendertag Süd \x1b[31m",
        "Direct Mailing Mittelstand",
    ]
    webinar = campaigns[0]
    assert list(webinar) == [
        "id",
        "name",
        "owner",
        "channel",
        "status",
        "start",
        "end",
        "currency",
        "budget",
        "cost",
        "leads",
        "estimated_leads",
        "accepted",
        "won",
        "cost_per_lead",
        "acceptance_pct",
        "conversion_pct",
        "estimated_revenue",
        "actual_revenue",
        "gap",
        "gap_pct",
        "gap_change",
        "reported_in_meeting",
        "previous_meeting",
        "series",
    ]
    assert webinar["budget"] == "12000.00" and webinar["cost"] == "5464.91"
    assert webinar["cost_per_lead"] == "111.53"
    assert webinar["acceptance_pct"] == "71.4" and webinar["conversion_pct"] == "17.1"
    assert webinar["gap"] == "580419.50" and webinar["gap_change"] == "-302500.50"
    assert (webinar["reported_in_meeting"], webinar["previous_meeting"]) == (2, 1)
    assert webinar["series"] == [
        {
            "meeting": 1,
            "leads": 28,
            "estimated_leads": None,
            "cost": "5464.91",
            "estimated_revenue": "900000.00",
            "actual_revenue": "17080.00",
        },
        {
            "meeting": 2,
            "leads": 49,
            "estimated_leads": None,
            "cost": "5464.91",
            "estimated_revenue": "650000.00",
            "actual_revenue": "69580.50",
        },
    ]
    planned = campaigns[1]
    assert planned["status"] == "planned" and planned["channel"] == "event"
    assert (planned["leads"], planned["gap"], planned["series"]) == (None, None, [])
    assert "\\u001b" in result.stdout  # JSON escapes the control character


def test_no_campaigns_is_a_friendly_line_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "none" / "roundtable.db"
    with Store.open(db):
        pass  # an empty store (no store at all is exit 4: tests/cli/test_store_paths.py)
    before = db.read_bytes()
    result = run(tmp_path, db, "campaigns")
    assert (result.returncode, result.stdout) == (0, "No campaigns yet.\n")
    assert run(tmp_path, db, "campaigns", "--json").stdout == "[]\n"
    assert db.read_bytes() == before


def test_a_damaged_store_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "roundtable.db"
    content = b'{"roundtable":"store","schema":1}\n{"put":{"campaigns.0":{"1":{"name":"x"}}}}\n'
    db.write_bytes(content)
    result = run(tmp_path, db, "campaigns")
    assert result.returncode == 3
    assert "campaign 1 cannot be read" in result.stderr and str(db) in result.stderr
    assert db.read_bytes() == content


def test_the_demo_has_campaigns_to_list(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    demo = run(tmp_path, db, "demo", "--meetings", "12", "--seed", "5")
    assert demo.returncode == 0, demo.stderr
    assert "campaigns (" in demo.stdout
    campaigns = json.loads(run(tmp_path, db, "campaigns", "--json").stdout)
    assert campaigns and all(c["currency"] == "EUR" for c in campaigns)
    reported = [c for c in campaigns if c["series"]]
    assert reported and all(c["estimated_revenue"] is not None for c in reported)


# --- roundtable figures ---------------------------------------------------------------


def running(db: Path) -> int:
    """Start a third meeting (running) in the store; its id."""
    with Store.open(db, clock=lambda: START) as store:
        third = replace(meeting(3), ended_at=None)
        saved = store.add_meeting(third)
        assert saved.id is not None
        return saved.id


def test_figures_are_recorded_in_the_running_meeting(tmp_path: Path, db: Path) -> None:
    meeting_id = running(db)
    result = run(
        tmp_path,
        db,
        "figures",
        "webinar",
        "--leads",
        "61",
        "--accepted",
        "44",
        "--won",
        "9",
        "--estimate",
        "600,000",
        "--revenue",
        "98,250.50",
        "--cost",
        "7,100",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Meeting 3: Frühjahrs-Webinarreihe — 61 leads, 44 accepted, 9 won; estimate "
        "€600,000.00, actual €98,250.50, cost to date €7,100.00.\n"
    )
    with Store.open(db, read_only=True) as store:
        [report] = store.snapshots_for_meeting(meeting_id)
    assert (report.leads, report.accepted, report.won) == (61, 44, 9)
    assert (report.estimated_revenue, report.actual_revenue, report.cost) == (
        Decimal("600000"),
        Decimal("98250.50"),
        Decimal("7100"),
    )

    # Again in the same meeting: what is given replaces, the rest stays.
    again = run(tmp_path, db, "figures", "frühjahrs-webinarreihe", "--revenue", "101,000")
    assert again.returncode == 0, again.stderr
    with Store.open(db, read_only=True) as store:
        [report] = store.snapshots_for_meeting(meeting_id)
    assert (report.leads, report.actual_revenue) == (61, Decimal("101000"))


def test_a_lead_estimate_is_kept_with_the_figures_and_listed(tmp_path: Path, db: Path) -> None:
    meeting_id = running(db)
    result = run(tmp_path, db, "figures", "webinar", "--estimated-leads", "1,200")
    assert result.returncode == 0, result.stderr
    with Store.open(db, read_only=True) as store:
        [report] = store.snapshots_for_meeting(meeting_id)
    # Only the lead estimate was given: the other figures stay as last reported.
    assert (report.estimated_leads, report.leads, report.accepted) == (1200, 49, 35)
    # Given again without it, the estimate stays too.
    again = run(tmp_path, db, "figures", "webinar", "--leads", "70")
    assert again.returncode == 0, again.stderr
    listed = json.loads(run(tmp_path, db, "campaigns", "--json").stdout)
    webinar = listed[0]
    assert (webinar["leads"], webinar["estimated_leads"]) == (70, 1200)
    assert [p["estimated_leads"] for p in webinar["series"]] == [None, None, 1200]
    refused = run(tmp_path, db, "figures", "webinar", "--estimated-leads", "-5")
    assert refused.returncode == 2
    assert "must not be negative. (--estimated-leads)" in refused.stderr


def test_figures_cost_becomes_the_campaign_s_cost_to_date(tmp_path: Path, db: Path) -> None:
    # The same use case as the scoreboard's figures form: the cost reported is the
    # campaign's cost to date from then on, so the next report without --cost keeps it.
    meeting_id = running(db)
    first = run(tmp_path, db, "figures", "webinar", "--cost", "7,100")
    assert first.returncode == 0, first.stderr
    again = run(tmp_path, db, "figures", "webinar", "--revenue", "101,000")
    assert again.returncode == 0, again.stderr
    with Store.open(db, read_only=True) as store:
        [report] = store.snapshots_for_meeting(meeting_id)
        campaign = store.campaign(report.campaign_id)
    assert report.cost == campaign.cost == Decimal("7100")


def test_figures_start_from_those_last_reported_and_read_german_numbers(
    tmp_path: Path, db: Path
) -> None:
    meeting_id = running(db)
    result = run(tmp_path, db, "--lang", "de", "figures", "Webinar", "--leads", "1.250")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Sitzung Nr. 3: Frühjahrs-Webinarreihe — 1.250 Anfragen")
    with Store.open(db, read_only=True) as store:
        [report] = store.snapshots_for_meeting(meeting_id)
    # Meeting 2 reported 49 leads, 35 accepted, 6 won, 650,000 estimated, 69,580.50 actual.
    assert (report.leads, report.accepted, report.won) == (1250, 35, 6)
    assert (report.estimated_revenue, report.actual_revenue) == (
        Decimal("650000.00"),
        Decimal("69580.50"),
    )


@pytest.mark.parametrize(
    ("args", "code", "gist"),
    [
        (
            ["webinar", "--won", "99"],
            2,
            "99 deals won, but only 35 leads accepted by sales. (--won)",
        ),
        (["webinar", "--leads", "-3"], 2, "must not be negative. (--leads)"),
        (["webinar", "--revenue", "viel"], 2, "(--revenue)"),
        (["webinar"], 2, "Give at least one figure: --leads, --accepted"),
        (["Messe", "--leads", "3"], 4, "There is no campaign “Messe”"),
        (["i", "--leads", "3"], 2, "any of: Direct Mailing Mittelstand; Frühjahrs-Webinarreihe."),
    ],
)
def test_bad_figures_say_which_option_and_change_nothing(
    tmp_path: Path, db: Path, args: list[str], code: int, gist: str
) -> None:
    running(db)
    before = db.read_bytes()
    result = run(tmp_path, db, "figures", *args)
    assert (result.returncode, result.stdout) == (code, "")
    assert gist in result.stderr
    assert db.read_bytes() == before


def test_figures_need_a_running_meeting(tmp_path: Path, db: Path) -> None:
    before = db.read_bytes()
    result = run(tmp_path, db, "figures", "webinar", "--leads", "60")
    assert result.returncode == 2
    assert "No meeting is running" in result.stderr
    assert db.read_bytes() == before


def test_the_demo_lead_estimates_converge_and_the_minutes_say_how_they_turned_out(
    tmp_path: Path,
) -> None:
    db = tmp_path / "demo.db"
    demo = run(tmp_path, db, "demo", "--meetings", "40", "--seed", "5")
    assert demo.returncode == 0, demo.stderr
    campaigns = json.loads(run(tmp_path, db, "campaigns", "--json").stdout)
    finished = [c for c in campaigns if c["status"] == "finished" and len(c["series"]) > 2]
    assert finished
    for campaign in finished:
        estimates = [p["estimated_leads"] for p in campaign["series"]]
        # Optimistic at first, down to what came in by the final report.
        assert estimates[0] > campaign["leads"]
        assert estimates == sorted(estimates, reverse=True)
        assert estimates[-1] == campaign["leads"]
    exported = run(tmp_path, db, "export", "40", "-o", "minutes.md")
    assert exported.returncode == 0, exported.stderr
    minutes = (tmp_path / "minutes.md").read_text(encoding="utf-8")
    assert "lead estimates ran" in minutes
