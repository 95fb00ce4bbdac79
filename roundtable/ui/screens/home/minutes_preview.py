"""The minutes preview: the exported Markdown as the team will read it.

Opened after an export, on top of whatever screen asked for it. It only shows: the
Markdown comes from `roundtable.domain.minutes` (which has already escaped every typed
text), and the file was written by `roundtable.domain.export`.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Markdown, Static

from roundtable.i18n import N_, _
from roundtable.ui.screens.forms.form_base import RoundtableModal, literal

__all__ = ["MinutesPreview"]


class MinutesPreview(RoundtableModal[None]):
    """The rendered minutes, with the file they were written to; Escape or `q` closes,
    `c` copies the Markdown to the clipboard."""

    DEFAULT_CLASSES = "rt-modal minutes-preview"
    # Its frame and page are forms.tcss's (inherited CSS_PATH), as every modal's.

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "cancel", N_("Close"), show=False, id="minutes.close"),
        Binding("c", "copy", N_("Copy Markdown"), show=False, id="minutes.copy"),
    ]

    def __init__(
        self, markdown: str, path: Path | None = None, *, title: str = "", summary: str = ""
    ) -> None:
        """`markdown` as `render_minutes` made it; `path` where it was written (None when
        it was not written to a file); `title` for the frame, like "Minutes of meeting 12";
        `summary` a line above the minutes (where they were written, what was done)."""
        super().__init__()
        self.markdown = markdown
        self.path = path
        self.title_text = title or _("Minutes")
        self.summary = summary

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = literal(self.title_text)
            if self.path is not None:
                where = _("written to {path}").format(path=self.path)
            else:
                where = _("not written to a file")
            dialog.border_subtitle = literal(_("{where} · c copy · esc close").format(where=where))
            if self.summary:
                yield Static(literal(self.summary), id="minutes-summary")
            yield Markdown(self.markdown, id="minutes")
            with Horizontal(classes="buttons"):
                yield Button(_("Copy Markdown"), id="copy")
                yield Button(_("Close"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#dialog", VerticalScroll).focus()

    def action_copy(self) -> None:
        """Put the Markdown on the clipboard (through the terminal, where it allows)."""
        self.app.copy_to_clipboard(self.markdown)
        self.notify(_("The minutes are on the clipboard."), markup=False)

    @on(Button.Pressed, "#copy")
    def _copy_pressed(self) -> None:
        self.action_copy()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_cancel()
