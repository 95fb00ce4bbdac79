"""The budget agreement modal: which area gets or loses how much, for which period.

Sales and communication have fixed budgets; a cut on one side disturbs the other, so
a cut is marked for management sign-off unless the facilitator says otherwise. A
shift moves money from one area to another and so names both.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet, Static

from roundtable.domain.drafts import BudgetDraft
from roundtable.domain.entries import BudgetKind
from roundtable.domain.l10n import amount_example, format_number
from roundtable.domain.money import DEFAULT_CURRENCY, parse_amount, parse_currency
from roundtable.errors import UsageError
from roundtable.i18n import N_, _
from roundtable.ui.screens.forms.form_base import (
    ErrorLine,
    SafeInput,
    literal,
    safe_line,
)
from roundtable.ui.screens.forms.unsaved import CaptureForm
from roundtable.ui.widgets.cut_impact import CutImpactNote

__all__ = ["BudgetForm", "FormCheckbox", "KindChoice", "amount_field_text", "kind_label"]


def kind_label(kind: BudgetKind) -> str:
    """The budget kind in words."""
    return {
        BudgetKind.ALLOCATION: _("allocation"),
        BudgetKind.CUT: _("cut"),
        BudgetKind.SHIFT: _("shift"),
    }[kind]


def default_areas() -> list[str]:
    """The areas the round table usually budgets, offered as suggestions."""
    return [_("sales"), _("communication"), _("product marketing"), _("dialog marketing")]


def amount_field_text(amount: Decimal) -> str:
    """An amount as the amount field shows it for editing, the way it is typed in the
    current language: `12,500.5` / `12.500,5`, never `1E+4`. `parse_amount` reads it."""
    return format_number(amount)


class KindChoice(RadioSet):
    """Allocation, cut or shift: the arrows choose at once, Enter saves the form."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "choose(1)", N_("Next kind"), show=False),
        Binding("up,left", "choose(-1)", N_("Previous kind"), show=False),
        Binding("enter", "screen.save", N_("Save"), show=False),
    ]

    def on_mount(self) -> None:
        # RadioSet's own mount handler (which runs after this one) puts the keyboard
        # highlight on the first button even when another is pressed; move it to the
        # pressed one afterwards, so the arrows move from there.
        self.call_later(self._highlight_pressed)

    def _highlight_pressed(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index

    def action_choose(self, step: int) -> None:
        """Press the next (1) or previous (-1) kind, like a radio group in a browser."""
        if step > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        button = self.query(RadioButton)[self._selected or 0]
        button.value = True


class FormCheckbox(Checkbox):
    """A checkbox inside a form: space toggles it, Enter saves the form."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", N_("Toggle"), show=False),
        Binding("enter", "screen.save", N_("Save"), show=False),
    ]


class BudgetForm(CaptureForm[BudgetDraft | None]):
    """Capture (or edit) one budget agreement; dismisses with a `BudgetDraft` or None."""

    def __init__(
        self,
        initial: BudgetDraft | None = None,
        *,
        areas: Sequence[str] = (),
        default_period: str = "",
        impact: CutImpactNote | None = None,
    ) -> None:
        """`areas` adds suggestions (e.g. areas of earlier agreements) to the usual four;
        `default_period` fills the period of a new agreement (e.g. the current quarter)."""
        super().__init__()
        self.initial = initial
        self.areas = list(dict.fromkeys([*default_areas(), *areas]))
        self.default_period = default_period
        self.impact = impact
        """Shows what a cut touches on the other side (statistics); None: nothing."""
        self._kind = initial.kind if initial is not None else BudgetKind.ALLOCATION
        # A sign-off that differs from the default for its kind was chosen on purpose;
        # changing the kind must not flip it back.
        self._signoff_chosen = initial is not None and initial.needs_signoff != (
            initial.kind is BudgetKind.CUT
        )

    def discard_question(self) -> str:
        return _("Discard this budget agreement?")

    def compose(self) -> ComposeResult:
        initial = self.initial
        suggester = SuggestFromList(self.areas, case_sensitive=False)
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = literal(
                _("Edit budget agreement") if initial is not None else _("Budget agreement")
            )
            dialog.border_subtitle = literal(_("enter save · esc cancel"))
            with Horizontal(classes="row"):
                yield Label(_("Kind"), classes="field-label")
                with KindChoice(id="kind"):
                    for kind in BudgetKind:
                        yield RadioButton(
                            kind_label(kind), value=kind is self._kind, id=f"kind-{kind.value}"
                        )
            with Horizontal(classes="row"):
                yield Label(_("Area"), classes="field-label")
                yield SafeInput(
                    safe_line(initial.area) if initial else "",
                    placeholder=_("like sales"),
                    suggester=suggester,
                    id="area",
                )
                yield Label(_("from"), classes="field-label inner")
                yield SafeInput(
                    safe_line(initial.from_area or "") if initial else "",
                    placeholder=_("only for a shift"),
                    suggester=suggester,
                    id="from-area",
                )
            yield ErrorLine(id="area-error")
            yield ErrorLine(id="from-area-error")
            with Horizontal(classes="row"):
                yield Label(_("Amount"), classes="field-label")
                yield SafeInput(
                    amount_field_text(initial.amount) if initial else "",
                    placeholder=_("like {example}").format(example=amount_example()),
                    id="amount",
                )
                yield Label(_("currency"), classes="field-label inner")
                yield SafeInput(
                    safe_line(initial.currency) if initial else DEFAULT_CURRENCY,
                    id="currency",
                )
            yield ErrorLine(id="amount-error")
            yield ErrorLine(id="currency-error")
            with Horizontal(classes="row"):
                yield Label(_("Period"), classes="field-label")
                yield SafeInput(
                    safe_line(initial.period) if initial else self.default_period,
                    placeholder=_("like 2026-Q1"),
                    id="period",
                )
                yield Label(_("note"), classes="field-label inner")
                yield SafeInput(
                    safe_line(initial.note) if initial else "",
                    placeholder=_("optional"),
                    id="note",
                )
            yield ErrorLine(id="period-error")
            yield ErrorLine(id="note-error")
            with Horizontal(classes="row"):
                yield Label("", classes="field-label")
                yield FormCheckbox(
                    _("Management sign-off"),
                    value=initial.needs_signoff if initial else self._kind is BudgetKind.CUT,
                    id="signoff",
                )
                yield Static(
                    _("A cut on one side that touches the other needs management."),
                    markup=False,
                    classes="field-hint signoff-hint",
                )
            if self.impact is not None:
                yield self.impact
            with Horizontal(classes="buttons"):
                yield from self.save_cancel_buttons()

    def on_mount(self) -> None:
        self._show_kind()
        self._show_impact()
        self.query_one("#kind", KindChoice).focus()

    def _show_kind(self) -> None:
        shift = self._kind is BudgetKind.SHIFT
        self.query_one("#from-area", Input).disabled = not shift
        if not shift:
            self.query_one("#from-area-error", ErrorLine).clear()

    @on(RadioSet.Changed, "#kind")
    def _kind_changed(self, event: RadioSet.Changed) -> None:
        button_id = event.pressed.id or ""
        self._kind = BudgetKind(button_id.removeprefix("kind-"))
        self._show_kind()
        self._show_impact()
        if not self._signoff_chosen:
            signoff = self.query_one("#signoff", FormCheckbox)
            with self.prevent(Checkbox.Changed):
                signoff.value = self._kind is BudgetKind.CUT

    @on(Checkbox.Changed, "#signoff")
    def _signoff_changed(self) -> None:
        self._signoff_chosen = True

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        if event.input.id:
            self.query_one(f"#{event.input.id}-error", ErrorLine).clear()
        self._show_impact()

    def _show_impact(self) -> None:
        if self.impact is not None:
            self.impact.show_cut(
                self._kind,
                self.query_one("#area", Input).value,
                self.query_one("#period", Input).value,
            )

    def action_save(self) -> None:
        """Dismiss with the agreement, or show every field that keeps it from being saved."""
        errors: dict[str, str] = {}

        def value(field_id: str) -> str:
            return self.query_one(f"#{field_id}", Input).value.strip()

        area = value("area")
        if not area:
            errors["area"] = _("Name the area, like sales or communication.")
        from_area: str | None = None
        if self._kind is BudgetKind.SHIFT:
            from_area = value("from-area")
            if not from_area:
                errors["from-area"] = _("A shift needs the area the amount comes from.")
            elif area and from_area.casefold() == area.casefold():
                errors["from-area"] = _("A shift must come from another area than {area}.").format(
                    area=area
                )
        amount = Decimal(0)
        try:
            amount = parse_amount(value("amount"))
        except UsageError as error:
            errors["amount"] = error.message
        currency = DEFAULT_CURRENCY
        try:
            currency = parse_currency(value("currency"))
        except UsageError as error:
            errors["currency"] = error.message
        period = value("period")
        if not period:
            errors["period"] = _("Enter the period the budget is for, like 2026-Q1.")
        if errors:
            self.show_errors(errors)
            return
        self.dismiss(
            BudgetDraft(
                area=area,
                amount=amount,
                currency=currency,
                period=period,
                kind=self._kind,
                from_area=from_area,
                note=value("note"),
                needs_signoff=self.query_one("#signoff", FormCheckbox).value,
            )
        )
