"""The team's yearly campaign programme and the names the demo talks about: what each
campaign costs and really brings, the accounts, the sites and the budget areas."""

from __future__ import annotations

from dataclasses import dataclass

from roundtable.domain.campaigns import Channel

__all__ = [
    "ACCOUNTS",
    "CAMPAIGNS",
    "COMMUNICATION_AREA",
    "DIALOG_AREA",
    "PROGRAMME",
    "SALES_AREA",
    "SITES",
    "Plan",
]


@dataclass(frozen=True)
class Plan:
    """One campaign of the team's yearly programme, and what it really brings."""

    name: str
    owner: str
    channel: Channel
    month: int
    """When it starts (on the first Monday of the month)."""
    weeks: int
    budget: int
    leads: int
    """Pre-qualified leads it brings in all, on average over the years."""
    deal: int
    """An average deal won from it, in EUR."""
    acceptance: float
    """Share of its leads sales accepts."""
    conversion: float
    """Share of the accepted leads that become deals."""
    optimism: float
    """Sales marketing's first estimate, as a multiple of what it really brings."""
    flop: float = 0.0
    """Chance that a year's run is stopped halfway."""


PROGRAMME = (
    Plan(
        "Frühjahrs-Webinarreihe",
        "marketing-communication",
        Channel.WEBINAR,
        3,
        6,
        12_000,
        90,
        18_000,
        0.7,
        0.18,
        2.1,
    ),
    Plan(
        "Messe Hannover Follow-up",
        "marketing-communication",
        Channel.TRADE_FAIR,
        4,
        10,
        45_000,
        140,
        35_000,
        0.6,
        0.15,
        1.8,
    ),
    Plan(
        "LinkedIn Lead-Ads Industrie 4.0",
        "marketing-communication",
        Channel.ONLINE_ADS,
        5,
        12,
        15_000,
        120,
        14_000,
        0.45,
        0.1,
        2.6,
        flop=0.5,
    ),
    Plan(
        "Newsletter Q3 Bestandskunden",
        "dialog-marketing",
        Channel.NEWSLETTER,
        7,
        12,
        6_000,
        60,
        9_000,
        0.8,
        0.3,
        1.5,
    ),
    Plan(
        "Direct Mailing Mittelstand",
        "dialog-marketing",
        Channel.MAILING,
        9,
        8,
        18_000,
        75,
        24_000,
        0.65,
        0.2,
        1.9,
    ),
    Plan(
        "Whitepaper Predictive Maintenance",
        "marketing-communication",
        Channel.CONTENT,
        10,
        10,
        8_000,
        50,
        30_000,
        0.5,
        0.16,
        2.0,
    ),
    Plan(
        "Anwendertag Süd",
        "marketing-communication",
        Channel.EVENT,
        11,
        4,
        20_000,
        45,
        28_000,
        0.75,
        0.22,
        1.6,
    ),
)
CAMPAIGNS = tuple(plan.name for plan in PROGRAMME)
"""The campaigns the team talks about, in the order of the year."""
ACCOUNTS = ("Brenner Maschinenbau", "Hofmann Logistik", "Stadtwerke Kassel", "Lindner Automotive")
SITES = ("Bielefeld", "Leipzig", "Augsburg", "Hamburg")
SALES_AREA = "sales"
COMMUNICATION_AREA = "communication"
DIALOG_AREA = "dialog marketing"
