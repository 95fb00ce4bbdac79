"""Who owns an action item: a typed name or role id, resolved against the roles.

An action item's owner is a role id (`sales-controlling`) or a person's name
(`Jana Becker`). People type less: `jana`, `becker`, `sales-c`. `resolve_owner` turns
that into every owner string that means the same: the role id and its holders' names
for a role; the name and the ids of the roles held for a person.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from roundtable.domain.config import Role
from roundtable.errors import UsageError
from roundtable.i18n import _

__all__ = ["resolve_owner"]


@dataclass(frozen=True)
class _Candidate:
    """A role or a person `who` may mean, and the owner strings it stands for."""

    label: str
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
                owners=frozenset({role.id, *role.holders}),
                exact=frozenset({role.id.casefold()}),
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
                owners=frozenset({name, *held.get(name, ())}),
                exact=frozenset({name.casefold()}),
                parts=frozenset(part.casefold() for part in name.split()),
            )
        )
    return candidates


def resolve_owner(
    who: str, roles: Sequence[Role], known_owners: Collection[str] = ()
) -> frozenset[str]:
    """The owner strings WHO stands for; `UsageError` if it matches nobody or several.

    WHO matches a role id or a holder's name, case-insensitively: exactly, else a first
    or last name exactly, else as the unique prefix of an id, a full name or a first or
    last name. `known_owners` (owners named on stored action items) count as people
    too, so items of someone no longer in the roles file can still be listed.
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
            return matches[0].owners
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
