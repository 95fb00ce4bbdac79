"""Budget areas and periods in the reader's words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from roundtable.domain.budget_words import area_label, period_label
from roundtable.i18n import set_language


@pytest.fixture
def german() -> Iterator[None]:
    set_language("de")
    yield
    set_language("en")


def test_known_areas_are_german_in_german(german: None) -> None:
    assert area_label("communication") == "Kommunikation"
    assert area_label(" Sales ") == "Vertrieb"
    assert area_label("dialog  marketing") == "Dialogmarketing"
    # What the team typed itself stays as typed.
    assert area_label("Messen") == "Messen"


def test_quarters_read_the_german_way(german: None) -> None:
    assert period_label("2026-Q4") == "Q4/2026"
    assert period_label("2026q1") == "Q1/2026"
    assert period_label("H2 2026") == "H2 2026"
    assert period_label("2026") == "2026"


def test_english_shows_what_was_typed() -> None:
    assert area_label("Sales") == "Sales"
    assert area_label("communication") == "communication"
    assert period_label("2026q1") == "2026q1"
