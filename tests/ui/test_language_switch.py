"""One process, both languages: the screens were imported in English, the language
switches, and the footer, help and command palette speak the new one; and back.

This is what the test suite does when one worker runs English and German tests one
after the other, and what broke when binding descriptions were translated at import.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets._footer import FooterKey

from roundtable.domain.config import TeamConfig
from roundtable.i18n import current_language, set_language
from roundtable.store.store import Store
from roundtable.ui.app import RoundtableApp
from tests.ui.conftest import FakeClock, app_for, running_meeting, settle, wait_until


@pytest.fixture
def english_afterwards() -> Iterator[None]:
    try:
        yield
    finally:
        set_language("en")


def prompt_text(prompt: object) -> str:
    """A command's title and help as plain text, one per line."""
    plain = getattr(prompt, "plain", None)
    return plain if isinstance(plain, str) else str(prompt)


async def footer_and_palette(app: RoundtableApp, search: str) -> tuple[dict[str, str], str]:
    """The meeting footer's keys (key → description), and the command palette's text
    with `search` typed into it."""
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        keys = {key.key: key.description for key in app.screen.query(FooterKey)}
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*search)
        await pilot.pause()
        commands = app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: commands.option_count > 0)
        shown = [commands.get_option_at_index(i).prompt for i in range(commands.option_count)]
        return keys, "\n".join(prompt_text(prompt) for prompt in shown)


async def test_the_language_switches_after_the_screens_were_imported(
    config: TeamConfig, db_file: Path, clock: FakeClock, english_afterwards: None
) -> None:
    assert current_language() == "en"  # every test starts in English, screens imported
    with Store.open(db_file, clock=clock) as store:
        running_meeting(store, config, clock)

    german = {"n": "Weiter", "ctrl+e": "Beenden", "q": "Schließen", "ctrl+p": "Befehle"}
    english = {"n": "Next", "ctrl+e": "End", "q": "Quit", "ctrl+p": "palette"}
    for language, expected, search, command in (
        ("de", german, "pause", ["Pause", "Taste: Leertaste"]),
        ("en", english, "pause", ["Pause", "Key: space"]),
        ("de", german, "anwesen", ["Anwesenheit", "Taste: t"]),
    ):
        set_language(language)
        with Store.open(db_file, clock=clock) as store:
            app = app_for(config, store, clock, start=True)
            keys, palette = await footer_and_palette(app, search)
        assert {key: keys[key] for key in expected} == expected
        lines = palette.splitlines()
        for text in command:
            assert text in lines, palette


async def no_matches_prompt(app: RoundtableApp) -> object:
    """What the command palette shows for a search that matches no command."""
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"qxqxqx")
        commands = app.screen.query_one(CommandList)
        await wait_until(
            pilot,
            lambda: commands.option_count == 1 and commands.get_option_at_index(0).disabled,
        )
        return commands.get_option_at_index(0).prompt


async def test_a_search_without_matches_says_so_in_the_reader_s_language(
    config: TeamConfig, db_file: Path, clock: FakeClock, english_afterwards: None
) -> None:
    with Store.open(db_file, clock=clock) as store:
        running_meeting(store, config, clock)
    for language, words in (("de", "Keine Treffer"), ("en", "No matches found")):
        set_language(language)
        with Store.open(db_file, clock=clock) as store:
            prompt = await no_matches_prompt(app_for(config, store, clock, start=True))
        assert isinstance(prompt, Align) and isinstance(prompt.renderable, Text)
        assert prompt.renderable.plain == words
