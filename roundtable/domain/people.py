"""Who an action item's owner is, in people: a role stands for its holders.

An owner is a role id (`dialog-marketing`) or a person's name. Screens, tables and mail
show a role by its title, as the app does, and a reminder goes to the people who hold it.
"""

from __future__ import annotations

from collections.abc import Sequence

from roundtable.domain.config import Role
from roundtable.domain.text import single_line
from roundtable.i18n import _

__all__ = ["owner_title", "people_of"]


def owner_title(owner: str | None, roles: Sequence[Role]) -> str:
    """The owner as people read it: a role's title, a name as written, or "nobody yet"."""
    if owner is None:
        return _("nobody yet")
    role = next((role for role in roles if role.id == owner), None)
    return single_line(role.title if role is not None else owner)


def people_of(owner: str | None, roles: Sequence[Role]) -> tuple[str, ...]:
    """The people who answer for an item of `owner`: a role's holders, or the person
    named; nobody for an item without owner."""
    if owner is None or not owner.strip():
        return ()
    role = next((role for role in roles if role.id == owner), None)
    if role is not None:
        return role.holders
    return (" ".join(owner.split()),)
