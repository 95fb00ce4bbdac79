"""`match_owner`: the one place that decides which role or person a typed owner means."""

from __future__ import annotations

import pytest

from roundtable.domain.config import Role
from roundtable.domain.owners import match_owner, resolve_owner
from roundtable.errors import UsageError

ROLES = (
    Role("sales-marketing", "Sales Marketing", "marketing", ("Katrin Vogel",)),
    Role("sales-controlling", "Sales Controlling", "controlling", ("Jana Becker",)),
    Role("dialog-marketing", "Dialogue Marketing", "marketing", ("Jana Richter", "Tom Lenz")),
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("sales-controlling", "sales-controlling"),
        ("Sales  Controlling", "sales-controlling"),  # the title, spaces folded
        ("sales c", "sales-controlling"),  # the start of a title
        ("dialogue", "dialog-marketing"),  # the start of a title only
        ("sales-m", "sales-marketing"),  # the start of an id
        ("katrin", "Katrin Vogel"),  # a first name
        ("LENZ", "Tom Lenz"),  # a last name, any case
        ("Jana R", "Jana Richter"),  # the start of a full name
    ],
)
def test_a_unique_start_of_an_id_title_or_name_is_enough(typed: str, stored: str) -> None:
    assert match_owner(typed, ROLES).stored == stored


def test_a_role_stands_for_its_holders_and_a_person_for_their_roles() -> None:
    role = match_owner("Dialogue Marketing", ROLES)
    assert role.role is ROLES[2] and role.person is None
    assert role.owners == {"dialog-marketing", "Jana Richter", "Tom Lenz"}
    person = match_owner("tom", ROLES)
    assert (person.role, person.person) == (None, "Tom Lenz")
    assert person.owners == {"Tom Lenz", "dialog-marketing"}
    assert resolve_owner("tom", ROLES) == person.owners


def test_several_or_none_is_a_usage_error_naming_them() -> None:
    with pytest.raises(UsageError, match="could mean Jana Becker, Jana Richter"):
        match_owner("jana", ROLES)
    with pytest.raises(UsageError, match="could mean sales-controlling, sales-marketing"):
        match_owner("sales", ROLES)
    with pytest.raises(UsageError, match="No role or person matches 'zoe'"):
        match_owner("zoe", ROLES)


def test_owners_of_stored_items_count_as_people() -> None:
    found = match_owner("klaus", ROLES, {"Klaus Weber", "sales-marketing"})
    assert (found.person, found.owners) == ("Klaus Weber", {"Klaus Weber"})
