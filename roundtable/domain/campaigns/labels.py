"""Campaign values in words and numbers as the current language writes them."""

from __future__ import annotations

from decimal import Decimal

from roundtable.domain import l10n
from roundtable.domain.campaigns.model import CampaignStatus, Channel
from roundtable.domain.money import format_amount
from roundtable.i18n import _

__all__ = ["channel_label", "format_change", "format_percent", "status_label"]


def channel_label(channel: Channel) -> str:
    """The channel in words, for tables and minutes."""
    return {
        Channel.WEBINAR: _("webinar"),
        Channel.TRADE_FAIR: _("trade fair"),
        Channel.EVENT: _("event"),
        Channel.MAILING: _("mailing"),
        Channel.NEWSLETTER: _("newsletter"),
        Channel.ONLINE_ADS: _("online ads"),
        Channel.CONTENT: _("content"),
        Channel.OTHER: _("other"),
    }[channel]


def status_label(status: CampaignStatus) -> str:
    """The status in words, for tables and minutes."""
    return {
        CampaignStatus.PLANNED: _("planned"),
        CampaignStatus.RUNNING: _("running"),
        CampaignStatus.FINISHED: _("finished"),
        CampaignStatus.STOPPED: _("stopped"),
    }[status]


def format_percent(value: Decimal | None) -> str:
    """A percentage with one decimal as the current language writes it (`12.5%`,
    German `12,5 %`), or a dash for nothing to show."""
    return "—" if value is None else l10n.format_percent(value)


def format_change(change: Decimal | None, currency: str) -> str:
    """A change of an amount with its sign in front, like `+€1,000.00`, `−€500.00` or
    `±€0.00` (German `+1.000,00 €`), as `format_amount` writes amounts; a dash for
    nothing to compare."""
    if change is None:
        return "—"
    # The minus sign (U+2212), not a hyphen: it lines up with + and ±, and a Markdown
    # table cell or list item starting with it stays plain text.
    sign = "+" if change > 0 else "\u2212" if change < 0 else "±"
    return sign + format_amount(abs(change), currency)
