"""Who chairs and who writes the minutes: the first present holder of the agenda's role."""

from __future__ import annotations

from dataclasses import replace

from roundtable.domain.chair import present_holder
from roundtable.domain.config import Role, TeamConfig, load_config
from roundtable.domain.locations import shipped_defaults_dir
from roundtable.domain.meeting import Attendee


def _config() -> TeamConfig:
    config = load_config(shipped_defaults_dir(), "test")
    roles = tuple(
        replace(role, holders=("Katrin Vogel", "Jana Richter"))
        if role.id == "sales-marketing"
        else role
        for role in config.roles
    )
    return replace(config, roles=roles)


def _attending(*absent: str, excused: str = "") -> tuple[Attendee, ...]:
    names = ("Katrin Vogel", "Jana Richter", "Monika Schneider")
    return tuple(
        Attendee(
            name=name,
            role="",
            present=name not in absent and name != excused,
            excused=name == excused,
        )
        for name in names
    )


def test_the_first_holder_when_present() -> None:
    assert present_holder(_config(), "sales-marketing", _attending()) == "Katrin Vogel"


def test_an_excused_first_holder_is_not_named_the_next_present_one_is() -> None:
    attending = _attending(excused="Katrin Vogel")
    assert present_holder(_config(), "sales-marketing", attending) == "Jana Richter"


def test_nobody_when_no_holder_is_there() -> None:
    attending = _attending("Jana Richter", excused="Katrin Vogel")
    assert present_holder(_config(), "sales-marketing", attending) == ""
    assert present_holder(_config(), "sales-controlling", _attending("Monika Schneider")) == ""


def test_nobody_without_a_role_or_for_an_unknown_one() -> None:
    assert present_holder(_config(), None, _attending()) == ""
    assert present_holder(_config(), "no-such-role", _attending()) == ""


def test_a_holder_of_another_role_is_not_taken() -> None:
    config = _config()
    role = config.role("sales-controlling")
    assert isinstance(role, Role) and role.holders == ("Monika Schneider",)
    assert present_holder(config, "sales-controlling", _attending()) == "Monika Schneider"
