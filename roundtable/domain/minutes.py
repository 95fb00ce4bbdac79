"""Meeting → Markdown: the minutes the team sends round without editing.

`render_minutes` is pure: it takes a `MinutesInput` of plain values (the meeting,
what it recorded, the campaign figures reported in it, the item clocks already
computed) and returns CommonMark with GitHub/GitLab extensions (tables, task lists, a
Mermaid gantt chart). The same input always gives the same text. `gather_minutes`
builds the input from the store.

Everything anyone typed goes through `roundtable.domain.markdown`, so it shows as
typed and cannot change the structure of the document.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from decimal import MAX_PREC, Decimal, localcontext

from roundtable.domain import l10n
from roundtable.domain.campaigns import (
    CampaignRow,
    channel_label,
    format_change,
    format_percent,
    status_label,
    totals,
)
from roundtable.domain.campaigns.calibration import (
    EstimateOutcome,
    board_outcomes,
    calibration_lines,
)
from roundtable.domain.config import ItemKind, TeamConfig
from roundtable.domain.dates import next_meeting_date
from roundtable.domain.entries import (
    ActionItem,
    ActionStatus,
    BudgetAgreement,
    BudgetKind,
    Decision,
)
from roundtable.domain.markdown import cell, inline, mermaid_label, plain
from roundtable.domain.meeting import ItemState, Meeting
from roundtable.domain.money import format_amount
from roundtable.domain.timebox import item_elapsed
from roundtable.i18n import _
from roundtable.store.store import Store

__all__ = [
    "EarlierAction",
    "MinutesInput",
    "gather_minutes",
    "render_minutes",
]

_CURRENCY_CODE = re.compile(r"[A-Z]{3}")

_NOTHING = "—"
"""Shown for an empty field, so no table cell or list item is blank."""


@dataclass(frozen=True)
class EarlierAction:
    """An action item opened before this meeting, with the number of the meeting that
    opened it (None when it was opened between meetings, or that meeting is gone)."""

    action: ActionItem
    meeting_number: int | None


@dataclass(frozen=True)
class MinutesInput:
    """Everything the minutes show, as plain values (no store, no clock)."""

    team: str
    meeting: Meeting
    elapsed: Sequence[timedelta]
    """Actual time of each item in agenda order, breaks excluded (`timebox.item_elapsed`)."""
    decisions: Sequence[Decision] = ()
    """All decisions of this meeting."""
    actions: Sequence[ActionItem] = ()
    """Action items opened in this meeting (open, done or dropped)."""
    still_open: Sequence[EarlierAction] = ()
    """Action items from earlier meetings that were still open when this one ended."""
    closed: Sequence[EarlierAction] = ()
    """Action items from earlier meetings closed in this meeting."""
    budgets: Sequence[BudgetAgreement] = ()
    campaigns: Sequence[CampaignRow] = ()
    """The campaigns whose figures were reported in this meeting, as of this meeting
    (`Store.scoreboard(meeting_id, reported_only=True).rows`)."""
    role_titles: Mapping[str, str] = field(default_factory=dict)
    """Role title by role id; an unknown id is shown as it is."""
    estimate_outcomes: Sequence[EstimateOutcome] = ()
    """Every estimate of a campaign finished by this meeting against what it brought
    (`campaigns.calibration.board_outcomes`)."""
    next_meeting: date | None = None
    timezone: tzinfo | None = None
    """The room's time zone for clock times and dates; None: the machine's local time."""
    now: datetime | None = None
    """For a meeting that has not ended: the moment the minutes are taken."""


# --- formatting helpers -----------------------------------------------------------------


def _text(value: str) -> str:
    """Typed text for Markdown; a dash when there is nothing to show."""
    return inline(value) or _NOTHING


def _cell(value: str) -> str:
    return cell(value) or _NOTHING


def _whole_minutes(duration: timedelta) -> int:
    # Cut, not rounded, the way the app's clocks show minutes.
    return int(duration.total_seconds() // 60)


def _hours_minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}:{rest:02d}"


def _long_date(day: date) -> str:
    """The meeting's day written out: `Sunday, November 22, 2026` /
    `Sonntag, 22. November 2026`."""
    return l10n.format_date(day, "full")


def _short_date(day: date) -> str:
    """A due date: `Dec 1, 2026` / `01.12.2026`."""
    return l10n.format_date(day)


def _kind(kind: ItemKind) -> str:
    return {
        ItemKind.REPORT: _("report"),
        ItemKind.DISCUSSION: _("discussion"),
        ItemKind.DECISION: _("decision"),
    }[kind]


def _budget_kind(kind: BudgetKind) -> str:
    return {
        BudgetKind.ALLOCATION: _("allocation"),
        BudgetKind.CUT: _("cut"),
        BudgetKind.SHIFT: _("shift"),
    }[kind]


_BUDGET_KIND_ORDER = {BudgetKind.ALLOCATION: 0, BudgetKind.CUT: 1, BudgetKind.SHIFT: 2}


def _money(amount: Decimal, currency: str) -> str:
    """The one place the minutes format an amount (`money.format_amount`).

    Babel's digits, separators and currency signs carry no Markdown, and escaping them
    anyway would write `12\\.000,00 €` into the German source; only a currency code
    from a hand-edited store could, and then the whole amount is escaped.
    """
    shown = format_amount(amount, currency)
    return shown if _CURRENCY_CODE.fullmatch(currency) else inline(shown)


def _table(header: Sequence[str], align: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(align) + " |",
    ]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


class _Minutes:
    """One rendering: the input plus the lookups every section shares."""

    def __init__(self, data: MinutesInput) -> None:
        self.data = data
        self.meeting = data.meeting
        self.attendee_roles = {attendee.name: attendee.role for attendee in self.meeting.attendees}
        decisions = sorted(data.decisions, key=lambda decision: (decision.at, decision.id))
        self.decisions = decisions
        self.decision_number = {decision.id: n for n, decision in enumerate(decisions, 1)}

    # --- lookups ----------------------------------------------------------------------

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.data.timezone)

    def clock(self, moment: datetime) -> str:
        """A wall-clock time for people to read, in the current language."""
        return l10n.format_time(self.local(moment))

    def chart_clock(self, moment: datetime) -> str:
        """A time for the Mermaid chart's `dateFormat HH:mm`: data, not prose, so never
        localised."""
        return f"{self.local(moment):%H:%M}"

    def role_title(self, role_id: str) -> str:
        return self.data.role_titles.get(role_id, role_id)

    def person(self, name: str) -> str:
        """`Name — Role title` for an attendee, the name alone for anyone else."""
        role = self.attendee_roles.get(name)
        if role is None:
            return _text(name)
        return _("{name} — {role}").format(name=_text(name), role=_text(self.role_title(role)))

    def owner(self, owner: str | None, *, with_role: bool = True) -> str:
        """An action's owner: a role id as its title, a person by name (with their role
        when they attended and `with_role`)."""
        if owner is None or not plain(owner):
            return _("Unassigned")
        if owner not in self.attendee_roles and owner in self.data.role_titles:
            return _text(self.data.role_titles[owner])
        return self.person(owner) if with_role else _text(owner)

    def item_label(self, index: int) -> str:
        item = self.meeting.items[index]
        return _("{number}. {title}").format(number=index + 1, title=_text(item.title))

    def used(self) -> timedelta | None:
        end = self.meeting.ended_at or self.data.now
        # A clock set back could put `now` before the start; no negative durations.
        return None if end is None else max(end - self.meeting.started_at, timedelta(0))

    # --- sections ---------------------------------------------------------------------

    def heading(self) -> str:
        meeting = self.meeting
        title = _("{title} — meeting {number}").format(
            title=_text(meeting.title), number=meeting.number
        )
        start = self.local(meeting.started_at)
        if meeting.ended_at is not None:
            time = _("{start} – {end}").format(
                start=self.clock(meeting.started_at), end=self.clock(meeting.ended_at)
            )
        else:
            time = _("{start} – (still running)").format(start=self.clock(meeting.started_at))
        facts = [
            (_("Team"), _text(self.data.team)),
            (_("Date"), _long_date(start.date())),
            (_("Time"), time),
            (_("Time used"), self.time_box()),
            (_("Facilitator"), self.person(meeting.facilitator)),
        ]
        lines = [f"# {title}", ""]
        lines.extend(
            _("- **{label}:** {value}").format(label=label, value=value) for label, value in facts
        )
        return "\n".join(lines)

    def time_box(self) -> str:
        box = self.meeting.timebox_minutes
        used = self.used()
        if used is None:
            return _("{box} planned").format(box=_hours_minutes(box))
        minutes = _whole_minutes(used)
        if self.meeting.ended_at is not None:
            text = _("{used} of {box}")
        else:
            text = _("{used} of {box} so far")
        text = text.format(used=_hours_minutes(minutes), box=_hours_minutes(box))
        if minutes > box:
            text = _("{text} — {over} min over").format(text=text, over=minutes - box)
        return text

    def attendance(self) -> str:
        attendees = sorted(self.meeting.attendees, key=lambda a: not a.present)
        rows = [
            [
                _cell(a.name),
                _cell(self.role_title(a.role)),
                _("present") if a.present else "**" + _("absent") + "**",
            ]
            for a in attendees
        ]
        parts = ["## " + _("Attendance")]
        if rows:
            parts.append(_table([_("Name"), _("Role"), _("Attendance")], ["---"] * 3, rows))
        else:
            parts.append(_("No attendees were recorded."))
        return "\n\n".join(parts)

    def agenda(self) -> str:
        meeting = self.meeting
        rows: list[list[str]] = []
        planned_total = actual_total = 0
        for index, item in enumerate(meeting.items):
            actual = _whole_minutes(self.data.elapsed[index])
            started = bool(item.segments)
            planned_total += item.original_minutes
            actual_total += actual
            if not started:
                actual_text = _NOTHING
            elif actual > item.original_minutes:
                actual_text = _("{actual} (+{over})").format(
                    actual=actual, over=actual - item.original_minutes
                )
            else:
                actual_text = str(actual)
            rows.append(
                [
                    str(index + 1),
                    _cell(item.title),
                    _cell(self.role_title(item.role)),
                    _kind(item.kind),
                    str(item.original_minutes),
                    actual_text,
                    self.item_state(item.state),
                ]
            )
        rows.append(
            ["", "**" + _("Total") + "**", "", "", str(planned_total), str(actual_total), ""]
        )
        table = _table(
            [
                _("#"),
                _("Item"),
                _("Owner"),
                _("Kind"),
                _("Planned (min)"),
                _("Actual (min)"),
                _("State"),
            ],
            ["--:", "---", "---", "---", "--:", "--:", "---"],
            rows,
        )
        parts = ["## " + _("Agenda"), table]
        chart = self.gantt()
        if chart:
            parts.append(chart)
        return "\n\n".join(parts)

    def item_state(self, state: ItemState) -> str:
        pending = _("not reached") if self.meeting.ended_at is not None else _("pending")
        return {
            ItemState.PENDING: pending,
            ItemState.RUNNING: _("running"),
            ItemState.DONE: _("done"),
            ItemState.DEFERRED: "**" + _("deferred to the next meeting") + "**",
        }[state]

    def gantt(self) -> str:
        """Planned against actual timing as a Mermaid gantt chart, or "" when the
        meeting crosses midnight (HH:mm cannot say which day)."""
        meeting = self.meeting
        start = self.local(meeting.started_at)
        moments = [start]
        for item in meeting.items:
            for segment in item.segments:
                moments.append(self.local(segment.start))
                if segment.end is not None:
                    moments.append(self.local(segment.end))
        planned_end = start + timedelta(minutes=sum(i.original_minutes for i in meeting.items))
        moments.append(planned_end)
        if any(moment.date() != start.date() for moment in moments):
            return ""
        lines = [
            "```mermaid",
            "gantt",
            "    title " + mermaid_label(_("Planned and actual timing")),
            "    dateFormat HH:mm",
            "    axisFormat %H:%M",
            "    todayMarker off",
            "    section " + mermaid_label(_("Planned")),
        ]
        for index, item in enumerate(meeting.items):
            label = mermaid_label(f"{index + 1}. {item.title}")
            lines.append(f"    {label} :p{index + 1}, {start:%H:%M}, {item.original_minutes}m")
            start += timedelta(minutes=item.original_minutes)
        lines.append("    section " + mermaid_label(_("Actual")))
        end_of_open = meeting.ended_at or self.data.now or meeting.started_at
        for index, item in enumerate(meeting.items):
            label = mermaid_label(f"{index + 1}. {item.title}")
            for part, segment in enumerate(item.segments, 1):
                task_id = f"a{index + 1}" if part == 1 else f"a{index + 1}x{part}"
                end = segment.end or end_of_open
                lines.append(
                    f"    {label} :{task_id}, {self.chart_clock(segment.start)}, "
                    f"{self.chart_clock(end)}"
                )
        for number, pause in enumerate(meeting.pauses, 1):
            end = pause.end or end_of_open
            lines.append(
                f"    {mermaid_label(_('Break'))} :b{number}, "
                f"{self.chart_clock(pause.start)}, {self.chart_clock(end)}"
            )
        lines.append("```")
        return "\n".join(lines)

    def action_line(self, action: ActionItem) -> str:
        """A GFM task list line; the owner is the heading above it."""
        box = "x" if action.status is not ActionStatus.OPEN else " "
        parts = [_text(action.text)]
        if action.due is not None:
            parts.append(_("due {date}").format(date=_short_date(action.due)))
        if action.status is ActionStatus.DONE:
            parts.append(_("done"))
        elif action.status is ActionStatus.DROPPED:
            parts.append(_("dropped"))
        return f"- [{box}] **{inline(action.ref)}** " + " — ".join(parts)

    def budget_phrase(self, budget: BudgetAgreement) -> str:
        amount = _money(budget.amount, budget.currency)
        area = _text(budget.area)
        if budget.kind is BudgetKind.ALLOCATION:
            text = _("{amount} allocated to {area}").format(amount=amount, area=area)
        elif budget.kind is BudgetKind.CUT:
            text = _("{amount} cut from {area}").format(amount=amount, area=area)
        else:
            text = _("{amount} shifted from {source} to {area}").format(
                amount=amount, source=_text(budget.from_area or ""), area=area
            )
        text = _("{text}, {period}").format(text=text, period=_text(budget.period))
        if plain(budget.note):
            text = _("{text} ({note})").format(text=text, note=inline(budget.note))
        if budget.needs_signoff:
            text = _("{text} — needs management sign-off").format(text=text)
        return text

    def by_item(self) -> str:
        entries: dict[int, list[tuple[datetime | None, int, int, str]]] = defaultdict(list)
        for decision in self.decisions:
            line = _("- **Decision {number}:** {text}").format(
                number=self.decision_number[decision.id], text=_text(decision.text)
            )
            entries[decision.item_index].append((decision.at, 0, decision.id, line))
        for action in self.data.actions:
            if action.item_index is None:
                continue
            line = _("- **Action {ref}:** {text}").format(
                ref=inline(action.ref), text=self.action_summary(action)
            )
            entries[action.item_index].append((action.opened_at, 1, action.id, line))
        for budget in self.data.budgets:
            line = _("- **Budget:** {text}").format(text=self.budget_phrase(budget))
            entries[budget.item_index].append((budget.at, 2, budget.id, line))
        parts = ["## " + _("By agenda item")]
        for index in range(len(self.meeting.items)):
            found = entries.get(index)
            if not found:
                continue
            # Budgets may lack a timestamp; they then follow the item's timed entries.
            found.sort(key=lambda e: (e[0] is None, e[0] or self.meeting.started_at, e[1], e[2]))
            parts.append("### " + self.item_label(index))
            parts.append("\n".join(entry[3] for entry in found))
        if len(parts) == 1:
            parts.append(_("Nothing was recorded under the agenda items."))
        return "\n\n".join(parts)

    def action_summary(self, action: ActionItem) -> str:
        details = [self.owner(action.owner, with_role=False)]
        if action.due is not None:
            details.append(_("due {date}").format(date=_short_date(action.due)))
        return _("{text} ({details})").format(text=_text(action.text), details=", ".join(details))

    def decision_list(self) -> str:
        lines = [
            f"{number}. {_text(decision.text)}" for number, decision in enumerate(self.decisions, 1)
        ]
        body = "\n".join(lines) if lines else _("No decisions were taken.")
        return "## " + _("Decisions") + "\n\n" + body

    def grouped(self, actions: Sequence[tuple[ActionItem, str]]) -> list[str]:
        """Action lines under one `###` heading per owner; Unassigned comes last."""
        groups: dict[str | None, list[tuple[ActionItem, str]]] = defaultdict(list)
        for action, line in actions:
            owner = action.owner if action.owner and plain(action.owner) else None
            groups[owner].append((action, line))

        def owner_order(owner: str | None) -> tuple[bool, str, str]:
            return (owner is None, self.owner(owner).casefold(), owner or "")

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
            parts.append("### " + self.owner(owner))
            parts.append("\n".join(line for _action, line in members))
        return parts

    def action_sections(self) -> str:
        mine = [(a, self.action_line(a)) for a in self.data.actions]
        seen = {a.id for a in self.data.actions}
        for earlier in self.data.closed:
            if earlier.action.id in seen:
                continue
            seen.add(earlier.action.id)
            line = self.action_line(earlier.action) + " " + self.origin(earlier)
            mine.append((earlier.action, line))
        parts = ["## " + _("Action items by owner")]
        parts.extend(self.grouped(mine) or [_("No action items were opened or closed.")])

        parts.append("## " + _("Still open from earlier meetings"))
        today = self.local(self.meeting.ended_at or self.meeting.started_at).date()
        earlier_open: list[tuple[ActionItem, str]] = []
        for earlier in self.data.still_open:
            if earlier.action.id in seen:
                continue
            seen.add(earlier.action.id)
            line = self.action_line(earlier.action)
            if earlier.action.due is not None and earlier.action.due < today:
                line += " — **" + _("overdue") + "**"
            earlier_open.append((earlier.action, line + " " + self.origin(earlier)))
        parts.extend(self.grouped(earlier_open) or [_("None.")])
        return "\n\n".join(parts)

    @staticmethod
    def origin(earlier: EarlierAction) -> str:
        if earlier.action.meeting_id is None:
            return _("(opened between meetings)")
        if earlier.meeting_number is None:
            return _("(from an earlier meeting)")
        return _("(from meeting {number})").format(number=earlier.meeting_number)

    def budget_section(self) -> str:
        budgets = sorted(
            self.data.budgets,
            key=lambda b: (b.item_index, b.at is None, b.at or self.meeting.started_at, b.id),
        )
        parts = ["## " + _("Budget agreements")]
        if not budgets:
            parts.append(_("No budget agreements."))
            return "\n\n".join(parts)
        rows = [
            [
                _cell(b.area),
                _budget_kind(b.kind),
                _money(b.amount, b.currency),
                _cell(b.period),
                _cell(b.from_area or ""),
                _("**needed**") if b.needs_signoff else _NOTHING,
                _cell(b.note),
            ]
            for b in budgets
        ]
        parts.append(
            _table(
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
            key=lambda k: (" ".join(k[0].split()).casefold(), k[0], _BUDGET_KIND_ORDER[k[1]], k[2]),
        )
        parts.append(
            _table(
                [_("Area"), _("Kind"), _("Total")],
                ["---", "---", "--:"],
                [[_cell(k[0]), _budget_kind(k[1]), _money(totals[k], k[2])] for k in order],
            )
        )
        waiting = [b for b in budgets if b.needs_signoff]
        parts.append("### " + _("Waiting for management sign-off"))
        if waiting:
            parts.append("\n".join("- " + self.budget_phrase(b) for b in waiting))
        else:
            parts.append(_("Nothing is waiting for management sign-off."))
        return "\n\n".join(parts)

    def campaign_section(self) -> str:
        """Controlling's report: each campaign's leads, cost and revenue to date, and
        how its estimate and its actual revenue moved since the previous report."""
        parts = ["## " + _("Campaign results")]
        rows = sorted(
            self.data.campaigns, key=lambda r: (r.campaign.name.casefold(), r.campaign.id)
        )
        if not rows:
            parts.append(_("No campaign results were reported."))
            return "\n\n".join(parts)
        sums = totals(rows) if len(rows) > 1 else ()

        def count(value: int | None, share: Decimal | None = None) -> str:
            if value is None:
                return _NOTHING
            if share is None:
                return l10n.format_number(value)
            return _("{count} ({share})").format(
                count=l10n.format_number(value), share=format_percent(share)
            )

        def money(amount: Decimal | None, currency: str) -> str:
            return _NOTHING if amount is None else _money(amount, currency)

        table = [
            [
                _cell(row.campaign.name),
                channel_label(row.campaign.channel),
                _cell(self.role_title(row.campaign.owner)),
                status_label(row.campaign.status),
                money(row.campaign.budget, row.campaign.currency),
                money(row.cost, row.campaign.currency),
                count(row.leads),
                money(row.cost_per_lead, row.campaign.currency),
                count(row.accepted, row.acceptance_pct),
                count(row.won, row.conversion_pct),
            ]
            for row in rows
        ]
        table.extend(
            [
                "**" + _("Total") + "**",
                "",
                "",
                "",
                _money(total.budget, total.currency),
                _money(total.cost, total.currency),
                count(total.leads),
                money(total.cost_per_lead, total.currency),
                count(total.accepted, total.acceptance_pct),
                count(total.won, total.conversion_pct),
            ]
            for total in sums
        )
        parts.append("### " + _("Leads and cost to date"))
        parts.append(
            _table(
                [
                    _("Campaign"),
                    _("Channel"),
                    _("Owner"),
                    _("Status"),
                    _("Budget"),
                    _("Cost to date"),
                    _("Pre-qualified leads"),
                    _("Cost per lead"),
                    _("Accepted by sales (rate)"),
                    _("Deals won (conversion)"),
                ],
                ["---", "---", "---", "---", "--:", "--:", "--:", "--:", "--:", "--:"],
                table,
            )
        )

        def change(row: CampaignRow) -> str:
            if row.gap_change is None or row.previous_meeting_number is None:
                return _("first report")
            return _("{change} since meeting {number}").format(
                change=inline(format_change(row.gap_change, row.campaign.currency)),
                number=row.previous_meeting_number,
            )

        estimates = [
            [
                _cell(row.campaign.name),
                money(row.estimate, row.campaign.currency),
                money(row.actual, row.campaign.currency),
                money(row.gap, row.campaign.currency),
                format_percent(row.gap_pct),
                change(row),
            ]
            for row in rows
        ]
        estimates.extend(
            [
                "**" + _("Total") + "**",
                _money(total.estimate, total.currency),
                _money(total.actual, total.currency),
                _money(total.gap, total.currency),
                format_percent(total.gap_pct),
                "",
            ]
            for total in sums
        )
        parts.append("### " + _("Estimated against actual revenue"))
        parts.append(
            _table(
                [
                    _("Campaign"),
                    _("Estimate"),
                    _("Actual to date"),
                    _("Gap"),
                    _("Gap of estimate"),
                    _("Change of gap"),
                ],
                ["---", "--:", "--:", "--:", "--:", "---"],
                estimates,
            )
        )
        parts.append(
            _(
                "The gap is the estimate minus the actual revenue to date; a negative change "
                "means estimate and reality moved closer together."
            )
        )
        parts.extend(self.estimates_against_outcome())
        return "\n\n".join(parts)

    def estimates_against_outcome(self) -> list[str]:
        """How the estimates of finished campaigns turned out, per role (statistics)."""
        lines = calibration_lines(self.data.estimate_outcomes, self.data.role_titles)
        if not lines:
            return []
        return [
            "### " + _("How the estimates turned out"),
            "\n".join("- " + inline(line) for line in lines),
        ]

    def next_meeting(self) -> str:
        parts = ["## " + _("Next meeting")]
        when = self.data.next_meeting
        if when is not None:
            parts.append(_("**Date:** {date}").format(date=_long_date(when)))
        deferred = [
            (index, item)
            for index, item in enumerate(self.meeting.items)
            if item.state is ItemState.DEFERRED
        ]
        if deferred:
            lines = [
                # The item number goes last: `- 4. Title` would open a nested list.
                _("- {title} (item {number}) — {owner}, {minutes} min").format(
                    title=_text(item.title),
                    number=index + 1,
                    owner=_text(self.role_title(item.role)),
                    minutes=item.original_minutes,
                )
                for index, item in deferred
            ]
            parts.append(_("Deferred to the next meeting:") + "\n\n" + "\n".join(lines))
        else:
            parts.append(_("No items were deferred."))
        return "\n\n".join(parts)

    def render(self) -> str:
        sections = [
            self.heading(),
            self.attendance(),
            self.agenda(),
            self.by_item(),
            self.decision_list(),
            self.action_sections(),
            self.campaign_section(),
            self.budget_section(),
            self.next_meeting(),
        ]
        return "\n\n".join(sections) + "\n"


def render_minutes(data: MinutesInput) -> str:
    """The minutes of `data.meeting` as Markdown (CommonMark + GFM tables, task lists
    and a Mermaid gantt chart). Deterministic: the same input gives the same text."""
    return _Minutes(data).render()


def _due_order(action: ActionItem) -> tuple[bool, date, int]:
    """Due first (undated last), then by ref, as the store lists action items."""
    return (action.due is None, action.due or date.min, action.id)


def _as_of(action: ActionItem, end: datetime) -> ActionItem:
    """`action` as it stood at `end`: closed later means still open then."""
    if action.closed_at is not None and action.closed_at > end:
        return replace(action, status=ActionStatus.OPEN, closed_at=None, closed_in=None)
    return action


def gather_minutes(
    store: Store,
    meeting_id: int,
    config: TeamConfig,
    *,
    now: datetime | None = None,
    timezone: tzinfo | None = None,
) -> MinutesInput:
    """What the minutes of meeting `meeting_id` show, read from `store`.

    The action items are shown as they stood when the meeting ended (or at `now`,
    default the store's clock, for a meeting still running): one closed since then is
    still open in these minutes. Raises `NotFoundError` for an unknown meeting.
    """
    with store.reading():
        meeting = store.meeting(meeting_id)
        moment = now if now is not None else store.clock()
        end = meeting.ended_at or moment
        elapsed = tuple(item_elapsed(meeting, index, end) for index in range(len(meeting.items)))
        # Only the items that can matter, each found by an index: those opened here,
        # those closed here, and those open at some moment of the meeting.
        relevant = {
            action.id: action
            for action in (
                *store.actions(meeting_id=meeting_id, include_closed=True),
                *store.actions(closed_in=meeting_id, include_closed=True),
                *store.actions_open_during(min(meeting.started_at, end), end),
            )
        }
        numbers = store.meeting_numbers()
        decisions = tuple(store.decisions(meeting_id))
        budgets = tuple(store.budgets(meeting_id))
        campaigns = store.scoreboard(meeting_id, reported_only=True).rows
        outcomes = board_outcomes(store.scoreboard(meeting_id))
    opened_here: list[ActionItem] = []
    closed: list[ActionItem] = []
    still_open: list[ActionItem] = []
    for action in sorted(relevant.values(), key=_due_order):
        if action.meeting_id == meeting_id:
            opened_here.append(_as_of(action, end))
        elif action.opened_at >= end:
            continue
        elif action.closed_in == meeting_id or (
            action.closed_in is None
            and action.closed_at is not None
            and meeting.started_at <= action.closed_at <= end
        ):
            closed.append(action)
        elif action.closed_at is None or action.closed_at > end:
            still_open.append(_as_of(action, end))

    def earlier(action: ActionItem) -> EarlierAction:
        # Meetings are never deleted, but a damaged or hand-edited store may point at
        # one that is gone; the item still belongs in the minutes.
        number = None if action.meeting_id is None else numbers.get(action.meeting_id)
        return EarlierAction(action, number)

    local_start = meeting.started_at.astimezone(timezone).date()
    return MinutesInput(
        team=config.team,
        meeting=meeting,
        elapsed=elapsed,
        decisions=decisions,
        actions=tuple(opened_here),
        still_open=tuple(earlier(action) for action in still_open),
        closed=tuple(earlier(action) for action in closed),
        budgets=budgets,
        campaigns=campaigns,
        role_titles={role.id: role.title for role in config.roles},
        estimate_outcomes=outcomes,
        next_meeting=next_meeting_date(local_start, meeting.cadence),
        timezone=timezone,
        now=None if meeting.ended_at is not None else moment,
    )
