"""The minutes as Markdown: the header, attendance, agenda with its chart, and the
record by agenda item; the other sections come from `sections` and `campaigns`.

Pure: the same `MinutesInput` always gives the same text.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from roundtable.domain import l10n
from roundtable.domain.approval import MinutesApproval
from roundtable.domain.entries import ActionItem
from roundtable.domain.markdown import inline, mermaid_label, plain
from roundtable.domain.meeting import ItemState
from roundtable.domain.minutes import campaigns, sections
from roundtable.domain.minutes.attendance import attendance_section
from roundtable.domain.minutes.budget_picture import budget_picture_parts
from roundtable.domain.minutes.model import MinutesInput
from roundtable.domain.minutes.sections import budget_phrase
from roundtable.domain.minutes.summary import summary
from roundtable.domain.minutes.text import (
    NOTHING,
    cell_or_dash,
    hours_minutes,
    item_kind,
    long_date,
    md_table,
    multiline,
    short_date,
    text_or_dash,
    whole_minutes,
)
from roundtable.i18n import _

__all__ = ["Minutes", "render_minutes"]


class Minutes:
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

    def moment(self, moment: datetime) -> str:
        """A date and time for people to read: `Dec 1, 2026, 14:05`."""
        return _("{date}, {time}").format(
            date=short_date(self.local(moment).date()), time=self.clock(moment)
        )

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
            return text_or_dash(name)
        return _("{name} — {role}").format(
            name=text_or_dash(name), role=text_or_dash(self.role_title(role))
        )

    def owner(self, owner: str | None, *, with_role: bool = True) -> str:
        """An action's owner: a role id as its title, a person by name (with their role
        when they attended and `with_role`)."""
        if owner is None or not plain(owner):
            return _("Unassigned")
        if owner not in self.attendee_roles and owner in self.data.role_titles:
            return text_or_dash(self.data.role_titles[owner])
        return self.person(owner) if with_role else text_or_dash(owner)

    def item_label(self, index: int) -> str:
        item = self.meeting.items[index]
        return _("{number}. {title}").format(number=index + 1, title=text_or_dash(item.title))

    def used(self) -> timedelta | None:
        end = self.meeting.ended_at or self.data.now
        # A clock set back could put `now` before the start; no negative durations.
        return None if end is None else max(end - self.meeting.started_at, timedelta(0))

    # --- sections ---------------------------------------------------------------------

    def heading(self) -> str:
        meeting = self.meeting
        title = _("{title} — meeting {number}").format(
            title=text_or_dash(meeting.title), number=meeting.number
        )
        start = self.local(meeting.started_at)
        if meeting.ended_at is not None:
            time = _("{start} – {end}").format(
                start=self.clock(meeting.started_at), end=self.clock(meeting.ended_at)
            )
        else:
            time = _("{start} – (still running)").format(start=self.clock(meeting.started_at))
        facts = [
            (_("Team"), text_or_dash(self.data.team)),
            (_("Date"), long_date(start.date())),
            (_("Time"), time),
        ]
        if plain(meeting.location):
            facts.append((_("Place"), text_or_dash(meeting.location)))
        facts.append((_("Time used"), self.time_box()))
        facts.append((_("Facilitator"), self.person(meeting.facilitator)))
        if plain(meeting.minute_taker):
            facts.append((_("Minute-taker"), self.person(meeting.minute_taker)))
        lines = [f"# {title}", ""]
        lines.extend(
            _("- **{label}:** {value}").format(label=label, value=value) for label, value in facts
        )
        return "\n".join(lines)

    def time_box(self) -> str:
        box = self.meeting.timebox_minutes
        used = self.used()
        if used is None:
            return _("{box} planned").format(box=hours_minutes(box))
        minutes = whole_minutes(used)
        if self.meeting.ended_at is not None:
            text = _("{used} of {box}")
        else:
            text = _("{used} of {box} so far")
        text = text.format(used=hours_minutes(minutes), box=hours_minutes(box))
        if minutes > box:
            text = _("{text} — {over} min over").format(text=text, over=minutes - box)
        return text

    def attendance(self) -> str:
        return attendance_section(self)

    def agenda(self) -> str:
        meeting = self.meeting
        rows: list[list[str]] = []
        planned_total = actual_total = 0
        for index, item in enumerate(meeting.items):
            actual = whole_minutes(self.data.elapsed[index])
            started = bool(item.segments)
            planned_total += item.original_minutes
            actual_total += actual
            if not started:
                actual_text = NOTHING
            elif actual > item.original_minutes:
                actual_text = _("{actual} (+{over})").format(
                    actual=actual, over=actual - item.original_minutes
                )
            else:
                actual_text = str(actual)
            rows.append(
                [
                    str(index + 1),
                    cell_or_dash(item.title),
                    cell_or_dash(self.role_title(item.role)),
                    item_kind(item.kind),
                    planned_text(item.original_minutes, item.planned_minutes),
                    actual_text,
                    self.item_state(item.state),
                ]
            )
        rows.append(
            ["", "**" + _("Total") + "**", "", "", str(planned_total), str(actual_total), ""]
        )
        table = md_table(
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
            title = f"{index + 1}. {item.title}"
            if item.planned_minutes != item.original_minutes:
                title = f"{title} ({planned_text(item.original_minutes, item.planned_minutes)})"
            label = mermaid_label(title)
            lines.append(f"    {label} :p{index + 1}, {start:%H:%M}, {item.original_minutes}m")
            start += timedelta(minutes=item.original_minutes)
        lines.append("    section " + mermaid_label(_("Actual")))
        for index, item in enumerate(meeting.items):
            label = mermaid_label(f"{index + 1}. {item.title}")
            part = 0
            for begun, minutes in self.segment_minutes(index):
                if minutes <= 0:
                    # Started and deferred (or left) within the minute: no zero-length bar.
                    continue
                part += 1
                task_id = f"a{index + 1}" if part == 1 else f"a{index + 1}x{part}"
                lines.append(f"    {label} :{task_id}, {self.chart_clock(begun)}, {minutes}m")
        end_of_open = meeting.ended_at or self.data.now or meeting.started_at
        for number, pause in enumerate(meeting.pauses, 1):
            end = pause.end or end_of_open
            if self.chart_clock(pause.start) == self.chart_clock(end):
                continue  # a break within the minute has no length to draw
            lines.append(
                f"    {mermaid_label(_('Break'))} :b{number}, "
                f"{self.chart_clock(pause.start)}, {self.chart_clock(end)}"
            )
        lines.append("```")
        return "\n".join(lines)

    def segment_minutes(self, index: int) -> list[tuple[datetime, int]]:
        """Item `index`'s stretches (split at breaks) as start and whole minutes, cut so
        that together they are the agenda table's actual minutes: the chart and the
        table agree to the minute."""
        meeting = self.meeting
        end_of_open = meeting.ended_at or self.data.now or meeting.started_at
        spans: list[tuple[datetime, datetime]] = []
        for segment in meeting.items[index].segments:
            start, end = segment.start, segment.end or end_of_open
            for pause in sorted(meeting.pauses, key=lambda p: p.start):
                pause_end = pause.end or end_of_open
                if pause_end <= start or pause.start >= end:
                    continue
                if pause.start > start:
                    spans.append((start, pause.start))
                start = max(start, pause_end)
            if end > start:
                spans.append((start, end))
        found = []
        seconds = 0.0
        before = 0
        total = whole_minutes(self.data.elapsed[index])
        for number, (start, end) in enumerate(spans, 1):
            seconds += (end - start).total_seconds()
            through = total if number == len(spans) else min(int(seconds // 60), total)
            found.append((start, through - before))
            before = through
        return found

    def by_item(self) -> str:
        entries: dict[int, list[tuple[datetime | None, int, int, str]]] = defaultdict(list)
        for decision in self.decisions:
            line = _("- **Decision {number}:** {text}").format(
                number=self.decision_number[decision.id], text=text_or_dash(decision.text)
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
            line = _("- **Budget {ref}:** {text}").format(
                ref=inline(budget.ref), text=budget_phrase(self, budget)
            )
            entries[budget.item_index].append((budget.at, 2, budget.id, line))
        for note in self.data.notes:
            line = _("- **Note:** {text}").format(text=multiline(note.text))
            entries[note.item_index].append((note.at, 3, note.id, line))
        approval = self.data.approval
        if approval is not None and self.meeting.items:
            review = next((i for i, item in enumerate(self.meeting.items) if item.review), 0)
            entries[review].append((approval.at, -1, 0, "- " + approval_words(approval)))
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
            details.append(_("due {date}").format(date=short_date(action.due)))
        return _("{text} ({details})").format(
            text=text_or_dash(action.text), details=", ".join(details)
        )

    def decision_list(self) -> str:
        lines = [
            f"{number}. {text_or_dash(decision.text)}"
            for number, decision in enumerate(self.decisions, 1)
        ]
        body = "\n".join(lines) if lines else _("No decisions were taken.")
        return "## " + _("Decisions") + "\n\n" + body

    def render(self) -> str:
        parts = [
            self.heading(),
            summary(self),
            self.attendance(),
            self.agenda(),
            self.by_item(),
            self.decision_list(),
            *sections.since_last_meeting(self),
            sections.action_sections(self),
            campaigns.campaign_section(self),
            sections.budget_section(self),
            *budget_picture_parts(self),
            sections.next_meeting(self),
        ]
        text = "\n\n".join(parts) + "\n"
        if self.data.amendments:
            # Appended, never woven in: what was exported before stays a prefix.
            text += "\n" + sections.amendment_section(self) + "\n"
        return text


def approval_words(approval: MinutesApproval) -> str:
    """`Minutes of meeting 39 approved (with correction: …).`"""
    if plain(approval.correction):
        return _("Minutes of meeting {number} approved (with correction: {correction}).").format(
            number=approval.approved_number, correction=inline(approval.correction)
        )
    return _("Minutes of meeting {number} approved.").format(number=approval.approved_number)


def planned_text(original: int, planned: int) -> str:
    """An item's planned minutes; an extended (or shortened) item as planned → now."""
    if planned == original:
        return str(original)
    return _("{planned} → {extended}").format(planned=original, extended=planned)


def render_minutes(data: MinutesInput) -> str:
    """The minutes of `data.meeting` as Markdown (CommonMark + GFM tables, task lists
    and a Mermaid gantt chart). Deterministic: the same input gives the same text."""
    return Minutes(data).render()
