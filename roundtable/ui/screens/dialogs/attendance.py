"""The attendance modal: who is at the table today.

Every holder of a role is listed with their role; space marks someone present or
absent, `e` marks someone who is missing as excused (they sent apologies), `a` marks
everyone present, `n` nobody; guests are typed by name below the list, separated by
commas. Enter saves the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, SelectionList
from textual.widgets.selection_list import Selection

from roundtable.domain.config import Role
from roundtable.domain.meeting import Attendance, Attendee
from roundtable.i18n import N_, _, pgettext
from roundtable.ui.screens.forms.form_base import FormModal, literal, safe_line

__all__ = ["AttendanceScreen", "AttendeeList"]


class AttendeeList(SelectionList[int]):
    """The checklist of people: space toggles one, Enter saves the whole list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.save", N_("Save"), show=False),
    ]


class AttendanceScreen(FormModal[tuple[Attendee, ...] | None]):
    """Mark who is present, excused or absent and name the guests; dismisses with the
    role holders marked (then the guests, `guest` set), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "all_present", N_("All present"), show=False, id="attendance.all"),
        Binding("n", "none_present", N_("None present"), show=False, id="attendance.none"),
        Binding("e", "excused", N_("Excused"), show=False, id="attendance.excused"),
    ]

    def __init__(self, attendees: Sequence[Attendee], roles: Sequence[Role] = ()) -> None:
        """`roles`, when given, shows each role's title instead of its id."""
        super().__init__()
        self.attendees = tuple(a for a in attendees if not a.guest)
        self.guests = tuple(a for a in attendees if a.guest)
        self.titles = {role.id: role.title for role in roles}
        self.excused = {
            index
            for index, attendee in enumerate(self.attendees)
            if attendee.attendance is Attendance.EXCUSED
        }
        self._name_width = max((cell_len(safe_line(a.name)) for a in self.attendees), default=0)

    def _line(self, index: int) -> Text:
        attendee = self.attendees[index]
        name = safe_line(attendee.name)
        role = safe_line(self.titles.get(attendee.role, attendee.role))
        padding = " " * (self._name_width - cell_len(name) + 2)
        line = Text.assemble(name, padding, (role, "dim"))
        if index in self.excused:
            line.append("  " + _("excused"), style="italic")
        return line

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = literal(_("Attendance"))
            dialog.border_subtitle = literal(
                _("space mark · e excused · a all · n none · enter save · esc cancel")
            )
            yield Label("", id="present-count", classes="prompt", markup=False)
            yield AttendeeList(
                *(
                    Selection(self._line(index), index, attendee.present)
                    for index, attendee in enumerate(self.attendees)
                ),
                id="attendees",
            )
            yield Label(_("Guests (names, separated by commas)"), classes="prompt")
            yield Input(
                ", ".join(guest.name for guest in self.guests),
                placeholder=_("e.g. Eva Lorenz (agency), Jonas Weber (IT)"),
                id="guests",
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
            if self.excused:
                text = _("{text} · {excused} excused").format(text=text, excused=len(self.excused))
        self.query_one("#present-count", Label).update(text)

    @on(SelectionList.SelectedChanged, "#attendees")
    def _selection_changed(self) -> None:
        people = self.query_one("#attendees", AttendeeList)
        # Someone marked present is no longer excused.
        for index in set(people.selected) & self.excused:
            self.excused.discard(index)
            people.replace_option_prompt_at_index(index, self._line(index))
        self._show_count()

    def action_excused(self) -> None:
        """Mark the highlighted person as excused (or no longer excused)."""
        people = self.query_one("#attendees", AttendeeList)
        index = people.highlighted
        if index is None:
            return
        if index in self.excused:
            self.excused.discard(index)
        else:
            self.excused.add(index)
            people.deselect(index)
        people.replace_option_prompt_at_index(index, self._line(index))
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
        """Dismiss with every role holder marked present, excused or absent, then the
        guests typed."""
        present = set(self.query_one("#attendees", AttendeeList).selected)
        people = tuple(
            attendee.marked(
                Attendance.PRESENT
                if index in present
                else Attendance.EXCUSED
                if index in self.excused
                else Attendance.ABSENT
            )
            for index, attendee in enumerate(self.attendees)
        )
        typed = self.query_one("#guests", Input).value
        names = dict.fromkeys(
            " ".join(name.split()) for name in typed.replace(";", ",").split(",") if name.strip()
        )
        guests = tuple(Attendee(name, "", guest=True) for name in names)
        self.dismiss(people + guests)
