"""Choosing the language: names of languages and locales, `--lang`, the config's key, and
translation of text built at import time."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from roundtable.domain.config import load_config, peek_language
from roundtable.errors import ConfigError, UsageError
from roundtable.i18n import (
    LANG_ENV,
    LANGUAGES,
    SOURCE_LANGUAGE,
    _,
    current_language,
    locale_language,
    ngettext,
    normalize_language,
    requested_language,
    set_language,
)

SHIPPED = Path(__file__).parents[2] / "roundtable" / "defaults"


@pytest.fixture(autouse=True)
def english_again() -> Iterator[None]:
    """Whatever a test switches to, the next one starts in English."""
    yield
    set_language("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("de", "de"),
        ("DE", "de"),
        ("de_DE.UTF-8", "de"),
        ("de_AT", "de"),
        ("de-CH", "de"),
        ("de_DE@euro", "de"),
        ("en_US.UTF-8", "en"),
        ("en_GB", "en"),
        ("C", None),
        ("C.UTF-8", None),
        ("POSIX", None),
        ("fr_FR.UTF-8", None),
        ("", None),
        ("deutsch", None),
    ],
)
def test_normalize_language(text: str, expected: str | None) -> None:
    assert normalize_language(text) == expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LC_MESSAGES": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}, "de"),
        ({"LC_ALL": "de_DE.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "de"),
        # The first one set decides, even when it names no language of ours.
        ({"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, None),
        ({"LC_ALL": "", "LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "fr_FR.UTF-8"}, None),
        ({}, None),
    ],
)
def test_locale_language_follows_posix_order(env: dict[str, str], expected: str | None) -> None:
    assert locale_language(env) == expected


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        (["--lang", "de", "check"], {}, "de"),
        (["check", "--lang=de"], {}, "de"),
        (["--lang", "de", "--lang", "en"], {}, "en"),  # the last one, as argparse reads it
        (["--lang", "de"], {LANG_ENV: "en"}, "de"),  # the option wins over the variable
        (["check"], {LANG_ENV: "de"}, "de"),
        (["check"], {LANG_ENV: "de_DE.UTF-8"}, "de"),
        (["check"], {LANG_ENV: ""}, None),
        (["check"], {"LANG": "de_DE.UTF-8"}, None),  # the locale is not an explicit request
        (["--lang", "fr"], {}, None),  # argparse refuses it with the choices
        (["--lang"], {}, None),
        (["done", "--", "--lang", "de"], {}, None),
    ],
)
def test_requested_language(argv: list[str], env: dict[str, str], expected: str | None) -> None:
    assert requested_language(argv, env) == expected


def test_a_wrong_language_variable_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        requested_language(["check"], {LANG_ENV: "fr"})
    assert caught.value.message == f"{LANG_ENV} must be one of en, de, not 'fr'."


def test_set_language_switches_the_translation() -> None:
    assert current_language() == "en"
    assert _("OK") == "OK"
    set_language("de_DE.UTF-8")
    assert current_language() == "de"
    assert _("No open action items.") == "Keine offenen Aufgaben."
    assert ngettext("{count} item", "{count} items", 1) == "{count} Punkt"
    assert ngettext("{count} item", "{count} items", 3) == "{count} Punkte"
    # A message the catalog lacks stays English rather than disappearing.
    assert _("A message nobody translated") == "A message nobody translated"
    set_language("en")
    assert _("No open action items.") == "No open action items."


def test_the_source_language_has_no_catalog_to_miss() -> None:
    # `set_language` does not look for one: a catalog added here would go unread.
    from roundtable.i18n import LOCALE_DIR

    assert SOURCE_LANGUAGE in LANGUAGES
    assert not (LOCALE_DIR / SOURCE_LANGUAGE).exists()
    assert {path.name for path in LOCALE_DIR.iterdir() if path.is_dir()} == set(LANGUAGES) - {
        SOURCE_LANGUAGE
    }


def test_set_language_refuses_a_language_we_do_not_speak() -> None:
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        set_language("fr")
    assert current_language() == "en"


def test_the_config_enum_matches_the_languages() -> None:
    from roundtable.domain.config.model import Language as _Language

    assert sorted(member.value for member in _Language) == sorted(LANGUAGES)


# --- the config's `language` key -----------------------------------------------------------


def config_with(tmp_path: Path, language_line: str) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    roles = (SHIPPED / "roles.yaml").read_text(encoding="utf-8")
    head, marker, rest = roles.partition("\nroles:\n")
    (folder / "roles.yaml").write_text(f"{head}\n{language_line}{marker}{rest}", encoding="utf-8")
    (folder / "round-table.yaml").write_bytes((SHIPPED / "round-table.yaml").read_bytes())
    return folder


@pytest.mark.parametrize("language", ["de", "en"])
def test_config_language_is_read(tmp_path: Path, language: str) -> None:
    folder = config_with(tmp_path, f"language: {language}\n")
    assert load_config(folder, "test").language == language
    assert peek_language(folder) == language


def test_config_without_language_leaves_it_open(tmp_path: Path) -> None:
    folder = config_with(tmp_path, "")
    assert load_config(folder, "test").language is None
    assert peek_language(folder) is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("language: fr\n", "'language' must be one of en, de, not the text 'fr'"),
        ("language: DE\n", "'language' must be one of en, de, not the text 'DE'"),
        ("language:\n", "'language' must be one of en, de, not nothing"),
        ("language: [de]\n", "'language' must be one of en, de, not a list"),
        ("langauge: de\n", "unknown key 'langauge' in roles.yaml; did you mean 'language'?"),
    ],
)
def test_config_language_is_validated(tmp_path: Path, line: str, message: str) -> None:
    folder = config_with(tmp_path, line)
    roles_text = (folder / "roles.yaml").read_text(encoding="utf-8")
    line_number = roles_text.splitlines().index(line.rstrip("\n")) + 1
    with pytest.raises(ConfigError) as caught:
        load_config(folder, "test")
    assert [str(problem) for problem in caught.value.problems] == [
        f"{folder / 'roles.yaml'}:{line_number}: {message}"
    ]
    # The early look the CLI takes ignores what it cannot use; the loader reports it.
    assert peek_language(folder) is None


def test_peek_language_never_raises(tmp_path: Path) -> None:
    assert peek_language(tmp_path / "missing") is None
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "roles.yaml").write_text("language: de\n  : [unclosed\n", encoding="utf-8")
    assert peek_language(broken) is None
    (broken / "roles.yaml").write_bytes(b"language: \xff\n")
    assert peek_language(broken) is None


# --- text built at import time ------------------------------------------------------------


def test_bindings_are_translated_where_shown_whichever_language_was_set_at_import() -> None:
    # BINDINGS descriptions are marked (`N_`, `NP_`), not translated, when the class is
    # defined: importing the UI in German leaves the English message, which `_()` turns
    # into the language current when it is shown. A fresh interpreter proves the order.
    probe = textwrap.dedent(
        """
        import json
        from roundtable.i18n import _, set_language
        set_language("de")
        from roundtable.ui.app import RoundtableApp
        from roundtable.ui.screens.home.home import HomeScreen
        from roundtable.ui.screens.meeting.screen import MeetingScreen
        bindings = [*RoundtableApp.BINDINGS, *HomeScreen.BINDINGS]
        print(json.dumps([b.description for b in bindings]))
        print(json.dumps([_(b.description) for b in bindings]))
        print(json.dumps({b.id: _(b.description) for b in MeetingScreen.BINDINGS}))
        set_language("en")
        print(json.dumps({b.id: _(b.description) for b in MeetingScreen.BINDINGS}))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    marked_line, home_line, meeting_line, english_line = result.stdout.strip().splitlines()
    assert "Light/dark" in json.loads(marked_line)
    home = json.loads(home_line)
    assert "Hell/Dunkel" in home
    assert "Light/dark" not in home
    # A description with a context (`NP_`) is translated in that context.
    meeting = json.loads(meeting_line)
    assert meeting["end-meeting"] == "Beenden"
    assert meeting["quit"] == "Schließen"
    english = json.loads(english_line)
    assert english["end-meeting"] == "End"
    assert english["quit"] == "Quit"
