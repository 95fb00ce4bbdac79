"""The help modal: every key of the screen it was opened from, in a table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable

from roundtable.i18n import _
from roundtable.ui.screens.forms.form_base import RoundtableModal, literal, safe_line
from roundtable.ui.widgets.row_table import RowTable

__all__ = ["HelpScreen"]


class HelpScreen(RoundtableModal[None]):
    """A table of keys and what they do; Escape, `q` or `?` closes it."""

    DEFAULT_CLASSES = "rt-modal help"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,question_mark", "cancel", _("Close"), show=False, id="help.close"),
    ]

    def __init__(self, bindings: Sequence[tuple[str, str]]) -> None:
        """`bindings` are (key as shown, what it does) pairs, in the order to list them."""
        super().__init__()
        self.key_rows = tuple(bindings)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = literal(_("Keys"))
            dialog.border_subtitle = literal(_("↑↓ scroll · esc/q/? close"))
            table = RowTable(id="keys", cursor_type="none", zebra_stripes=True, show_cursor=False)
            table.add_column(Text(_("Key")), key="key")
            table.add_column(Text(_("What it does")), key="what")
            for key, description in self.key_rows:
                # Translated here too: see `roundtable.ui.widgets.footer`.
                shown = _(description) if description else description
                table.add_row(Text(safe_line(key), style="bold"), Text(safe_line(shown)))
            yield table
            with Horizontal(classes="buttons"):
                yield Button(_("Close"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#keys", DataTable).focus()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_cancel()
