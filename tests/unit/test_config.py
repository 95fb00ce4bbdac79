"""Loading and validating roles and agendas: every problem, each at its FILE:LINE."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roundtable.domain.config import (
    Cadence,
    ItemKind,
    TeamConfig,
    load_config,
    load_roles,
)
from roundtable.domain.config.yamlfile import MAX_FILE_BYTES
from roundtable.errors import ConfigError, Problem

# Line numbers in the tests below count from these texts.
ROLES = """\
team: Nordwerk Systems GmbH — Marketing & Sales Round Table
roles:
  - id: sales-marketing
    title: Sales Marketing (Absatzmarketing)
    department: marketing
    holders: [Katrin Vogel]
  - id: sales-controlling
    title: Sales Controlling
    department: controlling
    holders: [Monika Schneider]
  - id: sales
    title: Sales
    department: sales
    holders: [Thomas Wagner, Julia Neumann]
"""

AGENDA = """\
title: Marketing & Sales Round Table
timebox: 180
cadence: biweekly
facilitator: sales-marketing
items:
  - title: Open action items
    minutes: 15
    role: sales-marketing
    kind: report
    review: true
  - title: Campaign results to date
    minutes: 30
    role: sales-controlling
    kind: report
  - title: Budgets
    minutes: 25
    role: sales
    kind: decision
"""


def swap(text: str, old: str, new: str) -> str:
    """`text` with the one occurrence of `old` replaced (fails loudly if it is not there)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def write(
    folder: Path,
    roles: str | bytes | None = ROLES,
    agendas: dict[str, str | bytes] | None = None,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, str | bytes | None] = {"roles.yaml": roles}
    files.update({"round-table.yaml": AGENDA} if agendas is None else agendas)
    for name, content in files.items():
        if content is None:
            continue
        data = content.encode() if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def problems(folder: Path) -> list[str]:
    """Every problem `load_config` reports, as printed, with the folder left off."""
    with pytest.raises(ConfigError) as caught:
        load_config(folder, "test")
    lines = [str(problem) for problem in caught.value.problems]
    assert caught.value.message == "\n".join(lines)
    return [line.replace(str(folder) + os.sep, "") for line in lines]


def has(found: list[str], prefix: str, *gist: str) -> bool:
    return any(line.startswith(prefix) and all(part in line for part in gist) for line in found)


def only(found: list[str], prefix: str, *gist: str) -> None:
    """Exactly one problem, at `prefix`, saying each part of `gist`."""
    assert len(found) == 1, found
    assert has(found, prefix, *gist), found


def agenda_problems(tmp_path: Path, agenda: str | bytes) -> list[str]:
    return problems(write(tmp_path / "config", agendas={"round-table.yaml": agenda}))


def roles_problems(tmp_path: Path, roles: str | bytes) -> list[str]:
    return problems(write(tmp_path / "config", roles=roles))


# --- what a good folder gives -------------------------------------------------------


def test_loads_roles_and_agenda_with_their_values(tmp_path: Path) -> None:
    folder = write(tmp_path / "config")
    config = load_config(folder, "--config")

    assert config.directory == folder
    assert config.source == "--config"
    assert config.team == "Nordwerk Systems GmbH — Marketing & Sales Round Table"
    assert [role.id for role in config.roles] == ["sales-marketing", "sales-controlling", "sales"]
    sales = config.role("sales")
    assert sales is not None
    assert sales.holders == ("Thomas Wagner", "Julia Neumann")
    assert sales.department == "sales"
    assert sales.responsibilities == ()
    assert sales.committed_by is None and sales.committed_on is None

    agenda = config.agenda("round-table")
    assert agenda is not None
    assert agenda.path == folder / "round-table.yaml"
    assert agenda.title == "Marketing & Sales Round Table"
    assert agenda.timebox_minutes == 180
    assert agenda.cadence is Cadence.BIWEEKLY
    assert agenda.facilitator == "sales-marketing"
    assert agenda.planned_minutes == 70
    first, second, third = agenda.items
    assert (first.title, first.minutes, first.role, first.kind, first.review) == (
        "Open action items",
        15,
        "sales-marketing",
        ItemKind.REPORT,
        True,
    )
    assert second.review is False
    assert third.kind is ItemKind.DECISION
    assert config.agenda("nope") is None and config.role("nope") is None


