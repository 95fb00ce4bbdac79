"""The selected campaign on the scoreboard: its facts (owner, dates, budget, leads,
estimate against actual, the gap and how it moved) and sparklines of estimate, actual
and gap across meetings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Sparkline

from roundtable.domain import l10n
from roundtable.domain.campaigns import (
    CampaignRow,
    SeriesPoint,
    channel_label,
    format_percent,
    percent,
    status_label,
)
from roundtable.domain.campaigns.calibration import Calibration, bias_text
from roundtable.domain.config import Role
from roundtable.domain.money import format_amount
from roundtable.domain.text import single_line
from roundtable.i18n import _
from roundtable.ui.format import owner_text
from roundtable.ui.widgets.campaign_texts import gap_arrow, gap_change_text, gap_distances
from roundtable.ui.widgets.plain import PlainLabel, sized_label

__all__ = ["ESTIMATE_MARK", "FACTS", "CampaignDetail"]

ESTIMATE_MARK = "≈"
"""Before the line on how the role's earlier estimates turned out (statistics)."""

FACTS = ("owner", "runs", "budget", "leads", "estimate", "actual", "gap", "change")
"""The lines of the selected campaign's facts."""


def _fact_labels() -> dict[str, str]:
    return {
        "owner": _("Owner"),
        "runs": _("Runs"),
        "budget": _("Budget"),
        "leads": _("Leads"),
        "estimate": _("Estimate"),
        "actual": _("Actual"),
        "gap": _("Gap"),
        "change": _("Change"),
    }


_TREND_VALUES: dict[str, Callable[[SeriesPoint], Decimal]] = {
    "estimate": lambda point: point.estimate,
    "actual": lambda point: point.actual,
    "gap": lambda point: abs(point.gap),
}
"""What each sparkline of the detail draws, per meeting."""


