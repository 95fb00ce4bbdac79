"""The sections of the minutes about what is owed and agreed: action items, what
changed since the last meeting, budgets and sign-offs, the next meeting, and the
amendments made after the meeting ended."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import MAX_PREC, Decimal, localcontext
from typing import TYPE_CHECKING

from roundtable.domain.budget_words import area_label, period_label
from roundtable.domain.entries import (
    ActionItem,
    ActionStatus,
    BudgetAgreement,
    BudgetKind,
    Decision,
)
from roundtable.domain.history import EventKind
from roundtable.domain.markdown import inline, plain
from roundtable.domain.meeting import ItemState
from roundtable.domain.minutes.model import BudgetWaiting, Change, EarlierAction, Entry
from roundtable.domain.minutes.text import (
    BUDGET_KIND_ORDER,
    NOTHING,
    amount_text,
    budget_kind,
    cell_or_dash,
    long_date,
    md_table,
    short_date,
    text_or_dash,
)
from roundtable.i18n import _

if TYPE_CHECKING:
    from roundtable.domain.minutes.render import Minutes

__all__ = [
    "action_sections",
    "amendment_section",
    "budget_phrase",
    "budget_section",
    "next_meeting",
    "since_last_meeting",
]


def action_line(m: Minutes, action: ActionItem) -> str:
    """A GFM task list line; the owner is the heading above it."""
    box = "x" if action.status is not ActionStatus.OPEN else " "
    parts = [text_or_dash(action.text)]
    if action.due is not None:
        parts.append(_("due {date}").format(date=short_date(action.due)))
    if action.status is ActionStatus.DONE:
        parts.append(_("done"))
    elif action.status is ActionStatus.DROPPED:
        parts.append(_("dropped"))
    return f"- [{box}] **{inline(action.ref)}** " + " — ".join(parts)


def budget_phrase(m: Minutes, budget: BudgetAgreement, *, with_signoff: bool = True) -> str:
    amount = amount_text(budget.amount, budget.currency)
    area = text_or_dash(area_label(budget.area))
    period = text_or_dash(period_label(budget.period))
    # The period is in each phrase: German names it with the area ("Budget
    # Kommunikation Q4/2026 um 30.000,00 € gekürzt"), English after it.
    if budget.kind is BudgetKind.ALLOCATION:
        text = _("{amount} allocated to {area}, {period}").format(
            amount=amount, area=area, period=period
        )
    elif budget.kind is BudgetKind.CUT:
        text = _("{amount} cut from {area}, {period}").format(
            amount=amount, area=area, period=period
        )
    else:
        text = _("{amount} shifted from {source} to {area}, {period}").format(
            amount=amount,
            source=text_or_dash(area_label(budget.from_area or "")),
            area=area,
            period=period,
        )
    if plain(budget.note):
        text = _("{text} ({note})").format(text=text, note=inline(budget.note))
    if budget.needs_signoff and with_signoff:
        text = _("{text} — needs management sign-off").format(text=text)
    return text


def grouped(m: Minutes, actions: Sequence[tuple[ActionItem, str]]) -> list[str]:
    """Action lines under one `###` heading per owner; Unassigned comes last."""
    groups: dict[str | None, list[tuple[ActionItem, str]]] = defaultdict(list)
    for action, line in actions:
        owner = action.owner if action.owner and plain(action.owner) else None
        groups[owner].append((action, line))

    def owner_order(owner: str | None) -> tuple[bool, str, str]:
        return (owner is None, m.owner(owner).casefold(), owner or "")

    parts: list[str] = []
    for owner in sorted(groups, key=owner_order):
        # What is still to do first, soonest due first; then what was closed.
        members = sorted(
            groups[owner],
            key=lambda pair: (
                pair[0].status is not ActionStatus.OPEN,
                pair[0].due is None,
                pair[0].due or date.min,
                pair[0].id,
            ),
        )
        parts.append("### " + m.owner(owner))
        parts.append("\n".join(line for _action, line in members))
    return parts


def action_sections(m: Minutes) -> str:
    mine = [(a, action_line(m, a)) for a in m.data.actions]
    seen = {a.id for a in m.data.actions}
    for earlier in m.data.closed:
        if earlier.action.id in seen:
            continue
        seen.add(earlier.action.id)
        line = action_line(m, earlier.action) + " " + origin(earlier)
        mine.append((earlier.action, line))
    parts = ["## " + _("Action items by owner")]
    parts.extend(grouped(m, mine) or [_("No action items were opened or closed.")])

    parts.append("## " + _("Still open from earlier meetings"))
    today = m.local(m.meeting.ended_at or m.meeting.started_at).date()
    earlier_open: list[tuple[ActionItem, str]] = []
    for earlier in m.data.still_open:
        if earlier.action.id in seen:
            continue
        seen.add(earlier.action.id)
        line = action_line(m, earlier.action)
        if earlier.action.due is not None and earlier.action.due < today:
            line += " — **" + _("overdue") + "**"
        earlier_open.append((earlier.action, line + " " + origin(earlier)))
    parts.extend(grouped(m, earlier_open) or [_("None.")])
    return "\n\n".join(parts)


def origin(earlier: EarlierAction) -> str:
    if earlier.action.meeting_id is None:
        return _("(opened between meetings)")
    if earlier.meeting_number is None:
        return _("(from an earlier meeting)")
    return _("(from meeting {number})").format(number=earlier.meeting_number)


def budget_section(m: Minutes) -> str:
    budgets = sorted(
        m.data.budgets,
        key=lambda b: (b.item_index, b.at is None, b.at or m.meeting.started_at, b.id),
    )
    parts = ["## " + _("Budget agreements")]
    if not budgets:
        parts.append(_("No budget agreements."))
        parts.extend(signoff_parts(m))
        return "\n\n".join(parts)
    rows = [
        [
            cell_or_dash(area_label(b.area)),
            budget_kind(b.kind),
            amount_text(b.amount, b.currency),
            cell_or_dash(period_label(b.period)),
            cell_or_dash(area_label(b.from_area or "")),
            signoff_state(m, b),
            cell_or_dash(b.note),
        ]
        for b in budgets
    ]
    parts.append(
        md_table(
            [
                _("Area"),
                _("Kind"),
                _("Amount"),
                _("Period"),
                _("From area"),
                _("Management sign-off"),
                _("Note"),
            ],
            ["---", "---", "--:", "---", "---", "---", "---"],
            rows,
        )
    )
    parts.append("### " + _("Totals by area and kind"))
    totals: dict[tuple[str, BudgetKind, str], Decimal] = defaultdict(Decimal)
    # Exact sums: with the largest precision no addition of Decimals rounds.
    with localcontext() as context:
        context.prec = MAX_PREC
        for b in budgets:
            key = (b.area, b.kind, b.currency)
            totals[key] = totals[key] + b.amount
    order = sorted(
        totals,
        key=lambda k: (" ".join(k[0].split()).casefold(), k[0], BUDGET_KIND_ORDER[k[1]], k[2]),
    )
    parts.append(
        md_table(
            [_("Area"), _("Kind"), _("Total")],
            ["---", "---", "--:"],
            [
                [cell_or_dash(area_label(k[0])), budget_kind(k[1]), amount_text(totals[k], k[2])]
                for k in order
            ],
        )
    )
    parts.extend(signoff_parts(m))
    return "\n\n".join(parts)


def signoff_state(m: Minutes, budget: BudgetAgreement) -> str:
    """The sign-off column: not needed, still needed, or management's answer."""
    if not budget.needs_signoff:
        return NOTHING
    answer = budget.signoff
    if answer is None:
        return _("**needed**")
    if answer.approved:
        return _("signed off by {name}").format(name=cell_or_dash(answer.by))
    return _("**rejected** by {name}").format(name=cell_or_dash(answer.by))