def test_optional_values_take_their_defaults(tmp_path: Path) -> None:
    agenda = "title: Short\nitems:\n  - title: Budgets\n    minutes: 20\n    role: sales\n"
    config = load_config(write(tmp_path / "c", agendas={"short.yaml": agenda}), "test")

    (short,) = config.agendas
    assert short.id == "short"
    assert short.timebox_minutes == 180
    assert short.cadence is Cadence.WEEKLY
    assert short.facilitator is None
    (item,) = short.items
    assert item.kind is ItemKind.DISCUSSION
    assert item.review is False
    assert item.notes == ""


def test_reads_commitments_responsibilities_and_notes(tmp_path: Path) -> None:
    roles = swap(
        ROLES,
        "    holders: [Katrin Vogel]\n",
        "    holders: [Katrin Vogel]\n"
        "    responsibilities:\n"
        "      - >-\n"
        "        Turns the expected number of pre-qualified leads into an\n"
        "        estimated sales success and revenue.\n"
        "    committed_by: Dr. Martin Keller\n"
        "    committed_on: 2026-01-12\n",
    )
    roles = swap(
        roles,
        "    holders: [Monika Schneider]\n",
        "    holders: [Monika Schneider]\n    committed_on: '2026-02-02'\n",
    )
    agenda = swap(
        AGENDA,
        "    kind: decision\n",
        "    kind: decision\n    notes: |\n      Fixed budgets.\n      Cuts need management.\n",
    )
    config = load_config(write(tmp_path / "c", roles=roles, agendas={"rt.yaml": agenda}), "t")

    marketing = config.role("sales-marketing")
    assert marketing is not None
    assert marketing.responsibilities == (
        "Turns the expected number of pre-qualified leads into an estimated sales success "
        "and revenue.",
    )
    assert marketing.committed_by == "Dr. Martin Keller"
    assert marketing.committed_on == date(2026, 1, 12)
    controlling = config.role("sales-controlling")
    assert controlling is not None and controlling.committed_on == date(2026, 2, 2)
    # Notes keep their lines; the last item is Budgets.
    assert config.agendas[0].items[-1].notes == "Fixed budgets.\nCuts need management."


def test_agendas_come_from_every_yaml_and_yml_file_but_hidden_ones(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "c",
        agendas={"weekly.yml": AGENDA, "round-table.yaml": AGENDA, ".draft.yaml": "{broken"},
    )
    (folder / "notes.txt").write_text("not an agenda")

    config = load_config(folder, "test")

    assert [agenda.id for agenda in config.agendas] == ["round-table", "weekly"]


def test_merge_keys_share_values_between_items(tmp_path: Path) -> None:
    agenda = (
        "title: Round table\n"
        "items:\n"
        "  - &report {title: Campaign results, minutes: 30, role: sales-controlling,\n"
        "              kind: report}\n"
        "  - <<: *report\n"
        "    title: Lead pipeline\n"
    )
    config = load_config(write(tmp_path / "c", agendas={"rt.yaml": agenda}), "test")

    first, second = config.agendas[0].items
    assert second.title == "Lead pipeline"
    assert (second.minutes, second.role, second.kind) == (30, "sales-controlling", ItemKind.REPORT)
    assert first.title == "Campaign results"


# --- the folder -----------------------------------------------------------------------


def test_missing_folder(tmp_path: Path) -> None:
    folder = tmp_path / "nowhere"
    only(problems(folder), f"{folder}: ", "config folder does not exist")


def test_a_file_is_no_folder(tmp_path: Path) -> None:
    path = tmp_path / "roles.yaml"
    path.write_text(ROLES)
    only(problems(path), f"{path}: ", "not a config folder")


def test_folder_without_roles_file(tmp_path: Path) -> None:
    found = problems(write(tmp_path / "c", roles=None))
    only(found, "roles.yaml: ", "no roles.yaml")


def test_folder_with_roles_yml_is_told_to_rename_it(tmp_path: Path) -> None:
    folder = write(tmp_path / "c", roles=None, agendas={"round-table.yaml": AGENDA})
    (folder / "roles.yml").write_text(ROLES)

    found = problems(folder)

    # roles.yml is not read as an agenda with the id "roles".
    only(found, "roles.yaml: ", "found roles.yml", "rename")


def test_folder_without_agenda(tmp_path: Path) -> None:
    folder = write(tmp_path / "c", agendas={})
    found = [line.replace(str(folder), "FOLDER") for line in problems(folder)]
    only(found, "FOLDER: ", "no agenda")


def test_two_files_with_the_same_agenda_id(tmp_path: Path) -> None:
    found = problems(
        write(tmp_path / "c", agendas={"round-table.yaml": AGENDA, "round-table.yml": AGENDA})
    )
    only(found, "round-table.yml: ", "round-table.yaml", "same agenda id")


