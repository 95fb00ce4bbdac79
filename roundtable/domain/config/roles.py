"""A role as the rest of the program sees it: who holds it and what it answers for,
already checked (see `roundtable.domain.config.load`).

Its own module, apart from the agendas' model: the commands that read only roles
(`roundtable actions --owner`, the remembered roles) should not build the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["ROLES_FILE", "Role", "is_role_id"]

ROLES_FILE = "roles.yaml"

# As text, compiled (and cached by `re`) when a role id is first checked: not at import,
# which every command and the meeting screen's first frame wait for.
_ROLE_ID = r"(?a)[a-z0-9]+(?:-[a-z0-9]+)*"


@dataclass(frozen=True)
class Role:
    """Who is responsible for what, as the managers committed it."""

    id: str
    title: str
    department: str
    holders: tuple[str, ...]
    responsibilities: tuple[str, ...] = ()
    committed_by: str | None = None
    committed_on: date | None = None
    signs_off: bool = False
    """Its holders sign off (or reject) budget agreements that need management."""


def is_role_id(text: str) -> bool:
    """True if `text` is written like a role id: lowercase letters, digits, single dashes."""
    return re.fullmatch(_ROLE_ID, text) is not None
