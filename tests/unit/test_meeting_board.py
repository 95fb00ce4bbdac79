"""The campaign results a meeting shows (`meeting_board`, `Store.meeting_scoreboard`):
the rows of the campaigns that matter in it, exactly as the whole scoreboard has them,
and the totals of every campaign, the same as the whole board's, although only the
latest report of a campaign not shown is kept while the reports stream by."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from roundtable.demo.history import fill_demo
from roundtable.domain.campaigns import CampaignStatus, Channel, build_scoreboard
from roundtable.domain.campaigns.meeting_board import meeting_board
from roundtable.domain.config import load_config
from roundtable.domain.locations import shipped_defaults_dir
from roundtable.store.store import Store
from tests.helpers.meetings import campaign_results_meeting
from tests.unit.conftest import START, FakeClock
from tests.unit.test_campaigns import series_fixture

D = Decimal


def test_only_the_shown_rows_are_kept_and_every_campaign_is_summed() -> None:
    campaigns, snapshots, numbers = series_fixture()
    whole = build_scoreboard(campaigns, snapshots, numbers)
    board = meeting_board(campaigns, iter(snapshots), numbers, shown={1})
    assert board.rows == tuple(row for row in whole.rows if row.campaign.id == 1)
    assert board.totals == whole.totals
    (eur,) = board.totals
    # The webinar's latest (meeting 13) and the mailing's only report (meeting 11); the
    # report of a meeting not in the store counts for nothing, as on the whole board.
    assert (eur.campaigns, eur.leads, eur.accepted, eur.won) == (3, 124, 85, 16)
    assert (eur.estimate, eur.actual, eur.cost) == (D("890000.00"), D("300580.50"), D("9100.00"))
    assert eur.budget == D("36000.00") and eur.cost_per_lead == D("73.39")


def test_a_campaign_not_shown_counts_with_its_latest_report_whatever_the_id_order() -> None:
    campaigns, snapshots, numbers = series_fixture()
    # The webinar not shown: its reports come by as ids 1, 2, 3 for meetings 12, 11, 13.
    board = meeting_board(campaigns, reversed(snapshots), numbers, shown=set())
    assert board.rows == ()
    assert board.totals == build_scoreboard(campaigns, snapshots, numbers).totals


def _meeting(store: Store, number: int) -> int:
    held = store.add_meeting(
        campaign_results_meeting(number, START + timedelta(days=14 * number), item_minutes=30)
    )
    assert held.id is not None
    return held.id


def test_a_store_s_meeting_board_has_known_totals(tmp_path: Path) -> None:
    with Store.open(tmp_path / "board.db", clock=FakeClock()) as store:
        first, second = _meeting(store, 1), _meeting(store, 2)
        values = {"channel": Channel.MAILING, "start": date(2026, 3, 2), "end": date(2026, 5, 29)}
        shown = store.add_campaign(
            "Webinar", owner="marketing-communication", budget=D("1000"), cost=D("100"), **values
        )
        ended = store.add_campaign(
            "Mailing", owner="dialog-marketing", budget=D("2000"), cost=D("250.50"), **values
        )
        earlier = store.add_campaign(
            "Messe", owner="dialog-marketing", budget=D("500"), cost=D("50"), **values
        )
        store.update_campaign(shown.id, status=CampaignStatus.RUNNING)
        store.update_campaign(ended.id, status=CampaignStatus.FINISHED)
        store.update_campaign(earlier.id, status=CampaignStatus.FINISHED)
        figures = {"accepted": 1, "won": 0, "actual_revenue": D("0")}
        store.record_snapshot(ended.id, first, leads=4, estimated_revenue=D("5000"), **figures)
        store.record_snapshot(ended.id, second, leads=9, estimated_revenue=D("4000.25"), **figures)
        store.record_snapshot(shown.id, first, leads=2, estimated_revenue=D("700"), **figures)
        store.record_snapshot(earlier.id, first, leads=3, estimated_revenue=D("300"), **figures)
    with Store.open(tmp_path / "board.db", read_only=True) as reopened:
        board = reopened.meeting_scoreboard(second)
        whole = reopened.scoreboard()
    # Running, and reported in the meeting; not the one last reported in the first.
    assert [row.campaign.name for row in board.rows] == ["Webinar", "Mailing"]
    (eur,) = board.totals
    assert (eur.campaigns, eur.budget, eur.cost) == (3, D("3500"), D("400.50"))
    assert (eur.leads, eur.accepted, eur.estimate) == (14, 3, D("5000.25"))
    assert board.totals == whole.totals
    assert board.rows == tuple(row for row in whole.rows if row.campaign.name != "Messe")


def test_a_demo_history_s_meeting_board_is_the_whole_board_s_part(tmp_path: Path) -> None:
    config = load_config(shipped_defaults_dir(), "test")
    path = tmp_path / "demo.db"
    with Store.open(path, clock=FakeClock()) as store:
        fill_demo(store, config, today=date(2026, 11, 24), meetings=60)
        numbers = store.meeting_numbers()
        last = max(numbers, key=numbers.__getitem__)
    for read_only in (False, True):
        with Store.open(path, read_only=read_only) as opened:
            board = opened.meeting_scoreboard(last)
            whole = opened.scoreboard()
        wanted = tuple(
            row
            for row in whole.rows
            if row.campaign.status is CampaignStatus.RUNNING or row.reported_in == last
        )
        assert wanted and len(wanted) < len(whole.rows)
        assert board.rows == wanted
        assert board.totals == whole.totals
