"""The confirmation modal, for steps that cannot be undone (like ending the meeting).

Cancel has the focus when it opens, so a stray Enter cancels; `y` or Tab then Enter
confirms. `n` or Escape cancels.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from roundtable.i18n import N_, _
from roundtable.ui.screens.forms.form_base import RoundtableModal, literal

__all__ = ["ConfirmModal"]


class ConfirmModal(RoundtableModal[bool]):
    """Ask before a step that cannot be undone; dismisses with True to go ahead."""

    DEFAULT_CLASSES = "rt-modal confirm"
    AUTO_FOCUS = "#cancel"

    BINDINGS: ClassVar[list[BindingType]] = [
        # "j" is yes ("ja") on German keyboards' side of the table.
        Binding("y,j", "save", N_("Yes"), show=False, id="confirm.yes"),
        Binding("n", "cancel", N_("No"), show=False, id="confirm.no"),
    ]

    def __init__(self, title: str, message: str, confirm_label: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = literal(self.title_text)
            dialog.border_subtitle = literal(_("y yes · n/esc no"))
            yield Static(literal(self.message), classes="message")
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(literal(self.confirm_label), id="confirm", variant="error")

    def action_cancel(self) -> None:
        """Do not go ahead."""
        self.dismiss(False)

    def action_save(self) -> None:
        """Go ahead."""
        self.dismiss(True)

    @on(Button.Pressed, "#confirm")
    def _confirm_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
