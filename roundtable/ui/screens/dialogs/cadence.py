"""The cadence modal: how often the round table meets from now on.

The articles' team started weekly and moved to every two weeks once the meeting ran;
this is where the facilitator records such a change (see `domain/cadence.py` for how it
carries to the next meetings).
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option

from roundtable.domain.config import Cadence
from roundtable.domain.dates import next_meeting_date
from roundtable.i18n import N_, _
from roundtable.ui.screens.forms.action_form import day_text
from roundtable.ui.screens.forms.form_base import RoundtableModal, literal

__all__ = ["CadenceModal", "cadence_text"]


def cadence_text(cadence: Cadence) -> str:
    """`weekly` / `every two weeks`."""
    return _("weekly") if cadence is Cadence.WEEKLY else _("every two weeks")


class CadenceModal(RoundtableModal[Cadence | None]):
    """Pick weekly or every two weeks; dismisses with the cadence, or None."""

    DEFAULT_CLASSES = "rt-modal cadence"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "pick('weekly')", N_("Weekly"), show=False, id="cadence.weekly"),
        Binding("2", "pick('biweekly')", N_("Every two weeks"), show=False, id="cadence.two"),
    ]

    def __init__(self, current: Cadence, started_at: datetime) -> None:
        """`started_at` is when this meeting started, on the room's clock."""
        super().__init__()
        self.current = current
        self.started_at = started_at
        self.cadences = list(Cadence)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = literal(_("Cadence"))
            dialog.border_subtitle = literal(_("↑↓ choose · enter save · esc cancel"))
            yield Label(
                literal(
                    _(
                        "How often the round table meets from now on. The next meeting "
                        "of any agenda keeps to it until it is changed again."
                    )
                ),
                classes="prompt",
            )
            yield OptionList(*(self._option(c) for c in self.cadences), id="cadences")
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel"), id="cancel")

    def _option(self, cadence: Cadence) -> Option:
        day = next_meeting_date(self.started_at.date(), cadence)
        line = Text.assemble(
            (cadence_text(cadence), "bold"),
            "  ",
            (_("next meeting {day}").format(day=day_text(day)), "dim"),
        )
        if cadence is self.current:
            line.append("  " + _("(now)"), style="italic")
        return Option(line, id=cadence.value)

    def on_mount(self) -> None:
        options = self.query_one("#cadences", OptionList)
        options.highlighted = self.cadences.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected, "#cadences")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.cadences[event.option_index])

    def action_pick(self, value: str) -> None:
        """Choose the cadence named `value`."""
        self.dismiss(Cadence(value))

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
