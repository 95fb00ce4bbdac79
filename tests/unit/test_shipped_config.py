"""The roles and agendas that ship with roundtable: valid, complete, and kept in step."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from roundtable.domain.config import MAX_TIMEBOX_MINUTES, Cadence, TeamConfig, load_config
from roundtable.domain.locations import find_config_dir, shipped_defaults_dir
from roundtable.i18n import set_language

REPO = Path(__file__).parents[2]
DEFAULTS = REPO / "roundtable" / "defaults"
AGENDAS = REPO / "agendas"

# Other parts of roundtable (and the tests of other engineers) rely on these ids.
ROLE_IDS = [
    "product-marketing",
    "sales-marketing",
    "marketing-communication",
    "dialog-marketing",
    "sales-controlling",
    "sales",
    "management",
]


@pytest.fixture(scope="module")
def shipped() -> TeamConfig:
    return load_config(DEFAULTS, "the shipped defaults")


def test_shipped_defaults_load_without_problems(shipped: TeamConfig) -> None:
    assert shipped.team
    assert [agenda.id for agenda in shipped.agendas] == ["constituting", "round-table"]


def test_the_package_finds_its_defaults_here() -> None:
    assert shipped_defaults_dir().resolve() == DEFAULTS.resolve()


def test_without_any_other_config_the_defaults_are_used(tmp_path: Path) -> None:
    location = find_config_dir(None, {}, tmp_path)
    if location.source != "the shipped defaults":
        pytest.skip("this machine has a user config folder for roundtable")
    assert location.directory.resolve() == DEFAULTS.resolve()


def test_agendas_folder_is_an_identical_copy_of_the_defaults() -> None:
    def files(folder: Path) -> dict[str, bytes]:
        return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}

    in_package, in_repo = files(DEFAULTS), files(AGENDAS)
    assert (
        sorted(in_package)
        == sorted(in_repo)
        == [
            "constituting.yaml",
            "roles.yaml",
            "round-table.yaml",
        ]
    )
    for name, content in in_package.items():
        assert in_repo[name] == content, f"agendas/{name} differs from roundtable/defaults/{name}"


def test_the_roles_are_the_agreed_ones(shipped: TeamConfig) -> None:
    assert [role.id for role in shipped.roles] == ROLE_IDS
    for role in shipped.roles:
        assert 1 <= len(role.holders) <= 3, role.id
        assert role.responsibilities, role.id
        assert all(sentence.endswith(".") for sentence in role.responsibilities), role.id
        assert role.committed_by, role.id
        assert role.committed_on is not None
        assert date(2026, 1, 1) <= role.committed_on <= date(2026, 3, 31), role.id


def test_the_managers_who_commit_the_roles_hold_the_management_role(shipped: TeamConfig) -> None:
    management = shipped.role("management")
    assert management is not None
    for role in shipped.roles:
        assert role.committed_by is not None
        for name in role.committed_by.split(", "):
            assert name in management.holders, (role.id, name)


def test_regular_agenda_fills_three_hours_with_one_review(shipped: TeamConfig) -> None:
    agenda = shipped.agenda("round-table")
    assert agenda is not None
    assert agenda.timebox_minutes == MAX_TIMEBOX_MINUTES == 180
    assert agenda.planned_minutes == 180
    assert agenda.cadence is Cadence.BIWEEKLY
    assert [item.title for item in agenda.items if item.review] == ["Open action items"]
    assert agenda.items[0].review  # the review comes first
    assert agenda.items[-1].title == "Wrap-up"
    assert all(item.notes for item in agenda.items)


def test_regular_agenda_covers_the_meeting_of_the_articles(shipped: TeamConfig) -> None:
    agenda = shipped.agenda("round-table")
    assert agenda is not None
    owners = {item.title: item.role for item in agenda.items}
    assert owners["Campaign results to date"] == "sales-controlling"
    assert owners["Revenue estimate"] == "sales-marketing"
    assert "Pre-qualified lead pipeline" in owners
    assert "Campaign planning" in owners
    assert "Budgets" in owners


def test_constituting_agenda_sets_roles_budgets_and_cadence(shipped: TeamConfig) -> None:
    agenda = shipped.agenda("constituting")
    assert agenda is not None
    assert agenda.planned_minutes <= agenda.timebox_minutes <= 180
    titles = [item.title for item in agenda.items]
    assert "Roles and players" in titles
    assert "Lead handover rules" in titles
    assert "Fixed budgets for sales and communication" in titles
    assert "Cadence and meeting rules" in titles
    assert not any(item.review for item in agenda.items)  # nothing is open yet


# --- the German variant: defaults/de and agendas/de ---------------------------------------

DEFAULTS_DE = DEFAULTS / "de"
AGENDAS_DE = AGENDAS / "de"


@pytest.fixture(scope="module")
def shipped_de() -> TeamConfig:
    return load_config(DEFAULTS_DE, "die mitgelieferten Vorgaben")


def test_german_variant_loads_and_says_it_is_german(shipped_de: TeamConfig) -> None:
    assert shipped_de.language == "de"
    assert shipped_de.team.startswith("Nordwerk Systems GmbH")
    assert [agenda.id for agenda in shipped_de.agendas] == ["constituting", "round-table"]


def test_english_defaults_leave_the_language_open(shipped: TeamConfig) -> None:
    assert shipped.language is None


def test_german_variant_has_the_same_ids_and_shape(
    shipped: TeamConfig, shipped_de: TeamConfig
) -> None:
    # Data written with one variant (owners, agenda ids) must stay valid with the other.
    assert [role.id for role in shipped_de.roles] == ROLE_IDS
    for english, german in zip(shipped.roles, shipped_de.roles, strict=True):
        assert german.holders == english.holders, german.id
        assert german.committed_by == english.committed_by, german.id
        assert german.committed_on == english.committed_on, german.id
        assert len(german.responsibilities) == len(english.responsibilities), german.id
        assert all(sentence.endswith(".") for sentence in german.responsibilities), german.id
    for english_agenda, german_agenda in zip(shipped.agendas, shipped_de.agendas, strict=True):
        assert german_agenda.timebox_minutes == english_agenda.timebox_minutes
        assert german_agenda.cadence is english_agenda.cadence
        assert german_agenda.facilitator == english_agenda.facilitator
        shape = [(item.minutes, item.role, item.kind, item.review) for item in german_agenda.items]
        assert shape == [
            (item.minutes, item.role, item.kind, item.review) for item in english_agenda.items
        ]
        assert all(item.notes for item in german_agenda.items)


def test_german_titles_are_the_ones_the_team_uses(shipped_de: TeamConfig) -> None:
    assert [role.title for role in shipped_de.roles] == [
        "Produktmarketing",
        "Absatzmarketing",
        "Marketingkommunikation",
        "Dialogmarketing",
        "Vertriebscontrolling",
        "Vertrieb",
        "Leitung Marketing und Vertrieb",
    ]
    agenda = shipped_de.agenda("round-table")
    assert agenda is not None
    assert [item.title for item in agenda.items] == [
        "Offene Aufgaben",
        "Bisherige Kampagnenergebnisse",
        "Pipeline vorqualifizierter Anfragen",
        "Umsatzschätzung",
        "Kampagnenplanung",
        "Budgets",
        "Abschluss",
    ]


def test_agendas_de_is_an_identical_copy_of_defaults_de() -> None:
    def files(folder: Path) -> dict[str, bytes]:
        return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}

    in_package, in_repo = files(DEFAULTS_DE), files(AGENDAS_DE)
    assert (
        sorted(in_package)
        == sorted(in_repo)
        == [
            "constituting.yaml",
            "roles.yaml",
            "round-table.yaml",
        ]
    )
    for name, content in in_package.items():
        assert in_repo[name] == content, (
            f"agendas/de/{name} differs from roundtable/defaults/de/{name}"
        )


def test_the_loader_does_not_mix_in_the_german_subfolder(shipped: TeamConfig) -> None:
    # `de/` sits inside the English folder; only files directly in it are agendas.
    assert all(agenda.path.parent == DEFAULTS for agenda in shipped.agendas)
    agenda = shipped.agenda("round-table")
    assert agenda is not None
    assert agenda.title == "Marketing & Sales Round Table"


def test_shipped_defaults_follow_the_language() -> None:
    assert shipped_defaults_dir("de").resolve() == DEFAULTS_DE.resolve()
    assert shipped_defaults_dir("en").resolve() == DEFAULTS.resolve()
    set_language("de")
    try:
        assert shipped_defaults_dir().resolve() == DEFAULTS_DE.resolve()
    finally:
        set_language("en")
    assert shipped_defaults_dir().resolve() == DEFAULTS.resolve()
