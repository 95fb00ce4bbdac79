"""What the end of a meeting leaves behind: its minutes, written beside the store.

When the facilitator ends a meeting the room sees a short summary and the minutes, and
the minutes are written (atomically) to `minutes/meeting-NNN.md` in the store's folder,
so nobody has to remember an export. Past meetings open the same way, read-only and
written nowhere. Runs on the store thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta, tzinfo
from pathlib import Path

from roundtable.domain.config import TeamConfig
from roundtable.domain.export import write_minutes
from roundtable.domain.minutes import gather_minutes, render_minutes
from roundtable.errors import RoundtableError
from roundtable.i18n import _, ngettext
from roundtable.store.store import Store
from roundtable.ui.format import duration_text

__all__ = [
    "MINUTES_FOLDER",
    "Ended",
    "meeting_minutes",
    "minutes_path",
    "summary_text",
    "write_ended",
]

MINUTES_FOLDER = "minutes"
"""The folder beside the store where ended meetings' minutes are written."""


@dataclass(frozen=True)
class Ended:
    """A meeting's minutes as the room sees them when it ends or is opened later."""

    number: int
    markdown: str
    path: Path | None
    """Where the minutes were written; None when they were not."""
    problem: str = ""
    """Why they were not written, in words; empty when they were (or were not to be)."""


def minutes_path(store: Store, number: int) -> Path:
    """Where the minutes of meeting `number` are written."""
    return Path(store.path).parent / MINUTES_FOLDER / f"meeting-{number:03d}.md"


def meeting_minutes(
    store: Store, meeting_id: int, config: TeamConfig, timezone: tzinfo | None
) -> Ended:
    """The minutes of a meeting, to read (store thread)."""
    data = gather_minutes(store, meeting_id, config, timezone=timezone)
    number = store.meeting(meeting_id).number
    return Ended(number, render_minutes(data), None)


def write_ended(
    store: Store, meeting_id: int, config: TeamConfig, timezone: tzinfo | None
) -> Ended:
    """The minutes of a meeting that just ended, written beside the store (store
    thread). A folder or disk that refuses them leaves the minutes on screen and says
    why; `roundtable export` can write them later."""
    minutes = meeting_minutes(store, meeting_id, config, timezone)
    path = minutes_path(store, minutes.number)
    try:
        path.parent.mkdir(mode=0o700, exist_ok=True)
        write_minutes(path, minutes.markdown)
    except (OSError, RoundtableError) as error:
        reason = error.message if isinstance(error, RoundtableError) else str(error)
        return Ended(minutes.number, minutes.markdown, None, reason)
    return Ended(minutes.number, minutes.markdown, path)


def summary_text(took: timedelta, decisions: int, actions: int, budgets: int) -> str:
    """One line on what the meeting did, for the room as it ends."""
    parts = [
        ngettext("{count} decision", "{count} decisions", decisions).format(count=decisions),
        ngettext("{count} action item", "{count} action items", actions).format(count=actions),
        ngettext("{count} budget agreement", "{count} budget agreements", budgets).format(
            count=budgets
        ),
    ]
    return _("The meeting took {duration}: {entries}.").format(
        duration=duration_text(took), entries=", ".join(parts)
    )
