"""The campaign results a meeting shows while sales controlling's item runs: the rows of
the campaigns that matter in it, and the totals of every campaign.

Years of meetings hold tens of thousands of reports; the meeting shows a handful of
rows. So the reports are looked at one at a time, as they are read: a campaign shown
keeps its whole history (its row and trend need it), any other only its latest report,
which is all its share of the totals needs.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from roundtable.domain.campaigns.model import Campaign, Snapshot
from roundtable.domain.campaigns.scoreboard import Scoreboard, build_scoreboard, sum_totals

__all__ = ["meeting_board"]


def meeting_board(
    campaigns: Iterable[Campaign],
    snapshots: Iterable[Snapshot],
    meeting_numbers: Mapping[int, int],
    shown: Collection[int],
) -> Scoreboard:
    """The latest scoreboard (`build_scoreboard` with no `as_of`) with the rows of the
    campaigns whose ids are in `shown` only, and `summed` the totals of every campaign,
    the same as the whole board's. Snapshots of meetings not in `meeting_numbers` are
    left out, as there."""
    everyone = list(campaigns)
    history: list[Snapshot] = []
    latest: dict[int, tuple[tuple[int, int], Snapshot]] = {}
    for snapshot in snapshots:
        number = meeting_numbers.get(snapshot.meeting_id)
        if number is None:
            continue
        if snapshot.campaign_id in shown:
            history.append(snapshot)
            continue
        # The whole board's latest: the last in the order of (meeting number, id).
        order = (number, snapshot.id)
        known = latest.get(snapshot.campaign_id)
        if known is None or order > known[0]:
            latest[snapshot.campaign_id] = (order, snapshot)
    board = build_scoreboard([c for c in everyone if c.id in shown], history, meeting_numbers)
    others = (
        (campaign, campaign.cost, latest[campaign.id][1] if campaign.id in latest else None)
        for campaign in everyone
        if campaign.id not in shown
    )
    rows = ((row.campaign, row.cost, row.snapshot) for row in board.rows)
    return Scoreboard(as_of=None, rows=board.rows, summed=sum_totals([*rows, *others]))
