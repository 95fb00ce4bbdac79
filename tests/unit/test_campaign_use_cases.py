"""The campaign use cases the `figures` command and the scoreboard both call, on a real
store file: recording figures with their cost to date, taking them back, planning and
changing a campaign from what a form or a command gathered."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from roundtable.domain.campaigns import CampaignDraft, Channel, FieldError, SnapshotFigures
from roundtable.domain.campaigns.recording import (
    change_campaign,
    plan_campaign,
    record_figures,
    take_back_figures,
)
from roundtable.store.store import Store
from tests.unit.test_campaigns import add_webinar, meeting


def figures(leads: int = 28, accepted: int = 20, won: int = 1) -> SnapshotFigures:
    return SnapshotFigures(
        leads=leads,
        accepted=accepted,
        won=won,
        estimated_revenue=D("900000.00"),
        actual_revenue=D("17080.00"),
    )


def test_figures_and_their_cost_to_date_are_recorded_together(store: Store, path: Path) -> None:
    webinar = add_webinar(store, cost=D("828.81"))
    held = store.add_meeting(meeting(1))
    assert held.id is not None
    recorded = record_figures(store, webinar.id, held.id, figures(), cost=D("1200.00"))
    assert recorded.replaced is None and recorded.old_cost == D("828.81")
    assert recorded.snapshot.cost == D("1200.00")
    with Store.open(path, read_only=True) as reopened:
        assert reopened.campaign(webinar.id).cost == D("1200.00")
        assert reopened.snapshots(webinar.id) == [recorded.snapshot]


def test_without_a_cost_the_campaign_keeps_its_own(store: Store) -> None:
    webinar = add_webinar(store, cost=D("828.81"))
    held = store.add_meeting(meeting(1))
    assert held.id is not None
    recorded = record_figures(store, webinar.id, held.id, figures())
    assert recorded.snapshot.cost == D("828.81")
    assert store.campaign(webinar.id).cost == D("828.81")


def test_taking_figures_back_restores_what_the_meeting_had(store: Store, path: Path) -> None:
    webinar = add_webinar(store, cost=D("100"))
    held = store.add_meeting(meeting(1))
    assert held.id is not None
    first = record_figures(store, webinar.id, held.id, figures(leads=30), cost=D("200"))
    second = record_figures(store, webinar.id, held.id, figures(leads=32), cost=D("300"))
    assert second.replaced == first.snapshot and second.old_cost == D("200")

    take_back_figures(store, second)
    with Store.open(path, read_only=True) as reopened:
        assert reopened.snapshots(webinar.id) == [first.snapshot]
        assert reopened.campaign(webinar.id).cost == D("200")

    take_back_figures(store, first)
    with Store.open(path, read_only=True) as reopened:
        assert reopened.snapshots(webinar.id) == []
        assert reopened.campaign(webinar.id).cost == D("100")


def test_figures_that_cannot_be_true_write_nothing_not_even_the_cost(
    store: Store, path: Path
) -> None:
    webinar = add_webinar(store, cost=D("100"))
    held = store.add_meeting(meeting(1))
    assert held.id is not None
    before = path.read_bytes()
    with pytest.raises(FieldError) as caught:
        record_figures(store, webinar.id, held.id, figures(leads=5, accepted=9), cost=D("999"))
    assert caught.value.field == "accepted"
    assert path.read_bytes() == before
    assert store.campaign(webinar.id).cost == D("100")


def test_a_campaign_is_planned_and_changed_from_a_draft(store: Store, path: Path) -> None:
    held = store.add_meeting(meeting(1))
    draft = CampaignDraft(
        name="Direct Mailing Mittelstand",
        owner="dialog-marketing",
        channel=Channel.MAILING,
        start=date(2026, 4, 1),
        end=date(2026, 4, 30),
        budget=D("8500.00"),
    )
    planned = plan_campaign(store, draft, held.id)
    assert planned.created_in == held.id and planned.name == draft.name
    changed = change_campaign(store, planned.id, replace(CampaignDraft.of(planned), cost=D("5")))
    assert changed.cost == D("5")
    with Store.open(path, read_only=True) as reopened:
        assert reopened.campaign(planned.id) == changed
