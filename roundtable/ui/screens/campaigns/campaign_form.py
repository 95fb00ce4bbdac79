"""The campaign modal: plan a campaign or change one — who runs it, when, what it may cost.

Marketing communication and dialog marketing run the campaigns that feed sales with
pre-qualified leads; the owner is therefore a role, picked with type-ahead from the
roles the managers committed (a holder's name stands for their role). Everything typed
is checked here, field by field, before the form closes: an empty or taken name, an end
before the start, a negative or unreadable amount each get a message under their field,
and nothing is returned until every field is right.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, OptionList, Select
from textual.widgets.option_list import Option

from roundtable.domain import l10n
from roundtable.domain.campaigns import (
    CampaignDraft,
    CampaignStatus,
    Channel,
    FieldError,
    channel_label,
    parse_day,
    parse_money,
    status_label,
)
from roundtable.domain.config import Role
from roundtable.domain.money import DEFAULT_CURRENCY
from roundtable.domain.owners import OwnerUse, match_owner
from roundtable.errors import UsageError
from roundtable.i18n import _, pgettext
from roundtable.ui.screens.campaigns.owner_choice import (
    OwnerField,
    RoleChoice,
    role_choices,
)
from roundtable.ui.screens.forms.form_base import (
    ErrorLine,
    SafeInput,
    literal,
    safe_line,
)
from roundtable.ui.screens.forms.unsaved import CaptureForm

__all__ = [
    "CAMPAIGNS_CSS",
    "CampaignForm",
    "amount_field_text",
    "same_name",
]

CAMPAIGNS_CSS = Path(__file__).parent / "campaigns.tcss"
"""The styles of the scoreboard and its forms."""

FIELDS = (
    "name",
    "owner",
    "channel",
    "status",
    "start",
    "end",
    "budget",
    "cost",
    "currency",
    "note",
)
"""The form's fields, in the order they are shown; each id is the campaign attribute."""


def amount_field_text(amount: Decimal) -> str:
    """An amount as a field shows it for editing, in the language's way: `12,000`,
    `12,000.50` (German `12.000,50`); cents only when there are any."""
    whole = amount == amount.to_integral_value()
    return l10n.format_number(amount, decimals=0 if whole else 2)


