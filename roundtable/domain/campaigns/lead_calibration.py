"""Lead estimates that meet reality: how far the estimated leads of a campaign were from
the leads it brought, per campaign and per role that estimates them.

Marketing communication and dialog marketing estimate the pre-qualified leads a
campaign will bring; sales marketing turns that figure into revenue, so an optimistic
lead estimate makes an optimistic revenue estimate. The arithmetic is the revenue
calibration's (`calibration`): an estimate is each new `estimated_leads` of a finished
or stopped campaign, judged against its final lead count; "ran 30 % high" means 30 %
of the estimated leads did not come. Only the wording and the rounding (whole leads)
are the leads' own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from roundtable.domain import l10n
from roundtable.domain.campaigns.calibration import (
    Calibration,
    EstimateOutcome,
    bias_words,
    calibrate,
    ended_histories,
    percent_words,
    role_lines,
)
from roundtable.domain.campaigns.model import Campaign, CampaignStatus, Snapshot
from roundtable.domain.campaigns.scoreboard import CampaignRow, Scoreboard
from roundtable.i18n import _, ngettext

__all__ = [
    "board_lead_outcomes",
    "calibrated_leads",
    "campaign_lead_lines",
    "lead_bias_text",
    "lead_calibration_lines",
    "lead_calibration_text",
    "lead_outcomes",
    "leads_for_new_estimate",
]

_ENDED = (CampaignStatus.FINISHED, CampaignStatus.STOPPED)


def _judged(campaign: Campaign, points: Sequence[tuple[int, int, int]]) -> list[EstimateOutcome]:
    """Each new lead estimate among `points` (meeting number, estimated leads, leads to
    date; oldest first) against the last lead count. An estimate of 0 is none."""
    final = Decimal(points[-1][2])
    outcomes = []
    previous: int | None = None
    for number, estimate, _leads in points:
        if estimate != previous and estimate > 0:
            outcomes.append(
                EstimateOutcome(
                    campaign_id=campaign.id,
                    campaign=campaign.name,
                    owner=campaign.owner,
                    # Leads have no currency: every lead estimate is read together.
                    currency="",
                    meeting_number=number,
                    estimate=Decimal(estimate),
                    actual=final,
                )
            )
        previous = estimate
    return outcomes


def lead_outcomes(
    campaigns: Iterable[Campaign],
    snapshots: Iterable[Snapshot],
    meeting_numbers: Mapping[int, int],
) -> tuple[EstimateOutcome, ...]:
    """Every lead estimate of a finished or stopped campaign with the leads it brought,
    in the order of the meetings they were given in."""
    outcomes: list[EstimateOutcome] = []
    for campaign, pairs in ended_histories(campaigns, snapshots, meeting_numbers):
        points = [(n, s.estimated_leads, s.leads) for n, s in pairs]
        outcomes.extend(_judged(campaign, points))
    outcomes.sort(key=lambda o: (o.meeting_number, o.campaign_id))
    return tuple(outcomes)


def _row_outcomes(row: CampaignRow) -> list[EstimateOutcome]:
    if row.campaign.status not in _ENDED or not row.series:
        return []
    points = [(p.meeting_number, p.estimated_leads, p.leads) for p in row.series]
    return _judged(row.campaign, points)


def board_lead_outcomes(board: Scoreboard) -> tuple[EstimateOutcome, ...]:
    """`lead_outcomes` from a scoreboard's rows, so a screen that has the board needs no
    second read."""
    outcomes = [o for row in board.rows for o in _row_outcomes(row)]
    outcomes.sort(key=lambda o: (o.meeting_number, o.campaign_id))
    return tuple(outcomes)


def leads_for_new_estimate(outcomes: Iterable[EstimateOutcome], campaign: Campaign) -> Calibration:
    """What a new lead estimate for `campaign` is read against: the lead estimates for its
    role's campaigns, or for every campaign if that role has none finished yet."""
    chosen = tuple(outcomes)
    own = calibrate(chosen, owner=campaign.owner)
    return own if own.count else calibrate(chosen)


