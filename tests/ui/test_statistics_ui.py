"""What the team's history shows in the app: the forecast line on the meeting screen, the
rebalance by history and the calibrated estimate in the figures form, on a real store
with a fake clock."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from roundtable.domain import timebox
from roundtable.domain.campaigns import CampaignStatus, Channel
from roundtable.domain.campaigns.calibration import board_outcomes, for_new_estimate
from roundtable.domain.config import TeamConfig
from roundtable.store.store import Store
from roundtable.ui.app import default_attendees
from roundtable.ui.screens.campaigns.snapshot_form import FiguresDraft, SnapshotForm
from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.forecast import ForecastLine
from roundtable.ui.widgets.plain import PlainLabel
from tests.ui.conftest import (
    FakeClock,
    app_for,
    meeting_screen,
    running_meeting,
    settle,
    shown_text,
    tick,
)
from tests.ui.test_campaign_ui import Host, fill

# Minutes the items of the round table took: campaign planning habitually runs over.
TOOK = (15, 28, 30, 25, 59, 25, 10)


def held_meetings(store: Store, config: TeamConfig, clock: FakeClock, count: int = 3) -> None:
    """`count` ended round tables, a week apart, before the clock's today; each item took
    the minutes of `TOOK`."""
    agenda = config.agenda("round-table")
    assert agenda is not None
    today = clock.now
    for weeks in range(count, 0, -1):
        clock.now = today - timedelta(weeks=weeks)
        meeting = timebox.new_meeting(
            agenda, default_attendees(config), "Katrin Vogel", store.next_meeting_number(), clock()
        )
        for minutes in TOOK:
            clock.advance(minutes=minutes)
            meeting = timebox.next_item(meeting, clock())
        meeting = timebox.end(meeting, clock())
        store.add_meeting(meeting)
    clock.now = today


async def test_forecast_line_names_what_will_not_fit(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    held_meetings(store, config, clock)
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        clock.advance(minutes=1)
        tick(app)
        await pilot.pause()
        line = app.screen.query_one(ForecastLine)
        assert line.has_class("-known") and line.has_class("-late")
        # 15 + 28 + 30 + 25 + 59 = 157; Budgets ends at 182 and Wrap-up at 192.
        assert line.shown == (
            "At the usual pace Budgets and Wrap-up will not fit (about 12 minutes over). · "
            "Plan: ends 12:00 · usual pace: 12:12"
        )
        assert "Budgets and Wrap-up will not fit" in shown_text(app)
        # The plan itself fits: the time box still shows it.
        assert app.screen.query_one("#box-projected-end", PlainLabel).shown == "12:00"

        await pilot.press("R")
        await settle(pilot)
        planned = [item.planned_minutes for item in meeting_screen(app).meeting.items]
        # 180 - 1 used - 14 left of the first item = 165 minutes for the items after
        # it, in proportion to what they usually take (28, 30, 25, 59, 25, 10).
        assert planned[0] == 15
        assert sum(planned[1:]) == 165
        assert planned[4] > 40 and planned[6] < 15
        stored = store.running_meeting()
        assert stored is not None and [i.planned_minutes for i in stored.items] == planned
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert [i.planned_minutes for i in meeting_screen(app).meeting.items][4] == 40


async def test_no_history_no_forecast_line(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        tick(app)
        await pilot.pause()
        line = app.screen.query_one(ForecastLine)
        assert not line.has_class("-known")
        assert line.display is False


async def test_figures_form_shows_the_estimate_calibrated(
    store: Store, clock: FakeClock, config: TeamConfig
) -> None:
    """Dialog marketing's finished campaign brought 62 % of each estimate: a new estimate
    of 100,000 for its running one is worth 62,000."""
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    common = {
        "owner": "dialog-marketing",
        "channel": Channel.MAILING,
        "start": clock.now.date(),
        "end": clock.now.date(),
        "budget": Decimal(10_000),
        "cost": Decimal(5_000),
    }
    done = store.add_campaign("Mailing Herbst", status=CampaignStatus.FINISHED, **common)
    running = store.add_campaign("Mailing Frühjahr", status=CampaignStatus.RUNNING, **common)
    store.record_snapshot(
        done.id,
        meeting.id,
        leads=40,
        accepted=20,
        won=4,
        estimated_revenue=Decimal(50_000),
        actual_revenue=Decimal(31_000),
    )
    calibration = for_new_estimate(board_outcomes(store.scoreboard()), running)
    app = Host(SnapshotForm(running, meeting.number, calibration=calibration))
    async with app.run_test(size=(80, 24)) as pilot:
        label = app.screen.query_one("#figures-calibrated", PlainLabel)
        assert label.shown == "" and label.display is False
        await fill(pilot, "estimated_revenue", "100,000")
        await pilot.pause()
        assert label.display is True
        assert label.shown == "→ the last estimate ran 38% high: calibrated €62,000.00"
        assert "calibrated €62,000.00" in shown_text(app)


async def test_figures_far_below_the_last_report_need_a_second_enter(
    store: Store, clock: FakeClock, config: TeamConfig
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    campaign = store.add_campaign(
        "Maintenance 2026",
        owner="sales-controlling",
        channel=Channel.EVENT,
        start=clock.now.date(),
        end=clock.now.date(),
        budget=Decimal(10_000),
        cost=Decimal(5_000),
        status=CampaignStatus.RUNNING,
    )
    previous = store.record_snapshot(
        campaign.id,
        meeting.id,
        leads=40,
        accepted=20,
        won=5,
        estimated_revenue=Decimal(150_000),
        actual_revenue=Decimal(120_000),
    )
    app = Host(SnapshotForm(campaign, 2, previous=previous, previous_number=1))
    async with app.run_test(size=(80, 30)) as pilot:
        await fill(pilot, "actual_revenue", "1,234.50")
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == []
        warning = app.screen.query_one("#figures-contradiction", PlainLabel)
        assert warning.display is True
        assert warning.shown == (
            "Actual revenue to date: €1,234.50 is 99% below the last report "
            "(€120,000.00 in meeting 1).\nPress enter again to record them as a correction."
        )
        await pilot.press("enter")
        await pilot.pause()
    (draft,) = app.results
    assert isinstance(draft, FiguresDraft)
    assert draft.correction is True
    assert draft.figures.actual_revenue == Decimal("1234.50")


async def test_budget_cut_shows_what_it_touches_on_the_other_side(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    meeting = running_meeting(store, config, clock)
    assert meeting.id is not None
    for name, leads in (("Mailing Frühjahr", 40), ("Webinar Wartung", 60)):
        campaign = store.add_campaign(
            name,
            owner="dialog-marketing",
            channel=Channel.MAILING,
            start=clock.now.date(),
            end=clock.now.date(),
            budget=Decimal(10_000),
            cost=Decimal(6_000),
            status=CampaignStatus.RUNNING,
        )
        store.record_snapshot(
            campaign.id,
            meeting.id,
            leads=leads,
            accepted=0,
            won=0,
            estimated_revenue=Decimal(0),
            actual_revenue=Decimal(0),
        )
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        note = app.screen.query_one("#cut-impact", PlainLabel)
        assert note.display is False  # an allocation touches nobody
        await pilot.click("#kind-cut")
        for field, text in (("area", "Sales"), ("period", "2026-Q1")):
            app.screen.query_one(f"#{field}").focus()
            await pilot.press("end", "ctrl+u", *text)
        await settle(pilot)
        assert note.display is True
        assert note.shown == (
            "Sales follows up the leads of 2 campaigns in 2026-Q1: 100 leads at stake.\n"
            "Webinar Wartung: 60 leads, cost per lead €100.00\n"
            "Mailing Frühjahr: 40 leads, cost per lead €150.00"
        )
        assert "100 leads at stake" in shown_text(app)


async def test_agenda_marks_what_will_not_fit_at_the_usual_pace(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    """The plan fits, but at the usual pace Budgets and Wrap-up do not: the agenda marks
    them from the first minute, before anything has overrun."""
    held_meetings(store, config, clock)
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        clock.advance(minutes=1)
        tick(app)
        await pilot.pause()
        rows = app.screen.query_one(AgendaList).rows_shown
        assert [row.number for row in rows if row.late] == [6, 7]
        # The plan alone marks nothing: the marks are the forecast's.
        assert not timebox.box_view(meeting_screen(app).meeting, clock()).not_fitting


async def test_agenda_marks_only_the_plan_without_history(
    config: TeamConfig, store: Store, clock: FakeClock
) -> None:
    running_meeting(store, config, clock)
    app = app_for(config, store, clock, start=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        clock.advance(minutes=1)
        tick(app)
        await pilot.pause()
        assert not any(row.late for row in app.screen.query_one(AgendaList).rows_shown)
