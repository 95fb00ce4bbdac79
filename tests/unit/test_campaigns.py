"""Campaigns: the arithmetic of the scoreboard with exact Decimals, what is refused and
why, and the campaign store on real files (also as another process sees it)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from roundtable.domain.campaigns import (
    Campaign,
    CampaignStatus,
    Channel,
    FieldError,
    Snapshot,
    SnapshotFigures,
    build_scoreboard,
    check_campaign,
    check_figures,
    cost_per_lead,
    format_change,
    format_percent,
    parse_count,
    parse_day,
    parse_money,
    percent,
    totals,
)
from roundtable.domain.meeting import Meeting
from roundtable.errors import NotFoundError, StoreError, UsageError
from roundtable.i18n import set_language
from roundtable.store.schema import SCHEMA_VERSION
from roundtable.store.store import Store
from tests.helpers.meetings import campaign_results_meeting
from tests.unit.conftest import START, FakeClock

D = Decimal


def campaign(
    id: int = 1,
    name: str = "Frühjahrs-Webinarreihe",
    *,
    cost: str = "0",
    status: CampaignStatus = CampaignStatus.RUNNING,
    currency: str = "EUR",
    start: date = date(2026, 3, 2),
) -> Campaign:
    return Campaign(
        id=id,
        name=name,
        owner="marketing-communication",
        channel=Channel.WEBINAR,
        start=start,
        end=start + timedelta(weeks=6),
        budget=D("12000.00"),
        cost=D(cost),
        currency=currency,
        status=status,
    )


def snapshot(
    id: int,
    meeting_id: int,
    leads: int,
    accepted: int,
    won: int,
    estimate: str,
    actual: str,
    cost: str,
    campaign_id: int = 1,
) -> Snapshot:
    return Snapshot(
        id=id,
        campaign_id=campaign_id,
        meeting_id=meeting_id,
        leads=leads,
        accepted=accepted,
        won=won,
        estimated_revenue=D(estimate),
        actual_revenue=D(actual),
        cost=D(cost),
        at=START,
    )


# --- the arithmetic ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cost", "leads", "expected"),
    [
        ("1000.00", 3, D("333.33")),
        ("2000.00", 3, D("666.67")),
        ("0.05", 2, D("0.03")),  # half a cent rounds up, as in commerce
        ("0.01", 3, D("0.00")),
        ("12000", 48, D("250.00")),
        ("99999999999999999999.99", 7, D("14285714285714285714.28")),
        ("500.00", 0, None),
    ],
)
def test_cost_per_lead_is_exact_to_the_cent(cost: str, leads: int, expected: Decimal) -> None:
    assert cost_per_lead(D(cost), leads) == expected


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (1, 8, D("12.5")),
        (1, 3, D("33.3")),
        (2, 3, D("66.7")),
        (1, 2000, D("0.1")),  # 0.05 % rounds up
        (0, 11, D("0.0")),
        (9, 9, D("100.0")),
        (D("-8200"), D("56000"), D("-14.6")),
        (5, 0, None),
    ],
)
def test_percent_to_one_decimal(
    part: Decimal | int, whole: Decimal | int, expected: Decimal | None
) -> None:
    result = percent(part, whole)
    assert result == expected
    if expected is not None:
        assert str(result) == str(expected)  # the exponent too: always one decimal


def series_fixture() -> tuple[list[Campaign], list[Snapshot], dict[int, int]]:
    """The webinar series reported in meetings 11, 12 and 13 (stored as ids 30, 20, 40:
    ids do not follow the meeting order), a mailing reported in 12 only, a planned
    campaign without figures."""
    campaigns = [
        campaign(1, cost="9100.00"),
        campaign(2, "Direct Mailing Mittelstand", status=CampaignStatus.FINISHED),
        campaign(3, "Anwendertag Süd", status=CampaignStatus.PLANNED, start=date(2026, 11, 2)),
    ]
    snapshots = [
        snapshot(1, 30, 28, 20, 1, "900000.00", "17080.00", "3537.92"),
        snapshot(2, 20, 5, 3, 0, "950000.00", "0.00", "828.81"),
        snapshot(3, 40, 49, 35, 6, "650000.00", "69580.50", "5464.91"),
        snapshot(4, 20, 75, 50, 10, "240000.00", "231000.00", "18000.00", campaign_id=2),
        snapshot(5, 99, 1, 1, 1, "1.00", "1.00", "1.00"),  # meeting unknown: damaged
    ]
    numbers = {30: 12, 20: 11, 40: 13}
    return campaigns, snapshots, numbers


def test_scoreboard_now_has_the_latest_figures_and_their_change() -> None:
    campaigns, snapshots, numbers = series_fixture()
    board = build_scoreboard(campaigns, snapshots, numbers)
    assert board.as_of is None
    # Running first, then planned, finished, stopped.
    assert [row.campaign.id for row in board.rows] == [1, 3, 2]
    webinar, planned, mailing = board.rows
    assert webinar.snapshot is not None and webinar.snapshot.id == 3
    assert webinar.previous is not None and webinar.previous.id == 1
    assert webinar.previous_meeting_number == 12
    # Today's cost to date, not the one recorded at meeting 13.
    assert webinar.cost == D("9100.00")
    assert webinar.cost_per_lead == D("185.71")  # 9100 / 49
    assert webinar.acceptance_pct == D("71.4")  # 35 / 49
    assert webinar.conversion_pct == D("17.1")  # 6 / 35
    assert (webinar.estimate, webinar.actual) == (D("650000.00"), D("69580.50"))
    assert webinar.gap == D("580419.50")
    assert webinar.gap_pct == D("89.3")
    # Gap at 12: 900000 - 17080 = 882920; now 580419.50: 302500.50 closer.
    assert webinar.gap_change == D("-302500.50")
    assert webinar.gap_narrowed is True
    assert [p.meeting_number for p in webinar.series] == [11, 12, 13]
    assert webinar.actual_trend == (0.0, 17080.0, 69580.5)
    assert webinar.estimate_trend == (950000.0, 900000.0, 650000.0)
    assert webinar.gap_trend == (950000.0, 882920.0, 580419.5)
    assert webinar.reported_in == 40

    assert planned.snapshot is None and planned.series == ()
    assert (planned.leads, planned.cost_per_lead, planned.gap, planned.gap_change) == (
        None,
        None,
        None,
        None,
    )
    assert planned.cost == D("0")
    assert mailing.previous is None and mailing.gap_change is None
    assert mailing.gap_narrowed is None


def test_scoreboard_as_of_a_meeting_shows_that_meeting_s_figures() -> None:
    campaigns, snapshots, numbers = series_fixture()
    board = build_scoreboard(campaigns, snapshots, numbers, as_of=30)  # meeting 12
    webinar = board.rows[0]
    assert webinar.snapshot is not None and webinar.snapshot.id == 1
    # The cost recorded with the figures: past minutes do not change afterwards.
    assert webinar.cost == D("3537.92")
    assert webinar.cost_per_lead == D("126.35")  # 3537.92 / 28
    assert webinar.gap_change == D("882920.00") - D("950000.00")
    assert [p.meeting_number for p in webinar.series] == [11, 12]
    # Nothing reported yet by then: no cost to show either.
    planned = board.rows[1]
    assert planned.cost is None and planned.cost_per_lead is None
    assert [row.campaign.id for row in board.reported_in(30)] == [1]
    assert [row.campaign.id for row in board.reported_in(20)] == [2]
    with pytest.raises(KeyError):
        build_scoreboard(campaigns, snapshots, numbers, as_of=77)


def test_totals_add_up_exactly_per_currency() -> None:
    campaigns, snapshots, numbers = series_fixture()
    campaigns.append(campaign(4, "Salon Lyon", cost="1000.10", currency="CHF"))
    board = build_scoreboard(campaigns, snapshots, numbers)
    chf, eur = board.totals
    assert (chf.currency, chf.campaigns, chf.cost, chf.leads) == ("CHF", 1, D("1000.10"), 0)
    assert eur.currency == "EUR" and eur.campaigns == 3
    assert eur.budget == D("36000.00")
    assert eur.cost == D("9100.00")  # the planned and the mailing have cost 0 now
    assert (eur.leads, eur.accepted, eur.won) == (124, 85, 16)
    assert eur.estimate == D("890000.00")
    assert eur.actual == D("300580.50")
    assert eur.gap == D("589419.50")
    assert eur.cost_per_lead == D("73.39")
    assert eur.conversion_pct == D("18.8")
    assert eur.acceptance_pct == D("68.5")
    assert eur.gap_pct == D("66.2")
    assert totals(()) == ()


def test_a_gap_that_grows_is_not_narrowing() -> None:
    rows = build_scoreboard(
        [campaign()],
        [
            snapshot(1, 1, 10, 5, 1, "100000", "10000", "0"),
            snapshot(2, 2, 12, 6, 1, "120000", "10000", "0"),
        ],
        {1: 1, 2: 2},
    ).rows
    assert rows[0].gap_change == D("20000")
    assert rows[0].gap_narrowed is False


def test_huge_amounts_from_a_hand_edited_store_still_add_up() -> None:
    huge = [snapshot(1, 1, 3, 3, 1, "1E+100", "1", "1E+40")]
    row = build_scoreboard([campaign(cost="1E+40")], huge, {1: 1}).rows[0]
    assert row.cost_per_lead == D("3" * 40 + ".33")
    assert row.gap == D("9" * 100)  # exact, not rounded to 28 digits
    assert row.gap_pct == D("100.0")


@pytest.fixture
def german() -> Iterator[None]:
    set_language("de")
    try:
        yield
    finally:
        set_language("en")


def test_formatting_percentages_and_changes() -> None:
    assert format_percent(D("12.5")) == "12.5%"
    assert format_percent(D("100")) == "100.0%"
    assert format_percent(None) == "—"
    assert format_change(D("-19550"), "EUR") == "\u2212€19,550.00"
    assert format_change(D("1000.5"), "EUR") == "+€1,000.50"
    assert format_change(D("0"), "CHF") == "±CHF\xa00.00"
    assert format_change(None, "EUR") == "—"


def test_formatting_follows_the_language(german: None) -> None:
    assert format_percent(D("12.5")) == "12,5\xa0%"
    assert format_change(D("-19550"), "EUR") == "\u221219.550,00\xa0€"
    assert format_change(D("1000.5"), "EUR") == "+1.000,50\xa0€"


# --- what is refused ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "gist"),
    [
        ({"name": "  "}, "name", "needs a name"),
        ({"name": "x" * 81}, "name", "at most 80"),
        ({"owner": ""}, "owner", "which role"),
        ({"owner": "Dialog Marketing"}, "owner", "not a role id"),
        ({"channel": "fax"}, "channel", "webinar, trade-fair"),
        ({"status": "paused"}, "status", "planned, running"),
        ({"end": date(2026, 3, 1)}, "end", "cannot end (2026-03-01) before it starts"),
        ({"budget": D("-1")}, "budget", "must not be negative"),
        ({"cost": D("-0.01")}, "cost", "must not be negative"),
        ({"cost": D("NaN")}, "cost", "not a number"),
        ({"budget": 12.5}, "budget", "not a number"),
        ({"currency": "EURO"}, "currency", "three letters"),
    ],
)
def test_a_campaign_that_cannot_be_right_names_the_field(
    change: dict[str, Any], field: str, gist: str
) -> None:
    with pytest.raises(FieldError) as caught:
        check_campaign(replace(campaign(), **change))
    assert caught.value.field == field
    assert gist in caught.value.message
    assert isinstance(caught.value, UsageError)  # printed by the CLI like any other


def test_a_campaign_is_tidied_up() -> None:
    tidy = check_campaign(
        replace(campaign(), name="  Messe   Hannover\tFollow-up ", currency=" eur ", note=" x ")
    )
    assert (tidy.name, tidy.currency, tidy.note) == ("Messe Hannover Follow-up", "EUR", "x")
    assert check_campaign(replace(campaign(), end=campaign().start)).end == campaign().start


def figures(**change: object) -> SnapshotFigures:
    base = SnapshotFigures(
        leads=48, accepted=30, won=5, estimated_revenue=D("250000"), actual_revenue=D("42000")
    )
    return replace(base, **change)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "field", "gist"),
    [
        ({"leads": -1}, "leads", "must not be negative"),
        ({"accepted": -3}, "accepted", "must not be negative"),
        ({"won": -1}, "won", "must not be negative"),
        ({"leads": 4.5}, "leads", "whole number"),
        ({"won": True}, "won", "whole number"),
        ({"accepted": 49}, "accepted", "49 accepted, but only 48 pre-qualified leads"),
        ({"won": 31}, "won", "31 deals won, but only 30 leads accepted"),
        ({"estimated_revenue": D("NaN")}, "estimated_revenue", "not a number"),
        ({"actual_revenue": D("Infinity")}, "actual_revenue", "not a number"),
        ({"actual_revenue": "viel"}, "actual_revenue", "not a number"),
        ({"actual_revenue": D("-5")}, "actual_revenue", "must not be negative"),
    ],
)
def test_figures_that_cannot_be_true_name_the_field(
    change: dict[str, object], field: str, gist: str
) -> None:
    with pytest.raises(FieldError) as caught:
        check_figures(figures(**change))
    assert caught.value.field == field
    assert gist in caught.value.message


def test_zero_is_fine_for_every_figure() -> None:
    zero = figures(leads=0, accepted=0, won=0, estimated_revenue=D(0), actual_revenue=D(0))
    assert check_figures(zero) == zero


@pytest.mark.parametrize(
    ("text", "expected"), [("48", 48), (" 1,250 ", 1250), ("0", 0), ("007", 7)]
)
def test_counts_are_read_as_typed(text: str, expected: int) -> None:
    assert parse_count(text, "leads") == expected


@pytest.mark.parametrize(
    ("text", "gist"),
    [
        ("", "enter a number"),
        ("-4", "must not be negative"),
        ("4.5", "not a whole number"),
        ("12,50", "not a whole number"),
        ("vier", "not a whole number"),
    ],
)
def test_counts_that_are_not_counts(text: str, gist: str) -> None:
    with pytest.raises(FieldError, match=gist) as caught:
        parse_count(text, "won")
    assert caught.value.field == "won"
    assert caught.value.message.startswith("Deals won: ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12,500.00", D("12500.00")), ("0", D(0)), ("0.00", D(0)), ("250000", D("250000"))],
)
def test_money_is_read_exactly(text: str, expected: Decimal) -> None:
    assert parse_money(text, "actual_revenue") == expected


@pytest.mark.parametrize("text", ["viel", "€ 5", "-5", "1.234", ""])
def test_money_that_is_not_money_names_the_field(text: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_money(text, "estimated_revenue")
    assert caught.value.field == "estimated_revenue"
    assert caught.value.message.startswith("Estimated revenue: ")


def test_days_are_iso_dates_or_the_language_s_own() -> None:
    assert parse_day(" 2026-03-12 ", "start") == date(2026, 3, 12)
    assert parse_day("Mar 12, 2026", "start") == date(2026, 3, 12)
    for text, gist in (
        ("12.03.2026", "Cannot read the date “12.03.2026”"),
        ("2026-02-30", "There is no date “2026-02-30” in the calendar"),
        ("", "Cannot read the date “”"),
    ):
        with pytest.raises(FieldError, match=gist) as caught:
            parse_day(text, "end")
        assert caught.value.field == "end"
        assert caught.value.message.startswith("End: ")


def test_german_days_and_counts(german: None) -> None:
    assert parse_day("12.03.2026", "start") == date(2026, 3, 12)
    assert parse_day("2026-03-12", "start") == date(2026, 3, 12)
    assert parse_count("1.250", "leads") == 1250
    with pytest.raises(FieldError, match="keine ganze Zahl"):
        parse_count("1,250", "leads")


# --- in the store ------------------------------------------------------------------------


def meeting(number: int, days: int = 0) -> Meeting:
    return campaign_results_meeting(number, START + timedelta(days=days), item_minutes=30)


def add_webinar(store: Store, **change: Any) -> Campaign:
    values: dict[str, Any] = {
        "owner": "marketing-communication",
        "channel": Channel.WEBINAR,
        "start": date(2026, 3, 12),
        "end": date(2026, 4, 2),
        "budget": D("12000.00"),
    }
    values.update(change)
    name = values.pop("name", "Frühjahrs-Webinarreihe")
    return store.add_campaign(name, **values)


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().splitlines()[1:]]


def test_a_campaign_round_trips_with_exact_amounts(store: Store, view: Store, path: Path) -> None:
    held = store.add_meeting(meeting(1))
    added = add_webinar(store, budget=D("12000.10"), note="4 Termine", meeting_id=held.id)
    assert added.id == 1 and added.status is CampaignStatus.PLANNED
    assert added.created_in == held.id
    assert view.campaign(added.id) == added
    assert view.campaigns() == [added]
    stored = lines(path)[-1]["put"]["campaigns.0"]["1"]
    assert stored["budget"] == "12000.10" and stored["cost"] == "0"
    assert stored["start"] == "2026-03-12" and stored["channel"] == "webinar"


def test_update_campaign_changes_only_the_given_fields(store: Store, view: Store) -> None:
    added = add_webinar(store)
    running = store.update_campaign(added.id, status=CampaignStatus.RUNNING, cost=D("828.81"))
    assert running == replace(added, status=CampaignStatus.RUNNING, cost=D("828.81"))
    assert view.campaign(added.id) == running
    renamed = store.update_campaign(added.id, name="frühjahrs-webinarreihe 2026")
    assert renamed.name == "frühjahrs-webinarreihe 2026"  # its own name, other case: fine


def test_campaigns_are_listed_by_start(store: Store, view: Store) -> None:
    later = add_webinar(
        store, name="Anwendertag Süd", start=date(2026, 11, 2), end=date(2026, 11, 27)
    )
    earlier = add_webinar(store)
    assert [c.id for c in view.campaigns()] == [earlier.id, later.id]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end": date(2026, 3, 1)}, "end"),
        ({"budget": D("-100")}, "budget"),
        ({"cost": D("-1")}, "cost"),
        ({"name": "   "}, "name"),
        ({"name": " FRÜHJAHRS-Webinarreihe"}, "name"),
    ],
)
def test_a_wrong_campaign_is_refused_and_nothing_written(
    store: Store, path: Path, change: dict[str, Any], field: str
) -> None:
    add_webinar(store)
    before = path.read_bytes()
    with pytest.raises(FieldError) as caught:
        add_webinar(store, **change)
    assert caught.value.field == field
    assert path.read_bytes() == before


def test_an_update_is_checked_too(store: Store, path: Path) -> None:
    add_webinar(store)
    mailing = add_webinar(store, name="Direct Mailing Mittelstand", channel=Channel.MAILING)
    before = path.read_bytes()
    with pytest.raises(FieldError, match="already a campaign called “Frühjahrs-Webinarreihe”"):
        store.update_campaign(mailing.id, name="frühjahrs-webinarreihe")
    with pytest.raises(FieldError, match="cannot end") as caught:
        store.update_campaign(mailing.id, start=date(2026, 5, 1))
    assert caught.value.field == "end"
    assert path.read_bytes() == before
    with pytest.raises(NotFoundError, match="no campaign 9"):
        store.update_campaign(9, cost=D(1))
    with pytest.raises(NotFoundError, match="no campaign 9"):
        store.campaign(9)
    with pytest.raises(NotFoundError, match="no meeting 4"):
        add_webinar(store, name="Neu", meeting_id=4)


def record(store: Store, campaign_id: int, meeting_id: int | None, **change: Any) -> Snapshot:
    values: dict[str, Any] = {
        "leads": 28,
        "accepted": 20,
        "won": 1,
        "estimated_revenue": D("900000.00"),
        "actual_revenue": D("17080.00"),
    }
    values.update(change)
    assert meeting_id is not None
    return store.record_snapshot(campaign_id, meeting_id, **values)


def test_figures_are_recorded_per_meeting_and_replaced_in_the_same_one(
    store: Store, view: Store, clock: FakeClock
) -> None:
    webinar = add_webinar(store, cost=D("828.81"))
    second = store.add_meeting(meeting(2, days=14))
    first = store.add_meeting(meeting(1))  # added later, but earlier in the history
    assert first.id is not None and second.id is not None
    late = record(store, webinar.id, second.id, leads=49, accepted=35, won=6)
    early = record(store, webinar.id, first.id, leads=5, accepted=3, won=0)
    assert early.cost == D("828.81")  # the campaign's cost to date when recorded
    assert early.at == START
    assert [s.meeting_id for s in view.snapshots(webinar.id)] == [first.id, second.id]
    clock.now = START + timedelta(days=14, minutes=40)
    again = record(store, webinar.id, second.id, leads=50, accepted=36, won=7, cost=D("5464.91"))
    assert again.id == late.id and again.leads == 50 and again.cost == D("5464.91")
    assert view.snapshots(webinar.id) == [early, again]
    assert view.snapshots_for_meeting(second.id) == [again]
    assert view.snapshots_for_meeting(999) == []
    # The cost kept with the figures does not change the campaign's cost to date.
    assert view.campaign(webinar.id).cost == D("828.81")


def test_wrong_figures_are_refused_and_nothing_written(store: Store, path: Path) -> None:
    webinar = add_webinar(store)
    held = store.add_meeting(meeting(1))
    record(store, webinar.id, held.id)
    before = path.read_bytes()
    for change, field in (
        ({"accepted": 29}, "accepted"),
        ({"won": 21}, "won"),
        ({"leads": -1}, "leads"),
        ({"actual_revenue": D("NaN")}, "actual_revenue"),
        ({"cost": D("-5")}, "cost"),
    ):
        with pytest.raises(FieldError) as caught:
            record(store, webinar.id, held.id, **change)
        assert caught.value.field == field
    with pytest.raises(NotFoundError, match="no campaign 5"):
        record(store, 5, held.id)
    with pytest.raises(NotFoundError, match="no meeting 7"):
        record(store, webinar.id, 7)
    assert path.read_bytes() == before
    assert store.snapshots(webinar.id)[0].leads == 28


def test_a_report_and_a_cost_update_are_saved_together_or_not_at_all(
    store: Store, path: Path
) -> None:
    webinar = add_webinar(store)
    held = store.add_meeting(meeting(1))
    before = path.read_bytes()
    with pytest.raises(FieldError), store.transaction():
        store.update_campaign(webinar.id, cost=D("3537.92"))
        record(store, webinar.id, held.id, won=99)
    assert path.read_bytes() == before
    assert store.campaign(webinar.id).cost == D(0)
    with store.transaction():
        store.update_campaign(webinar.id, cost=D("3537.92"))
        recorded = record(store, webinar.id, held.id)
    assert recorded.cost == D("3537.92")
    assert path.read_bytes().count(b"\n") == before.count(b"\n") + 1


def test_deleted_figures_come_back_with_their_id(store: Store, view: Store) -> None:
    webinar = add_webinar(store)
    held = store.add_meeting(meeting(1))
    recorded = record(store, webinar.id, held.id)
    assert store.delete_snapshot(recorded.id) == recorded
    assert view.snapshots(webinar.id) == []
    store.restore_snapshot(recorded)
    assert view.snapshots(webinar.id) == [recorded]
    with pytest.raises(NotFoundError):
        store.delete_snapshot(42)


def test_a_deleted_campaign_goes_with_its_figures_and_comes_back_whole(
    store: Store, view: Store, path: Path
) -> None:
    webinar = add_webinar(store)
    mailing = add_webinar(store, name="Direct Mailing Mittelstand", channel=Channel.MAILING)
    first, second = store.add_meeting(meeting(1)), store.add_meeting(meeting(2, days=14))
    reports = [record(store, webinar.id, first.id), record(store, webinar.id, second.id)]
    kept = record(store, mailing.id, second.id)
    before = path.read_bytes()

    assert store.delete_campaign(webinar.id) == (webinar, reports)
    # One line: the campaign and its figures go together or not at all.
    assert path.read_bytes().count(b"\n") == before.count(b"\n") + 1
    assert view.campaigns() == [mailing]
    assert view.snapshots(webinar.id) == []
    assert view.snapshots_for_meeting(second.id) == [kept]

    assert store.restore_campaign(webinar, reports) == webinar
    assert view.campaigns() == [mailing, webinar]
    assert view.snapshots(webinar.id) == reports
    # Ids given out stay given out: a new campaign does not take the restored one's.
    assert add_webinar(store, name="Messe Hannover").id == 3
    with pytest.raises(NotFoundError):
        store.delete_campaign(42)


def test_a_campaign_is_not_restored_over_a_name_taken_meanwhile(store: Store) -> None:
    webinar = add_webinar(store)
    gone, figures = store.delete_campaign(webinar.id)
    add_webinar(store, name="frühjahrs-webinarreihe")
    with pytest.raises(FieldError, match="already a campaign"):
        store.restore_campaign(gone, figures)
    assert [campaign.name for campaign in store.campaigns()] == ["frühjahrs-webinarreihe"]


def test_the_scoreboard_from_the_store(store: Store, view: Store) -> None:
    webinar = add_webinar(store, cost=D("9100.00"), status=CampaignStatus.RUNNING)
    mailing = add_webinar(store, name="Direct Mailing Mittelstand", channel=Channel.MAILING)
    first = store.add_meeting(meeting(1))
    second = store.add_meeting(meeting(2, days=14))
    assert first.id is not None and second.id is not None
    record(store, webinar.id, first.id, cost=D("3537.92"))
    record(
        store,
        webinar.id,
        second.id,
        leads=49,
        accepted=35,
        won=6,
        estimated_revenue=D("650000.00"),
        actual_revenue=D("69580.50"),
    )
    record(store, mailing.id, first.id, leads=10, accepted=5, won=1)

    now = view.scoreboard()
    assert [row.campaign.id for row in now.rows] == [webinar.id, mailing.id]
    assert now.rows[0].gap_change == D("580419.50") - D("882920.00")
    assert now.rows[0].cost == D("9100.00")

    minutes = view.scoreboard(second.id, reported_only=True)
    assert [row.campaign.id for row in minutes.rows] == [webinar.id]
    assert minutes.rows[0].previous_meeting_number == 1
    then = view.scoreboard(first.id)
    assert [row.reported_in for row in then.rows] == [first.id, first.id]
    assert then.rows[0].cost == D("3537.92")
    with pytest.raises(NotFoundError, match="no meeting 9"):
        view.scoreboard(9)


def test_a_store_from_before_campaigns_has_none_and_takes_them(path: Path) -> None:
    # Written before campaigns existed: no campaign tables (and before events: it is
    # migrated to schema 2 on the first write).
    path.write_bytes(
        b'{"roundtable":"store","schema":1}\n'
        b'{"put":{"actions.0":{"1":{"ref":"A-1","text":"Leads nachfassen","owner":"sales",'
        b'"due":null,"status":"open","meeting_id":null,"item_index":null,'
        b'"opened_at":"2026-03-03T09:00:00+01:00","closed_at":null,"closed_in":null}},'
        b'"meta":{"1":{"actions":1}}}}\n'
    )
    with Store.open(path, read_only=True) as old:
        assert old.campaigns() == [] and old.scoreboard().rows == ()
    with Store.open(path) as store:
        assert add_webinar(store).id == 1
        assert [a.ref for a in store.actions()] == ["A-1"]
    # Opened for writing, it is upgraded to the current layout (meetings in parts).
    assert path.read_bytes().startswith(b'{"roundtable":"store","schema":%d' % SCHEMA_VERSION)


def test_another_process_sees_new_figures(store: Store, path: Path) -> None:
    webinar = add_webinar(store)
    held = store.add_meeting(meeting(1))
    assert held.id is not None
    with Store.open(path, read_only=True) as app:
        assert app.snapshots_for_meeting(held.id) == []  # index built
        recorded = record(store, webinar.id, held.id)
        assert app.snapshots_for_meeting(held.id) == [recorded]
        assert app.scoreboard(held.id, reported_only=True).rows[0].snapshot == recorded


def test_a_damaged_campaign_is_reported_with_file_and_entry(path: Path) -> None:
    path.write_bytes(
        b'{"roundtable":"store","schema":1}\n'
        b'{"put":{"campaigns.0":{"3":{"name":"Ohne Budget","owner":"sales",'
        b'"channel":"webinar","start":"2026-03-02","end":"2026-04-10","cost":"0",'
        b'"currency":"EUR","status":"running"}}}}\n'
    )
    with Store.open(path, read_only=True) as opened, pytest.raises(StoreError) as caught:
        opened.campaigns()
    assert str(path) in caught.value.message and "campaign 3" in caught.value.message


# --- the demo ----------------------------------------------------------------------------


def test_the_demo_runs_the_team_s_campaigns_as_the_article_tells(tmp_path: Path) -> None:
    from roundtable.demo.history import fill_demo
    from roundtable.domain.config import load_config
    from roundtable.domain.locations import shipped_defaults_dir

    config = load_config(shipped_defaults_dir(), "the shipped defaults")
    with Store.open(tmp_path / "demo.db") as demo:
        summary = fill_demo(demo, config, today=date(2026, 11, 22), seed=3)
        meetings = {m.id: m for m in demo.meetings()}
        board = demo.scoreboard()
        histories = {c.id: demo.snapshots(c.id) for c in demo.campaigns()}
    assert summary.campaigns == len(board.rows) >= 6
    assert summary.snapshots == sum(len(h) for h in histories.values()) > 30
    names = {row.campaign.name for row in board.rows}
    assert {"Frühjahrs-Webinarreihe 2026", "Messe Hannover Follow-up 2026"} <= names
    assert {row.campaign.status for row in board.rows} >= {
        CampaignStatus.RUNNING,
        CampaignStatus.FINISHED,
    }
    role_ids = {role.id for role in config.roles}
    assert {row.campaign.owner for row in board.rows} <= role_ids
    assert len({row.campaign.channel for row in board.rows}) >= 5
    for row in board.rows:
        campaign = row.campaign
        history = histories[campaign.id]
        assert campaign.created_in in meetings
        assert all(meetings[s.meeting_id].agenda_id == "round-table" for s in history)
        for s in history:
            started = meetings[s.meeting_id].started_at
            assert started <= s.at <= started + timedelta(hours=3)
        # To date means never less than at the meeting before.
        for before, after in itertools.pairwise(history):
            assert after.leads >= before.leads and after.won >= before.won
            assert after.cost >= before.cost and after.actual_revenue >= before.actual_revenue
        if campaign.status is CampaignStatus.FINISHED and len(history) >= 4:
            first, last = history[0], history[-1]
            # Optimistic at first, then corrected until the estimate meets reality.
            assert first.estimated_revenue > D("1.3") * last.actual_revenue
            assert abs(last.gap) < abs(first.gap)
            assert abs(last.gap) <= last.estimated_revenue * D("0.1")
            assert last.cost <= campaign.budget * D("1.1")
            assert campaign.cost == last.cost


def test_a_campaign_is_found_by_its_name_or_a_part_only_it_has(store: Store) -> None:
    from roundtable.domain.campaigns import find_campaign
    from roundtable.errors import UsageError

    webinar = add_webinar(store)
    series = add_webinar(store, name="Frühjahrs-Webinarreihe  Nachlese")
    mailing = add_webinar(store, name="Direct Mailing Mittelstand", channel=Channel.MAILING)
    campaigns = store.campaigns()
    # The whole name wins even where it is part of another one; spaces do not matter.
    assert find_campaign(campaigns, "frühjahrs-webinarreihe") == webinar
    assert find_campaign(campaigns, "Webinarreihe Nachlese") == series
    assert find_campaign(campaigns, "mailing") == mailing
    with pytest.raises(UsageError, match="could be any of: Frühjahrs-Webinarreihe;"):
        find_campaign(campaigns, "webinar")
    with pytest.raises(NotFoundError, match="no campaign “Messe”"):
        find_campaign(campaigns, "Messe")
    with pytest.raises(UsageError, match="Name the campaign"):
        find_campaign(campaigns, "  ")