def calibrated_leads(calibration: Calibration, estimate: int) -> int | None:
    """`estimate` corrected by the recent bias, in whole leads; None without history."""
    value = calibration.calibrated(Decimal(estimate))
    if value is None:
        return None
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def lead_calibration_text(calibration: Calibration, estimate: int) -> str:
    """ "the last 6 lead estimates ran 30 % high: calibrated 84 leads", or "" without
    history."""
    bias = calibration.recent_bias_pct
    calibrated = calibrated_leads(calibration, estimate)
    if bias is None or calibrated is None:
        return ""
    count = len(calibration.latest)
    if bias > 0:
        text = ngettext(
            "the last lead estimate ran {percent} high: calibrated {leads}",
            "the last {count} lead estimates ran {percent} high: calibrated {leads}",
            count,
        )
    elif bias < 0:
        text = ngettext(
            "the last lead estimate ran {percent} low: calibrated {leads}",
            "the last {count} lead estimates ran {percent} low: calibrated {leads}",
            count,
        )
    else:
        text = ngettext(
            "the last lead estimate was right on",
            "the last {count} lead estimates were right on",
            count,
        )
    leads = ngettext("{count} lead", "{count} leads", calibrated).format(
        count=l10n.format_number(calibrated)
    )
    return text.format(count=count, percent=percent_words(bias), leads=leads)


def lead_bias_text(campaign: Calibration, role: Calibration, role_title: str) -> str:
    """One line for a campaign's detail on the scoreboard: "Lead estimates: this campaign's
    3 ran 25 % high; Dialog Marketing's 14 ran 21 % high, lately 6 % high", or "" when
    neither has a finished estimate."""
    parts = []
    if campaign.bias_pct is not None:
        parts.append(
            ngettext(
                "this campaign's {count} ran {bias}",
                "this campaign's {count} ran {bias}",
                campaign.count,
            ).format(count=campaign.count, bias=bias_words(campaign.bias_pct))
        )
    if role.bias_pct is not None and role.recent_bias_pct is not None:
        parts.append(
            ngettext(
                "{role}'s {count} ran {bias}, lately {recent}",
                "{role}'s {count} ran {bias}, lately {recent}",
                role.count,
            ).format(
                role=role_title,
                count=role.count,
                bias=bias_words(role.bias_pct),
                recent=bias_words(role.recent_bias_pct),
            )
        )
    if not parts:
        return ""
    return _("Lead estimates: {parts}").format(parts="; ".join(parts))


def lead_calibration_lines(
    outcomes: Sequence[EstimateOutcome], role_titles: Mapping[str, str]
) -> list[str]:
    """One line per role whose campaigns have finished with lead estimates, for the
    minutes' campaign section: "Dialog Marketing: 9 lead estimates ran 21 % high on
    average, 8 % high lately; off by 24 % on average." """
    return role_lines(
        outcomes,
        role_titles,
        lambda count: ngettext(
            "{role}: {count} lead estimate ran {bias} on average, {recent} lately; "
            "off by {error} on average.",
            "{role}: {count} lead estimates ran {bias} on average, {recent} lately; "
            "off by {error} on average.",
            count,
        ),
    )


def campaign_lead_lines(
    outcomes: Sequence[EstimateOutcome],
) -> list[str]:
    """One line per finished campaign with lead estimates, for the minutes: "Webinar
    series: 3 lead estimates ran 25 % high on average." """
    lines = []
    for campaign_id in sorted({o.campaign_id for o in outcomes}):
        calibration = calibrate(outcomes, campaign_id=campaign_id)
        bias = calibration.bias_pct
        if bias is None:
            continue
        lines.append(
            ngettext(
                "{campaign}: {count} lead estimate ran {bias} on average.",
                "{campaign}: {count} lead estimates ran {bias} on average.",
                calibration.count,
            ).format(
                campaign=calibration.outcomes[-1].campaign,
                count=calibration.count,
                bias=bias_words(bias),
            )
        )
    return lines
