"""The campaign scoreboard: what each campaign costs, what it brings, and the trend.

Marketing could always say what a campaign costs, never what it brings; at the round
table controlling reports at every meeting what each campaign has brought so far, and
the estimates have to meet reality. This screen shows it for the room: a table per
campaign (cost, leads, cost per lead, conversion, estimate against actual and how that
gap moved since the meeting before) and, for the campaign under the cursor, its facts
and sparklines of estimate, actual and gap across meetings.

Reached from home and from the meeting on a key (and the command palette). While a
meeting runs, the figures are recorded into it (enter or `f` on a campaign: the quick
edit of the row's figures), campaigns are planned (`n`) and changed (`e`); ctrl+z takes
back the last figures or change made here. Without a running meeting the screen is
read-only and says so. Every store call runs on the app's store thread; the screen
re-reads the store whenever it changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header

from roundtable.domain.campaigns import (
    CampaignRow,
    CampaignStatus,
    Scoreboard,
)
from roundtable.domain.campaigns.calibration import (
    Calibration,
    board_outcomes,
    calibrate,
    for_new_estimate,
)
from roundtable.domain.campaigns.lead_calibration import (
    board_lead_outcomes,
    lead_bias_text,
    leads_for_new_estimate,
)
from roundtable.domain.meeting import Meeting
from roundtable.errors import RoundtableError
from roundtable.i18n import N_, _, ngettext
from roundtable.store.store import Store
from roundtable.ui.context import AppContext
from roundtable.ui.format import owner_text
from roundtable.ui.live import StoreChanged
from roundtable.ui.screens.campaigns.campaign_detail import CampaignDetail
from roundtable.ui.screens.campaigns.campaign_editing import CampaignEditing
from roundtable.ui.undo import Place
from roundtable.ui.widgets.campaign_texts import totals_text
from roundtable.ui.widgets.footer import Footer
from roundtable.ui.widgets.plain import PlainLabel
from roundtable.ui.widgets.scoreboard_table import ScoreboardTable

__all__ = ["BoardData", "ScoreboardScreen", "read_board", "read_meeting_board"]


@dataclass(frozen=True)
class BoardData:
    """One read of the store for the scoreboard."""

    board: Scoreboard
    """Every campaign with its latest figures and today's cost to date (for a meeting's
    campaign item, `read_meeting_board`: the campaigns that matter in it)."""
    numbers: dict[int, int]
    """Meeting id → number."""
    running: Meeting | None
    """The meeting figures are recorded into; None: the scoreboard is read-only."""


def read_board(store: Store) -> BoardData:
    """The scoreboard, the meeting numbers and the running meeting, read together
    (store thread)."""
    with store.reading():
        return BoardData(store.scoreboard(), store.meeting_numbers(), store.running_meeting())


def read_meeting_board(store: Store, meeting_id: int) -> BoardData:
    """What meeting `meeting_id` shows while its campaign item runs
    (`Store.meeting_scoreboard`: only the rows it shows, every campaign's totals), with
    the meeting numbers and the running meeting (store thread)."""
    with store.reading():
        board = store.meeting_scoreboard(meeting_id)
        return BoardData(board, store.meeting_numbers(), store.running_meeting())


_EDITING_ACTIONS = frozenset({"record_figures", "new_campaign", "edit_campaign"})


class ScoreboardScreen(Screen[None]):
    """Every campaign's figures, the selected one's trend; records this meeting's
    figures and plans campaigns while a meeting runs."""

    CSS_PATH = Path(__file__).parent / "campaigns.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="campaigns-back"),
        # Enter on a row is the table's own key; listed here so help names it too.
        Binding("f,enter", "record_figures", N_("Figures"), id="campaigns-figures"),
        Binding("n", "new_campaign", N_("New"), id="campaigns-new"),
        Binding("e", "edit_campaign", N_("Edit"), id="campaigns-edit"),
        Binding("delete", "delete_campaign", N_("Delete"), id="campaigns-delete"),
        Binding("ctrl+z", "undo", N_("Undo"), id="campaigns-undo", show=False),
        Binding("question_mark,f1", "help", N_("Help"), id="campaigns-help", key_display="?"),
    ]

    # Textual types these as instance attributes, so no ClassVar here (mypy would object).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]  # noqa: RUF012

    def __init__(
        self,
        context: AppContext,
        *,
        meeting: Meeting | None = None,
        select: int | None = None,
    ) -> None:
        """`meeting` is the running meeting if the caller knows it (the store is asked
        anyway); `select` is a campaign id to start on. Changes made here go on the
        app's undo stack, so the meeting screen's ctrl+z can take them back too."""
        super().__init__()
        self.context = context
        self.config = context.config
        self.store = context.store
        self.store_thread = context.store_thread
        self.running = meeting if meeting is not None and meeting.ended_at is None else None
        self.data: BoardData | None = None
        """The last read of the store; None until the first arrives."""
        self.select_next = select
        """A campaign id to put the cursor on when the store is shown next."""
        self.editing = CampaignEditing(self)

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="◷")
        yield PlainLabel("", id="campaigns-hint")
        yield PlainLabel(_("Reading the campaigns …"), id="campaigns-summary")
        yield ScoreboardTable(id="campaigns-table")
        yield CampaignDetail(id="campaign-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Campaigns")
        self.query_one("#campaigns-table").border_title = Text(_("Campaigns"))
        self.query_one("#campaign-detail").display = False
        self._show_mode()
        self.query_one(ScoreboardTable).focus()
        self.reload()

    # --- reading ----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the scoreboard again (store thread) and show it; the cursor stays."""

        def failed(error: RoundtableError) -> None:
            if self.is_attached:
                self.query_one("#campaigns-summary", PlainLabel).show(error.message)

        self.store_thread.submit(lambda: read_board(self.store), done=self.show_data, failed=failed)

    @on(StoreChanged)
    def _store_changed(self) -> None:
        self.reload()

    def show_data(self, data: BoardData) -> None:
        """Show one read of the store."""
        if not self.is_attached:
            return  # left before the read came back
        self.data = data
        self.running = data.running
        table = self.query_one(ScoreboardTable)
        table.show(data.board, data.numbers, self.meeting_id())
        if self.select_next is not None:
            table.select_campaign(self.select_next)
            self.select_next = None
        self._show_summary(data.board)
        self._show_mode()
        self._show_detail(table.selected)

    def meeting_id(self) -> int | None:
        return None if self.running is None else self.running.id

    def _show_mode(self) -> None:
        hint = self.query_one("#campaigns-hint", PlainLabel)
        running = self.running
        if running is None:
            self.sub_title = _("read-only")
            hint.show(
                _("Read-only: no meeting is running. Figures and campaigns change in a meeting.")
            )
            hint.add_class("-read-only")
        else:
            self.sub_title = _("meeting {number}").format(number=running.number)
            board = None if self.data is None else self.data.board
            reported = 0 if board is None else len(board.reported_in(running.id or 0))
            hint.show(
                _(
                    "Meeting {number} runs: figures go into it · {reported} of {count} "
                    "campaigns reported so far"
                ).format(
                    number=running.number,
                    reported=reported,
                    count=0 if board is None else len(board.rows),
                )
            )
            hint.remove_class("-read-only")
        self.refresh_bindings()

    def _show_summary(self, board: Scoreboard) -> None:
        count = len(board.rows)
        if not count:
            text = _("No campaigns yet.")
            if self.running is not None:
                text += " " + _("Press n to plan the first one.")
            self.query_one("#campaigns-summary", PlainLabel).show(text)
            return
        running = sum(1 for row in board.rows if row.campaign.status is CampaignStatus.RUNNING)
        head = ngettext(
            "{count} campaign, {running} running", "{count} campaigns, {running} running", count
        ).format(count=count, running=running)
        self.query_one("#campaigns-summary", PlainLabel).show(
            " · ".join([head, *(totals_text(t) for t in board.totals)])
        )

    @on(DataTable.RowHighlighted, "#campaigns-table")
    def _row_highlighted(self) -> None:
        self._show_detail(self.query_one(ScoreboardTable).selected)

    def _show_detail(self, row: CampaignRow | None) -> None:
        numbers = self.data.numbers if self.data is not None else {}
        calibration = None if row is None else self.calibration(row)
        self.query_one(CampaignDetail).show(
            row, numbers, self.meeting_id(), self.config.roles, calibration
        )
        self.query_one(CampaignDetail).show_lead_bias(None if row is None else self.lead_bias(row))

    # --- which keys work --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _EDITING_ACTIONS and self.running is None:
            return None  # shown greyed out: the hint says why
        return True

    def _editable(self) -> bool:
        if self.running is None:
            self.notify(
                _("No meeting is running: figures and campaigns change only in a meeting."),
                severity="warning",
            )
            return False
        return True

    def _selected(self) -> CampaignRow | None:
        row = self.query_one(ScoreboardTable).selected
        if row is None:
            self.notify(_("There is no campaign yet; press n to plan one."), severity="warning")
        return row

    def calibration(self, row: CampaignRow) -> Calibration | None:
        """How earlier estimates turned out, for the detail and the figures form."""
        if self.data is None:
            return None
        return for_new_estimate(board_outcomes(self.data.board), row.campaign)

    def lead_calibration(self, row: CampaignRow) -> Calibration | None:
        """How earlier lead estimates turned out, for the figures form."""
        if self.data is None:
            return None
        return leads_for_new_estimate(board_lead_outcomes(self.data.board), row.campaign)

    def lead_bias(self, row: CampaignRow) -> str:
        """How this campaign's and its role's lead estimates turned out (statistics)."""
        if self.data is None:
            return ""
        outcomes = board_lead_outcomes(self.data.board)
        owner = row.campaign.owner
        return lead_bias_text(
            calibrate(outcomes, campaign_id=row.campaign.id),
            calibrate(outcomes, owner=owner),
            owner_text(owner, self.config.roles),
        )

    # --- changing (see `campaign_editing`) --------------------------------------------

    @on(DataTable.RowSelected, "#campaigns-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_record_figures()

    def action_record_figures(self) -> None:
        """Record this meeting's figures of the selected campaign (or correct them)."""
        if self._editable() and (row := self._selected()) is not None:
            self.editing.record_figures(row)

    def action_new_campaign(self) -> None:
        """Plan a new campaign (in this meeting)."""
        if self._editable():
            self.editing.new_campaign()

    def action_edit_campaign(self) -> None:
        """Change the selected campaign: name, owner, dates, budget, cost, status."""
        if self._editable() and (row := self._selected()) is not None:
            self.editing.edit_campaign(row.campaign)

    def action_delete_campaign(self) -> None:
        """Delete the selected campaign with every figure reported for it (ctrl+z brings
        both back)."""
        if self._editable() and (row := self._selected()) is not None:
            self.editing.delete_campaign(row.campaign)

    # --- undo, help, back -------------------------------------------------------------

    def action_undo(self) -> None:
        """Take back the last figures or campaign change made here."""
        step = self.context.undo.peek()
        if step is None:
            self.notify(_("Nothing to undo."), severity="warning")
            return
        if step.place is not Place.CAMPAIGNS:
            self.notify(
                _("The last change ({what}) was made on the meeting screen: undo it there.").format(
                    what=step.label
                ),
                severity="warning",
                markup=False,
            )
            return
        self.context.undo.pop()
        step.undo()
        self.notify(_("Undone: {what}").format(what=step.label), markup=False)

    def help_bindings(self) -> list[tuple[str, str]]:
        """Every key of this screen and the app, as (keys, description)."""
        from roundtable.ui.keys import key_help

        return key_help([*self.BINDINGS, *self.app.BINDINGS], self.app)

    def action_help(self) -> None:
        """Show every key."""
        from roundtable.ui.screens.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen(self.help_bindings()))

    def action_back(self) -> None:
        """Back to where the scoreboard was opened from."""
        self.dismiss(None)
