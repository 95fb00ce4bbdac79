"""What the forms share about typed text not yet saved: asking before it is thrown
away, and a date field wide enough for its own example."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, RadioSet, TextArea

from roundtable.i18n import _
from roundtable.ui.screens.dialogs.confirm import ConfirmModal
from roundtable.ui.screens.forms.form_base import FormModal, ResultT

__all__ = ["CaptureForm", "ask_before_discarding", "due_field_width"]

_MIN_DUE_WIDTH = 24
# The input's border and padding, and a cell for the cursor after the placeholder.
_INPUT_FRAME = 7


def due_field_width(placeholder: str) -> int:
    """Columns a date field needs to show `placeholder` whole, in any language."""
    return max(_MIN_DUE_WIDTH, cell_len(placeholder) + _INPUT_FRAME)


def ask_before_discarding(form: ModalScreen[Any], title: str) -> None:
    """Ask whether to throw away what was typed in `form`; yes closes it without a
    result, no leaves it open with every field as it was."""

    def answered(discard: bool | None) -> None:
        if discard:
            form.dismiss(None)

    form.app.push_screen(
        ConfirmModal(
            title,
            _("What you typed has not been saved. Cancel keeps the form open as it is."),
            _("Discard"),
        ),
        answered,
    )


class CaptureForm(FormModal[ResultT]):
    """A form whose fields are someone's typing in the meeting: Escape closes it at once
    while every field is as it opened, and asks first once anything was changed (a
    draft typed while the room talks is not lost to a stray key)."""

    def discard_question(self) -> str:
        """The confirmation's title, e.g. "Discard this decision?"."""
        raise NotImplementedError

    def _on_mount(self, event: events.Mount) -> None:
        # Runs after the subclass's on_mount (handlers go down the class hierarchy), so
        # the fields already hold what the form opened with.
        self._opened_with = self.typed()

    def typed(self) -> tuple[object, ...]:
        """What every field holds now, in order."""
        values: list[object] = []
        for widget in self.query("Input, TextArea, Checkbox, RadioSet"):
            if isinstance(widget, Input | Checkbox):
                values.append(widget.value)
            elif isinstance(widget, TextArea):
                values.append(widget.text)
            elif isinstance(widget, RadioSet):
                values.append(widget.pressed_index)
        return tuple(values)

    def action_cancel(self) -> None:
        """Close without saving; if something was changed, ask first (No keeps the form
        open with everything as typed)."""
        if self.typed() == self._opened_with:
            self.dismiss(None)
            return
        ask_before_discarding(self, self.discard_question())
