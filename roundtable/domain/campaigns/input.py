"""Checking what people typed for a campaign or its figures.

The helpers raise `FieldError` (a `UsageError`) naming the field, so a form can point
at it and the CLI prints the message like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from babel.numbers import get_group_symbol

from roundtable.domain import l10n
from roundtable.domain.campaigns.model import (
    MAX_NAME_LENGTH,
    Campaign,
    CampaignStatus,
    Channel,
    FieldError,
    SnapshotFigures,
)
from roundtable.domain.date_input import accepted_date_words, read_typed_date
from roundtable.domain.money import DEFAULT_CURRENCY, parse_amount
from roundtable.errors import UsageError
from roundtable.i18n import _, current_language, ngettext, pgettext

__all__ = [
    "CampaignDraft",
    "check_campaign",
    "check_figures",
    "parse_count",
    "parse_day",
    "parse_money",
]

_ROLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
_ZERO = re.compile(r"0+(?:\.0{1,2})?")
_CURRENCY = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class CampaignDraft:
    """A campaign's fields as the campaign form gives them back, checked but not saved:
    the store adds (or updates) it and gives it an id."""

    name: str
    owner: str
    """A role id."""
    channel: Channel
    start: date
    end: date
    budget: Decimal
    cost: Decimal = Decimal(0)
    """Cost to date."""
    currency: str = DEFAULT_CURRENCY
    status: CampaignStatus = CampaignStatus.PLANNED
    note: str = ""

    @classmethod
    def of(cls, campaign: Campaign) -> CampaignDraft:
        """The draft that edits `campaign`."""
        return cls(
            name=campaign.name,
            owner=campaign.owner,
            channel=campaign.channel,
            start=campaign.start,
            end=campaign.end,
            budget=campaign.budget,
            cost=campaign.cost,
            currency=campaign.currency,
            status=campaign.status,
            note=campaign.note,
        )

    def checked(self) -> CampaignDraft:
        """The draft tidied up by `check_campaign`, or `FieldError` naming the field."""
        campaign = check_campaign(
            Campaign(
                id=0,
                name=self.name,
                owner=self.owner,
                channel=self.channel,
                start=self.start,
                end=self.end,
                budget=self.budget,
                cost=self.cost,
                currency=self.currency,
                status=self.status,
                note=self.note,
            )
        )
        return CampaignDraft.of(campaign)


def _field_labels() -> dict[str, str]:
    return {
        "name": _("Name"),
        "owner": _("Owner"),
        "channel": _("Channel"),
        "start": _("Start"),
        "end": pgettext("campaign", "End"),
        "budget": _("Budget"),
        "cost": _("Cost to date"),
        "currency": _("Currency"),
        "status": _("Status"),
        "leads": _("Pre-qualified leads"),
        "accepted": _("Leads accepted by sales"),
        "won": _("Deals won"),
        "estimated_revenue": _("Estimated revenue"),
        "estimated_leads": _("Estimated leads"),
        "actual_revenue": _("Actual revenue to date"),
    }


def _error(field: str, message: str) -> FieldError:
    label = _field_labels().get(field, field)
    return FieldError(field, _("{field}: {problem}").format(field=label, problem=message))


def _money(value: object, field: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise _error(field, _("not a number."))
    amount = Decimal(value)
    if not amount.is_finite():
        raise _error(field, _("not a number."))
    if amount < 0:
        raise _error(field, _("must not be negative."))
    return amount


def _count(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _error(field, _("must be a whole number."))
    if value < 0:
        raise _error(field, _("must not be negative."))
    return value


def check_campaign(campaign: Campaign) -> Campaign:
    """`campaign` tidied up (spaces trimmed, currency upper-cased), or `FieldError`
    naming the first field that is wrong. Whether the name is taken and the owner is a
    role of the team are for the store and the caller: this sees one campaign only."""
    name = " ".join(campaign.name.split())
    if not name:
        raise _error("name", _("a campaign needs a name."))
    if len(name) > MAX_NAME_LENGTH:
        raise _error("name", _("at most {count} characters, please.").format(count=MAX_NAME_LENGTH))
    owner = campaign.owner.strip()
    if not owner:
        raise _error("owner", _("say which role runs the campaign."))
    if not _ROLE_ID.fullmatch(owner):
        raise _error(
            "owner", _("“{owner}” is not a role id, like dialog-marketing.").format(owner=owner)
        )
    try:
        channel = Channel(campaign.channel)
    except ValueError:
        raise _error(
            "channel",
            _("“{channel}” is not one of {channels}.").format(
                channel=campaign.channel, channels=", ".join(c.value for c in Channel)
            ),
        ) from None
    try:
        status = CampaignStatus(campaign.status)
    except ValueError:
        raise _error(
            "status",
            _("“{status}” is not one of {statuses}.").format(
                status=campaign.status, statuses=", ".join(s.value for s in CampaignStatus)
            ),
        ) from None
    for field in ("start", "end"):
        if not isinstance(getattr(campaign, field), date):
            raise _error(field, _("not a date."))
    if campaign.end < campaign.start:
        raise _error(
            "end",
            _("the campaign cannot end ({end}) before it starts ({start}).").format(
                end=campaign.end.isoformat(), start=campaign.start.isoformat()
            ),
        )
    budget = _money(campaign.budget, "budget")
    cost = _money(campaign.cost, "cost")
    currency = campaign.currency.strip().upper()
    if not _CURRENCY.fullmatch(currency):
        raise _error("currency", _("three letters, like EUR."))
    return replace(
        campaign,
        name=name,
        owner=owner,
        channel=channel,
        status=status,
        budget=budget,
        cost=cost,
        currency=currency,
        note=campaign.note.strip(),
    )


def check_figures(figures: SnapshotFigures) -> SnapshotFigures:
    """`figures` if they can be true together, else `FieldError` naming the field:
    no negative counts or amounts, no more accepted leads than leads, no more deals won
    than leads accepted, revenue a number."""
    leads = _count(figures.leads, "leads")
    accepted = _count(figures.accepted, "accepted")
    won = _count(figures.won, "won")
    if accepted > leads:
        raise _error(
            "accepted",
            ngettext(
                "{accepted} accepted, but only {leads} pre-qualified lead.",
                "{accepted} accepted, but only {leads} pre-qualified leads.",
                leads,
            ).format(accepted=accepted, leads=leads),
        )
    if won > accepted:
        raise _error(
            "won",
            ngettext(
                "{won} deals won, but only {accepted} lead accepted by sales.",
                "{won} deals won, but only {accepted} leads accepted by sales.",
                accepted,
            ).format(won=won, accepted=accepted),
        )
    return SnapshotFigures(
        leads=leads,
        accepted=accepted,
        won=won,
        estimated_revenue=_money(figures.estimated_revenue, "estimated_revenue"),
        actual_revenue=_money(figures.actual_revenue, "actual_revenue"),
        estimated_leads=_count(figures.estimated_leads, "estimated_leads"),
    )


def parse_count(text: str, field: str) -> int:
    """A count typed in a form, thousands grouped the current language's way (`48`,
    `1,250`; German `1.250`), or `FieldError` naming `field`."""
    cleaned = text.strip()
    if not cleaned:
        raise _error(field, _("enter a number, like 48."))
    if cleaned.startswith("-"):
        raise _error(field, _("must not be negative."))
    group = get_group_symbol(current_language())
    grouped = rf"[0-9]{{1,3}}(?:{re.escape(group)}[0-9]{{3}})+|[0-9]+"
    if not re.fullmatch(grouped, cleaned):
        raise _error(field, _("“{text}” is not a whole number, like 48.").format(text=cleaned[:40]))
    return int(cleaned.replace(group, ""))


def parse_money(text: str, field: str) -> Decimal:
    """An amount typed in a form (`12,500.00`, `0`), or `FieldError` naming `field`.
    Same rules as budget amounts (`money.parse_amount`), but zero is fine here."""
    cleaned = text.strip()
    if _ZERO.fullmatch(cleaned):
        return Decimal(0)
    # Budget agreements word a minus sign as "record it as a cut"; here it is just wrong.
    if cleaned.startswith(("-", "−")):
        raise _error(field, _("must not be negative."))
    try:
        return parse_amount(cleaned)
    except UsageError as error:
        raise _error(field, error.message) from None


def parse_day(text: str, field: str, today: date | None = None) -> date:
    """A date typed as ISO `2026-03-12` or the current language's form (German
    `12.03.2026`; see `l10n.read_date`), or `FieldError` naming `field`. Given `today`,
    every form people type is read too (`9.12.`, `+2w`, `Freitag`, `Dec 9`; see
    `date_input.read_typed_date`)."""
    if today is None:
        try:
            return l10n.parse_date(text.strip())
        except UsageError as error:
            raise _error(field, error.message) from None
    try:
        found = read_typed_date(text, today) or l10n.read_date(text.strip())
    except UsageError as error:
        raise _error(field, error.message) from None
    if found is None:
        raise _error(
            field,
            _("Cannot read the date “{text}”; write it like {forms}.").format(
                text=" ".join(text.split())[:40], forms=accepted_date_words()
            ),
        )
    return found
