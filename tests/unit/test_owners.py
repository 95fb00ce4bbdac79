"""`match_owner`: the one place that decides which role or person a typed owner means."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from roundtable.domain.config import Role
from roundtable.domain.owners import OwnerUse, match_owner, resolve_owner
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


# --- known answers, and the words of each place an owner is typed -----------------------

TEAM = (
    Role("sales", "Sales", "sales", ("Thomas Müller",)),
    Role("sales-marketing", "Sales Marketing", "marketing", ("Jana Becker",)),
    Role("controlling", "Sales Controlling", "controlling", ("Jürgen Weber", "Jana Becker")),
    Role("dialog-marketing", "Dialog Marketing", "marketing", ("Lena Strauß",)),
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Jan", "Jana Becker"),  # the start of a person's first name
        ("Dialog M", "dialog-marketing"),  # the start of a role's title
        ("sales", "sales"),  # exact, though the start of two other ids and titles too
        ("Sales", "sales"),  # the title, exact, is the same role
        ("SALES CONTROLLING", "controlling"),  # any case
        ("jürgen", "Jürgen Weber"),
        ("JÜRG", "Jürgen Weber"),  # umlauts fold case too
        ("Ju\u0308rgen Weber", "Jürgen Weber"),  # a decomposed ü, as some programs paste it
        ("strauss", "Lena Strauß"),  # ß folds to ss
        ("müller", "Thomas Müller"),
    ],
)
def test_known_answers(typed: str, stored: str) -> None:
    for use in OwnerUse:
        if use is not OwnerUse.CAMPAIGN:
            assert match_owner(typed, TEAM, use=use).stored == stored


def test_an_ambiguous_start_names_every_candidate() -> None:
    for use in OwnerUse:
        with pytest.raises(
            UsageError, match="'sal' could mean controlling, sales, sales-marketing"
        ):
            match_owner("sal", TEAM, use=use)
        with pytest.raises(UsageError, match="'J' could mean Jana Becker, Jürgen Weber"):
            match_owner("J", TEAM, use=use)


def test_nothing_and_nobody_are_said_in_the_words_of_where_they_were_typed() -> None:
    for use, empty, nobody in [
        (OwnerUse.LISTING, "Say whose action items to list", "No role or person matches 'Petra'"),
        (OwnerUse.ACTION_ITEM, "Say who is to do it", "“Petra” holds no role. Pick a role or a"),
        (OwnerUse.CAMPAIGN, "Say which role runs", "“Petra” is not a role of the team."),
    ]:
        with pytest.raises(UsageError, match=empty):
            match_owner("  ", TEAM, use=use)
        with pytest.raises(UsageError, match=nobody):
            match_owner(" Petra ", TEAM, use=use)


def test_an_owner_being_edited_stays_when_typed_in_full() -> None:
    kept = match_owner("petra  schulz", TEAM, use=OwnerUse.ACTION_ITEM, keep="Petra Schulz")
    assert kept.stored == "Petra Schulz"
    with pytest.raises(UsageError, match="holds no role"):
        match_owner("Petra", TEAM, use=OwnerUse.ACTION_ITEM, keep="Petra Schulz")
    # A role of that name wins over the kept owner.
    assert match_owner("sales", TEAM, use=OwnerUse.ACTION_ITEM, keep="Sales").role is TEAM[0]


def test_a_campaign_is_run_by_the_one_role_a_person_holds() -> None:
    def runs(typed: str, roles: Sequence[Role] = TEAM) -> str:
        return match_owner(typed, roles, use=OwnerUse.CAMPAIGN).stored

    assert runs("Jürg") == "controlling"
    assert runs("strauss") == "dialog-marketing"
    assert runs("sales") == "sales"
    with pytest.raises(UsageError, match=r"Jana Becker holds several roles \(sales-marketing"):
        runs("jana")
    # `ev` starts both the role and its only holder: for a campaign that is one role,
    # for an action item two different owners.
    events = (Role("events", "Events", "marketing", ("Eva Stein",)),)
    assert runs("ev", events) == "events"
    with pytest.raises(UsageError, match="could mean Eva Stein, events"):
        match_owner("ev", events, use=OwnerUse.ACTION_ITEM)
