"""Estimates that meet reality: how far sales marketing's revenue estimates were from
what the campaigns brought, and what a new estimate is worth in that light.

An estimate is a revenue estimate as entered at a meeting: the first snapshot of a
campaign, and every later one whose estimate differs from the one before. It is
judged against the campaign's final actual revenue, so only campaigns that have
finished (or were stopped) count; a running campaign's revenue to date is not yet what
it brings.

How far off an estimate was is measured on the estimate, as the room says it: "ran
38 % high" means 38 % of what was estimated did not come in, so a new estimate of
100,000 is worth 62,000 (`calibrated`). Negative: the estimate ran low. The bias is
the mean of these shares (on average, and over the latest `RECENT` estimates); the
error is the mean of their sizes, whichever way they went. Every figure is an exact
`Decimal`, rounded half up at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from roundtable.domain import l10n
from roundtable.domain.campaigns.arithmetic import minus, quotient
from roundtable.domain.campaigns.model import Campaign, CampaignStatus, Snapshot
from roundtable.domain.campaigns.scoreboard import Scoreboard
from roundtable.domain.money import format_amount
from roundtable.i18n import _, ngettext

__all__ = [
    "RECENT",
    "Calibration",
    "EstimateOutcome",
    "bias_text",
    "bias_words",
    "board_outcomes",
    "calibrate",
    "calibration_lines",
    "calibration_text",
    "ended_histories",
    "estimate_outcomes",
    "for_new_estimate",
    "percent_words",
    "role_lines",
]

RECENT = 6
"""How many of the latest estimates say how the estimator estimates lately."""

_TENTH = Decimal("0.1")
_HUNDRED = Decimal(100)
_ENDED = (CampaignStatus.FINISHED, CampaignStatus.STOPPED)


@dataclass(frozen=True)
class EstimateOutcome:
    """One revenue estimate and what the campaign finally brought."""

    campaign_id: int
    campaign: str
    owner: str
    """The role that ran the campaign."""
    currency: str
    meeting_number: int
    estimate: Decimal
    actual: Decimal
    """The campaign's final actual revenue."""

    @property
    def off_pct(self) -> Decimal:
        """(estimate − actual) / estimate in percent, to one decimal: 38.0 for an
        estimate of 100,000 that brought 62,000."""
        return quotient(minus(self.estimate, self.actual) * _HUNDRED, self.estimate, _TENTH)


def estimate_outcomes(
    campaigns: Iterable[Campaign],
    snapshots: Iterable[Snapshot],
    meeting_numbers: Mapping[int, int],
) -> tuple[EstimateOutcome, ...]:
    """Every estimate of a finished or stopped campaign with its outcome, in the order
    of the meetings they were entered in. An estimate of zero says nothing and is left
    out, as are snapshots of meetings not in `meeting_numbers`."""
    outcomes: list[EstimateOutcome] = []
    for campaign, pairs in ended_histories(campaigns, snapshots, meeting_numbers):
        points = [(n, s.estimated_revenue, s.actual_revenue) for n, s in pairs]
        outcomes.extend(_judged(campaign, points))
    outcomes.sort(key=lambda o: (o.meeting_number, o.campaign_id))
    return tuple(outcomes)


def ended_histories(
    campaigns: Iterable[Campaign],
    snapshots: Iterable[Snapshot],
    meeting_numbers: Mapping[int, int],
) -> list[tuple[Campaign, list[tuple[int, Snapshot]]]]:
    """Each finished or stopped campaign with its reports (meeting number, snapshot),
    oldest first: what its estimates are judged against. Snapshots of meetings not in
    `meeting_numbers` are left out."""
    ended = {c.id: c for c in campaigns if c.status in _ENDED}
    history: dict[int, list[tuple[int, Snapshot]]] = {}
    for snapshot in snapshots:
        number = meeting_numbers.get(snapshot.meeting_id)
        if snapshot.campaign_id in ended and number is not None:
            history.setdefault(snapshot.campaign_id, []).append((number, snapshot))
    for pairs in history.values():
        pairs.sort(key=lambda pair: (pair[0], pair[1].id))
    return [(ended[campaign_id], pairs) for campaign_id, pairs in history.items()]