class CampaignDetail(Horizontal):
    """The facts and trends of one campaign; hidden while no campaign is selected."""

    def compose(self) -> ComposeResult:
        labels = _fact_labels()
        # One blank after the longest label of the language shown ("Abweichung").
        label_width = max(map(cell_len, labels.values())) + 1
        with Vertical(id="campaign-facts"):
            for key in FACTS:
                with Horizontal(classes="fact"):
                    yield sized_label(labels[key], "fact-label", label_width)
                    yield PlainLabel("", id=f"fact-{key}", classes="fact-value")
        with Vertical(id="campaign-trends"):
            for key in ("estimate", "actual", "gap"):
                with Horizontal(classes="trend"):
                    yield sized_label(labels[key], "trend-label", label_width)
                    yield Sparkline([], id=f"trend-{key}", classes="trend-line")
                    yield PlainLabel("", id=f"trend-{key}-value", classes="trend-value")
            yield PlainLabel("", id="trend-caption")
            bias = PlainLabel("", id="trend-bias")
            bias.styles.width = "1fr"  # wraps in the narrow trend column
            yield bias
            lead_bias = PlainLabel("", id="trend-lead-bias")
            lead_bias.styles.width = "1fr"
            yield lead_bias

    def _fact(self, key: str, text: str | Text) -> None:
        self.query_one(f"#fact-{key}", PlainLabel).show(text)

    def show(
        self,
        row: CampaignRow | None,
        numbers: dict[int, int],
        this_meeting: int | None,
        roles: Sequence[Role],
        calibration: Calibration | None,
    ) -> None:
        """Show `row`'s campaign (hidden for None); `numbers` maps meeting ids to
        numbers, `this_meeting` is the running meeting's id, `calibration` how the
        role's earlier estimates turned out."""
        detail = self
        detail.display = row is not None
        if row is None:
            return
        campaign = row.campaign
        currency = campaign.currency

        def money(amount: Decimal | None) -> str:
            return "—" if amount is None else format_amount(amount, currency)

        detail.border_title = Text(single_line(campaign.name))
        if row.reported_in is None:
            detail.border_subtitle = Text(_("no figures reported yet"))
        elif row.reported_in == this_meeting:
            detail.border_subtitle = Text(_("figures of this meeting"))
        else:
            detail.border_subtitle = Text(
                _("figures of meeting {number}").format(number=numbers.get(row.reported_in, "?"))
            )
        self._fact("owner", owner_text(campaign.owner, roles))
        self._fact(
            "runs",
            _("{start} – {end} · {channel} · {status}").format(
                start=l10n.format_date(campaign.start),
                end=l10n.format_date(campaign.end),
                channel=channel_label(campaign.channel),
                status=status_label(campaign.status),
            ),
        )
        spent = percent(row.cost, campaign.budget) if row.cost is not None else None
        self._fact(
            "budget",
            _("{budget} · spent {cost} ({share})").format(
                budget=money(campaign.budget), cost=money(row.cost), share=format_percent(spent)
            ),
        )
        if row.snapshot is None:
            self._fact("leads", "—")
        else:
            leads = l10n.format_number(row.snapshot.leads)
            if row.estimated_leads is not None:
                leads = _("{leads} of {estimated} estimated").format(
                    leads=leads, estimated=l10n.format_number(row.estimated_leads)
                )
            self._fact(
                "leads",
                _("{leads} · {accepted} accepted · {won} won").format(
                    leads=leads,
                    accepted=l10n.format_number(row.snapshot.accepted),
                    won=l10n.format_number(row.snapshot.won),
                ),
            )
        self._fact("estimate", money(row.estimate))
        self._fact("actual", money(row.actual))
        self._show_gap(row, numbers)
        self._show_trends(row, calibration)

    def show_lead_bias(self, text: str | None) -> None:
        """How the lead estimates of the campaign and its role turned out ("" or None:
        nothing to say)."""
        self.query_one("#trend-lead-bias", PlainLabel).show(
            f"{ESTIMATE_MARK} {text}" if text else ""
        )

    def _show_gap(self, row: CampaignRow, numbers: dict[int, int]) -> None:
        if row.gap is None:
            self.query_one("#fact-change", PlainLabel).remove_class("-closer", "-further")
            self._fact("gap", "—")
            self._fact("change", "—")
            return
        text = Text(
            _("{gap} ({percent})").format(
                gap=format_amount(row.gap, row.campaign.currency),
                percent=format_percent(row.gap_pct),
            )
        )
        self._fact("gap", text)
        label = self.query_one("#fact-change", PlainLabel)
        arrow = gap_arrow(row) if row.gap_change is not None else ""
        # Closer is good news, further apart bad: the colour says it before the digits.
        label.set_class(arrow == "▼", "-closer")
        label.set_class(arrow == "▲", "-further")
        if row.gap_change is None:
            self._fact("change", _("— (no earlier figures to compare)"))
            return
        self._fact(
            "change",
            _("{change} since meeting {number}").format(
                change=gap_change_text(row), number=row.previous_meeting_number or "?"
            ),
        )

    def _show_trends(self, row: CampaignRow, calibration: Calibration | None) -> None:
        series = {
            "estimate": row.estimate_trend,
            "actual": row.actual_trend,
            "gap": gap_distances(row),
        }
        currency = row.campaign.currency
        points = row.series
        for key, data in series.items():
            line = self.query_one(f"#trend-{key}", Sparkline)
            # One point draws a full bar that says nothing; two make a trend.
            line.data = list(data) if len(data) > 1 else []
            if not points:
                value = "—"
            else:
                first, last = points[0], points[-1]
                pick = _TREND_VALUES[key]
                value = format_amount(pick(last), currency)
                if len(points) > 1:
                    value = _("{first} → {last}").format(
                        first=format_amount(pick(first), currency), last=value
                    )
            self.query_one(f"#trend-{key}-value", PlainLabel).show(value)
        caption = self.query_one("#trend-caption", PlainLabel)
        if len(points) > 1:
            caption.show(
                _("meetings {first}–{last}").format(
                    first=points[0].meeting_number,
                    last=points[-1].meeting_number,
                )
            )
        elif points:
            caption.show(_("One report so far"))
        else:
            caption.show(_("No figures reported yet."))
        bias = "" if calibration is None else bias_text(calibration)
        self.query_one("#trend-bias", PlainLabel).show(f"{ESTIMATE_MARK} {bias}" if bias else "")
