"""The roles item and the words that record the managers' commitment of the roles."""

from __future__ import annotations

from datetime import date

import pytest

from roundtable.domain.config import Role
from roundtable.domain.roles_committed import commitment_text, is_roles_item
from roundtable.i18n import set_language

ROLES = (
    Role(
        "pm",
        "Product Marketing",
        "marketing",
        ("Jana Richter", "Felix Bauer"),
        committed_by="Dr. Martin Keller",
        committed_on=date(2026, 1, 12),
    ),
    Role(
        "ctl",
        "Sales Controlling",
        "controlling",
        ("Monika Schneider",),
        committed_by="Sabine Brandt und Dr. Martin Keller",
    ),
    Role("new", "Key Accounts", "sales", ()),
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Roles and players", True),
        ("Rollen und Zuständigkeiten", True),
        ("Role of sales", True),
        ("Controlling's report", False),
        ("Wrap-up", False),
        ("Consoles", False),
    ],
)
def test_the_roles_item_is_known_by_its_title(title: str, expected: bool) -> None:
    assert is_roles_item(title) is expected


def test_the_commitment_names_every_role_its_holders_and_who_committed() -> None:
    text = commitment_text(ROLES, date(2026, 3, 2))
    assert text.splitlines() == [
        "Roles committed on Mar 2, 2026 by Dr. Martin Keller, Sabine Brandt:",
        "Product Marketing: Jana Richter, Felix Bauer",
        "Sales Controlling: Monika Schneider",
        "Key Accounts: nobody yet",
    ]


def test_the_commitment_in_german() -> None:
    set_language("de")
    text = commitment_text(ROLES[:1], date(2026, 3, 2))
    assert text.splitlines()[0] == (
        "Rollen am 02.03.2026 verbindlich festgelegt durch Dr. Martin Keller:"
    )
