"""Search across meetings: decisions, action items, notes and budget agreements.

Every word searched for must occur in the text (case and accents as typed do not
matter: `budget` finds `Budget`, `uber` does not find `über`, but `über` does). A hit
says where it was written: the meeting, its agenda item and the date.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum

from roundtable.domain.entries import ActionItem, BudgetAgreement, Decision
from roundtable.domain.meeting import Meeting

__all__ = ["Hit", "HitKind", "matches", "search_record"]


class HitKind(StrEnum):
    DECISION = "decision"
    ACTION = "action"
    BUDGET = "budget"
    NOTE = "note"


@dataclass(frozen=True)
class Hit:
    kind: HitKind
    text: str
    meeting_number: int | None
    """None for an action item written down between meetings."""
    item_title: str | None
    """The agenda item it was written under, when known."""
    day: date
    ref: str | None = None
    """`A-42` for an action item."""


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


def matches(text: str, query: str) -> bool:
    """True when every word of `query` occurs in `text`, ignoring case."""
    folded = _fold(text)
    return all(word in folded for word in _fold(query).split())


def search_record(
    query: str,
    meetings: Sequence[Meeting],
    decisions: Iterable[Decision],
    actions: Iterable[ActionItem],
    budgets: Iterable[BudgetAgreement],
    zone: tzinfo | None = None,
    budget_text: Mapping[int, str] | None = None,
) -> list[Hit]:
    """Everything in the record that matches `query`, newest meeting first, in the order
    decisions, action items, budget agreements, notes within a meeting. `budget_text`
    (budget id → how it reads, e.g. "cut of 5,000 € from sales, 2026-Q2") lets a budget
    be found by its amount and area too; its note is always searched. Each kind of
    entry is gone through once, in that order: an iterable that reads its entries only
    when asked keeps one kind in memory at a time."""
    by_id = {meeting.id: meeting for meeting in meetings if meeting.id is not None}
    hits: list[Hit] = []

    def place(meeting_id: int | None, index: int | None) -> tuple[int | None, str | None]:
        meeting = None if meeting_id is None else by_id.get(meeting_id)
        if meeting is None:
            return None, None
        known = index is not None and 0 <= index < len(meeting.items)
        return meeting.number, meeting.items[index].title if known and index is not None else None

    for decision in decisions:
        if matches(decision.text, query):
            number, title = place(decision.meeting_id, decision.item_index)
            hits.append(
                Hit(HitKind.DECISION, decision.text, number, title, _day(decision.at, zone))
            )
    for action in actions:
        if matches(f"{action.ref} {action.text} {action.owner or ''}", query):
            number, title = place(action.meeting_id, action.item_index)
            hits.append(
                Hit(
                    HitKind.ACTION,
                    action.text,
                    number,
                    title,
                    _day(action.opened_at, zone),
                    action.ref,
                )
            )
    for budget in budgets:
        described = (budget_text or {}).get(budget.id, f"{budget.area} {budget.period}")
        text = " — ".join(part for part in (described, budget.note) if part)
        if matches(f"{text} {budget.from_area or ''}", query):
            number, title = place(budget.meeting_id, budget.item_index)
            held = by_id.get(budget.meeting_id)
            at = budget.at or (held.started_at if held is not None else None)
            if at is None:
                continue
            hits.append(Hit(HitKind.BUDGET, text, number, title, _day(at, zone)))
    for meeting in meetings:
        for item in meeting.items:
            if item.notes and matches(item.notes, query):
                at = item.started_at or meeting.started_at
                hits.append(
                    Hit(HitKind.NOTE, item.notes, meeting.number, item.title, _day(at, zone))
                )
    order = {kind: rank for rank, kind in enumerate(HitKind)}
    # Newest first; a stable sort keeps the store's order within a day and kind.
    hits.sort(key=lambda hit: (-hit.day.toordinal(), order[hit.kind]))
    return hits


def _day(moment: datetime, zone: tzinfo | None) -> date:
    return moment.astimezone(zone).date()