def test_problems_of_every_file_are_reported_together(tmp_path: Path) -> None:
    roles = swap(ROLES, "    department: sales\n", "    departmnt: sales\n")
    bad_agenda = swap(AGENDA, "    minutes: 30\n", "    minutes: thirty\n")
    folder = write(
        tmp_path / "c",
        roles=roles,
        agendas={"a.yaml": bad_agenda, "b.yaml": "title: [x]\n", "c.yaml": b"\xff"},
    )

    found = problems(folder)

    assert has(found, "roles.yaml:13: ", "unknown key 'departmnt'", "'department'")
    assert has(found, "roles.yaml:11: ", "missing key 'department'")
    assert has(found, "a.yaml:12: ", "'minutes'", "whole number", "'thirty'")
    assert has(found, "b.yaml:1: ", "'title' must be text, not a list")
    assert has(found, "c.yaml:1: ", "not UTF-8")
    # roles.yaml first, then the agendas by name, each in line order.
    assert [line.split(":")[0] for line in found] == [
        "roles.yaml",
        "roles.yaml",
        "a.yaml",
        "b.yaml",
        "b.yaml",
        "c.yaml",
    ]


# --- reading the files ----------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n", "---\n", "~\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    only(roles_problems(tmp_path, content), "roles.yaml:1: ", "empty")
    only(agenda_problems(tmp_path / "a", content), "round-table.yaml:1: ", "empty")


def test_not_utf8_names_the_file_and_line(tmp_path: Path) -> None:
    latin1 = swap(ROLES, "Julia Neumann", "Jürgen Müller").encode("latin-1", "replace")
    only(roles_problems(tmp_path, latin1), "roles.yaml:14: ", "not UTF-8", "0xfc")


def test_utf16_file_is_not_utf8(tmp_path: Path) -> None:
    only(agenda_problems(tmp_path, AGENDA.encode("utf-16")), "round-table.yaml:1: ", "not UTF-8")


def test_utf8_with_byte_order_mark_is_fine(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "c", roles=b"\xef\xbb\xbf" + ROLES.encode()), "t")
    assert config.team.startswith("Nordwerk")


def test_yaml_syntax_error_at_the_parsers_line(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "    role: sales-controlling\n", "    role: sales: controlling\n")
    only(agenda_problems(tmp_path, agenda), "round-table.yaml:13: ", "YAML syntax error")


def test_unclosed_bracket(tmp_path: Path) -> None:
    roles = swap(ROLES, "[Monika Schneider]", "[Monika Schneider")
    only(roles_problems(tmp_path, roles), "roles.yaml:11: ", "YAML syntax error", "flow")


def test_tab_indentation_says_use_spaces(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "    kind: decision\n", "\tkind: decision\n")
    only(agenda_problems(tmp_path, agenda), "round-table.yaml:18: ", "tabs", "spaces")


def test_two_documents_in_one_file(tmp_path: Path) -> None:
    only(roles_problems(tmp_path, ROLES + "---\nteam: other\n"), "roles.yaml:15: ", "document")


def test_control_character_in_file(tmp_path: Path) -> None:
    roles = swap(ROLES, "Katrin Vogel", "Katrin\x1b]0;pwned\x07 Vogel")
    found = roles_problems(tmp_path, roles)
    only(found, "roles.yaml:6: ", "character", "U+001B")


@pytest.mark.parametrize(
    ("content", "found"),
    [("- team: x\n", "a list"), ("just some words\n", "the text 'just some words'"), ("42", "42")],
)
def test_root_must_be_a_mapping(tmp_path: Path, content: str, found: str) -> None:
    only(roles_problems(tmp_path, content), "roles.yaml:1: ", "must be a mapping", found)
    only(agenda_problems(tmp_path / "a", content), "round-table.yaml:1: ", "must be a mapping")


def test_python_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    agenda = swap(
        AGENDA,
        "    kind: decision\n",
        f"    kind: decision\n    notes: !!python/object/apply:os.system ['touch {marker}']\n",
    )
    found = agenda_problems(tmp_path, agenda)

    assert has(found, "round-table.yaml:19: ", "tag", "!!python/object/apply:os.system")
    assert not marker.exists()


@pytest.mark.parametrize("tagged", ["!!binary aGVsbG8=", "!custom thing", "!!set {a, b}"])
def test_other_tags_are_refused(tmp_path: Path, tagged: str) -> None:
    roles = swap(ROLES, "    department: sales\n", f"    department: {tagged}\n")
    assert has(roles_problems(tmp_path, roles), "roles.yaml:13: ", "tag", "not allowed")