def _from_meeting(waiting: BudgetWaiting) -> str:
    if waiting.meeting_number is None:
        return _("(from an earlier meeting)")
    return _("(from meeting {number})").format(number=waiting.meeting_number)


def signoff_parts(m: Minutes) -> list[str]:
    """What still waits for management, oldest first, and what was answered since
    the last meeting."""
    parts = ["### " + _("Waiting for management sign-off")]
    if m.data.waiting:
        parts.append(
            "\n".join(
                f"- **{inline(w.budget.ref)}** "
                f"{budget_phrase(m, w.budget, with_signoff=False)} {_from_meeting(w)}"
                for w in m.data.waiting
            )
        )
    else:
        parts.append(_("Nothing is waiting for management sign-off."))
    if m.data.answered:
        parts.append("### " + _("Answered by management since the last meeting"))
        lines = []
        for w in m.data.answered:
            answer = w.budget.signoff
            if answer is None:
                continue
            verdict = _("signed off") if answer.approved else "**" + _("rejected") + "**"
            line = _("- **{ref}** {text} {origin}: {verdict} by {name}, {when}").format(
                ref=inline(w.budget.ref),
                text=budget_phrase(m, w.budget, with_signoff=False),
                origin=_from_meeting(w),
                verdict=verdict,
                name=text_or_dash(answer.by),
                when=m.moment(answer.at),
            )
            if plain(answer.note):
                line = _("{line} — “{note}”").format(line=line, note=inline(answer.note))
            lines.append(line)
        parts.append("\n".join(lines))
    return parts