def _judged(
    campaign: Campaign, points: Sequence[tuple[int, Decimal, Decimal]]
) -> list[EstimateOutcome]:
    """Each new estimate among `points` (meeting number, estimate, actual to date; oldest
    first) against the last actual."""
    final = points[-1][2]
    outcomes = []
    previous: Decimal | None = None
    for number, estimate, _actual in points:
        if estimate != previous and estimate > 0:
            outcomes.append(
                EstimateOutcome(
                    campaign_id=campaign.id,
                    campaign=campaign.name,
                    owner=campaign.owner,
                    currency=campaign.currency,
                    meeting_number=number,
                    estimate=estimate,
                    actual=final,
                )
            )
        previous = estimate
    return outcomes


def _mean(values: Sequence[Decimal]) -> Decimal | None:
    if not values:
        return None
    return quotient(sum(values, Decimal(0)), Decimal(len(values)), _TENTH)


@dataclass(frozen=True)
class Calibration:
    """How a set of estimates (one campaign's, one role's, everyone's) turned out."""

    outcomes: tuple[EstimateOutcome, ...]
    """Oldest first."""
    recent: int = RECENT

    @property
    def count(self) -> int:
        return len(self.outcomes)

    @property
    def latest(self) -> tuple[EstimateOutcome, ...]:
        return self.outcomes[-self.recent :]

    @property
    def bias_pct(self) -> Decimal | None:
        """Mean share the estimates ran high (negative: low), in percent."""
        return _mean([o.off_pct for o in self.outcomes])

    @property
    def recent_bias_pct(self) -> Decimal | None:
        """The same over the latest `recent` estimates."""
        return _mean([o.off_pct for o in self.latest])

    @property
    def error_pct(self) -> Decimal | None:
        """Mean size of the miss, whichever way, in percent."""
        return _mean([abs(o.off_pct) for o in self.outcomes])

    def calibrated(self, estimate: Decimal) -> Decimal | None:
        """`estimate` corrected by the recent bias, to the cent; None without history."""
        bias = self.recent_bias_pct
        if bias is None:
            return None
        value = estimate * (_HUNDRED - bias) / _HUNDRED
        return max(value, Decimal(0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def calibrate(
    outcomes: Iterable[EstimateOutcome],
    *,
    owner: str | None = None,
    campaign_id: int | None = None,
    currency: str | None = None,
    recent: int = RECENT,
) -> Calibration:
    """The calibration of the outcomes of one role's campaigns (`owner`), one campaign
    or one currency; all of them for no filter."""
    chosen = tuple(
        o
        for o in outcomes
        if (owner is None or o.owner == owner)
        and (campaign_id is None or o.campaign_id == campaign_id)
        and (currency is None or o.currency == currency)
    )
    return Calibration(outcomes=chosen, recent=recent)


def percent_words(value: Decimal) -> str:
    """A share as a whole percentage without its sign: "21 %"."""
    return l10n.format_percent(abs(value), decimals=0)


def calibration_text(calibration: Calibration, estimate: Decimal, currency: str) -> str:
    """ "the last 6 estimates ran 38 % high: calibrated €62,000.00", or "" without
    history."""
    bias = calibration.recent_bias_pct
    calibrated = calibration.calibrated(estimate)
    if bias is None or calibrated is None:
        return ""
    count = len(calibration.latest)
    if bias > 0:
        text = ngettext(
            "the last estimate ran {percent} high: calibrated {amount}",
            "the last {count} estimates ran {percent} high: calibrated {amount}",
            count,
        )
    elif bias < 0:
        text = ngettext(
            "the last estimate ran {percent} low: calibrated {amount}",
            "the last {count} estimates ran {percent} low: calibrated {amount}",
            count,
        )
    else:
        text = ngettext(
            "the last estimate was right on",
            "the last {count} estimates were right on",
            count,
        )
    return text.format(
        count=count, percent=percent_words(bias), amount=format_amount(calibrated, currency)
    )


def bias_words(value: Decimal) -> str:
    """How far estimates ran off, in words: "21 % high", "8 % low", "right on"."""
    if value > 0:
        return _("{percent} high").format(percent=percent_words(value))
    if value < 0:
        return _("{percent} low").format(percent=percent_words(value))
    return _("right on")


def calibration_lines(
    outcomes: Sequence[EstimateOutcome], role_titles: Mapping[str, str]
) -> list[str]:
    """One line per role whose campaigns have finished, for the minutes' campaign
    section: "Dialog Marketing: 9 estimates ran 21 % high on average, 8 % high lately;
    off by 24 % on average." Empty without finished campaigns."""
    return role_lines(
        outcomes,
        role_titles,
        lambda count: ngettext(
            "{role}: {count} estimate ran {bias} on average, {recent} lately; "
            "off by {error} on average.",
            "{role}: {count} estimates ran {bias} on average, {recent} lately; "
            "off by {error} on average.",
            count,
        ),
    )


def role_lines(
    outcomes: Sequence[EstimateOutcome],
    role_titles: Mapping[str, str],
    sentence: Callable[[int], str],
) -> list[str]:
    """One line per role that estimated, in the order of the role titles: `sentence`
    gives, for the number of estimates, the line with {role}, {count}, {bias},
    {recent} and {error} to fill in. Roles without a judged estimate are left out."""
    lines = []
    for owner in sorted({o.owner for o in outcomes}, key=lambda r: role_titles.get(r, r)):
        calibration = calibrate(outcomes, owner=owner)
        bias, recent, error = (
            calibration.bias_pct,
            calibration.recent_bias_pct,
            calibration.error_pct,
        )
        if bias is None or recent is None or error is None:
            continue
        lines.append(
            sentence(calibration.count).format(
                role=role_titles.get(owner, owner),
                count=calibration.count,
                bias=bias_words(bias),
                recent=bias_words(recent),
                error=percent_words(error),
            )
        )
    return lines


def board_outcomes(board: Scoreboard) -> tuple[EstimateOutcome, ...]:
    """`estimate_outcomes` from a scoreboard's rows (their series hold every snapshot
    up to the board's meeting), so a screen that has the board needs no second read."""
    outcomes: list[EstimateOutcome] = []
    for row in board.rows:
        campaign = row.campaign
        if campaign.status not in _ENDED or not row.series:
            continue
        points = [(p.meeting_number, p.estimate, p.actual) for p in row.series]
        outcomes.extend(_judged(campaign, points))
    outcomes.sort(key=lambda o: (o.meeting_number, o.campaign_id))
    return tuple(outcomes)


def for_new_estimate(outcomes: Iterable[EstimateOutcome], campaign: Campaign) -> Calibration:
    """What a new estimate for `campaign` should be read against: the estimates for its
    role's campaigns in its currency, or for every campaign in it if that role has none
    finished yet."""
    same_currency = [o for o in outcomes if o.currency == campaign.currency]
    own = calibrate(same_currency, owner=campaign.owner)
    return own if own.count else calibrate(same_currency)


def bias_text(calibration: Calibration) -> str:
    """One short line for a campaign's detail: "30 earlier estimates ran 21% high,
    lately 13% high", or "" without finished campaigns."""
    bias, recent = calibration.bias_pct, calibration.recent_bias_pct
    if bias is None or recent is None:
        return ""
    return ngettext(
        "{count} earlier estimate ran {bias}, lately {recent}",
        "{count} earlier estimates ran {bias}, lately {recent}",
        calibration.count,
    ).format(count=calibration.count, bias=bias_words(bias), recent=bias_words(recent))
