"""The demo's lead estimates: optimistic at first, converging on what campaigns bring.

Marketing communication and dialog marketing estimate the leads a campaign will bring.
In the demo each campaign's estimate starts above what it really brings and comes down
report by report; and the team learns from its history, so the first estimates of later
years are less optimistic than those of the first. No random numbers are drawn: the
rest of the demo history stays exactly as it was.
"""

from __future__ import annotations

__all__ = ["lead_estimate"]

FIRST_OPTIMISM = 1.6
"""The first estimate of the history's first year, as a multiple of the real leads."""
LEARNING = 0.7
"""How much of the excess optimism is left a year later."""


def lead_estimate(leads_total: int, leads: int, progress: float, final: bool, years_in: int) -> int:
    """The estimated leads of a campaign that brings `leads_total` in all and has
    brought `leads` so far, at `progress` (0..1) of its run, `years_in` years after the
    history began; at the final report, what it brought."""
    if final:
        return leads
    excess: float = (FIRST_OPTIMISM - 1) * LEARNING ** max(0, years_in)
    first = leads_total * (1 + excess)
    estimate: float = leads_total + (first - leads_total) * (1 - progress) ** 1.4
    return max(leads, round(estimate))
