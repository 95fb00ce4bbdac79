"""`Store` methods for the approval of the previous minutes: kept as an event of the
meeting in which it was said (`roundtable.domain.approval`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roundtable.domain.history import EntryKind, EventKind
from roundtable.errors import NotFoundError, UsageError
from roundtable.i18n import _
from roundtable.store.opened import OpenStore

if TYPE_CHECKING:
    from roundtable.domain.approval import MinutesApproval
    from roundtable.domain.meeting import Meeting

__all__ = ["ApprovalMethods"]


class ApprovalMethods(OpenStore):
    """Approving the last minutes in the running meeting, and reading it back."""

    def approve_minutes(self, meeting_id: int, correction: str = "") -> MinutesApproval:
        """Record in the running meeting `meeting_id` that the previous meeting's minutes
        were approved (with `correction`, if given). Saying it again replaces it. Raises
        `NotFoundError` for an unknown meeting, `UsageError` when it is not running or
        has no previous meeting."""
        # Imported here: a command that only lists never reads an approval.
        from roundtable.domain.approval import MinutesApproval, approval_doc

        with self.transaction():
            meeting = self._meetings.get(meeting_id)
            if meeting.ended_at is not None:
                raise UsageError(
                    _("Meeting {number} has ended: its record can no longer change.").format(
                        number=meeting.number
                    )
                )
            try:
                previous: Meeting | None = self._meetings.by_number(meeting.number - 1)
            except NotFoundError:
                previous = None
            if previous is None or previous.id is None:
                raise UsageError(
                    _("Meeting {number} is the first: there are no earlier minutes.").format(
                        number=meeting.number
                    )
                )
            correction = " ".join(correction.split())
            event = self._log(
                EventKind.APPROVED,
                EntryKind.MINUTES,
                previous.id,
                None,
                approval_doc(meeting_id, previous.id, previous.number, correction),
                correction,
            )
            return MinutesApproval(
                meeting_id, previous.id, previous.number, correction, event.moment, event.by
            )

    def minutes_approval(self, meeting_id: int) -> MinutesApproval | None:
        """What meeting `meeting_id` said about the previous minutes, or None."""
        from roundtable.domain.approval import approval_in

        with self.reading():
            log = self._events
            return approval_in(
                (
                    event
                    for key in log.entries_of_meeting(meeting_id)
                    for event in log.of_entry(*key)
                ),
                meeting_id,
            )
