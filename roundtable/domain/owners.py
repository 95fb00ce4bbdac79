"""Who owns an action item: a typed name or role id, resolved against the roles.

An action item's owner is a role id (`sales-controlling`) or a person's name
(`Jana Becker`). People type less: `jana`, `becker`, `sales-c`, `Sales Cont`.
`match_owner` finds the one role or person that means (the CLI, the forms and the
tests all decide it there); `resolve_owner` turns it into every owner string that
means the same: the role id and its holders' names for a role; the name and the ids
of the roles held for a person.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from roundtable.domain.config import Role
from roundtable.errors import UsageError
from roundtable.i18n import _

__all__ = ["OwnerMatch", "match_owner", "resolve_owner"]


@dataclass(frozen=True)
class OwnerMatch:
    """The one role or person a typed owner means."""

    label: str
    """How it reads: the role id, or the person's name."""
    role: Role | None
    """The role, when a role was meant (by its id or title)."""
    person: str | None
    """The person's name, when a person was meant (a holder, or an owner of stored items)."""
    owners: frozenset[str]
    """Every owner string that means the same: a role's id and holders, or a person's
    name and the ids of the roles they hold."""

    @property
    def stored(self) -> str:
        """What to store as the owner: the role id, or the person's name."""
        return self.role.id if self.role is not None else self.label


@dataclass(frozen=True)
class _Candidate:
    """A role or a person `who` may mean, and the owner strings it stands for."""

    label: str
    role: Role | None
    owners: frozenset[str]
    exact: frozenset[str]
    """Keys that count as a full match (role id, full name)."""
    parts: frozenset[str]
    """Keys that count as a name match (first or last name)."""

    def match_keys(self) -> frozenset[str]:
        return self.exact | self.parts


def _candidates(roles: Sequence[Role], known_owners: Collection[str]) -> list[_Candidate]:
    candidates: list[_Candidate] = []
    held: dict[str, list[str]] = {}
    for role in roles:
        for holder in role.holders:
            held.setdefault(holder, []).append(role.id)
        candidates.append(
            _Candidate(
                label=role.id,
                role=role,
                owners=frozenset({role.id, *role.holders}),
                exact=frozenset({role.id.casefold(), " ".join(role.title.split()).casefold()}),
                parts=frozenset(),
            )
        )
    taken = {role.id.casefold() for role in roles} | {name.casefold() for name in held}
    extra: dict[str, str] = {}
    for owner in sorted(known_owners):
        folded = " ".join(owner.split()).casefold()
        if folded and folded not in taken:
            extra.setdefault(folded, owner)
    people = list(held) + list(extra.values())
    for name in people:
        candidates.append(
            _Candidate(
                label=name,
                role=None,
                owners=frozenset({name, *held.get(name, ())}),
                exact=frozenset({name.casefold()}),
                parts=frozenset(part.casefold() for part in name.split()),
            )
        )
    return candidates


def match_owner(who: str, roles: Sequence[Role], known_owners: Collection[str] = ()) -> OwnerMatch:
    """The one role or person WHO means; `UsageError` if it matches nobody or several.

    WHO matches, case-insensitively and with spaces folded: a role's id or title or a
    holder's full name exactly; else a first or last name exactly; else as the unique
    start of an id, a title, a full name or a first or last name. `known_owners`
    (owners named on stored items) count as people too, so someone no longer in the
    roles file is still found.
    """
    typed = " ".join(who.split()).casefold()
    if not typed:
        raise UsageError(_("Say whose action items to list, e.g. --owner sales."))
    candidates = _candidates(roles, known_owners)
    tiers = (
        [c for c in candidates if typed in c.exact],
        [c for c in candidates if typed in c.parts],
        [c for c in candidates if any(key.startswith(typed) for key in c.match_keys())],
    )
    for matches in tiers:
        if len(matches) == 1:
            found = matches[0]
            person = None if found.role is not None else found.label
            return OwnerMatch(found.label, found.role, person, found.owners)
        if matches:
            raise UsageError(
                _("{who!r} could mean {candidates}; type more of the name or the role id.").format(
                    who=who.strip(), candidates=", ".join(sorted(c.label for c in matches))
                )
            )
    known = sorted(c.label for c in candidates)
    raise UsageError(
        _("No role or person matches {who!r}. Known: {known}.").format(
            who=who.strip(), known=", ".join(known) if known else _("none")
        )
    )


def resolve_owner(
    who: str, roles: Sequence[Role], known_owners: Collection[str] = ()
) -> frozenset[str]:
    """The owner strings WHO stands for (see `match_owner`); `UsageError` if it matches
    nobody or several."""
    return match_owner(who, roles, known_owners).owners
