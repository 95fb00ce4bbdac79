"""Textual's command palette in the reader's language.

Textual writes its "No matches found" line in English inside a private method; this
palette writes the same line through the catalog. It relies on that method's name and
on `CommandList` (hence the upper bound on textual in pyproject.toml).
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from roundtable.i18n import _

__all__ = ["Palette"]


class Palette(CommandPalette):
    """The command palette, with its prompt and its "no matches" line translated."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            # An empty search is discovery: there is nothing to say "no matches" about.
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_("No matches found"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
