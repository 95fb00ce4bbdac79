"""Small modals that change one field of an action item: its owner, its due date.

The owner is picked as in the action item form (type-ahead over roles and holders, a
list to choose from); the due date is typed as there (`+7d`, `next meeting`) with the
date it means shown while typing. Each dismisses with a small value saying what was
chosen, or None when cancelled (so "nobody" and "no date" stay distinct from cancel).
The re-date field opens with the old date selected, so what is typed replaces it.

`ask_owner` and `ask_due` open them for an item and hand the answer to `ActionChanges`:
the action-items screen and the meeting's carry-over change items the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, OptionList

from roundtable.domain.config import Role
from roundtable.domain.dates import accepted_due_forms, due_words, parse_due
from roundtable.domain.entries import ActionItem
from roundtable.domain.l10n import typed_date, typed_date_example
from roundtable.errors import UsageError
from roundtable.i18n import _, pgettext
from roundtable.ui.action_changes import ActionChanges
from roundtable.ui.screens.forms.action_form import (
    OwnerEntry,
    OwnerInput,
    day_text,
    owner_entries,
    show_owner_entries,
    stored_owner,
)
from roundtable.ui.screens.forms.form_base import (
    ErrorLine,
    FormModal,
    SafeInput,
    literal,
    safe_line,
)
from roundtable.ui.screens.forms.unsaved import due_field_width

__all__ = ["DueChange", "DueModal", "OwnerChange", "OwnerModal", "ask_due", "ask_owner"]


@dataclass(frozen=True)
class OwnerChange:
    """The owner picked; None for nobody yet."""

    owner: str | None


@dataclass(frozen=True)
class DueChange:
    """The due date typed; None for no due date."""

    due: date | None


def _about(action: ActionItem) -> str:
    return f"{action.ref} · {safe_line(action.text)}"


class OwnerModal(FormModal[OwnerChange | None]):
    """Re-assign an action item to a role or a person."""

    def __init__(self, action: ActionItem, roles: Sequence[Role]) -> None:
        super().__init__()
        self.action = action
        self.roles = tuple(roles)
        self.choices = owner_entries(self.roles)
        self._shown: list[OwnerEntry] = []

    def compose(self) -> ComposeResult:
        suggestions = [
            *(role.id for role in self.roles),
            *(role.title for role in self.roles),
            *(holder for role in self.roles for holder in role.holders),
        ]
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = literal(_("Re-assign"))
            dialog.border_subtitle = literal(_("enter save · ↓ pick owner · esc cancel"))
            yield Label(literal(_about(self.action)), classes="prompt")
            with Horizontal(classes="row"):
                yield Label(pgettext("field", "Owner"), classes="field-label")
                with Vertical(classes="field-body"):
                    yield OwnerInput(
                        safe_line(self.action.owner or ""),
                        placeholder=_("Role or person; empty for nobody yet"),
                        suggester=SuggestFromList(suggestions, case_sensitive=False),
                        id="owner",
                    )
                    yield OptionList(id="owner-list")
                    yield ErrorLine(id="owner-error")
            with Horizontal(classes="buttons"):
                yield from self.save_cancel_buttons()

    def on_mount(self) -> None:
        self._filter(self.query_one("#owner", Input).value)
        self.focus_keeping_text(self.query_one("#owner", Input))

    def _filter(self, typed: str) -> None:
        owner_list = self.query_one("#owner-list", OptionList)
        self._shown = show_owner_entries(owner_list, self.choices, typed)

    @on(Input.Changed, "#owner")
    def _owner_changed(self, event: Input.Changed) -> None:
        self.query_one("#owner-error", ErrorLine).clear()
        self._filter(event.value)

    def action_focus_owner_list(self) -> None:
        """Move from the field into the list, to pick with the arrows and Enter."""
        owners = self.query_one("#owner-list", OptionList)
        if owners.display:
            owners.focus()

    @on(OptionList.OptionSelected, "#owner-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(OwnerChange(self._shown[event.option_index].value))

    def action_save(self) -> None:
        """Dismiss with the owner typed, or say why it cannot be stored."""
        typed = self.query_one("#owner", Input).value
        try:
            owner = stored_owner(typed, self.roles, keep=self.action.owner)
        except UsageError as error:
            self.show_errors({"owner": error.message})
            return
        self.dismiss(OwnerChange(owner))


class DueModal(FormModal[DueChange | None]):
    """Give an action item another due date (`+2w`, `next meeting`, `2026-05-04`)."""

    def __init__(self, action: ActionItem, today: date, next_meeting: date) -> None:
        super().__init__()
        self.action = action
        self.today = today
        self.next_meeting = next_meeting

    def compose(self) -> ComposeResult:
        due = typed_date(self.action.due) if self.action.due else ""
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = literal(_("Re-date"))
            dialog.border_subtitle = literal(_("enter save · esc cancel"))
            yield Label(literal(_about(self.action)), classes="prompt")
            with Horizontal(classes="row"):
                yield Label(_("Due"), classes="field-label")
                with Vertical(classes="field-body"):
                    with Horizontal(classes="row"):
                        yield SafeInput(
                            due,
                            placeholder=_("+7d or {date}").format(date=typed_date_example()),
                            suggester=SuggestFromList(due_words(), case_sensitive=False),
                            id="due",
                        )
                        yield Label("", id="due-resolved", markup=False)
                    yield ErrorLine(id="due-error")
            yield Label(literal(accepted_due_forms()), classes="field-hint")
            with Horizontal(classes="buttons"):
                yield from self.save_cancel_buttons()

    def on_mount(self) -> None:
        due = self.query_one("#due", Input)
        due.styles.width = due_field_width(due.placeholder)
        self._show_resolved(due.value)
        # Selected, not kept: a new date typed replaces the old one ("+3w", not
        # "2026-12-16+3w"); the arrows keep and edit it.
        due.focus()

    def _resolve(self, text: str) -> date | None:
        if not text.strip():
            return None
        return parse_due(text, self.today, self.next_meeting)

    def _show_resolved(self, text: str) -> None:
        shown = self.query_one("#due-resolved", Label)
        try:
            due = self._resolve(text)
        except UsageError:
            shown.update(_("→ ?"))
            shown.add_class("-invalid")
            return
        shown.set_class(due is not None and due < self.today, "-invalid")
        if due is None:
            shown.update(_("→ no due date"))
        elif due == self.next_meeting:
            shown.update(_("→ {day} · next meeting").format(day=day_text(due)))
        else:
            shown.update(_("→ {day}").format(day=day_text(due)))

    @on(Input.Changed, "#due")
    def _due_changed(self, event: Input.Changed) -> None:
        self.query_one("#due-error", ErrorLine).clear()
        self._show_resolved(event.value)

    def action_save(self) -> None:
        """Dismiss with the date meant, or say how to write one."""
        try:
            due = self._resolve(self.query_one("#due", Input).value)
        except UsageError as error:
            self.show_errors({"due": error.message})
            return
        self.dismiss(DueChange(due))


def ask_owner(
    app: App[object], action: ActionItem, roles: Sequence[Role], changes: ActionChanges
) -> None:
    """Ask who gets `action` now, and re-assign it through `changes` unless cancelled."""

    def chosen(change: OwnerChange | None) -> None:
        if change is not None:
            changes.reassign(action, change.owner)

    app.push_screen(OwnerModal(action, roles), chosen)


def ask_due(
    app: App[object],
    action: ActionItem,
    today: date,
    next_meeting: date,
    changes: ActionChanges,
) -> None:
    """Ask for `action`'s new due date, and re-date it through `changes` unless
    cancelled."""

    def chosen(change: DueChange | None) -> None:
        if change is not None:
            changes.redate(action, change.due)

    app.push_screen(DueModal(action, today, next_meeting), chosen)