def test_explicit_plain_tags_are_fine(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "    minutes: 25\n", "    minutes: !!int '25'\n")
    agenda = swap(agenda, "title: Budgets", "title: !!str Budgets")
    config = load_config(write(tmp_path / "c", agendas={"rt.yaml": agenda}), "t")
    assert config.agendas[0].items[-1].minutes == 25


def test_alias_to_itself(tmp_path: Path) -> None:
    roles = swap(ROLES, "holders: [Katrin Vogel]", "holders: &h [Katrin Vogel, *h]")
    assert has(roles_problems(tmp_path, roles), "roles.yaml:6: ", "alias", "contains it")


def test_aliases_that_expand_without_end_are_refused(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]" for a, b in pairwise("abcdefghi")]
    only(roles_problems(tmp_path, "\n".join(lines) + "\n"), "roles.yaml:1: ", "aliases")


@pytest.mark.parametrize("depth", [400, 600])
def test_nesting_too_deep(tmp_path: Path, depth: int) -> None:
    # 400 levels parse, but are too deep to build; 600 are too deep to parse.
    nested = "team: " + "[" * depth + "]" * depth + "\n"
    only(roles_problems(tmp_path, nested), "roles.yaml: ", "nested too deeply")


def test_file_too_large(tmp_path: Path) -> None:
    big = AGENDA + "# " + "x" * MAX_FILE_BYTES + "\n"
    only(agenda_problems(tmp_path, big), "round-table.yaml: ", "larger than")


def test_a_folder_named_like_an_agenda(tmp_path: Path) -> None:
    folder = write(tmp_path / "c")
    (folder / "old.yaml").mkdir()
    only(problems(folder), "old.yaml: ", "folder, not a file")


# --- keys -----------------------------------------------------------------------------


def test_unknown_key_suggests_the_close_one(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "    minutes: 30\n", "    minuts: 30\n")
    found = agenda_problems(tmp_path, agenda)
    assert has(found, "round-table.yaml:12: ", "unknown key 'minuts'", "did you mean 'minutes'?")
    assert has(found, "round-table.yaml:11: ", "missing key 'minutes'")
    assert len(found) == 2


def test_unknown_key_without_a_close_one_lists_the_keys(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "cadence: biweekly\n", "cadence: biweekly\nroom: Hamburg 3.14\n")
    only(
        agenda_problems(tmp_path, agenda),
        "round-table.yaml:4: ",
        "unknown key 'room'",
        "title, timebox, cadence, facilitator, minute_taker, location, items",
    )


def test_unknown_top_level_key_in_roles(tmp_path: Path) -> None:
    roles = swap(ROLES, "roles:\n", "rolse:\n")
    found = roles_problems(tmp_path, roles)
    assert has(found, "roles.yaml:2: ", "unknown key 'rolse'", "did you mean 'roles'?")
    assert has(found, "roles.yaml:1: ", "missing key 'roles'")


def test_missing_keys_are_reported_at_their_mapping(tmp_path: Path) -> None:
    roles = swap(ROLES, "    title: Sales Controlling\n", "")
    only(roles_problems(tmp_path, roles), "roles.yaml:7: ", "missing key 'title'", "role")
    agenda = swap(AGENDA, "    role: sales\n", "")
    only(agenda_problems(tmp_path / "a", agenda), "round-table.yaml:15: ", "missing key 'role'")
    only(
        agenda_problems(tmp_path / "b", swap(AGENDA, "title: Marketing & Sales Round Table\n", "")),
        "round-table.yaml:1: ",
        "missing key 'title'",
        "agenda",
    )


def test_missing_team(tmp_path: Path) -> None:
    roles = swap(ROLES, "team: Nordwerk Systems GmbH — Marketing & Sales Round Table\n", "")
    only(roles_problems(tmp_path, roles), "roles.yaml:1: ", "missing key 'team'")


def test_duplicated_key_names_both_lines(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "    minutes: 30\n", "    minutes: 30\n    minutes: 45\n")
    only(
        agenda_problems(tmp_path, agenda),
        "round-table.yaml:13: ",
        "the key 'minutes' is written twice",
        "at line 12 and at line 13",
    )


def test_duplicated_key_at_the_root(tmp_path: Path) -> None:
    only(
        roles_problems(tmp_path, ROLES + "team: Another team\n"),
        "roles.yaml:15: ",
        "'team' is written twice",
        "line 1 and at line 15",
    )


def test_duplicated_key_in_a_flow_mapping_on_one_line(tmp_path: Path) -> None:
    agenda = "title: T\nitems:\n  - {title: A, minutes: 5, minutes: 6, role: sales}\n"
    only(agenda_problems(tmp_path, agenda), "round-table.yaml:3: ", "'minutes' is written twice")


