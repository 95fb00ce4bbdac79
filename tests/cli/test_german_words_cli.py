"""German output has no English left: every command's help, usage errors, the minutes,
the reminders, the calendar and the lists, on a German demo history.

The words count as English when the catalog's English messages use them and no German
translation does (`tests/german_words.py`); the team's own words (names, what the demo
team typed) are taken out first.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from roundtable.cli.parser import build_parser
from roundtable.domain.config import TeamConfig, load_config
from roundtable.i18n import set_language
from roundtable.store.store import Store
from tests.cli.test_language_cli import run
from tests.german_words import english_only_words, english_words_in

GERMAN_DEFAULTS = Path(__file__).parents[2] / "roundtable" / "defaults" / "de"


def commands() -> list[str]:
    parser = build_parser()
    [subparsers] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(subparsers.choices)


def config_words(config: TeamConfig) -> list[str]:
    """What the team wrote in its config: names of people, roles, agendas, items."""
    words = [config.team]
    for role in config.roles:
        words += [role.id, role.title, *role.holders, *role.responsibilities]
    for agenda in config.agendas:
        words += [agenda.id, agenda.title]
        words += [item.title for item in agenda.items]
        words += [item.notes for item in agenda.items if item.notes]
    return words


def store_words(db: Path) -> list[str]:
    """What the demo team typed: texts of entries, campaign names, areas."""
    words: list[str] = []
    with Store.open(db, read_only=True) as store:
        words += [d.text for d in store.decisions()]
        words += [a.text for a in store.actions(include_closed=True)]
        words += [n.text for n in store.notes()]
        for budget in store.budgets():
            words += [budget.area, budget.from_area or "", budget.note, budget.period]
        for campaign in store.campaigns():
            words += [campaign.name, campaign.note]
        for meeting in store.meetings():
            words += [item.title for item in meeting.items]
            words += [person.name for person in meeting.attendees]
    return words


def test_the_word_list_knows_english_from_german() -> None:
    english = english_only_words()
    assert {"meeting", "agenda", "owner", "leads", "the", "palette", "usage"} <= english
    assert not {"budget", "status", "team", "webinar", "in", "name"} & english
    assert english_words_in("Sitzung Nr. 3: Tagesordnung, Verantwortlich") == []
    assert english_words_in("3 leads of communication, --owner WER") == ["leads", "communication"]
    assert english_words_in("Open action items · Katrin", names=["Open action items"]) == []


def test_every_help_is_german(tmp_path: Path) -> None:
    english: dict[str, list[str]] = {}
    for command in ["", *commands()]:
        args = ["--lang", "de", *([command] if command else []), "--help"]
        result = run(tmp_path, *args)
        assert result.returncode == 0, result.stderr
        found = english_words_in(result.stdout, names=commands())
        if found:
            english[command or "roundtable"] = found
    assert not english, english


@pytest.mark.parametrize(
    "args",
    [
        ["nosuch"],
        ["done"],
        ["actions", "--owner"],
        ["actions", "--bogus"],
        ["stats", "--last", "x"],
        ["store", "fix"],
        ["export", "--json", "--csv"],
        ["actions", "--json", "--csv"],
    ],
    ids=lambda args: " ".join(args),
)
def test_usage_errors_are_german(tmp_path: Path, args: list[str]) -> None:
    result = run(tmp_path, "--lang", "de", *args)
    assert result.returncode == 2
    assert english_words_in(result.stderr) == [], result.stderr


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """A German demo history on the German shipped config: (folder, store, names)."""
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "roundtable.db"
    result = run(
        folder, "--lang", "de", "--config", str(GERMAN_DEFAULTS), "--db", str(db), "demo",
        "--meetings", "8",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    set_language("de")
    names = config_words(load_config(GERMAN_DEFAULTS, "test")) + store_words(db)
    set_language("en")
    return folder, db, names


@pytest.mark.parametrize(
    "args",
    [
        ["export"],
        ["export", "1"],
        ["meetings"],
        ["actions", "--all"],
        ["decisions"],
        ["search", "Anwendertag"],
        ["campaigns"],
        ["stats"],
        ["remind"],
        ["check"],
        ["export", "99"],
        ["actions", "--owner", "niemand"],
        ["done", "A-999"],
        ["signoff", "B-1", "--by", "Jemand"],
    ],
    ids=lambda args: " ".join(args),
)
def test_output_on_a_german_history_is_german(
    demo: tuple[Path, Path, list[str]], args: list[str]
) -> None:
    folder, db, names = demo
    result = run(folder, "--lang", "de", "--config", str(GERMAN_DEFAULTS), "--db", str(db), *args)
    assert result.stdout or result.stderr
    found = english_words_in(result.stdout + "\n" + result.stderr, names)
    assert found == [], result.stdout + result.stderr


def test_the_calendar_is_german(demo: tuple[Path, Path, list[str]]) -> None:
    folder, db, names = demo
    ics = folder / "team.ics"
    result = run(
        folder, "--lang", "de", "--config", str(GERMAN_DEFAULTS), "--db", str(db),
        "calendar", "--output", str(ics),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # iCalendar folds long lines and escapes commas: unfold and unescape to read it.
    text = ics.read_text(encoding="utf-8").replace("\r\n ", "").replace("\\,", ",")
    text = text.replace("\\n", "\n").replace("\\;", ";")
    shown = "\n".join(
        line.partition(":")[2]
        for line in text.splitlines()
        if line.startswith(("SUMMARY", "DESCRIPTION", "LOCATION"))
    )
    assert shown
    assert english_words_in(shown, names) == [], shown


def test_the_mails_are_german(demo: tuple[Path, Path, list[str]], tmp_path: Path) -> None:
    import email
    import shutil
    from email import policy

    import yaml

    _folder, db, names = demo
    config = tmp_path / "config"
    shutil.copytree(GERMAN_DEFAULTS, config)
    roles_file = config / "roles.yaml"
    data = yaml.safe_load(roles_file.read_text(encoding="utf-8"))
    for index, role in enumerate(data["roles"]):
        role["holders"] = [
            {"name": name, "email": f"person{index}.{number}@example.com"}
            for number, name in enumerate(role["holders"])
        ]
    data["mail"] = {
        "host": "127.0.0.1",
        "port": 2525,
        "sender": "Runder Tisch <runde@example.com>",
        "security": "none",
    }
    roles_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "mails"
    out.mkdir()
    common = ["--lang", "de", "--config", str(config), "--db", str(db)]
    for args in (["remind"], ["export"]):
        result = run(tmp_path, *common, *args, "--dry-run", "--eml-dir", str(out))
        assert result.returncode == 0, result.stderr
        assert english_words_in(result.stdout + result.stderr, names) == [], result.stdout
    letters = sorted(out.glob("*.eml"))
    assert len(letters) > 2
    for path in letters:
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        body = message.get_body(("plain",))
        assert body is not None
        text = f"{message['subject']}\n{body.get_content()}"
        assert english_words_in(text, names) == [], text
