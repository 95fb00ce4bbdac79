"""What every capture modal shares: the frame, the keys, error lines, text kept as text.

A modal here is a `FormModal[T]`: Escape cancels, ctrl+s (or Enter in a text field)
saves, and a save either dismisses with a complete value or shows every problem next
to its field and returns nothing. Text that people typed or pasted is shown literally:
never parsed as markup, and control characters are shown as visible escapes such as
`\\x1b` instead of reaching the terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from roundtable.domain.text import single_line, terminal_safe
from roundtable.i18n import _

__all__ = [
    "ErrorLine",
    "FormModal",
    "RoundtableModal",
    "SafeInput",
    "literal",
    "safe_line",
    "safe_text",
]

ResultT = TypeVar("ResultT")


def safe_text(text: str) -> str:
    """`text` as it may be shown and edited: newlines kept, other controls made visible."""
    return terminal_safe(text.replace("\r\n", "\n").replace("\r", "\n"))


def safe_line(text: str) -> str:
    """`text` as it may be shown in a one-line field: controls visible, lines joined."""
    return single_line(text.replace("\r\n", "\n").replace("\r", "\n"))


def literal(text: str) -> Text:
    """`text` as a renderable that is never read as markup and cannot carry controls."""
    return Text(safe_text(text))


class SafeInput(Input):
    """An `Input` whose pasted text cannot send control sequences to the terminal, and
    where Tab takes the grey suggestion shown after the cursor (as a shell completes a
    name) before it moves on to the next field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "accept_or_next", show=False),
    ]

    @property
    def suggestion(self) -> str:
        """The completion shown in grey after what was typed; "" when none is shown."""
        shown = self._suggestion
        return shown if len(shown) > len(self.value) else ""

    def action_accept_or_next(self) -> None:
        """Take the grey suggestion if one is shown at the cursor, else go to the next
        field."""
        if self.cursor_at_end and self.suggestion:
            self.value = self.suggestion
            self.cursor_position = len(self.value)
            return
        self.screen.focus_next()

    def _on_paste(self, event: events.Paste) -> None:
        # Textual would also run Input's own handler with the raw text; prevent that and
        # hand it the safe text instead. Input keeps only the first pasted line: fold the
        # lines into one so nothing pasted is silently dropped.
        event.prevent_default()
        super()._on_paste(events.Paste(safe_line(event.text)))


class ErrorLine(Static):
    """The message under a field, in words for the person typing; hidden while empty."""

    DEFAULT_CLASSES = "field-error"

    def __init__(self, *, id: str) -> None:
        super().__init__("", markup=False, id=id)
        self.message = ""
        """The message shown now; "" while hidden."""
        self.display = False

    def show(self, message: str) -> None:
        """Show `message` (shown literally: it may quote what was typed)."""
        self.message = message
        self.update(literal(message))
        self.display = True

    def clear(self) -> None:
        """Hide the message."""
        self.message = ""
        self.update("")
        self.display = False


class RoundtableModal(ModalScreen[ResultT]):
    """Base of every modal here: the frame's styling and Escape to close without a result."""

    # Absolute: the modals live in several folders and each would look beside itself.
    CSS_PATH = Path(__file__).parent / "forms.tcss"
    DEFAULT_CLASSES = "rt-modal"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), show=False, id="modal.cancel"),
    ]

    def action_cancel(self) -> None:
        """Close without a result."""
        self.dismiss(None)


class FormModal(RoundtableModal[ResultT]):
    """Base of the capture forms: ctrl+s or Enter saves, Save/Cancel buttons, errors.

    Subclasses compose their fields inside `#dialog`, implement `action_save`, and call
    `show_errors` with a message per field id when the input cannot be saved.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", _("Save"), show=False, id="form.save"),
    ]

    def action_save(self) -> None:
        """Validate and dismiss with the value; subclasses implement it."""
        raise NotImplementedError

    def save_cancel_buttons(self) -> list[Button]:
        """The Save and Cancel buttons every form ends with."""
        return [
            Button(_("Save"), id="save", variant="primary"),
            Button(_("Cancel"), id="cancel"),
        ]

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def clear_errors(self) -> None:
        """Hide every field's message."""
        for error in self.query(ErrorLine):
            error.clear()

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Show each message under the field with that id; focus the first such field.

        The fields keep their text, so the person only fixes what is wrong.
        """
        self.clear_errors()
        first: Widget | None = None
        for field_id, message in errors.items():
            self.query_one(f"#{field_id}-error", ErrorLine).show(message)
            if first is None:
                first = self.query_one(f"#{field_id}")
        if first is not None:
            self.focus_keeping_text(first)

    def focus_keeping_text(self, widget: Widget) -> None:
        """Focus `widget` with the cursor after its text instead of all of it selected.

        Focusing an Input selects its text, and a stray key would then wipe what was
        typed; the cursor move is queued behind the focus event so it comes after it.
        """
        self.set_focus(widget)
        if isinstance(widget, Input):
            widget.call_later(widget.action_end)

    def error_text(self, field_id: str) -> str:
        """The message shown under a field now, "" when none (for tests and the app)."""
        return self.query_one(f"#{field_id}-error", ErrorLine).message