def test_a_key_must_be_a_word(tmp_path: Path) -> None:
    roles = ROLES + "? [a, b]\n: c\n"
    only(roles_problems(tmp_path, roles), "roles.yaml:15: ", "key must be a single word")


# --- types ----------------------------------------------------------------------------


def test_list_where_text_goes(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "  - title: Budgets\n", "  - title: [Budgets, Forecast]\n")
    only(agenda_problems(tmp_path, agenda), "round-table.yaml:15: ", "'title' must be text", "list")


def test_mapping_where_text_goes(tmp_path: Path) -> None:
    roles = swap(ROLES, "    department: controlling\n", "    department:\n      name: x\n")
    only(roles_problems(tmp_path, roles), "roles.yaml:10: ", "'department' must be text", "mapping")


def test_text_where_a_list_goes(tmp_path: Path) -> None:
    roles = swap(ROLES, "holders: [Monika Schneider]", "holders: Monika Schneider")
    only(roles_problems(tmp_path, roles), "roles.yaml:10: ", "'holders' must be a list", "Monika")


def test_mapping_where_items_go(tmp_path: Path) -> None:
    agenda = "title: T\nitems:\n  title: Budgets\n  minutes: 20\n"
    only(agenda_problems(tmp_path, agenda), "round-table.yaml:3: ", "'items' must be a list")


def test_item_that_is_not_a_mapping(tmp_path: Path) -> None:
    agenda = AGENDA + "  - Wrap-up\n"
    only(agenda_problems(tmp_path, agenda), "round-table.yaml:19: ", "agenda item", "mapping")


def test_role_that_is_not_a_mapping(tmp_path: Path) -> None:
    only(roles_problems(tmp_path, ROLES + "  - [a, b]\n"), "roles.yaml:15: ", "role", "mapping")


def test_numbers_and_dates_as_text_are_taken_as_written(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "  - title: Budgets\n", "  - title: 2026\n")
    config = load_config(write(tmp_path / "c", agendas={"rt.yaml": agenda}), "t")
    assert config.agendas[0].items[-1].title == "2026"


def test_review_must_be_true_or_false(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "    review: true\n", "    review: 'true'\n")
    only(agenda_problems(tmp_path, agenda), "round-table.yaml:10: ", "'review'", "true or false")


# --- minutes and the time box ---------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("0", "'0'"),
        ("-5", "'-5'"),
        ("1.5", "'1.5'"),
        ("15.0", "'15.0'"),
        (".nan", "'.nan'"),
        (".inf", "'.inf'"),
        ("true", "yes/no value 'true'"),
        ("yes", "yes/no value 'yes'"),
        ("'15'", "the text '15'"),
        ("fifteen", "the text 'fifteen'"),
        ("~", "nothing"),
        ("[15]", "a list"),
        ("2026-01-12", "the date '2026-01-12'"),
    ],
)
def test_minutes_must_be_a_positive_whole_number(tmp_path: Path, written: str, shown: str) -> None:
    agenda = swap(AGENDA, "    minutes: 30\n", f"    minutes: {written}\n")
    only(
        agenda_problems(tmp_path, agenda),
        "round-table.yaml:12: ",
        "'minutes' must be a positive whole number",
        shown,
    )


def test_minutes_with_more_digits_than_python_reads(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "    minutes: 30\n", f"    minutes: {'9' * 5000}\n")
    only(agenda_problems(tmp_path, agenda), "round-table.yaml:12: ", "whole number", "…")


def test_planned_minutes_over_the_box(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "timebox: 180\n", "timebox: 60\n")
    only(
        agenda_problems(tmp_path, agenda),
        "round-table.yaml:5: ",
        "plan 70 minutes",
        "10 more than the time box of 60 minutes",
    )


def test_planned_minutes_over_three_hours_without_a_box(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "timebox: 180\n", "")
    agenda = swap(agenda, "    minutes: 30\n", "    minutes: 150\n")
    only(agenda_problems(tmp_path, agenda), "round-table.yaml:4: ", "plan 190", "box of 180")


def test_valid_minutes_of_a_broken_item_still_count(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "    minutes: 30\n", "    minutes: 160\n")
    agenda = swap(agenda, "    role: sales-controlling\n", "    role: controling\n")
    found = agenda_problems(tmp_path, agenda)
    assert has(found, "round-table.yaml:5: ", "plan 200 minutes")
    assert has(found, "round-table.yaml:13: ", "unknown role 'controling'")