def _who_when(m: Minutes, change: Change) -> str:
    return _("{when}, {who}").format(
        when=m.moment(change.event.moment), who=text_or_dash(change.event.by or "")
    )


def since_last_meeting(m: Minutes) -> list[str]:
    """Action items closed, reopened, re-assigned or re-dated between the meetings
    (nothing for a first meeting that nothing happened before)."""
    if m.data.previous_number is None and not m.data.between:
        return []
    if m.data.previous_number is None:
        heading = _("Before this meeting")
    else:
        heading = _("Since meeting {number}").format(number=m.data.previous_number)
    lines = []
    for change in m.data.between:
        item = change.after or change.before
        if not isinstance(item, ActionItem):
            continue
        kind = change.event.kind
        before = change.before if isinstance(change.before, ActionItem) else None
        if kind is EventKind.DONE:
            what = _("done")
        elif kind is EventKind.DROPPED:
            what = _("dropped")
        elif kind is EventKind.REOPENED:
            what = "**" + _("reopened") + "**"
        elif kind is EventKind.REASSIGNED:
            what = _("re-assigned from {old} to {new}").format(
                old=m.owner(before.owner if before else None, with_role=False),
                new=m.owner(item.owner, with_role=False),
            )
        else:
            what = _("re-dated from {old} to {new}").format(
                old=short_date(before.due) if before and before.due else NOTHING,
                new=short_date(item.due) if item.due else NOTHING,
            )
        line = _("- **{ref}** {text} — {what} ({who_when})").format(
            ref=inline(item.ref),
            text=text_or_dash(item.text),
            what=what,
            who_when=_who_when(m, change),
        )
        if plain(change.event.note):
            line = _("{line} — “{note}”").format(line=line, note=inline(change.event.note))
        lines.append(line)
    body = "\n".join(lines) if lines else _("No action item changed between the meetings.")
    return ["## " + heading + "\n\n" + body]


def _entry_words(m: Minutes, entry: Entry) -> str:
    if isinstance(entry, Decision):
        number = m.decision_number.get(entry.id)
        label = (
            _("Decision {number}").format(number=number) if number is not None else _("A decision")
        )
        return _("{label}: “{text}”").format(label=label, text=text_or_dash(entry.text))
    if isinstance(entry, ActionItem):
        return _("Action item {ref}: “{text}”").format(
            ref=inline(entry.ref), text=text_or_dash(entry.text)
        )
    if isinstance(entry, BudgetAgreement):
        return _("Budget {ref}: {text}").format(
            ref=inline(entry.ref), text=budget_phrase(m, entry, with_signoff=False)
        )
    return _("Note under {item}: “{text}”").format(
        item=m.item_label(entry.item_index) if entry.item_index < len(m.meeting.items) else NOTHING,
        text=text_or_dash(entry.text),
    )


def amendment_section(m: Minutes) -> str:
    """Corrections made after the meeting ended: dated, by whom, old → new."""
    lines = []
    for change in m.data.amendments:
        if change.before is not None and change.after is not None:
            what = _("{old} corrected to {new}").format(
                old=_entry_words(m, change.before), new=_entry_words(m, change.after)
            )
        elif change.after is not None:
            what = _("{entry} added").format(entry=_entry_words(m, change.after))
        elif change.before is not None:
            what = _("{entry} removed").format(entry=_entry_words(m, change.before))
        else:
            continue
        lines.append(_("- {who_when}: {what}").format(who_when=_who_when(m, change), what=what))
    return "## " + _("Amendments after the meeting") + "\n\n" + "\n".join(lines)


def next_meeting(m: Minutes) -> str:
    parts = ["## " + _("Next meeting")]
    when = m.data.next_meeting
    if when is not None:
        parts.append(_("**Date:** {date}").format(date=long_date(when)))
    deferred = [
        (index, item)
        for index, item in enumerate(m.meeting.items)
        if item.state is ItemState.DEFERRED
    ]
    if deferred:
        lines = [
            # The item number goes last: `- 4. Title` would open a nested list.
            _("- {title} (item {number}) — {owner}, {minutes} min").format(
                title=text_or_dash(item.title),
                number=index + 1,
                owner=text_or_dash(m.role_title(item.role)),
                minutes=item.original_minutes,
            )
            for index, item in deferred
        ]
        parts.append(_("Deferred to the next meeting:") + "\n\n" + "\n".join(lines))
    else:
        parts.append(_("No items were deferred."))
    return "\n\n".join(parts)
