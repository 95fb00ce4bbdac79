"""The meeting offers the roles screen when the agenda item that sets the roles starts
(the constituting meeting's "Roles and players")."""

from __future__ import annotations

from typing import Protocol

from textual.notifications import SeverityLevel

from roundtable.domain.meeting import Meeting
from roundtable.domain.roles_committed import is_roles_item
from roundtable.i18n import _

__all__ = ["offer_roles"]


class _Notifies(Protocol):
    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...


def offer_roles(screen: _Notifies, meeting: Meeting) -> None:
    """If the current item is where the roles are set, say which key shows them."""
    item = meeting.current_item
    if item is None or not is_roles_item(item.title):
        return
    screen.notify(
        _(
            "w shows the roles and players for everyone to read; c there records that "
            "the managers committed them."
        ),
        title=_("Roles and players"),
        timeout=20,
        markup=False,
    )
