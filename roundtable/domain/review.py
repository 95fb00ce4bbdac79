"""What the review item of a running meeting shows besides the carry-over: what changed
on action items since the last meeting (closed, reopened, re-assigned, re-dated, by
whom and when), whether the last minutes were approved, and the budget picture with
what still waits for management."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from roundtable.domain import l10n
from roundtable.domain.approval import MinutesApproval
from roundtable.domain.budget_picture import BudgetLine, CutTouch, budget_picture, cuts_touching
from roundtable.domain.config import TeamConfig
from roundtable.domain.entries import ActionItem, BudgetAgreement
from roundtable.domain.history import EventKind
from roundtable.domain.minutes.gather import changes_since_last_meeting
from roundtable.domain.minutes.model import Change
from roundtable.domain.text import single_line
from roundtable.errors import NotFoundError
from roundtable.i18n import _
from roundtable.store.store import Store

__all__ = [
    "BudgetStatus",
    "ReviewFacts",
    "change_words",
    "read_budget_status",
    "read_review",
]


@dataclass(frozen=True)
class ReviewFacts:
    """The review item's record for one running meeting."""

    previous_number: int | None
    """The meeting whose minutes are up for approval (None: this is the first)."""
    changes: tuple[Change, ...]
    approval: MinutesApproval | None


def read_review(store: Store, meeting_id: int) -> ReviewFacts:
    """Read on the store thread; raises `NotFoundError` for an unknown meeting."""
    with store.reading():
        meeting = store.meeting(meeting_id)
        try:
            previous: int | None = store.meeting_by_number(meeting.number - 1).number
        except NotFoundError:
            previous = None
        changes = tuple(changes_since_last_meeting(store, meeting_id))
        approval = store.minutes_approval(meeting_id)
    return ReviewFacts(previous, changes, approval)


def change_words(change: Change, owner: Callable[[str | None], str]) -> str:
    """One change in a line for the screen: `A-12 Text — done (Dec 1, 2026, 14:05,
    Stefan Krüger)`; `owner` names an owner (role id or person)."""
    item = change.after or change.before
    if not isinstance(item, ActionItem):
        return ""
    before = change.before if isinstance(change.before, ActionItem) else None
    kind = change.event.kind
    if kind is EventKind.DONE:
        what = _("done")
    elif kind is EventKind.DROPPED:
        what = _("dropped")
    elif kind is EventKind.REOPENED:
        what = _("reopened")
    elif kind is EventKind.REASSIGNED:
        what = _("re-assigned from {old} to {new}").format(
            old=owner(before.owner if before else None), new=owner(item.owner)
        )
    else:
        what = _("re-dated from {old} to {new}").format(
            old=l10n.format_date(before.due) if before and before.due else "—",
            new=l10n.format_date(item.due) if item.due else "—",
        )
    moment = change.event.moment.astimezone()
    when = _("{date}, {time}").format(
        date=l10n.format_date(moment.date()), time=l10n.format_time(moment)
    )
    line = _("{ref} {text} — {what} ({when}, {who})").format(
        ref=item.ref,
        text=single_line(item.text),
        what=what,
        when=when,
        who=single_line(change.event.by or "—"),
    )
    if change.event.note.strip():
        line = _("{line} — “{note}”").format(line=line, note=single_line(change.event.note))
    return line


@dataclass(frozen=True)
class BudgetStatus:
    """The budgets item's picture now."""

    lines: tuple[BudgetLine, ...]
    waiting: tuple[tuple[BudgetAgreement, int | None], ...]
    """Awaiting management sign-off, oldest first, with the number of their meeting."""
    touches: tuple[CutTouch, ...]
    """This meeting's cuts and the other side's agreements they touch."""


def read_budget_status(store: Store, config: TeamConfig, meeting_id: int) -> BudgetStatus:
    """Read on the store thread: every agreement as it stands now."""
    with store.reading():
        numbers = store.meeting_numbers()
        agreements = store.budgets()
    waiting = sorted(
        (b for b in agreements if b.awaiting_signoff),
        key=lambda b: (numbers.get(b.meeting_id, 0), b.id),
    )
    mine = [b for b in agreements if b.meeting_id == meeting_id]
    return BudgetStatus(
        lines=tuple(budget_picture(config.budgets, agreements)),
        waiting=tuple((b, numbers.get(b.meeting_id)) for b in waiting),
        touches=tuple(cuts_touching(mine, agreements, config.roles)),
    )
