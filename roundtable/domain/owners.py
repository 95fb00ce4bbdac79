"""Who a typed owner means: a role or a person, decided once for the CLI and the forms.

An action item's owner is a role id (`sales-controlling`) or a person's name
(`Jana Becker`); a campaign's owner is a role. People type less: `jana`, `becker`,
`sales-c`, `Sales Cont`. `match_owner` finds the one role or person that means and,
when it means nobody or several, says so in the words of where it was typed
(`OwnerUse`): `roundtable actions --owner`, the action item form and the campaign form
all call it and show its message. `resolve_owner` turns the match into every owner
string that means the same: the role id and its holders' names for a role; the name
and the ids of the roles held for a person.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Sequence
from enum import Enum
from typing import NamedTuple

from roundtable.domain.config import Role
from roundtable.domain.text import single_line
from roundtable.errors import UsageError
from roundtable.i18n import N_, _

__all__ = ["OwnerMatch", "OwnerUse", "match_owner", "resolve_owner"]


class OwnerUse(Enum):
    """Where an owner was typed: what it may be, and the words when it is not."""

    LISTING = "listing"
    """`--owner`: whose action items to list; a role or a person."""
    ACTION_ITEM = "action item"
    """The action item form: who is to do it; a role or a person."""
    CAMPAIGN = "campaign"
    """The campaign form: which role runs it; a role, or the one a person holds."""


_NOTHING_TYPED = {
    OwnerUse.LISTING: N_("Say whose action items to list, e.g. --owner sales."),
    OwnerUse.ACTION_ITEM: N_("Say who is to do it, or leave the owner empty."),
    OwnerUse.CAMPAIGN: N_("Say which role runs the campaign."),
}


class OwnerMatch(NamedTuple):
    """The one role or person a typed owner means (a named tuple, like `_Candidate`)."""

    label: str
    """How it reads: the role id, or the person's name."""
    role: Role | None
    """The role, when a role was meant (by its id or title; for a campaign, also by
    the name of the one person holding it)."""
    person: str | None
    """The person's name, when a person was meant (a holder, or an owner of stored items)."""
    owners: frozenset[str]
    """Every owner string that means the same: a role's id and holders, or a person's
    name and the ids of the roles they hold."""

    @property
    def stored(self) -> str:
        """What to store as the owner: the role id, or the person's name."""
        return self.role.id if self.role is not None else self.label


class _Candidate(NamedTuple):
    """A role or a person `who` may mean, and the owner strings it stands for (a named
    tuple: every `roundtable actions --owner` defines it, and a frozen dataclass takes
    several times as long to create)."""

    label: str
    role: Role | None
    held: tuple[Role, ...]
    """The roles it stands for: the role itself, or the roles a person holds."""
    owners: frozenset[str]
    exact: frozenset[str]
    """Keys that count as a full match (role id, title, full name)."""
    parts: frozenset[str]
    """Keys that count as a name match (first or last name)."""

    def match_keys(self) -> frozenset[str]:
        return self.exact | self.parts


def _folded(text: str) -> str:
    """`text` as it is compared: spaces folded, case folded (`ß` is `ss`), and umlauts
    composed, so `Mu\u0308ller` pasted from another program is `Müller`."""
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


def _candidates(roles: Sequence[Role], known_owners: Collection[str]) -> list[_Candidate]:
    candidates: list[_Candidate] = []
    held: dict[str, list[Role]] = {}
    for role in roles:
        for holder in role.holders:
            held.setdefault(holder, []).append(role)
        candidates.append(
            _Candidate(
                label=role.id,
                role=role,
                held=(role,),
                owners=frozenset({role.id, *role.holders}),
                exact=frozenset({_folded(role.id), _folded(role.title)}),
                parts=frozenset(),
            )
        )
    taken = {_folded(role.id) for role in roles} | {_folded(name) for name in held}
    extra: dict[str, str] = {}
    for owner in sorted(known_owners):
        folded = _folded(owner)
        if folded and folded not in taken:
            extra.setdefault(folded, owner)
    for name in [*held, *extra.values()]:
        roles_held = tuple(held.get(name, ()))
        candidates.append(
            _Candidate(
                label=name,
                role=None,
                held=roles_held,
                owners=frozenset({name, *(role.id for role in roles_held)}),
                exact=frozenset({_folded(name)}),
                parts=frozenset(_folded(part) for part in name.split()),
            )
        )
    return candidates


