"""The action item modal: what is to be done, by whom, by when.

The owner is picked from the roles the managers committed: a role id, a role's title
or a holder's name, with type-ahead and a list to choose from. The due date is typed
the way people say it (`9.12.`, `+7t`, `Freitag`, `next meeting`) and the date it means
is shown next to the field while typing. Tab takes the grey suggestion in either field;
Escape asks before throwing typed text away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from roundtable.domain.config import Role
from roundtable.domain.dates import due_words, parse_due
from roundtable.domain.drafts import ActionDraft
from roundtable.domain.l10n import format_day, typed_date, typed_date_example
from roundtable.domain.owners import OwnerUse, match_owner
from roundtable.errors import UsageError
from roundtable.i18n import N_, _, pgettext
from roundtable.ui.screens.forms.form_base import (
    ErrorLine,
    SafeInput,
    literal,
    safe_line,
)
from roundtable.ui.screens.forms.unsaved import CaptureForm, due_field_width

__all__ = [
    "ActionForm",
    "OwnerEntry",
    "day_text",
    "owner_entries",
    "show_owner_entries",
    "stored_owner",
]


def day_text(day: date) -> str:
    """A date as people read it on the projector, in the current language:
    `Tue, Dec 1, 2026` / `Di., 01.12.2026` (`l10n.format_day`)."""
    return format_day(day)


@dataclass(frozen=True)
class OwnerEntry:
    """One entry of the owner list: a role, or a person holding one."""

    value: str
    """What is stored as the owner: the role id or the holder's name."""
    label: Text
    """How the entry is shown in the list."""
    search: str
    """Case-folded text the type-ahead matches against."""


def owner_entries(roles: Sequence[Role]) -> list[OwnerEntry]:
    """Each role followed by its holders, in the order the roles file lists them.

    The list shows two columns: the role id (holders indented under it), then the
    role's title in a dimmer style.
    """
    indent = "  "
    firsts = [safe_line(role.id) for role in roles] + [
        indent + safe_line(holder) for role in roles for holder in role.holders
    ]
    width = max((cell_len(first) for first in firsts), default=0) + 2

    def label(first: str, title: str, style: str) -> Text:
        return Text.assemble((first, style), " " * (width - cell_len(first)), (title, "dim"))

    choices: list[OwnerEntry] = []
    for role in roles:
        role_id, title = safe_line(role.id), safe_line(role.title)
        holders = [safe_line(holder) for holder in role.holders]
        search = " ".join([role_id, title, *holders]).casefold()
        choices.append(OwnerEntry(role.id, label(role_id, title, "bold"), search))
        for holder, shown in zip(role.holders, holders, strict=True):
            search = f"{shown} {role_id} {title}".casefold()
            choices.append(OwnerEntry(holder, label(indent + shown, title, ""), search))
    return choices


def show_owner_entries(
    owner_list: OptionList, entries: Sequence[OwnerEntry], typed: str
) -> list[OwnerEntry]:
    """Show in `owner_list` the entries that every word of `typed` finds, starting on
    the one `typed` names in full (the owner already, when editing), else the first;
    hidden when none does. Returns the entries shown, in their order."""
    words = typed.casefold().split()
    shown = [entry for entry in entries if all(word in entry.search for word in words)]
    owner_list.clear_options()
    owner_list.add_options(Option(entry.label) for entry in shown)
    owner_list.display = bool(shown)
    if shown:
        wanted = " ".join(typed.split()).casefold()
        values = [entry.value.casefold() for entry in shown]
        owner_list.highlighted = values.index(wanted) if wanted in values else 0
    return shown


def stored_owner(text: str, roles: Sequence[Role], keep: str | None = None) -> str | None:
    """The owner to store for what was typed: nobody yet when the field is left empty,
    else the role id or person's name `match_owner` finds (`UsageError` in its words).
    `keep` is the current owner of an item being edited: it stays allowed even when no
    role has it any more."""
    if not text.strip():
        return None
    return match_owner(text, roles, use=OwnerUse.ACTION_ITEM, keep=keep).stored


