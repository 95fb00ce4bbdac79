"""The compact campaign scoreboard of the meeting screen's campaign-results item (and of
the follow view): the campaigns still running or reported in this meeting, in a
`ScoreboardTable`, and every currency's totals below."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical

from roundtable.domain.campaigns import (
    Scoreboard,
)
from roundtable.i18n import _, ngettext
from roundtable.ui.widgets.campaign_texts import (
    campaigns_in_meeting,
    shows_campaigns,
    totals_text,
)
from roundtable.ui.widgets.plain import PlainLabel
from roundtable.ui.widgets.scoreboard_table import ScoreboardTable

# `campaigns_in_meeting` and `shows_campaigns` are what a screen asks before it shows one.
__all__ = ["CampaignScoreboard", "campaigns_in_meeting", "shows_campaigns"]


class CampaignScoreboard(Vertical):
    """The compact scoreboard for the meeting screen's campaign-results item: the
    campaigns still running or reported in this meeting, and the totals below. Its
    styles are in widgets/widgets.tcss: the meeting app and the follow view mount it."""

    def compose(self) -> ComposeResult:
        yield ScoreboardTable(id="campaign-table")
        yield PlainLabel("", id="campaign-totals")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._given: tuple[Scoreboard, Mapping[int, int], int | None, str] | None = None
        """What `show_board` was handed last; shown once the table exists."""

    def on_mount(self) -> None:
        # The room reads it; nobody moves a cursor through it.
        table = self.query_one(ScoreboardTable)
        table.can_focus = False
        table.show_cursor = False
        self.border_title = Text(_("Campaign results · reading …"))
        if self._given is not None:
            # Handed its figures before it was mounted (it is built when first needed).
            self._paint(*self._given)

    def show_board(
        self,
        board: Scoreboard,
        numbers: Mapping[int, int],
        meeting_id: int | None,
        *,
        key: str = "",
    ) -> None:
        """Show the campaigns that matter in this meeting: running ones and those with
        figures reported in it (`campaigns_in_meeting`); `key` is the key that opens the
        full scoreboard."""
        self._given = (board, numbers, meeting_id, key)
        if self.query(ScoreboardTable):
            self._paint(*self._given)

    def _paint(
        self, board: Scoreboard, numbers: Mapping[int, int], meeting_id: int | None, key: str
    ) -> None:
        rows = campaigns_in_meeting(board, meeting_id)
        self.query_one(ScoreboardTable).show(board, numbers, meeting_id, rows=rows)
        reported = sum(
            1 for row in rows if meeting_id is not None and row.reported_in == meeting_id
        )
        title = ngettext(
            "Campaign results · {count} running or reported",
            "Campaign results · {count} running or reported",
            len(rows),
        ).format(count=len(rows))
        self.border_title = Text(title)
        subtitle = _("{reported} of {count} reported in this meeting").format(
            reported=reported, count=len(rows)
        )
        if key:
            subtitle += " · " + _("{key} all campaigns, record figures").format(key=key)
        self.border_subtitle = Text(subtitle)
        summary = " | ".join(
            _("All campaigns, {currency}: {figures}").format(
                currency=t.currency, figures=totals_text(t)
            )
            for t in board.totals
        )
        if not rows:
            summary = _("No campaign is running or reported in this meeting.") + (
                " " + summary if summary else ""
            )
        self.query_one("#campaign-totals", PlainLabel).show(summary)