def match_owner(
    who: str,
    roles: Sequence[Role],
    known_owners: Collection[str] = (),
    *,
    use: OwnerUse = OwnerUse.LISTING,
    keep: str | None = None,
) -> OwnerMatch:
    """The one role or person WHO means; `UsageError` in `use`'s words if it matches
    nobody or several.

    WHO matches, case-insensitively and with spaces folded: a role's id or title or a
    holder's full name exactly; else a first or last name exactly; else as the unique
    start of an id, a title, a full name or a first or last name. So `sales` is the
    role `sales` even where `sales-marketing` exists, and `Jana` is Jana Becker while
    she is the only Jana. `known_owners` (owners named on stored items) count as people
    too, so someone no longer in the roles file is still found. `keep` (the owner of
    the item being edited, which may have left the roles file) counts when typed in
    full. For a campaign a person stands for the one role they hold.

    An action item's empty owner field means nobody yet: the form decides that before
    asking here.
    """
    typed = _folded(who)
    shown = " ".join(who.split())
    if not typed:
        raise UsageError(_(_NOTHING_TYPED[use]))
    candidates = _candidates(roles, known_owners)
    exact = [c for c in candidates if typed in c.exact]
    if not exact and keep is not None and typed in _kept_keys(keep):
        return OwnerMatch(keep, None, None, frozenset({keep}))
    tiers = (
        exact,
        [c for c in candidates if typed in c.parts],
        [c for c in candidates if any(key.startswith(typed) for key in c.match_keys())],
    )
    for matches in tiers:
        if not matches:
            continue
        if use is OwnerUse.CAMPAIGN:
            return _running_role(shown, matches)
        if len(matches) > 1:
            raise _several(shown, matches)
        found = matches[0]
        person = None if found.role is not None else found.label
        return OwnerMatch(found.label, found.role, person, found.owners)
    if use is OwnerUse.ACTION_ITEM:
        message = _(
            "“{owner}” holds no role. Pick a role or a person from the list, "
            "or leave the owner empty."
        )
        raise UsageError(message.format(owner=shown))
    if use is OwnerUse.CAMPAIGN:
        raise _not_a_role(shown)
    known = sorted(c.label for c in candidates)
    raise UsageError(
        _("No role or person matches {who!r}. Known: {known}.").format(
            who=who.strip(), known=", ".join(known) if known else _("none")
        )
    )


def _kept_keys(keep: str) -> set[str]:
    """`keep` as stored, and as a form's one-line field shows it (controls visible)."""
    return {_folded(keep), _folded(single_line(keep.replace("\r", "\n")))}


def _running_role(shown: str, matches: Sequence[_Candidate]) -> OwnerMatch:
    """The role that runs a campaign for what matched: several matches are fine while
    they all mean one role (a role and its only holder)."""
    held = {role.id: role for c in matches for role in c.held}
    if len(matches) > 1 and len(held) != 1:
        raise _several(shown, matches)
    if not held:
        raise _not_a_role(shown)
    if len(held) > 1:
        raise UsageError(
            _("{person} holds several roles ({roles}); pick the one that runs it.").format(
                person=matches[0].label, roles=", ".join(held)
            )
        )
    (role,) = held.values()
    people = [c.label for c in matches if c.role is None]
    person = people[0] if len(people) == 1 else None
    return OwnerMatch(role.id, role, person, frozenset({role.id, *role.holders}))


def _not_a_role(shown: str) -> UsageError:
    message = _("“{owner}” is not a role of the team. Pick one from the list.")
    return UsageError(message.format(owner=shown))


def _several(shown: str, matches: Sequence[_Candidate]) -> UsageError:
    return UsageError(
        _("{who!r} could mean {candidates}; type more of the name or the role id.").format(
            who=shown, candidates=", ".join(sorted(c.label for c in matches))
        )
    )


def resolve_owner(
    who: str, roles: Sequence[Role], known_owners: Collection[str] = ()
) -> frozenset[str]:
    """The owner strings WHO stands for (see `match_owner`); `UsageError` if it matches
    nobody or several."""
    return match_owner(who, roles, known_owners).owners