def same_name(a: str, b: str) -> bool:
    """Whether two campaign names are the same for the store: case and spaces aside."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class CampaignForm(CaptureForm[CampaignDraft | None]):
    """Plan (or edit) one campaign; dismisses with a checked `CampaignDraft` or None."""

    DEFAULT_CLASSES = "rt-modal campaign-form"

    def __init__(
        self,
        roles: Sequence[Role],
        today: date,
        initial: CampaignDraft | None = None,
        *,
        taken: Collection[str] = (),
        errors: Mapping[str, str] | None = None,
        editing: bool | None = None,
    ) -> None:
        """`taken` are the names of the other campaigns (a name must be new); `errors`
        are messages to show at once, per field (when the store refused what the form
        returned, it opens again with them). `editing` says whether `initial` is a saved
        campaign (the default) or only text kept from a failed save."""
        super().__init__()
        # The frame comes from the base's forms.tcss; this form's own rules live with the
        # scoreboard's (CSS_PATH is typed as one path in the base, so add it here).
        self.css_path = [*self.css_path, CAMPAIGNS_CSS]
        self.roles = tuple(roles)
        self.today = today
        self.initial = initial
        self.taken = tuple(taken)
        self.errors = dict(errors or {})
        self.editing = initial is not None if editing is None else editing
        self.choices = role_choices(self.roles)
        self._shown: list[RoleChoice] = []
        self._refused: dict[str, object] = {}
        """The value each field with a message had when it was refused."""

    def discard_question(self) -> str:
        return _("Discard this campaign?")

    def compose(self) -> ComposeResult:
        initial = self.initial
        suggestions = [
            *(role.id for role in self.roles),
            *(role.title for role in self.roles),
            *(holder for role in self.roles for holder in role.holders),
        ]
        example = l10n.amount_example()
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = literal(_("Edit campaign") if self.editing else _("New campaign"))
            dialog.border_subtitle = literal(_("enter save · ↓ pick owner · esc cancel"))
            with Horizontal(classes="row"):
                yield Label(_("Name"), classes="field-label")
                yield SafeInput(
                    safe_line(initial.name) if initial else "",
                    placeholder=_("like Frühjahrs-Webinarreihe 2026"),
                    id="name",
                )
            yield ErrorLine(id="name-error")
            with Horizontal(classes="row"):
                yield Label(pgettext("field", "Owner"), classes="field-label")
                with Vertical(classes="field-body"):
                    yield OwnerField(
                        safe_line(initial.owner) if initial else "",
                        placeholder=_("The role that runs it, like dialog-marketing"),
                        suggester=SuggestFromList(suggestions, case_sensitive=False),
                        id="owner",
                    )
                    yield OptionList(id="owner-list")
            yield ErrorLine(id="owner-error")
            with Horizontal(classes="row"):
                yield Label(_("Channel"), classes="field-label")
                yield Select[Channel](
                    [(channel_label(channel), channel) for channel in Channel],
                    value=initial.channel if initial else Channel.WEBINAR,
                    allow_blank=False,
                    id="channel",
                )
                yield Label(_("status"), classes="field-label inner")
                yield Select[CampaignStatus](
                    [(status_label(status), status) for status in CampaignStatus],
                    value=initial.status if initial else CampaignStatus.PLANNED,
                    allow_blank=False,
                    id="status",
                )
            yield ErrorLine(id="channel-error")
            yield ErrorLine(id="status-error")
            with Horizontal(classes="row"):
                yield Label(_("Start"), classes="field-label")
                yield SafeInput(
                    l10n.typed_date(initial.start if initial else self.today),
                    placeholder=_("like {example}").format(example=l10n.typed_date_example()),
                    id="start",
                )
                yield Label(_("end"), classes="field-label inner")
                yield SafeInput(
                    l10n.typed_date(initial.end) if initial else "",
                    placeholder=_("the last day it runs"),
                    id="end",
                )
            yield ErrorLine(id="start-error")
            yield ErrorLine(id="end-error")
            with Horizontal(classes="row"):
                yield Label(_("Budget"), classes="field-label")
                yield SafeInput(
                    amount_field_text(initial.budget) if initial else "",
                    placeholder=_("like {example}").format(example=example),
                    id="budget",
                )
                yield Label(_("cost to date"), classes="field-label inner")
                yield SafeInput(
                    amount_field_text(initial.cost) if initial else "0",
                    id="cost",
                )
                yield Label(_("currency"), classes="field-label inner")
                yield SafeInput(
                    safe_line(initial.currency) if initial else DEFAULT_CURRENCY,
                    id="currency",
                )
            yield ErrorLine(id="budget-error")
            yield ErrorLine(id="cost-error")
            yield ErrorLine(id="currency-error")
            with Horizontal(classes="row"):
                yield Label(_("Note"), classes="field-label")
                yield SafeInput(
                    safe_line(initial.note) if initial else "",
                    placeholder=_("optional: target group, offer, agency"),
                    id="note",
                )
            yield ErrorLine(id="note-error")
            with Horizontal(classes="buttons"):
                yield from self.save_cancel_buttons()

    def on_mount(self) -> None:
        self._filter_owners(self.query_one("#owner", Input).value)
        self._show_owner_list(False)
        if self.errors:
            self.show_errors({f: m for f, m in self.errors.items() if f in FIELDS})
        else:
            self.focus_keeping_text(self.query_one("#name", Input))

    # --- owner ------------------------------------------------------------------------

    def _filter_owners(self, typed: str) -> None:
        words = typed.casefold().split()
        self._shown = [c for c in self.choices if all(word in c.search for word in words)]
        if not self._shown:
            # A typo matches nothing: offer every role rather than an empty list.
            self._shown = list(self.choices)
        owner_list = self.query_one("#owner-list", OptionList)
        owner_list.clear_options()
        owner_list.add_options(Option(choice.label) for choice in self._shown)
        wanted = " ".join(typed.split()).casefold()
        ids = [choice.role_id.casefold() for choice in self._shown]
        owner_list.highlighted = ids.index(wanted) if wanted in ids else 0

    def _show_owner_list(self, shown: bool) -> None:
        # The list takes room the form needs at 80x24: only while the owner is chosen.
        self.query_one("#owner-list", OptionList).display = shown and bool(self._shown)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._show_owner_list(event.widget.id in ("owner", "owner-list"))

    @on(Input.Changed, "#owner")
    def _owner_changed(self, event: Input.Changed) -> None:
        self._filter_owners(event.value)

    def action_focus_owner_list(self) -> None:
        """Move from the owner field into the list, to pick with the arrows and Enter."""
        owner_list = self.query_one("#owner-list", OptionList)
        if owner_list.display:
            owner_list.focus()

    @on(OptionList.OptionSelected, "#owner-list")
    def _owner_picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        owner = self.query_one("#owner", Input)
        owner.value = safe_line(self._shown[event.option_index].role_id)
        owner.cursor_position = len(owner.value)
        self.query_one("#channel", Select).focus()

    # --- errors -----------------------------------------------------------------------

    def show_errors(self, errors: Mapping[str, str]) -> None:
        super().show_errors(errors)
        self._refused = {field_id: self._current(field_id) for field_id in errors}

    def _current(self, field_id: str) -> object:
        widget = self.query_one(f"#{field_id}")
        return widget.value if isinstance(widget, Input | Select) else None

    def _clear_if_changed(self, field_id: str | None, value: object) -> None:
        # A field's message goes once its value is another than the one refused (the
        # fields also report their first value when mounted: that changes nothing).
        if field_id in FIELDS and self._refused.get(field_id, value) != value:
            self.query_one(f"#{field_id}-error", ErrorLine).clear()
            del self._refused[field_id]

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        self._clear_if_changed(event.input.id, event.value)

    @on(Select.Changed)
    def _choice_changed(self, event: Select.Changed) -> None:
        self._clear_if_changed(event.select.id, event.value)

    # --- save -------------------------------------------------------------------------

    def _text(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def _choice(self, field_id: str) -> Any:
        return self.query_one(f"#{field_id}", Select).value

    def _day(self, text: str, field_id: str) -> date:
        return parse_day(text, field_id, self.today)

    def read_draft(self) -> tuple[CampaignDraft | None, dict[str, str]]:
        """The campaign as typed, checked, or None and a message per field that is wrong."""
        errors: dict[str, str] = {}
        name = " ".join(self._text("name").split())
        if name and any(same_name(name, other) for other in self.taken):
            errors["name"] = _("There is already a campaign called “{name}”.").format(name=name)
        owner = ""
        keep = self.initial.owner if self.initial is not None else None
        try:
            owner = match_owner(
                self._text("owner"), self.roles, use=OwnerUse.CAMPAIGN, keep=keep
            ).stored
        except UsageError as error:
            errors["owner"] = error.message
        values: dict[str, Any] = {}
        for field_id, parse in (
            ("start", self._day),
            ("end", self._day),
            ("budget", parse_money),
            ("cost", parse_money),
        ):
            try:
                values[field_id] = parse(self._text(field_id), field_id)
            except FieldError as error:
                errors[field_id] = error.message
        if errors:
            if "start" in values and "end" in values and "end" not in errors:
                # The dates are wrong together even while another field is unreadable:
                # say so now, with the same words the full check uses.
                dates = CampaignDraft(
                    "-", "x", Channel.OTHER, values["start"], values["end"], Decimal(0)
                )
                try:
                    dates.checked()
                except FieldError as error:
                    if error.field == "end":
                        errors["end"] = error.message
            return None, errors
        draft = CampaignDraft(
            name=name,
            owner=owner,
            channel=self._choice("channel"),
            start=values["start"],
            end=values["end"],
            budget=values["budget"],
            cost=values["cost"],
            currency=self._text("currency"),
            status=self._choice("status"),
            note=self._text("note"),
        )
        try:
            return draft.checked(), {}
        except FieldError as error:
            return None, {error.field if error.field in FIELDS else "name": error.message}

    def action_save(self) -> None:
        """Dismiss with the campaign, or show every field that keeps it from being saved."""
        draft, errors = self.read_draft()
        if draft is None:
            self.show_errors(errors)
            return
        self.dismiss(draft)
