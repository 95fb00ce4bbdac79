"""The figures modal: one campaign's figures as reported in this meeting.

Dialog marketing brings the pre-qualified leads, sales the leads it accepted and the
deals won, sales marketing its revenue estimate, controlling the actual revenue so far
and the cost to date. The form opens with the last figures reported, shows them beside
each field with the change typed since, and below what they mean together — cost per
lead, conversion, how far the estimate is from reality — so the room sees it while
the numbers are typed. Nothing is returned until every figure is right: no negative
counts, no more accepted leads than leads, no more deals than accepted leads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, replace
from decimal import Decimal

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label

from roundtable.domain import l10n
from roundtable.domain.campaigns import (
    Calibration,
    Campaign,
    FieldError,
    Snapshot,
    SnapshotFigures,
    calibration_text,
    channel_label,
    check_figures,
    cost_per_lead,
    format_change,
    format_percent,
    parse_count,
    parse_money,
    percent,
    status_label,
)
from roundtable.domain.campaigns.corrections import contradiction_text, contradictions
from roundtable.domain.campaigns.lead_calibration import lead_calibration_text
from roundtable.domain.money import format_amount
from roundtable.i18n import _
from roundtable.ui.screens.campaigns.campaign_form import CAMPAIGNS_CSS, amount_field_text
from roundtable.ui.screens.campaigns.figure_fields import (
    AMOUNTS,
    COUNTS,
    FIGURE_FIELDS,
    OPTIONAL,
    FiguresDraft,
    figure_labels,
)
from roundtable.ui.screens.forms.form_base import (
    ErrorLine,
    SafeInput,
    literal,
    safe_line,
)
from roundtable.ui.screens.forms.unsaved import CaptureForm
from roundtable.ui.widgets.plain import PlainLabel, sized_label

__all__ = ["FIGURE_FIELDS", "FiguresDraft", "SnapshotForm", "figure_labels"]


def _value(snapshot: Snapshot, field_id: str) -> int | Decimal:
    value: int | Decimal = getattr(snapshot, field_id)
    return value


class SnapshotForm(CaptureForm[FiguresDraft | None]):
    """Record (or correct) one campaign's figures for this meeting; dismisses with a
    `FiguresDraft` or None."""

    DEFAULT_CLASSES = "rt-modal snapshot-form"

    def __init__(
        self,
        campaign: Campaign,
        meeting_number: int,
        *,
        current: Snapshot | None = None,
        previous: Snapshot | None = None,
        previous_number: int | None = None,
        initial: FiguresDraft | None = None,
        errors: Mapping[str, str] | None = None,
        calibration: Calibration | None = None,
        lead_calibration: Calibration | None = None,
    ) -> None:
        """`current` are the figures already recorded in this meeting (saving replaces
        them), `previous` the last ones reported before it, in meeting
        `previous_number`. The fields open with `initial` (text kept from a failed save),
        else `current`, else `previous`; `errors` are shown at once, per field."""
        super().__init__()
        # The frame comes from the base's forms.tcss; this form's own rules live with the
        # scoreboard's (CSS_PATH is typed as one path in the base, so add it here).
        self.css_path = [*self.css_path, CAMPAIGNS_CSS]
        self.campaign = campaign
        self.meeting_number = meeting_number
        self.current = current
        self.previous = previous
        self.previous_number = previous_number
        self.initial = initial
        self.errors = dict(errors or {})
        self.calibration = calibration
        """How earlier estimates turned out: the estimate is shown calibrated by it."""
        self.lead_calibration = lead_calibration
        """How earlier lead estimates turned out: the lead estimate is shown calibrated."""
        self._refused: dict[str, str] = {}
        self._confirming = False
        """The contradiction with the last report was shown: the next save confirms it."""
        """The text each field with a message had when it was refused."""

    # --- layout -----------------------------------------------------------------------

    def _start_text(self, field_id: str) -> str:
        if self.initial is not None:
            source: object = (
                self.initial.cost if field_id == "cost" else getattr(self.initial.figures, field_id)
            )
        elif field_id == "cost":
            source = self.campaign.cost
        else:
            snapshot = self.current or self.previous
            if snapshot is None:
                return ""
            source = _value(snapshot, field_id)
        if isinstance(source, Decimal):
            return amount_field_text(source)
        if field_id in OPTIONAL and not source:
            return ""
        return str(source)

    def _last_text(self, field_id: str) -> str:
        if self.previous is None:
            return "—"
        return self._shown(field_id, _value(self.previous, field_id))

    def _shown(self, field_id: str, value: int | Decimal) -> str:
        if field_id in OPTIONAL and not value:
            return "—"
        if field_id in AMOUNTS:
            return format_amount(Decimal(value), self.campaign.currency)
        return l10n.format_number(value)

    def discard_question(self) -> str:
        return _("Discard these figures?")

    def compose(self) -> ComposeResult:
        campaign = self.campaign
        labels = figure_labels()
        # Wide enough for the language's longest label ("Vom Vertrieb angenommen").
        label_width = max(21, max(map(cell_len, labels.values())) + 1)
        with VerticalScroll(id="dialog") as dialog:
            title = (
                _("Change figures · {campaign} · meeting {number}")
                if self.current is not None
                else _("Figures · {campaign} · meeting {number}")
            )
            dialog.border_title = literal(
                title.format(campaign=safe_line(campaign.name), number=self.meeting_number)
            )
            dialog.border_subtitle = literal(_("enter save · esc cancel"))
            yield PlainLabel(
                _("{status} · {channel} · {start} – {end} · budget {budget}").format(
                    status=status_label(campaign.status),
                    channel=channel_label(campaign.channel),
                    start=l10n.format_date(campaign.start),
                    end=l10n.format_date(campaign.end),
                    budget=format_amount(campaign.budget, campaign.currency),
                ),
                classes="figures-intro",
            )
            if self.current is not None:
                yield PlainLabel(
                    _("Already recorded in this meeting: saving replaces those figures."),
                    classes="figures-intro -replacing",
                )
            last = (
                _("Meeting {number}").format(number=self.previous_number)
                if self.previous is not None and self.previous_number is not None
                else _("Last meeting")
            )
            with Horizontal(classes="figures-row figures-head"):
                yield sized_label("", "figure-label", label_width)
                yield Label(_("This meeting"), classes="figure-input-head")
                yield Label(last, classes="figure-last", markup=False)
                yield Label(_("Change"), classes="figure-change")
            for field_id in FIGURE_FIELDS:
                with Horizontal(classes="figures-row"):
                    yield sized_label(labels[field_id], "figure-label", label_width)
                    yield SafeInput(
                        self._start_text(field_id),
                        # One line each: six figures, the comparison and the messages
                        # fit on 80x24.
                        compact=True,
                        id=field_id,
                        classes="figure-input",
                    )
                    yield PlainLabel(self._last_text(field_id), classes="figure-last")
                    yield PlainLabel("", id=f"{field_id}-change", classes="figure-change")
                error = ErrorLine(id=f"{field_id}-error")
                error.styles.margin = (0, 0, 0, label_width)
                yield error
            yield PlainLabel("", id="figures-outcome")
            yield PlainLabel("", id="figures-gap")
            yield PlainLabel("", id="figures-calibrated")
            yield PlainLabel("", id="figures-leads-calibrated")
            contradiction = PlainLabel("", id="figures-contradiction")
            contradiction.display = False
            yield contradiction
            with Horizontal(classes="buttons"):
                yield from self.save_cancel_buttons()

    def on_mount(self) -> None:
        for field_id in FIGURE_FIELDS:
            self._show_change(field_id)
        self._show_outcome()
        self._show_calibrated()
        if self.errors:
            self.show_errors({f: m for f, m in self.errors.items() if f in FIGURE_FIELDS})
        else:
            self.focus_keeping_text(self.query_one("#leads", Input))

    # --- what the typed figures mean ----------------------------------------------------

    def _typed(self, field_id: str) -> int | Decimal | None:
        """The figure typed in a field, or None while it is not (yet) a number."""
        parse: Callable[[str, str], int | Decimal] = (
            parse_money if field_id in AMOUNTS else parse_count
        )
        try:
            return parse(self.query_one(f"#{field_id}", Input).value, field_id)
        except FieldError:
            return None

    def _show_change(self, field_id: str) -> None:
        change = self.query_one(f"#{field_id}-change", PlainLabel)
        typed = self._typed(field_id)
        if self.previous is None or typed is None:
            change.show("")
            return
        delta = typed - _value(self.previous, field_id)
        if field_id in AMOUNTS:
            text = format_change(Decimal(delta), self.campaign.currency)
        else:
            sign = "+" if delta > 0 else "" if delta < 0 else "±"
            text = sign + l10n.format_number(delta)
        change.show(text)

    def _show_outcome(self) -> None:
        """Cost per lead, acceptance, conversion and the gap, from what is typed now."""
        currency = self.campaign.currency
        leads, accepted, won = (self._typed(field_id) for field_id in ("leads", "accepted", "won"))
        estimate, actual, cost = (self._typed(field_id) for field_id in AMOUNTS)
        parts = []
        if isinstance(leads, int) and isinstance(cost, Decimal):
            cpl = cost_per_lead(cost, leads)
            shown = "—" if cpl is None else format_amount(cpl, currency)
            parts.append(_("cost per lead {amount}").format(amount=shown))
        if isinstance(leads, int) and isinstance(accepted, int):
            parts.append(
                _("accepted {percent}").format(percent=format_percent(percent(accepted, leads)))
            )
        if isinstance(accepted, int) and isinstance(won, int):
            parts.append(
                _("conversion {percent}").format(percent=format_percent(percent(won, accepted)))
            )
        self.query_one("#figures-outcome", PlainLabel).show(
            "→ " + " · ".join(parts) if parts else ""
        )
        gap_label = self.query_one("#figures-gap", PlainLabel)
        if not isinstance(estimate, Decimal) or not isinstance(actual, Decimal):
            gap_label.show("")
            return
        gap = estimate - actual
        text = _("→ estimate − actual = {gap} ({percent})").format(
            gap=format_amount(gap, currency),
            percent=format_percent(percent(gap, estimate)),
        )
        closer = further = False
        if self.previous is not None:
            closer = abs(gap) < abs(self.previous.gap)
            further = abs(gap) > abs(self.previous.gap)
            if closer:
                text += "\n" + _("▼ estimate and actual closer than in meeting {number}").format(
                    number=self.previous_number
                )
            elif further:
                text += "\n" + _(
                    "▲ estimate and actual further apart than in meeting {number}"
                ).format(number=self.previous_number)
        # Estimate and reality coming closer is good news: the colour says it first.
        gap_label.set_class(closer, "-closer")
        gap_label.set_class(further, "-further")
        gap_label.show(Text(text))

    def _show_calibrated(self) -> None:
        """The estimate typed, calibrated by how earlier estimates turned out."""
        label = self.query_one("#figures-calibrated", PlainLabel)
        estimate = self._typed("estimated_revenue")
        text = ""
        if self.calibration is not None and isinstance(estimate, Decimal) and estimate > 0:
            text = calibration_text(self.calibration, estimate, self.campaign.currency)
        label.display = bool(text)
        label.show("→ " + text if text else "")
        leads_label = self.query_one("#figures-leads-calibrated", PlainLabel)
        estimated_leads = self._typed("estimated_leads")
        text = ""
        calibration = self.lead_calibration
        if calibration is not None and isinstance(estimated_leads, int) and estimated_leads > 0:
            text = lead_calibration_text(calibration, estimated_leads)
        leads_label.display = bool(text)
        leads_label.show("→ " + text if text else "")

    def show_errors(self, errors: Mapping[str, str]) -> None:
        super().show_errors(errors)
        self._refused = {f: self.query_one(f"#{f}", Input).value for f in errors}

    @on(Input.Changed)
    def _figure_changed(self, event: Input.Changed) -> None:
        field_id = event.input.id
        if field_id not in FIGURE_FIELDS:
            return
        # The message goes once the figure is another than the one refused (the fields
        # also report their first value when mounted: that changes nothing).
        if self._refused.get(field_id, event.value) != event.value:
            self.query_one(f"#{field_id}-error", ErrorLine).clear()
            del self._refused[field_id]
        self._show_change(field_id)
        self._show_outcome()
        self._show_calibrated()
        self._confirming = False
        self.query_one("#figures-contradiction", PlainLabel).display = False

    # --- save -------------------------------------------------------------------------

    def read_figures(self) -> tuple[FiguresDraft | None, dict[str, str]]:
        """The figures as typed and checked, or None and a message per wrong field."""
        errors: dict[str, str] = {}
        counts: dict[str, int] = {}
        amounts: dict[str, Decimal] = {}
        for field_id in FIGURE_FIELDS:
            text = self.query_one(f"#{field_id}", Input).value
            if field_id in OPTIONAL and not text.strip():
                counts[field_id] = 0
                continue
            try:
                if field_id in COUNTS:
                    counts[field_id] = parse_count(text, field_id)
                else:
                    amounts[field_id] = parse_money(text, field_id)
            except FieldError as error:
                errors[field_id] = error.message
        if errors:
            return None, errors
        try:
            figures = check_figures(
                SnapshotFigures(
                    leads=counts["leads"],
                    accepted=counts["accepted"],
                    won=counts["won"],
                    estimated_revenue=amounts["estimated_revenue"],
                    actual_revenue=amounts["actual_revenue"],
                    estimated_leads=counts["estimated_leads"],
                )
            )
        except FieldError as error:
            field_id = error.field if error.field in FIGURE_FIELDS else "leads"
            return None, {field_id: error.message}
        return FiguresDraft(figures, amounts["cost"]), {}

    def action_save(self) -> None:
        """Dismiss with the figures, or show every field that keeps them from being saved."""
        draft, errors = self.read_figures()
        if draft is None:
            self.show_errors(errors)
            return
        found = contradictions(self.previous, {**asdict(draft.figures), "cost": draft.cost})
        if found and not self._confirming:
            # A running total far below the last report: a typo, or a correction the
            # room has to confirm (a second enter).
            label = self.query_one("#figures-contradiction", PlainLabel)
            lines = [
                contradiction_text(one, self.campaign.currency, self.previous_number)
                for one in found
            ]
            lines.append(_("Press enter again to record them as a correction."))
            label.show("\n".join(lines))
            label.display = True
            self._confirming = True
            return
        self.dismiss(replace(draft, correction=bool(found)))