def test_box_of_exactly_the_planned_minutes_is_fine(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "timebox: 180\n", "timebox: 70\n")
    config = load_config(write(tmp_path / "c", agendas={"rt.yaml": agenda}), "t")
    assert config.agendas[0].timebox_minutes == config.agendas[0].planned_minutes == 70


def test_box_over_three_hours(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "timebox: 180\n", "timebox: 240\n")
    only(
        agenda_problems(tmp_path, agenda),
        "round-table.yaml:2: ",
        "time box is 240 minutes",
        "more than 180",
        "three hours",
    )


def test_box_over_three_hours_still_checks_the_plan(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "timebox: 180\n", "timebox: 240\n")
    agenda = swap(agenda, "    minutes: 30\n", "    minutes: 200\n")
    found = agenda_problems(tmp_path, agenda)
    assert has(found, "round-table.yaml:2: ", "240")
    assert has(found, "round-table.yaml:5: ", "plan 240 minutes", "box of 180")


@pytest.mark.parametrize("written", ["0", "-30", "three hours", "true", "90.5"])
def test_box_must_be_positive_whole_minutes(tmp_path: Path, written: str) -> None:
    agenda = swap(AGENDA, "timebox: 180\n", f"timebox: {written}\n")
    only(agenda_problems(tmp_path, agenda), "round-table.yaml:2: ", "'timebox'", "positive whole")


# --- references, ids and duplicates ---------------------------------------------------


def test_unknown_item_role_suggests_the_close_one(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "    role: sales\n", "    role: sale\n")
    only(
        agenda_problems(tmp_path, agenda),
        "round-table.yaml:17: ",
        "unknown role 'sale'",
        "did you mean 'sales'?",
    )


def test_unknown_facilitator(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "facilitator: sales-marketing\n", "facilitator: sales-marketting\n")
    only(
        agenda_problems(tmp_path, agenda),
        "round-table.yaml:4: ",
        "unknown role 'sales-marketting' in 'facilitator'",
        "did you mean 'sales-marketing'?",
    )


def test_unknown_role_far_from_any_lists_the_roles(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "    role: sales\n", "    role: it-department\n")
    only(
        agenda_problems(tmp_path, agenda),
        "round-table.yaml:17: ",
        "unknown role 'it-department'",
        "sales, sales-controlling, sales-marketing",
    )


def test_no_role_check_when_roles_file_is_broken(tmp_path: Path) -> None:
    # One problem in roles.yaml, not another for every item that names a role.
    only(roles_problems(tmp_path, "team: [\n"), "roles.yaml:2: ", "YAML syntax error")


def test_duplicate_role_ids(tmp_path: Path) -> None:
    roles = swap(ROLES, "  - id: sales\n", "  - id: sales-controlling\n")
    found = roles_problems(tmp_path, roles)
    # The agenda's "sales" is now unknown too.
    assert has(found, "roles.yaml:11: ", "'sales-controlling' is used twice", "line 7", "line 11")


def test_role_id_must_be_lowercase_with_dashes(tmp_path: Path) -> None:
    roles = swap(ROLES, "  - id: sales\n", "  - id: Sales Team\n")
    found = roles_problems(tmp_path, roles)
    assert has(found, "roles.yaml:11: ", "'Sales Team'", "lowercase")
    # Items naming it are not also told it is unknown.
    assert not any("unknown role 'Sales Team'" in line for line in found)


def test_duplicate_item_titles_ignoring_case(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "  - title: Budgets\n", "  - title: open ACTION items\n")
    only(
        agenda_problems(tmp_path, agenda),
        "round-table.yaml:15: ",
        "'open ACTION items' is used twice",
        "line 6 and at line 15",
    )


def test_duplicate_title_is_found_even_if_the_first_item_is_broken(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "    minutes: 15\n", "    minutes: -1\n")
    agenda = swap(agenda, "  - title: Budgets\n", "  - title: Open Action Items\n")
    found = agenda_problems(tmp_path, agenda)
    assert has(found, "round-table.yaml:7: ", "'minutes'")
    assert has(found, "round-table.yaml:15: ", "used twice")


def test_more_than_one_review_item(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "    kind: decision\n", "    kind: decision\n    review: true\n")
    only(
        agenda_problems(tmp_path, agenda),
        "round-table.yaml:19: ",
        "more than one review item",
        "'Open action items' at line 10",
    )


def test_review_false_twice_is_fine(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "    kind: decision\n", "    kind: decision\n    review: false\n")
    assert load_config(write(tmp_path / "c", agendas={"rt.yaml": agenda}), "t").agendas


# --- choices, dates and empty text ----------------------------------------------------


