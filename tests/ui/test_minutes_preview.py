"""The minutes preview on a bare host app, driven through Textual's Pilot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from textual.app import App
from textual.screen import Screen
from textual.widgets import Markdown

from roundtable.ui.screens.home.minutes_preview import MinutesPreview

GOLDEN = Path(__file__).parents[1] / "unit" / "golden" / "meeting_12.md"


def _table_count(markdown: str) -> int:
    """How many tables a GFM parser finds in the golden minutes."""
    tokens = MarkdownIt("gfm-like").parse(markdown)
    return sum(1 for token in tokens if token.type == "table_open")


class Host(App[None]):
    """Opens one screen and records what it returns."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.screen_to_open = screen
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.screen_to_open, self.results.append)


async def test_preview_shows_the_minutes_and_where_they_went() -> None:
    markdown = GOLDEN.read_text(encoding="utf-8")
    path = Path("/srv/protokolle/runder-tisch-12.md")
    app = Host(MinutesPreview(markdown, path, title="Minutes of meeting 12"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        preview = app.screen
        assert isinstance(preview, MinutesPreview)
        dialog = preview.query_one("#dialog")
        assert str(dialog.border_title) == "Minutes of meeting 12"
        assert f"written to {path}" in str(dialog.border_subtitle)
        shown = preview.query_one("#minutes", Markdown)
        assert shown.source == markdown
        headings = [
            block for block in shown.children if type(block).__name__.startswith("MarkdownH")
        ]
        assert len(headings) == markdown.count("\n## ") + markdown.count("\n### ") + 1
        tables = [block for block in shown.children if type(block).__name__ == "MarkdownTable"]
        assert len(tables) == _table_count(markdown) >= 4

        await pilot.press("c")
        assert app.clipboard == markdown

        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_preview_without_a_file_says_so_and_closes_with_q() -> None:
    app = Host(MinutesPreview("# Minutes\n\nNothing yet.\n"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen.query_one("#dialog")
        assert str(dialog.border_title) == "Minutes"
        assert "not written to a file" in str(dialog.border_subtitle)
        await pilot.press("q")
        await pilot.pause()
    assert app.results == [None]
