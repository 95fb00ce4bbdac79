"""How the screens write times, durations and people's text.

Pure functions from domain values to display strings, shared by the widgets so the
countdown, the box and the agenda agree on rounding. No time arithmetic beyond
turning a duration into digits: what the durations *are* comes from `timebox`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo

from rich.cells import cell_len
from rich.text import Text

from roundtable.domain.config import ItemKind, Role, TeamConfig
from roundtable.domain.l10n import format_date, format_time
from roundtable.domain.meeting import ItemState
from roundtable.domain.text import single_line
from roundtable.i18n import _

__all__ = [
    "clock_text",
    "countdown_text",
    "date_width",
    "duration_text",
    "item_state_text",
    "kind_text",
    "literal",
    "minutes_text",
    "owner_text",
    "role_line",
]


def _split(seconds: int) -> tuple[int, int, int]:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return hours, minutes, secs


def countdown_text(remaining: timedelta) -> str:
    """`12:34` while time is left, `+03:12` while overrunning; hours only when needed.

    Whole seconds are cut, not rounded, so the display changes once a second and
    reaches `00:00` exactly when the plan is used up.
    """
    overrun = remaining < timedelta(0)
    seconds = int(abs(remaining).total_seconds())
    hours, minutes, secs = _split(seconds)
    body = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
    return f"+{body}" if overrun else body


def duration_text(duration: timedelta) -> str:
    """A duration as `h:mm` (whole minutes, cut), with a leading `-` when negative.

    Cut toward zero on both sides, so the first minute past zero reads `0:00` as the
    last one before it does: the box shows no `-0:00` for the minute after it ran out."""
    seconds = int(abs(duration).total_seconds())
    sign = "-" if duration < timedelta(0) and seconds >= 60 else ""
    hours, minutes, _secs = _split(seconds)
    return f"{sign}{hours}:{minutes:02d}"


def minutes_text(duration: timedelta) -> str:
    """Whole minutes of `duration` (cut), as the agenda table shows them."""
    return str(int(duration.total_seconds() // 60))


def clock_text(moment: datetime, timezone: tzinfo | None) -> str:
    """`HH:MM` on the room's wall clock (`timezone`, or the machine's local time)."""
    return format_time(moment.astimezone(timezone))


def date_width() -> int:
    """The widest date `l10n.format_date` writes in the current language (10 for
    `22.11.2026`, 12 for `Nov 22, 2026`), for a date column that never clips one."""
    return max(cell_len(format_date(date(2026, month, 28))) for month in range(1, 13))


def literal(text: str, style: str = "") -> Text:
    """Anyone's typed text as a Rich `Text`: never parsed as markup, controls made
    visible, folded onto one line."""
    return Text(single_line(text), style=style, end="")


def kind_text(kind: ItemKind) -> str:
    """The item kind in words."""
    return {
        ItemKind.REPORT: _("report"),
        ItemKind.DISCUSSION: _("discussion"),
        ItemKind.DECISION: _("decision"),
    }[kind]


def item_state_text(state: ItemState, is_next: bool) -> str:
    """An agenda row's state in words; the first pending item after the current is `next`."""
    if state is ItemState.PENDING and is_next:
        return _("next")
    return {
        ItemState.PENDING: _("pending"),
        ItemState.RUNNING: _("running"),
        ItemState.DONE: _("done"),
        ItemState.DEFERRED: _("deferred"),
    }[state]


def role_line(role: Role | None, role_id: str) -> str:
    """`Sales controlling · Sabine Krüger, Jan Vogel` (or the bare id of an unknown role)."""
    if role is None:
        return single_line(role_id)
    holders = ", ".join(role.holders)
    title = single_line(role.title)
    return f"{title} · {single_line(holders)}" if holders else title


def owner_text(owner: str | None, roles: Sequence[Role] | TeamConfig) -> str:
    """An action item's owner: a role id shown as the role's title, a name as it is."""
    if owner is None:
        return _("nobody yet")
    all_roles = roles.roles if isinstance(roles, TeamConfig) else roles
    for role in all_roles:
        if role.id == owner:
            return single_line(role.title)
    return single_line(owner)
