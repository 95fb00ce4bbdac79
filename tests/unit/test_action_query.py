"""The action-items list's filters: owner, status, overdue, opening meeting, text search."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

from roundtable.domain.action_query import (
    ActionQuery,
    SearchIndex,
    StatusFilter,
    owner_choices,
    owner_label,
)
from roundtable.domain.config import Role
from roundtable.domain.entries import ActionItem, ActionStatus

TODAY = date(2026, 3, 2)
ROLES = (
    Role("sales-controlling", "Sales Controlling", "controlling", ("Monika Schneider",)),
    Role("dialog-marketing", "Dialog Marketing", "marketing", ("Stefan Krüger",)),
)


def item(
    number: int,
    text: str,
    owner: str | None,
    due: date | None = None,
    status: ActionStatus = ActionStatus.OPEN,
    meeting_id: int | None = 1,
) -> ActionItem:
    return ActionItem(
        number,
        f"A-{number}",
        text,
        owner,
        due,
        status,
        meeting_id,
        0,
        datetime(2026, 2, 2, 9, 0, tzinfo=UTC),
    )


ITEMS = [
    item(1, "Leadliste Frühjahrskampagne an den Vertrieb", "dialog-marketing", date(2026, 2, 20)),
    item(2, "Umsatzschätzung Messe Hannover", "Monika Schneider", date(2026, 3, 9)),
    item(3, "Newsletter-Rücklauf auswerten", "Stefan Krüger", None, ActionStatus.DONE, 2),
    item(4, "Agentur-Briefing", "Jürgen Weber", date(2026, 1, 15), ActionStatus.DROPPED, 2),
    item(5, "Kampagnenbudget Q2 klären", None, date(2026, 2, 27)),
]
INDEX = SearchIndex(ITEMS, ROLES)


def refs(query: ActionQuery) -> list[str]:
    return [ITEMS[i].ref for i in query.select(ITEMS, INDEX, TODAY)]


def test_default_shows_every_open_item() -> None:
    assert refs(ActionQuery()) == ["A-1", "A-2", "A-5"]


def test_status_filters() -> None:
    assert refs(ActionQuery(status=StatusFilter.DONE)) == ["A-3"]
    assert refs(ActionQuery(status=StatusFilter.DROPPED)) == ["A-4"]
    assert refs(ActionQuery(status=StatusFilter.ALL)) == ["A-1", "A-2", "A-3", "A-4", "A-5"]


def test_overdue_only_counts_open_items_past_due() -> None:
    assert refs(ActionQuery(status=StatusFilter.ALL, overdue_only=True)) == ["A-1", "A-5"]


def test_meeting_that_opened_it() -> None:
    assert refs(ActionQuery(status=StatusFilter.ALL, meeting_id=2)) == ["A-3", "A-4"]


def test_owner_choices_cover_roles_people_the_departed_and_nobody() -> None:
    choices = {c.key: c for c in owner_choices(ROLES, {"Jürgen Weber", "dialog-marketing"})}
    assert list(choices) == [
        "role:sales-controlling",
        "role:dialog-marketing",
        "person:Monika Schneider",
        "person:Stefan Krüger",
        "person:Jürgen Weber",
        "nobody",
    ]
    assert choices["person:Jürgen Weber"].label == "Jürgen Weber (not in roles)"
    assert not choices["person:Jürgen Weber"].in_roles
    every = StatusFilter.ALL
    # A role stands for its holders too, and a person for the roles they hold.
    assert refs(ActionQuery(every, choices["role:dialog-marketing"].owners)) == ["A-1", "A-3"]
    assert refs(ActionQuery(every, choices["person:Monika Schneider"].owners)) == ["A-2"]
    assert refs(ActionQuery(every, choices["person:Jürgen Weber"].owners)) == ["A-4"]
    assert refs(ActionQuery(every, choices["nobody"].owners)) == ["A-5"]


def test_search_is_case_insensitive_over_text_ref_and_owner_in_words() -> None:
    every = StatusFilter.ALL
    assert refs(ActionQuery(every, text="LEADLISTE")) == ["A-1"]
    assert refs(ActionQuery(every, text="a-4")) == ["A-4"]
    assert refs(ActionQuery(every, text="controlling")) == []  # owner is Monika by name
    assert refs(ActionQuery(every, text="schneider messe")) == ["A-2"]  # every word, any order
    assert refs(ActionQuery(every, text="dialog")) == ["A-1"]  # the role's title
    assert refs(ActionQuery(every, text="  ")) == ["A-1", "A-2", "A-3", "A-4", "A-5"]


def test_owner_label_in_words() -> None:
    assert owner_label("sales-controlling", ROLES) == "Sales Controlling"
    assert owner_label("Jürgen Weber", ROLES) == "Jürgen Weber"
    assert owner_label(None, ROLES) == "nobody yet"


def test_searching_fifteen_thousand_items_takes_milliseconds() -> None:
    many = [
        item(i, f"Kampagne {i} nachfassen", "dialog-marketing" if i % 3 else None)
        for i in range(1, 15_001)
    ]
    started = time.perf_counter()
    index = SearchIndex(many, ROLES)
    shown = ActionQuery(StatusFilter.ALL, text="kampagne 149").select(many, index, TODAY)
    elapsed = time.perf_counter() - started
    assert [many[i].id for i in shown] == [n for n in range(1, 15_001) if "149" in str(n)]
    assert elapsed < 0.5
