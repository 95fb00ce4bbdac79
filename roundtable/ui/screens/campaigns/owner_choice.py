"""Choosing a campaign's owner: a role, picked with type-ahead from the roles the
managers committed. What a typed owner means is `domain.owners.match_owner`'s to say."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType

from roundtable.domain.config import Role
from roundtable.i18n import N_
from roundtable.ui.screens.forms.form_base import SafeInput, safe_line

__all__ = ["OwnerField", "RoleChoice", "role_choices"]


@dataclass(frozen=True)
class RoleChoice:
    """One entry of the owner list: a role, with its title and holders to match."""

    role_id: str
    label: Text
    search: str
    """Case-folded id, title and holders, for the type-ahead."""


def role_choices(roles: Sequence[Role]) -> list[RoleChoice]:
    """One entry per role: its id in bold, then its title and holders dimmer."""
    ids = [safe_line(role.id) for role in roles]
    width = max((cell_len(role_id) for role_id in ids), default=0) + 2
    choices = []
    for role, role_id in zip(roles, ids, strict=True):
        title = safe_line(role.title)
        holders = ", ".join(safe_line(holder) for holder in role.holders)
        detail = f"{title} · {holders}" if holders else title
        label = Text.assemble((role_id, "bold"), " " * (width - cell_len(role_id)), (detail, "dim"))
        search = f"{role_id} {title} {holders}".casefold()
        choices.append(RoleChoice(role.id, label, search))
    return choices


class OwnerField(SafeInput):
    """The owner field: Down moves into the list of roles."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "screen.focus_owner_list", N_("Choose owner"), show=False),
    ]