class OwnerInput(SafeInput):
    """The owner field: Down moves into the list of roles and people."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "screen.focus_owner_list", N_("Choose owner"), show=False),
    ]


class ActionForm(CaptureForm[ActionDraft | None]):
    """Capture (or edit) one action item; dismisses with an `ActionDraft` or None."""

    def __init__(
        self,
        roles: Sequence[Role],
        default_due: date,
        today: date,
        initial: ActionDraft | None = None,
    ) -> None:
        super().__init__()
        self.roles = tuple(roles)
        self.default_due = default_due
        self.today = today
        self.initial = initial
        self.choices = owner_entries(self.roles)
        self._shown: list[OwnerEntry] = []

    def compose(self) -> ComposeResult:
        initial = self.initial
        suggestions = [
            *(role.id for role in self.roles),
            *(role.title for role in self.roles),
            *(holder for role in self.roles for holder in role.holders),
        ]
        if initial is None:
            due_text = typed_date(self.default_due)
        else:
            due_text = typed_date(initial.due) if initial.due is not None else ""
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = literal(
                _("Edit action item") if initial is not None else _("Action item")
            )
            dialog.border_subtitle = literal(_("enter save · ↓ pick owner · esc cancel"))
            with Horizontal(classes="row"):
                yield Label(_("What"), classes="field-label")
                with Vertical(classes="field-body"):
                    yield SafeInput(
                        safe_line(initial.text) if initial else "",
                        placeholder=_("What is to be done"),
                        id="text",
                    )
                    yield ErrorLine(id="text-error")
            with Horizontal(classes="row"):
                yield Label(pgettext("field", "Owner"), classes="field-label")
                with Vertical(classes="field-body"):
                    yield OwnerInput(
                        safe_line(initial.owner) if initial and initial.owner else "",
                        placeholder=_("Role or person; empty for nobody yet"),
                        suggester=SuggestFromList(suggestions, case_sensitive=False),
                        id="owner",
                    )
                    yield OptionList(id="owner-list")
                    yield ErrorLine(id="owner-error")
            with Horizontal(classes="row"):
                yield Label(_("Due"), classes="field-label")
                with Vertical(classes="field-body"):
                    with Horizontal(classes="row"):
                        yield SafeInput(
                            due_text,
                            placeholder=_("+7d or {date}").format(date=typed_date_example()),
                            suggester=SuggestFromList(due_words(), case_sensitive=False),
                            id="due",
                        )
                        yield Label("", id="due-resolved", markup=False)
                    yield ErrorLine(id="due-error")
            with Horizontal(classes="buttons"):
                yield from self.save_cancel_buttons()

    def on_mount(self) -> None:
        self._filter_owners(self.query_one("#owner", Input).value)
        due = self.query_one("#due", Input)
        due.styles.width = due_field_width(due.placeholder)
        self._show_resolved_due(due.value)
        self.focus_keeping_text(self.query_one("#text", Input))

    def discard_question(self) -> str:
        return _("Discard this action item?")

    # --- owner ----------------------------------------------------------------------

    def _filter_owners(self, typed: str) -> None:
        owner_list = self.query_one("#owner-list", OptionList)
        self._shown = show_owner_entries(owner_list, self.choices, typed)

    @on(Input.Changed, "#owner")
    def _owner_changed(self, event: Input.Changed) -> None:
        self.query_one("#owner-error", ErrorLine).clear()
        self._filter_owners(event.value)

    def action_focus_owner_list(self) -> None:
        """Move from the owner field into the list, to pick with the arrows and Enter."""
        owner_list = self.query_one("#owner-list", OptionList)
        if owner_list.display:
            owner_list.focus()

    @on(OptionList.OptionSelected, "#owner-list")
    def _owner_picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = self._shown[event.option_index]
        owner = self.query_one("#owner", Input)
        owner.value = safe_line(choice.value)
        owner.cursor_position = len(owner.value)
        self.query_one("#due", Input).focus()

    # --- due date -------------------------------------------------------------------

    def _resolve_due(self, text: str) -> date | None:
        if not text.strip():
            return None
        return parse_due(text, self.today, self.default_due)

    def _show_resolved_due(self, text: str) -> None:
        shown = self.query_one("#due-resolved", Label)
        try:
            due = self._resolve_due(text)
        except UsageError:
            shown.update(_("→ ?"))
            shown.add_class("-invalid")
            return
        shown.remove_class("-invalid")
        if due is None:
            shown.update(_("→ no due date"))
            return
        line = _("→ {day}").format(day=day_text(due))
        if due == self.default_due:
            line = _("{line} · next meeting").format(line=line)
        elif due < self.today:
            line = _("{line} · in the past").format(line=line)
            shown.add_class("-invalid")
        shown.update(line)

    @on(Input.Changed, "#due")
    def _due_changed(self, event: Input.Changed) -> None:
        self.query_one("#due-error", ErrorLine).clear()
        self._show_resolved_due(event.value)

    @on(Input.Changed, "#text")
    def _text_changed(self) -> None:
        self.query_one("#text-error", ErrorLine).clear()

    # --- save -----------------------------------------------------------------------

    def action_save(self) -> None:
        """Dismiss with the action item, or show what keeps it from being saved."""
        errors: dict[str, str] = {}
        text = self.query_one("#text", Input).value.strip()
        if not text:
            errors["text"] = _("Describe what is to be done; it cannot be empty.")
        owner: str | None = None
        keep = self.initial.owner if self.initial is not None else None
        try:
            owner = stored_owner(self.query_one("#owner", Input).value, self.roles, keep)
        except UsageError as error:
            errors["owner"] = error.message
        due: date | None = None
        try:
            due = self._resolve_due(self.query_one("#due", Input).value)
        except UsageError as error:
            errors["due"] = error.message
        if errors:
            self.show_errors(errors)
            return
        self.dismiss(ActionDraft(text=text, owner=owner, due=due))
