"""The decision modal: the facilitator types what the meeting decided.

Decisions are mostly one sentence, typed while people talk: Enter saves at once.
A longer decision gets more lines with ctrl+j (or shift+enter where the terminal
reports it); pasted text keeps its lines.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Label, TextArea

from roundtable.i18n import _
from roundtable.ui.screens.forms.form_base import ErrorLine, literal, safe_text
from roundtable.ui.screens.forms.unsaved import CaptureForm

__all__ = ["DecisionForm", "DecisionText"]

NEW_LINE_KEYS = frozenset({"ctrl+j", "shift+enter"})


class DecisionText(TextArea):
    """The decision's text: Enter submits, ctrl+j or shift+enter starts a new line."""

    class Submitted(Message):
        """Enter was pressed: the person wants to save."""

    async def _on_key(self, event: events.Key) -> None:
        # Only the keys handled here are taken from TextArea; prevent_default keeps its
        # own handler (which Textual runs next) from also inserting a line break.
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted())
        elif event.key in NEW_LINE_KEYS and not self.read_only:
            event.stop()
            event.prevent_default()
            self.replace("\n", *self.selection)

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        await super()._on_paste(events.Paste(safe_text(event.text)))


class DecisionForm(CaptureForm[str | None]):
    """Capture (or edit) one decision; dismisses with its text, or None when cancelled."""

    def __init__(self, initial: str = "") -> None:
        super().__init__()
        self.initial = initial

    def heading(self) -> str:
        return _("Edit decision") if self.initial else _("Decision")

    def question(self) -> str:
        return _("What did the meeting decide?")

    def empty_message(self) -> str:
        return _("Type the decision first; it cannot be empty.")

    def discard_question(self) -> str:
        return _("Discard this decision?")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = literal(self.heading())
            dialog.border_subtitle = literal(_("enter save · ctrl+j new line · esc cancel"))
            yield Label(self.question(), classes="prompt")
            yield DecisionText(
                safe_text(self.initial),
                id="decision",
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
            )
            yield ErrorLine(id="decision-error")
            with Horizontal(classes="buttons"):
                yield from self.save_cancel_buttons()

    def on_mount(self) -> None:
        text = self.query_one("#decision", DecisionText)
        text.focus()
        text.move_cursor(text.document.end)

    @on(DecisionText.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(TextArea.Changed, "#decision")
    def _changed(self) -> None:
        self.clear_errors()

    def action_save(self) -> None:
        """Dismiss with the stripped text; refuse text that is only whitespace."""
        text = self.query_one("#decision", DecisionText).text.strip()
        if not text:
            self.show_errors({"decision": self.empty_message()})
            return
        self.dismiss(text)
