"""`roundtable stats` as people run it: a real process on a real store file."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from roundtable.domain.campaigns import CampaignStatus, Channel
from roundtable.domain.config import Cadence, ItemKind
from roundtable.domain.meeting import ItemState, Meeting, MeetingItem, Segment
from roundtable.store.store import Store
from tests.helpers.cli import run_roundtable

SHIPPED = Path(__file__).parents[2] / "roundtable" / "defaults"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def run(tmp_path: Path, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_roundtable(
        tmp_path,
        *args,
        env={"ROUNDTABLE_DB": str(db), "ROUNDTABLE_CONFIG": str(SHIPPED), "ROUNDTABLE_LANG": "en"},
    )


def held(number: int, took: tuple[float, float], agenda: str = "round-table") -> Meeting:
    """Campaign planning (40) then Wrap-up (15), taking `took` minutes."""
    start = T0 + timedelta(days=7 * (number - 1))
    moment = start
    items = []
    for title, planned, minutes in zip(
        ("Campaign planning", "Wrap-up"), (40, 15), took, strict=True
    ):
        segment = Segment(moment, moment + timedelta(minutes=minutes))
        moment += timedelta(minutes=minutes)
        items.append(
            MeetingItem(
                title=title,
                role="sales-marketing",
                kind=ItemKind.DISCUSSION,
                planned_minutes=planned,
                original_minutes=planned,
                state=ItemState.DONE,
                segments=(segment,),
            )
        )
    return Meeting(
        id=None,
        number=number,
        agenda_id=agenda,
        title="Round table",
        timebox_minutes=60,
        cadence=Cadence.WEEKLY,
        items=tuple(items),
        attendees=(),
        facilitator="Sabine",
        started_at=start,
        ended_at=moment,
        current=None,
    )


def filled(tmp_path: Path) -> Path:
    db = tmp_path / "team.db"
    with Store.open(db) as store:
        for number, took in enumerate(((47, 8), (50, 9), (44, 10)), start=1):
            store.add_meeting(held(number, took))
    return db


def test_no_meetings_yet(tmp_path: Path) -> None:
    result = run(tmp_path, tmp_path / "none.db", "stats")
    assert result.returncode == 0
    assert "No ended meetings yet" in result.stdout
    assert not (tmp_path / "none.db").exists()


def test_table_and_suggestion(tmp_path: Path) -> None:
    result = run(tmp_path, filled(tmp_path), "stats")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Timing of 3 meetings")
    planning = next(line for line in lines if line.startswith("Campaign planning"))
    # meetings, plan, median, 80 %, over, extended, deferred, early
    assert planning.split()[2:10] == ["3", "40", "47", "50", "3", "0", "0", "0"]
    assert (
        "- Campaign planning ran over in 3 of the last 3 meetings, by 7 minutes at the "
        "median: plan 47 instead of 40, take it from Wrap-up, which ended early 3 times."
    ) in lines


def test_json_last_and_agenda(tmp_path: Path) -> None:
    db = filled(tmp_path)
    result = run(tmp_path, db, "stats", "--json", "--last", "2", "--agenda", "round-table")
    assert result.returncode == 0, result.stderr
    value = json.loads(result.stdout)
    assert [m["number"] for m in value["meetings"]] == [2, 3]
    planning = value["items"][0]
    assert planning["title"] == "Campaign planning"
    assert planning["actual_minutes"] == [50, 44]
    assert planning["actual_median_minutes"] == 47
    assert value["meetings"][0]["minutes_used"] == 59


def test_bad_input(tmp_path: Path) -> None:
    db = filled(tmp_path)
    unknown = run(tmp_path, db, "stats", "--agenda", "board")
    assert unknown.returncode == 4
    assert "board" in unknown.stderr and "round-table" in unknown.stderr
    zero = run(tmp_path, db, "stats", "--last", "0")
    assert zero.returncode == 2
    assert "--last" in zero.stderr


def test_demo_history_shows_habits_and_estimates_in_the_minutes(tmp_path: Path) -> None:
    """The demo year has an item that habitually overruns, and the minutes say how the
    estimates of finished campaigns turned out."""
    db = tmp_path / "demo.db"
    assert run(tmp_path, db, "demo").returncode == 0
    stats = run(tmp_path, db, "stats", "--last", "10")
    assert "- Campaign planning ran over in " in stats.stdout
    minutes = run(tmp_path, db, "export", "latest")
    assert minutes.returncode == 0, minutes.stderr
    section = minutes.stdout.split("### How the estimates turned out", 1)[1]
    first = section.strip().splitlines()[0]
    assert first.startswith("- ") and "estimates ran" in first and "on average" in first


def test_a_figure_that_contradicts_the_last_report_needs_correction(tmp_path: Path) -> None:
    db = tmp_path / "team.db"
    with Store.open(db) as store:
        first = store.add_meeting(held(1, (40, 15)))
        assert first.id is not None
        meeting = store.add_meeting(replace(held(2, (40, 15)), ended_at=None, current=0))
        assert meeting.id is not None
        campaign = store.add_campaign(
            "Maintenance 2026",
            owner="sales-controlling",
            channel=Channel.EVENT,
            start=T0.date(),
            end=T0.date(),
            budget=Decimal(10_000),
            cost=Decimal(5_000),
            status=CampaignStatus.RUNNING,
        )
        store.record_snapshot(
            campaign.id,
            first.id,
            leads=40,
            accepted=20,
            won=5,
            estimated_revenue=Decimal(150_000),
            actual_revenue=Decimal(120_000),
        )
    refused = run(tmp_path, db, "figures", "Maintenance 2026", "--revenue", "1,234.50")
    assert refused.returncode == 2
    assert refused.stderr == (
        "roundtable: Actual revenue to date: €1,234.50 is 99% below the last report "
        "(€120,000.00 in meeting 1).\n"
        "If that is right, repeat the command with --correction to record it as a "
        "correction; nothing was recorded.\n"
    )
    with Store.open(db, read_only=True) as store:
        assert [s.meeting_id for s in store.snapshots(campaign.id)] == [first.id]
    # A lower estimate is no contradiction: estimates come down.
    lower = run(tmp_path, db, "figures", "Maintenance 2026", "--estimate", "125,000")
    assert lower.returncode == 0, lower.stderr
    taken = run(
        tmp_path, db, "figures", "Maintenance 2026", "--revenue", "1,234.50", "--correction"
    )
    assert taken.returncode == 0, taken.stderr
    with Store.open(db, read_only=True) as store:
        latest = store.snapshots(campaign.id)[-1]
    assert latest.actual_revenue == Decimal("1234.50")
    assert latest.estimated_revenue == Decimal(125_000)
    assert latest.correction is True
