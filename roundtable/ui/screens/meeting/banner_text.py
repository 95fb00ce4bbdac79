"""What the banner across the board says: a break, what no longer fits, the box used up.

The meeting screen, the follow view and the presentation view say it the same way; a
view the room only watches (`facilitating=False`) names no keys.
"""

from __future__ import annotations

from datetime import timedelta, tzinfo
from typing import NamedTuple

from roundtable.domain.box_state import minutes_late
from roundtable.domain.meeting import Meeting, MeetingState
from roundtable.domain.text import single_line
from roundtable.domain.timebox import BoxView
from roundtable.i18n import _, ngettext
from roundtable.ui.format import clock_text, minutes_text

__all__ = ["BannerText", "banner_text", "late_text"]


class BannerText(NamedTuple):
    """A sentence, its style (`paused`, `over`, `done`, `late`; empty: no banner) and
    the keys that are the way out, as (key, what it does)."""

    text: str = ""
    kind: str = ""
    keys: tuple[tuple[str, str], ...] = ()


def banner_text(
    meeting: Meeting, view: BoxView, timezone: tzinfo | None, *, facilitating: bool
) -> BannerText:
    """What the banner says about `meeting` as `view` sees it now."""
    if meeting.ended_at is not None:
        return BannerText(
            _("The meeting ended at {time}.").format(time=clock_text(meeting.ended_at, timezone)),
            "done",
        )
    if meeting.state is MeetingState.PAUSED and meeting.pauses:
        start = meeting.pauses[-1].start
        return BannerText(
            _("Break since {time}, {minutes} min so far — the item clocks are stopped.").format(
                time=clock_text(start, timezone),
                minutes=minutes_text(max(view.now - start, timedelta(0))),
            ),
            "paused",
            (("space", _("Resume")),) if facilitating else (),
        )
    if view.box_over:
        return BannerText(
            _(
                "The three hours are up. Press x to end the meeting; "
                "what is left is deferred to the next one."
            )
            if facilitating
            else _("The three hours are up."),
            "over",
        )
    if view.not_fitting and meeting.current_item is not None:
        # The footer's words for the same keys: one name for one thing.
        way_out = (("r", _("Rebalance")), ("f", _("Defer")))
        return BannerText(late_text(meeting, view), "late", way_out if facilitating else ())
    if meeting.current_item is None:
        return BannerText(
            _("Every item is done or deferred. Press x to end the meeting.")
            if facilitating
            else _("Every item is done or deferred."),
            "done",
        )
    return BannerText()


def late_text(meeting: Meeting, view: BoxView) -> str:
    """What no longer fits at this pace, in words."""
    titles = [single_line(meeting.items[i].title) for i in sorted(view.not_fitting)]
    names = (
        _("{first} and {last}").format(first=", ".join(titles[:-1]), last=titles[-1])
        if len(titles) > 1
        else titles[0]
    )
    # Whole minutes, as the projected end counts them: the two figures agree.
    over = minutes_late(view)
    return ngettext(
        "At this pace {items} does not fit: {minutes} min over the box.",
        "At this pace {items} do not fit: {minutes} min over the box.",
        len(titles),
    ).format(items=names, minutes=over)