def test_bad_cadence_lists_the_allowed(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "cadence: biweekly\n", "cadence: monthly\n")
    only(
        agenda_problems(tmp_path, agenda),
        "round-table.yaml:3: ",
        "'cadence' must be one of weekly, biweekly",
        "'monthly'",
    )


def test_bad_kind_lists_the_allowed(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "    kind: decision\n", "    kind: vote\n")
    only(
        agenda_problems(tmp_path, agenda),
        "round-table.yaml:18: ",
        "'kind' must be one of report, discussion, decision",
        "'vote'",
    )


@pytest.mark.parametrize(
    "written", ["2026-13-01", "2026-02-30", "'2026-02-30'", "next monday", "2026-01-12 10:00", "12"]
)
def test_bad_dates(tmp_path: Path, written: str) -> None:
    roles = swap(
        ROLES, "    holders: [Katrin Vogel]\n", f"    holders: [A]\n    committed_on: {written}\n"
    )
    only(roles_problems(tmp_path, roles), "roles.yaml:7: ", "'committed_on' must be a date like")


@pytest.mark.parametrize("written", ['""', "'   '", "~", ""])
def test_empty_text_where_text_is_required(tmp_path: Path, written: str) -> None:
    roles = swap(ROLES, "    title: Sales\n", f"    title: {written}\n")
    only(roles_problems(tmp_path, roles), "roles.yaml:12: ", "'title' must not be empty")


def test_empty_team_name(tmp_path: Path) -> None:
    roles = swap(ROLES, "team: Nordwerk Systems GmbH — Marketing & Sales Round Table", 'team: ""')
    only(roles_problems(tmp_path, roles), "roles.yaml:1: ", "'team' must not be empty")


@pytest.mark.parametrize("written", ["[]", "", "~"])
def test_role_without_holders(tmp_path: Path, written: str) -> None:
    roles = swap(ROLES, "    holders: [Monika Schneider]\n", f"    holders: {written}\n")
    only(roles_problems(tmp_path, roles), "roles.yaml:10: ", "'sales-controlling' has no holders")


def test_empty_holder_name(tmp_path: Path) -> None:
    roles = swap(ROLES, "[Thomas Wagner, Julia Neumann]", "[Thomas Wagner, '']")
    only(roles_problems(tmp_path, roles), "roles.yaml:14: ", "entry of 'holders' must not be empty")


def test_no_roles_at_all(tmp_path: Path) -> None:
    roles = "team: Nordwerk\nroles: []\n"
    only(roles_problems(tmp_path, roles), "roles.yaml:2: ", "lists no roles")


def test_agenda_without_items(tmp_path: Path) -> None:
    only(agenda_problems(tmp_path, "title: T\nitems: []\n"), "round-table.yaml:2: ", "no items")


def test_optional_text_may_be_left_empty(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "facilitator: sales-marketing\n", "facilitator:\n")
    agenda = swap(agenda, "    kind: decision\n", "    kind: decision\n    notes: ~\n")
    config = load_config(write(tmp_path / "c", agendas={"rt.yaml": agenda}), "t")
    assert config.agendas[0].facilitator is None
    assert config.agendas[0].items[-1].notes == ""


# --- text from the file in messages ---------------------------------------------------


def test_messages_show_control_characters_visibly_on_one_line(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "    minutes: 30\n", '    "min\\e[2Jutes\\nx": 30\n    minutes: 30\n')
    found = agenda_problems(tmp_path, agenda)
    only(found, "round-table.yaml:12: ", "unknown key 'min\\x1b[2Jutes x'")
    assert "\x1b" not in found[0]


def test_long_text_is_cut_in_messages(tmp_path: Path) -> None:
    agenda = swap(AGENDA, "cadence: biweekly\n", f"cadence: {'every second tuesday ' * 20}\n")
    (line,) = agenda_problems(tmp_path, agenda)
    assert "…" in line and len(line) < 250


# --- no input ends in a traceback -----------------------------------------------------

_SHIPPED = Path(__file__).parents[2] / "roundtable" / "defaults"
_FRAGMENTS = [
    ":", "- ", "\n", "&a ", "*a", "!!", "[", "{", "'", '"', "\t", "~", "<<: ", " true",
    "  ", "? ", "|", ">", "%", "@", ".nan", "9" * 30, "\x00", "\xe4", "#",
]  # fmt: skip


