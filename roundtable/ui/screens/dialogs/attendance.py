"""The attendance modal: who is at the table today.

Every holder of a role is listed with their role; space marks someone present or
absent, `a` marks everyone present, `n` nobody, and Enter saves the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Label, SelectionList
from textual.widgets.selection_list import Selection

from roundtable.domain.config import Role
from roundtable.domain.meeting import Attendee
from roundtable.i18n import N_, _, pgettext
from roundtable.ui.screens.forms.form_base import FormModal, literal, safe_line

__all__ = ["AttendanceScreen", "AttendeeList"]


class AttendeeList(SelectionList[int]):
    """The checklist of people: space toggles one, Enter saves the whole list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.save", N_("Save"), show=False),
    ]


class AttendanceScreen(FormModal[tuple[Attendee, ...] | None]):
    """Mark who is present; dismisses with the same attendees, `present` set, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "all_present", N_("All present"), show=False, id="attendance.all"),
        Binding("n", "none_present", N_("None present"), show=False, id="attendance.none"),
    ]

    def __init__(self, attendees: Sequence[Attendee], roles: Sequence[Role] = ()) -> None:
        """`roles`, when given, shows each role's title instead of its id."""
        super().__init__()
        self.attendees = tuple(attendees)
        self.titles = {role.id: role.title for role in roles}

    def _line(self, attendee: Attendee, name_width: int) -> Text:
        name = safe_line(attendee.name)
        role = safe_line(self.titles.get(attendee.role, attendee.role))
        padding = " " * (name_width - cell_len(name) + 2)
        return Text.assemble(name, padding, (role, "dim"))

    def compose(self) -> ComposeResult:
        name_width = max((cell_len(safe_line(a.name)) for a in self.attendees), default=0)
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = literal(_("Attendance"))
            dialog.border_subtitle = literal(
                _("space mark · a all · n none · enter save · esc cancel")
            )
            yield Label("", id="present-count", classes="prompt", markup=False)
            yield AttendeeList(
                *(
                    Selection(self._line(attendee, name_width), index, attendee.present)
                    for index, attendee in enumerate(self.attendees)
                ),
                id="attendees",
            )
            with Horizontal(classes="buttons"):
                yield Button(_("All present"), id="all")
                yield Button(pgettext("people", "None"), id="none")
                yield from self.save_cancel_buttons()

    def on_mount(self) -> None:
        self._show_count()
        self.query_one("#attendees", AttendeeList).focus()

    def _show_count(self) -> None:
        present = len(self.query_one("#attendees", AttendeeList).selected)
        if not self.attendees:
            text = _("Nobody holds a role yet; add people in the roles file.")
        else:
            text = _("{present} of {total} present").format(
                present=present, total=len(self.attendees)
            )
        self.query_one("#present-count", Label).update(text)

    @on(SelectionList.SelectedChanged, "#attendees")
    def _selection_changed(self) -> None:
        self._show_count()

    def action_all_present(self) -> None:
        """Mark everyone present."""
        self.query_one("#attendees", AttendeeList).select_all()

    def action_none_present(self) -> None:
        """Mark everyone absent (then mark the few who came)."""
        self.query_one("#attendees", AttendeeList).deselect_all()

    @on(Button.Pressed, "#all")
    def _all_pressed(self) -> None:
        self.action_all_present()

    @on(Button.Pressed, "#none")
    def _none_pressed(self) -> None:
        self.action_none_present()

    def action_save(self) -> None:
        """Dismiss with every attendee, each marked present or not."""
        present = set(self.query_one("#attendees", AttendeeList).selected)
        self.dismiss(
            tuple(
                replace(attendee, present=index in present)
                for index, attendee in enumerate(self.attendees)
            )
        )
