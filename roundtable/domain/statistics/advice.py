"""Suggestions for the agenda template, in words, from the timing statistics.

An item that ran over in more than half of the meetings looked at should be planned
longer: its plan plus the median overrun. The minutes come from the item that ended
early most often (more than half of its meetings), if there is one; otherwise the
suggestion says whether the box still has room.
"""

from __future__ import annotations

from dataclasses import dataclass

from roundtable.domain.statistics.timing import ItemStats, TimingReport
from roundtable.i18n import _, ngettext

__all__ = ["Suggestion", "suggestion_text", "suggestions"]

_MIN_MEETINGS = 2
"""One meeting is an anecdote, not a habit."""


@dataclass(frozen=True)
class Suggestion:
    """Plan `title` for `new_plan` minutes instead of `old_plan`."""

    title: str
    overran: int
    meetings: int
    by: int
    """Median overrun in whole minutes."""
    old_plan: int
    new_plan: int
    donor: str | None
    """The item to take the minutes from: it usually ends early."""
    donor_early: int
    spare: int
    """Minutes of the box the latest agenda leaves unplanned."""


def _habitually(count: int, meetings: int) -> bool:
    return meetings >= _MIN_MEETINGS and count * 2 > meetings


def _donor(report: TimingReport, taker: ItemStats) -> ItemStats | None:
    candidates = [
        stats
        for stats in report.items
        if stats is not taker
        and _habitually(stats.ended_early, stats.meetings)
        and (stats.slack_median or 0) > 0
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda s: (s.ended_early, s.slack_median or 0))


def suggestions(report: TimingReport) -> tuple[Suggestion, ...]:
    """One suggestion per item that habitually overruns, in agenda order."""
    if not report.meetings:
        return ()
    latest = report.meetings[-1]
    on_agenda = [s for s in report.items if s.runs[-1].meeting_number == latest.number]
    spare = latest.box - sum(s.planned for s in on_agenda)
    found = []
    for stats in report.items:
        by = stats.overrun_median
        if by is None or not _habitually(stats.overran, stats.meetings):
            continue
        donor = _donor(report, stats)
        found.append(
            Suggestion(
                title=stats.title,
                overran=stats.overran,
                meetings=stats.meetings,
                by=by,
                old_plan=stats.planned,
                new_plan=stats.planned + by,
                donor=None if donor is None else donor.title,
                donor_early=0 if donor is None else donor.ended_early,
                spare=spare,
            )
        )
    return tuple(found)


def suggestion_text(suggestion: Suggestion) -> str:
    """ "Campaign planning ran over in 8 of the last 10 meetings, by 7 minutes at the
    median: plan 47 instead of 40, take it from Wrap-up, which ended early 9 times." """
    ran_over = ngettext(
        "{title} ran over in {count} of the last {meetings} meetings",
        "{title} ran over in {count} of the last {meetings} meetings",
        suggestion.meetings,
    ).format(title=suggestion.title, count=suggestion.overran, meetings=suggestion.meetings)
    by = ngettext(
        "by {minutes} minute at the median",
        "by {minutes} minutes at the median",
        suggestion.by,
    ).format(minutes=suggestion.by)
    plan = _("plan {new} instead of {old}").format(new=suggestion.new_plan, old=suggestion.old_plan)
    if suggestion.donor is not None:
        source = ngettext(
            "take it from {donor}, which ended early {count} time",
            "take it from {donor}, which ended early {count} times",
            suggestion.donor_early,
        ).format(donor=suggestion.donor, count=suggestion.donor_early)
    elif suggestion.spare >= suggestion.by:
        source = ngettext(
            "the box has {minutes} minute unplanned",
            "the box has {minutes} minutes unplanned",
            suggestion.spare,
        ).format(minutes=suggestion.spare)
    else:
        source = _("shorten another item: none ends early")
    return _("{ran_over}, {by}: {plan}, {source}.").format(
        ran_over=ran_over, by=by, plan=plan, source=source
    )
