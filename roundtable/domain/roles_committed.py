"""Roles and players: who is responsible for what, and the managers' commitment of it.

The constituting meeting goes through the roles of the roles file and the managers
commit them. That commitment is recorded in the meeting's log as a dated note under the
agenda item where it was made, in words that name every role and its holders as they
were committed, so the minutes of that meeting say it (under that item, "Note: …") and
keep saying it after the roles file changes. A note is the record the minutes already
show, correct (edit) and amend, so the commitment needs no record kind of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from roundtable.domain.config import Role
from roundtable.domain.entries import Note
from roundtable.domain.l10n import format_date
from roundtable.domain.text import single_line
from roundtable.i18n import _
from roundtable.store.store import Store

__all__ = ["commitment_text", "is_roles_item", "record_roles_committed"]

# Words in an agenda item's title that make it the one where the roles are set.
_ROLE_WORDS = ("role", "roles", "rolle", "rollen")
_SEPARATORS = re.compile(r",|;|\s+(?:and|und|&)\s+")


def is_roles_item(title: str) -> bool:
    """True for the agenda item where the roles are set ("Roles and players", "Rollen
    und Beteiligte"): the one that offers the roles screen."""
    words = "".join(c if c.isalnum() else " " for c in title.casefold()).split()
    return any(word in _ROLE_WORDS for word in words)


def _committers(roles: Sequence[Role]) -> list[str]:
    """Everyone who committed a role, once each, in the order the roles file names them
    (`committed_by` may name several: `Dr. Martin Keller, Sabine Brandt`)."""
    names: list[str] = []
    for role in roles:
        for name in _SEPARATORS.split(single_line(role.committed_by or "")):
            if name.strip() and name.strip() not in names:
                names.append(name.strip())
    return names


def commitment_text(roles: Sequence[Role], day: date) -> str:
    """The note that records the roles as committed on `day`: every role with its
    holders, and who committed them."""
    lines = [
        _("{role}: {holders}").format(
            role=single_line(role.title),
            holders=", ".join(single_line(h) for h in role.holders) or _("nobody yet"),
        )
        for role in roles
    ]
    committers = _committers(roles)
    if committers:
        head = _("Roles committed on {date} by {names}:").format(
            date=format_date(day), names=", ".join(committers)
        )
    else:
        head = _("Roles committed on {date}:").format(date=format_date(day))
    return "\n".join([head, *lines])


def record_roles_committed(
    store: Store, meeting_id: int, item_index: int, roles: Sequence[Role], day: date
) -> Note:
    """Record in the meeting's log, under the item, that the roles were committed."""
    return store.add_note(meeting_id, item_index, commitment_text(roles, day))
