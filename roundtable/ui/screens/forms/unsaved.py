"""What the forms share about typed text not yet saved: asking before it is thrown
away, and a date field wide enough for its own example."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.screen import ModalScreen

from roundtable.i18n import _
from roundtable.ui.screens.dialogs.confirm import ConfirmModal

__all__ = ["ask_before_discarding", "due_field_width"]

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