def _check_never_crashes(folder: Path, roles: bytes, agenda: bytes) -> None:
    (folder / "roles.yaml").write_bytes(roles)
    (folder / "round-table.yaml").write_bytes(agenda)
    try:
        config = load_config(folder, "fuzz")
    except ConfigError as error:
        assert error.problems
        for problem in error.problems:
            assert "\n" not in problem.message and "\x1b" not in problem.message
    else:
        assert isinstance(config, TeamConfig)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300), which=st.booleans())
def test_random_bytes_never_crash(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, which: bool
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    agenda = (_SHIPPED / "round-table.yaml").read_bytes()
    roles = (_SHIPPED / "roles.yaml").read_bytes()
    _check_never_crashes(folder, data if which else roles, agenda if which else data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(st.floats(0, 1), st.sampled_from(_FRAGMENTS), st.integers(0, 3)),
        min_size=1,
        max_size=6,
    ),
    which=st.booleans(),
)
def test_mangled_shipped_files_never_crash(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[float, str, int]], which: bool
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    roles = (_SHIPPED / "roles.yaml").read_text(encoding="utf-8")
    agenda = (_SHIPPED / "round-table.yaml").read_text(encoding="utf-8")
    text = roles if which else agenda
    for where, fragment, cut in edits:
        at = int(where * len(text))
        text = text[:at] + fragment + text[at + cut :]
    data = text.encode("utf-8", "surrogatepass")
    _check_never_crashes(
        folder,
        data if which else roles.encode(),
        agenda.encode() if which else data,
    )


# --- roles only (for commands that match owners) ----------------------------------------


def test_load_roles_reads_only_the_roles(tmp_path: Path) -> None:
    # A broken agenda does not keep an attendee from listing their action items.
    folder = write(tmp_path / "c", agendas={"round-table.yaml": "items: [unclosed"})
    roles = load_roles(folder)
    assert [role.id for role in roles] == ["sales-marketing", "sales-controlling", "sales"]
    assert roles[2].holders == ("Thomas Wagner", "Julia Neumann")
    assert roles == load_config(write(tmp_path / "d"), "test").roles


def test_load_roles_reports_what_load_config_reports_for_roles(tmp_path: Path) -> None:
    broken = swap(ROLES, "  - id: sales\n", "  - id: Sales Team\n")
    folder = write(tmp_path / "c", roles=broken)
    with pytest.raises(ConfigError) as caught:
        load_roles(folder)
    assert [str(p) for p in caught.value.problems] == [
        str(p) for p in _config_problems(folder) if p.path.name == "roles.yaml"
    ]
    assert f"{folder / 'roles.yaml'}:11:" in caught.value.message


@pytest.mark.parametrize(
    ("make", "gist"),
    [
        (lambda tmp: tmp / "nowhere", "config folder does not exist"),
        (lambda tmp: write(tmp / "c") / "roles.yaml", "not a config folder"),
        (lambda tmp: write(tmp / "c", roles=None), "no roles.yaml"),
    ],
)
def test_load_roles_without_a_roles_file(
    tmp_path: Path, make: Callable[[Path], Path], gist: str
) -> None:
    with pytest.raises(ConfigError, match=gist):
        load_roles(make(tmp_path))


def _config_problems(folder: Path) -> list[Problem]:
    with pytest.raises(ConfigError) as caught:
        load_config(folder, "test")
    return caught.value.problems


def _tree(node: object) -> object:
    """A composed YAML node as plain values: tag, line and content."""
    from yaml.nodes import Node

    assert isinstance(node, Node)
    value = node.value
    if isinstance(value, list):
        value = [
            tuple(_tree(part) for part in item) if isinstance(item, tuple) else _tree(item)
            for item in value
        ]
    return (node.tag, node.start_mark.line, value)


@pytest.mark.parametrize(
    "path",
    sorted(Path(__file__).resolve().parents[2].glob("roundtable/defaults/**/*.yaml")),
    ids=lambda path: "/".join(path.parts[-2:]),
)
def test_libyaml_and_the_python_loader_compose_the_same_tree(path: Path) -> None:
    # Config is composed by libyaml when it can: it must see exactly what the
    # pure-Python loader (which reports the problems) sees, lines included.
    import yaml

    from roundtable.domain.config.yamlfile import _parse

    text = path.read_text(encoding="utf-8")
    python = yaml.SafeLoader(text)
    try:
        assert _tree(_parse(text)) == _tree(python.get_single_node())
    finally:
        python.dispose()


def test_nesting_deeper_than_libyaml_may_go_is_refused_in_words(tmp_path: Path) -> None:
    # Deep block nesting goes to the pure-Python loader, never libyaml's C stack.
    nested = "team:\n" + "- " * 5000 + "x\n"
    only(roles_problems(tmp_path, nested), "roles.yaml: ", "nested too deeply")
