"""The language a real `roundtable` process speaks: `--lang`, `$ROUNDTABLE_LANG`, the
config's `language`, the locale, English; in that order."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

SHIPPED = Path(__file__).parents[2] / "roundtable" / "defaults"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def run(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m roundtable ARGS` in `cwd`, isolated from the user's config and locale."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("ROUNDTABLE_") and key not in LOCALE_VARIABLES
    }
    environment["XDG_CONFIG_HOME"] = str(cwd / "xdg-config")
    environment["XDG_DATA_HOME"] = str(cwd / "xdg-data")
    environment["LANG"] = "C.UTF-8"
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "roundtable", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def broken_config(tmp_path: Path) -> Path:
    folder = tmp_path / "broken"
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns("de"))
    agenda = folder / "round-table.yaml"
    agenda.write_text(
        agenda.read_text(encoding="utf-8").replace("timebox: 180", "timebox: 200"),
        encoding="utf-8",
    )
    roles = folder / "roles.yaml"
    roles.write_text(
        roles.read_text(encoding="utf-8").replace("\nroles:\n", "\nlangauge: de\nroles:\n"),
        encoding="utf-8",
    )
    return folder


def line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def config_saying(tmp_path: Path, language: str) -> Path:
    folder = tmp_path / f"config-{language}"
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns("de"))
    roles = folder / "roles.yaml"
    roles.write_text(
        roles.read_text(encoding="utf-8").replace(
            "\nroles:\n", f"\nlanguage: {language}\nroles:\n"
        ),
        encoding="utf-8",
    )
    return folder


def test_check_speaks_german_with_lang_de(tmp_path: Path) -> None:
    folder = broken_config(tmp_path)
    result = run(tmp_path, "--lang", "de", "--config", str(folder), "check")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith(f"Konfigurationsordner: {folder} (aus --config)")
    key_line = line_of(folder / "roles.yaml", "langauge:")
    box_line = line_of(folder / "round-table.yaml", "timebox:")
    assert result.stderr.splitlines() == [
        "roundtable: die Konfiguration hat 2 Probleme:",
        f"{folder / 'roles.yaml'}:{key_line}: unbekannter Schlüssel 'langauge' (roles.yaml); "
        "meinten Sie 'language'?",
        f"{folder / 'round-table.yaml'}:{box_line}: Der Zeitrahmen beträgt 200 Minuten, "
        "mehr als 180: Der runde Tisch dauert nie länger als drei Stunden",
    ]


def test_the_same_check_in_english_by_default(tmp_path: Path) -> None:
    folder = broken_config(tmp_path)
    result = run(tmp_path, "--config", str(folder), "check")
    assert result.returncode == 2
    assert "roundtable: the config has 2 problems:" in result.stderr
    assert "unknown key 'langauge' in roles.yaml; did you mean 'language'?" in result.stderr


def test_lang_also_works_after_the_command(tmp_path: Path) -> None:
    result = run(tmp_path, "--config", str(SHIPPED), "check", "--lang", "de")
    assert result.returncode == 0, result.stderr
    assert "7 Rollen: product-marketing" in result.stdout


def test_the_environment_variable_chooses_like_lang(tmp_path: Path) -> None:
    result = run(tmp_path, "--config", str(SHIPPED), "check", env={"ROUNDTABLE_LANG": "de"})
    assert result.returncode == 0, result.stderr
    assert "Tagesordnung round-table: Marketing & Sales Round Table — 180 von 180 Minuten" in (
        result.stdout
    )
    # The option wins over the variable.
    result = run(
        tmp_path, "--lang", "en", "--config", str(SHIPPED), "check", env={"ROUNDTABLE_LANG": "de"}
    )
    assert "7 roles: product-marketing" in result.stdout


def test_the_config_language_applies_without_lang(tmp_path: Path) -> None:
    folder = config_saying(tmp_path, "de")
    result = run(tmp_path, "--config", str(folder), "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"Konfigurationsordner: {folder} (aus --config)"
    assert result.stdout.splitlines()[-1] == "OK"
    # --lang and $ROUNDTABLE_LANG overrule the config; the locale does not.
    assert "7 roles" in run(tmp_path, "--lang", "en", "--config", str(folder), "check").stdout
    english_env = run(tmp_path, "--config", str(folder), "check", env={"ROUNDTABLE_LANG": "en"})
    assert "7 roles" in english_env.stdout
    english_locale = run(tmp_path, "--config", str(folder), "check", env={"LANG": "en_US.UTF-8"})
    assert "7 Rollen" in english_locale.stdout


def test_an_english_config_overrules_a_german_locale(tmp_path: Path) -> None:
    folder = config_saying(tmp_path, "en")
    result = run(tmp_path, "--config", str(folder), "check", env={"LANG": "de_DE.UTF-8"})
    assert "7 roles" in result.stdout


def test_the_locale_chooses_last_and_brings_the_german_defaults(tmp_path: Path) -> None:
    # No config anywhere: the shipped defaults, in the locale's language.
    result = run(tmp_path, "check", env={"LANG": "de_DE.UTF-8"})
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("Konfigurationsordner: ")
    assert first.endswith(f"{os.sep}defaults{os.sep}de (aus den mitgelieferten Vorgaben)")
    assert "Tagesordnung round-table: Runder Tisch Marketing und Vertrieb — 180 von 180" in (
        result.stdout
    )
    # LC_ALL=C comes first and means English, shipped defaults in English too.
    result = run(tmp_path, "check", env={"LANG": "de_DE.UTF-8", "LC_ALL": "C"})
    assert result.stdout.splitlines()[0].endswith(f"{os.sep}defaults (from the shipped defaults)")
    assert "Agenda round-table: Marketing & Sales Round Table" in result.stdout


def test_help_is_german_before_anything_is_read(tmp_path: Path) -> None:
    result = run(tmp_path, "--lang", "de", "--help")
    assert result.returncode == 0
    assert "Begleitet den runden Tisch von Marketing und Vertrieb" in result.stdout
    assert "Befehle:" in result.stdout
    result = run(tmp_path, "actions", "--help", env={"LANG": "de_DE.UTF-8"})
    assert "auch erledigte und verworfene Aufgaben" in result.stdout


def test_german_help_has_no_english_words_of_argparse_left(tmp_path: Path) -> None:
    result = run(tmp_path, "--lang", "de", "done", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Aufruf: roundtable done [-h] [--config ORDNER]")
    assert "\nAngaben:\n" in result.stdout
    # One group of options, the shared ones (--db…) in it, with German help for -h.
    assert result.stdout.count("Optionen:") == 1
    assert "-h, --help       diese Hilfe anzeigen und beenden" in result.stdout
    for english in ("usage:", "options:", "positional arguments", "show this help"):
        assert english not in result.stdout


def test_a_language_we_do_not_speak_is_refused(tmp_path: Path) -> None:
    result = run(tmp_path, "check", env={"ROUNDTABLE_LANG": "fr"})
    assert result.returncode == 2
    assert result.stderr == "roundtable: ROUNDTABLE_LANG must be one of en, de, not 'fr'.\n"
    result = run(tmp_path, "--lang", "fr", "check")
    assert result.returncode == 2
    assert "invalid choice: 'fr'" in result.stderr
    assert "Traceback" not in result.stderr


# --- output in German: tables, dates, money, minutes ------------------------------------


def german_store(tmp_path: Path) -> Path:
    """One ended round table with an action item due 22 November 2026 and a budget
    allocation of 1,234.50 EUR, recorded through the store as the app does."""
    from datetime import UTC, date, datetime
    from decimal import Decimal

    from roundtable.domain.config import load_config
    from roundtable.domain.entries import BudgetKind
    from roundtable.domain.meeting import Attendee
    from roundtable.domain.timebox import end, new_meeting
    from roundtable.store.store import Store

    start = datetime(2026, 11, 12, 8, 0, tzinfo=UTC)
    agenda = load_config(SHIPPED / "de", "test").agenda("round-table")
    assert agenda is not None
    path = tmp_path / "roundtable.db"
    with Store.open(path, clock=lambda: start) as store:
        people = (Attendee("Katrin Vogel", "sales-marketing"),)
        meeting = store.add_meeting(new_meeting(agenda, people, "Katrin Vogel", 1, start))
        assert meeting.id is not None
        store.add_action(
            "Messe-Leads an den Vertrieb übergeben",
            "dialog-marketing",
            date(2026, 11, 22),
            meeting.id,
            0,
        )
        store.add_budget(
            meeting.id,
            0,
            area="Dialogmarketing",
            amount=Decimal("1234.50"),
            currency="EUR",
            period="2026-Q4",
            kind=BudgetKind.ALLOCATION,
            from_area=None,
            needs_signoff=False,
        )
        store.save_meeting(end(meeting, datetime(2026, 11, 12, 10, 30, tzinfo=UTC)))
    return path


def test_actions_in_german_have_german_headers_and_dates(tmp_path: Path) -> None:
    db = german_store(tmp_path)
    today = {"ROUNDTABLE_TODAY": "2026-11-20"}
    result = run(
        tmp_path,
        "--lang",
        "de",
        "--config",
        str(SHIPPED / "de"),
        "--db",
        str(db),
        "actions",
        env=today,
    )
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.splitlines()
    assert header.split() == ["NR", "FÄLLIG", "VERANTWORTLICH", "STATUS", "TEXT"]
    # The owner by the role's title, as the app shows it.
    assert row.split()[:4] == ["A-1", "22.11.2026", "Dialogmarketing", "offen"]
    english = run(tmp_path, "--config", str(SHIPPED), "--db", str(db), "actions", env=today)
    assert english.stdout.splitlines()[1].split()[:6] == [
        "A-1",
        "Nov",
        "22,",
        "2026",
        "Dialog",
        "Marketing",
    ]
    # JSON is for scripts: ISO dates in every language.
    as_json = run(tmp_path, "--lang", "de", "--db", str(db), "actions", "--json", env=today)
    assert '"due": "2026-11-22"' in as_json.stdout


def test_export_in_german_has_german_headings_and_money(tmp_path: Path) -> None:
    db = german_store(tmp_path)
    result = run(
        tmp_path,
        "--lang",
        "de",
        "--config",
        str(SHIPPED / "de"),
        "--db",
        str(db),
        "export",
        "1",
        env={"TZ": "Europe/Berlin"},
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("# Protokoll: Runder Tisch Marketing und Vertrieb — Sitzung Nr. 1\n")
    assert "- **Datum:** Donnerstag, 12. November 2026" in text
    assert "- **Zeit:** 09:00–11:30 Uhr" in text
    for heading in (
        "## Anwesenheit",
        "## Tagesordnung",
        "## Beschlüsse",
        "## Aufgaben nach Verantwortlichen",
        "## Budgetvereinbarungen",
        "## Kampagnenergebnisse",
        "## Nächste Sitzung",
    ):
        assert f"\n{heading}\n" in text
    assert "Budget Dialogmarketing Q4/2026: 1.234,50\xa0€ zugewiesen" in text
    assert "— fällig am 22.11.2026" in text
    english = run(
        tmp_path,
        "--config",
        str(SHIPPED),
        "--db",
        str(db),
        "export",
        "1",
        env={"TZ": "Europe/Berlin"},
    )
    assert "€1,234.50 allocated to Dialogmarketing, 2026-Q4" in english.stdout
    assert "## Budget agreements" in english.stdout


def test_help_follows_a_german_locale(tmp_path: Path) -> None:
    result = run(tmp_path, "--help", env={"LANG": "de_DE.UTF-8"})
    assert result.returncode == 0
    assert "Begleitet den runden Tisch von Marketing und Vertrieb" in result.stdout
    assert "Befehle:" in result.stdout
    assert "Runs the marketing" not in result.stdout


def test_config_language_makes_the_output_german(tmp_path: Path) -> None:
    db = german_store(tmp_path)
    folder = config_saying(tmp_path, "de")
    result = run(tmp_path, "--config", str(folder), "--db", str(db), "meetings")
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.splitlines()
    assert header.split() == ["#", "DATUM", "TAGESORDNUNG", "ZEIT", "BESCHLÜSSE", "AUFGABEN"]
    assert row.split()[:2] == ["1", "12.11.2026"]
