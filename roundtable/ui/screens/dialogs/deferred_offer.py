"""The deferred-items offer, between attendance and the first item's clock.

The latest meeting deferred some items to this one: a checklist (all checked) says which
join today's agenda, before the wrap-up. The line under it keeps the plan against the
box; when it does not fit, saving says so and "Fit to the box" shortens the agenda's own
items in proportion (the box is never exceeded), or fewer are checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Label, SelectionList
from textual.widgets.selection_list import Selection

from roundtable.domain.config import Agenda, Role
from roundtable.domain.deferred import AgendaPlan, fit_to_box, with_deferred
from roundtable.domain.meeting import MeetingItem
from roundtable.errors import UsageError
from roundtable.i18n import N_, NP_, _
from roundtable.ui.screens.forms.form_base import ErrorLine, FormModal, literal, safe_line

__all__ = ["DeferredList", "DeferredOffer"]


class DeferredList(SelectionList[int]):
    """The checklist: space toggles an item, Enter starts the meeting."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.save", NP_("key", "Start"), show=False),
    ]


class DeferredOffer(FormModal[AgendaPlan | None]):
    """Choose the deferred items to take over; dismisses with the plan to start, or None
    (cancel: no meeting is started)."""

    DEFAULT_CLASSES = "rt-modal deferred-offer"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "fit", N_("Fit to the box"), show=False, id="deferred.fit"),
        Binding("a", "take_all", N_("All"), show=False, id="deferred.all"),
        Binding("n", "take_none", N_("None"), show=False, id="deferred.none"),
    ]

    def __init__(
        self,
        agenda: Agenda,
        deferred: Sequence[MeetingItem],
        last_number: int,
        roles: Sequence[Role] = (),
    ) -> None:
        super().__init__()
        self.agenda = agenda
        self.deferred = tuple(deferred)
        self.last_number = last_number
        self.titles = {role.id: role.title for role in roles}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = literal(
                _("Deferred from meeting {number}").format(number=self.last_number)
            )
            dialog.border_subtitle = literal(
                _("space check · f fit to the box · enter start · esc cancel")
            )
            yield Label(
                literal(
                    _(
                        "Meeting {number} deferred these items to this one. Checked items "
                        "join today's agenda before the wrap-up; unchecked ones are not "
                        "offered again."
                    ).format(number=self.last_number)
                ),
                classes="prompt",
            )
            yield DeferredList(
                *(
                    Selection(self._line(item), index, True)
                    for index, item in enumerate(self.deferred)
                ),
                id="deferred",
            )
            yield Label("", id="deferred-plan", classes="prompt", markup=False)
            yield Label("", id="deferred-agenda", markup=False)
            yield ErrorLine(id="deferred-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Fit to the box"), id="fit")
                yield Button(_("Start meeting"), id="save", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def _line(self, item: MeetingItem) -> Text:
        role = safe_line(self.titles.get(item.role, item.role))
        minutes = _("{minutes} min").format(minutes=max(item.original_minutes, 1))
        return Text.assemble(safe_line(item.title), "  ", (f"{minutes} · {role}", "dim"))

    def on_mount(self) -> None:
        self._show_plan()
        self.query_one(DeferredList).focus()

    def plan(self) -> AgendaPlan:
        """The agenda as checked now (it may not fit)."""
        chosen = sorted(self.query_one(DeferredList).selected)
        return with_deferred(
            self.agenda.items, [self.deferred[i] for i in chosen], self.agenda.timebox_minutes
        )

    def _show_plan(self) -> None:
        plan = self.plan()
        text = _("Planned: {planned} of {box} minutes").format(
            planned=plan.planned_minutes, box=plan.timebox_minutes
        )
        if not plan.fits:
            text += " · " + _("{over} over the box").format(over=plan.over_minutes)
        label = self.query_one("#deferred-plan", Label)
        label.update(text)
        self.query_one("#deferred-agenda", Label).update(self._agenda_text(plan))
        label.set_class(not plan.fits, "-over")
        fit = self.query_one("#fit", Button)
        fit.display = not plan.fits
        fit.disabled = not plan.can_fit
        self.query_one("#deferred-error", ErrorLine).clear()

    def _agenda_text(self, plan: AgendaPlan) -> Text:
        """Today's agenda as it would start: fitted to the box where it can be, the
        items taken over marked."""
        shown = fit_to_box(plan) if not plan.fits and plan.can_fit else plan
        heading = (
            _("Today's agenda, fitted to the box:") if shown is not plan else _("Today's agenda:")
        )
        lines = Text(heading + "\n", style="bold")
        width = max((len(str(item.minutes)) for item in shown.items), default=1)
        for index, item in enumerate(shown.items):
            mark = "↩ " if index in shown.carried else "  "
            minutes = _("{minutes} min").format(minutes=str(item.minutes).rjust(width))
            lines.append(f"{mark}{minutes}  ", style="dim" if index not in shown.carried else "")
            lines.append(safe_line(item.title) + "\n")
        lines.append(_("↩ taken over from meeting {number}").format(number=self.last_number))
        lines.stylize("dim", len(lines.plain) - len(lines.plain.split("\n")[-1]))
        return lines

    @on(SelectionList.SelectedChanged, "#deferred")
    def _checked(self) -> None:
        self._show_plan()

    def action_take_all(self) -> None:
        """Check every item."""
        self.query_one(DeferredList).select_all()

    def action_take_none(self) -> None:
        """Check none (start with the agenda as it is)."""
        self.query_one(DeferredList).deselect_all()

    def action_save(self) -> None:
        """Start with the checked items if they fit; otherwise say what to do."""
        plan = self.plan()
        if plan.fits:
            self.dismiss(plan)
            return
        error = self.query_one("#deferred-error", ErrorLine)
        if plan.can_fit:
            error.show(
                _(
                    "That is {over} minutes over the {box}-minute box. Press f to shorten "
                    "the other items to fit, or uncheck some."
                ).format(over=plan.over_minutes, box=plan.timebox_minutes)
            )
        else:
            error.show(
                _("That cannot fit the {box}-minute box, not even shortened. Uncheck some.").format(
                    box=plan.timebox_minutes
                )
            )

    def action_fit(self) -> None:
        """Shorten the agenda's own items so the checked ones fit, and start."""
        try:
            self.dismiss(fit_to_box(self.plan()))
        except UsageError as error:
            self.query_one("#deferred-error", ErrorLine).show(error.message)

    @on(Button.Pressed, "#fit")
    def _fit_pressed(self) -> None:
        self.action_fit()
