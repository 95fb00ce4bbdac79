"""Who chairs a meeting and who writes its minutes: the agenda names a role for each
(`facilitator:`, `minute_taker:`), the meeting gets a person.

The person is the first holder of that role who is present. A holder who is absent or
excused cannot have chaired the meeting, so the minutes must not say so: when no holder
is present, the minutes name nobody rather than someone who was not in the room.
"""

from __future__ import annotations

from collections.abc import Sequence

from roundtable.domain.config import TeamConfig
from roundtable.domain.meeting import Attendee

__all__ = ["present_holder"]


def present_holder(config: TeamConfig, role_id: str | None, attendees: Sequence[Attendee]) -> str:
    """The first holder of `role_id` who is present, or "" (no role, nobody there)."""
    role = config.role(role_id) if role_id else None
    if role is None:
        return ""
    present = {attendee.name for attendee in attendees if attendee.present}
    return next((name for name in role.holders if name in present), "")
