"""Choosing a campaign's owner: a role, picked with type-ahead from the roles the
managers committed (a role's id or title, or the name of a person holding one role)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType

from roundtable.domain.config import Role
from roundtable.errors import UsageError
from roundtable.i18n import _
from roundtable.ui.screens.forms.form_base import SafeInput, safe_line

__all__ = ["OwnerField", "RoleChoice", "campaign_owner", "role_choices"]


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


def campaign_owner(text: str, roles: Sequence[Role], keep: str | None = None) -> str:
    """The role id to store as the owner for what was typed: a role's id or title, or
    the name of a person holding exactly one role. `keep` (the owner of a campaign being
    edited) stays allowed when no role has that id any more. Else `UsageError`."""
    typed = " ".join(text.split())
    if not typed:
        raise UsageError(_("Say which role runs the campaign."))
    wanted = typed.casefold()
    for role in roles:
        if wanted in (role.id.casefold(), " ".join(role.title.split()).casefold()):
            return role.id
    holding = [
        role.id
        for role in roles
        if any(" ".join(holder.split()).casefold() == wanted for holder in role.holders)
    ]
    if len(holding) == 1:
        return holding[0]
    if holding:
        raise UsageError(
            _("{person} holds several roles ({roles}); pick the one that runs it.").format(
                person=typed, roles=", ".join(holding)
            )
        )
    if keep is not None and typed == " ".join(safe_line(keep).split()):
        return keep
    raise UsageError(
        _("“{owner}” is not a role of the team. Pick one from the list.").format(owner=typed)
    )


class OwnerField(SafeInput):
    """The owner field: Down moves into the list of roles."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "screen.focus_owner_list", _("Choose owner"), show=False),
    ]
