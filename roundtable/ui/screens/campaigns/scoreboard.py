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

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Sparkline

from roundtable.domain import l10n
from roundtable.domain.campaigns import (
    Campaign,
    CampaignDraft,
    CampaignRow,
    CampaignStatus,
    FieldError,
    Scoreboard,
    SeriesPoint,
    Snapshot,
    channel_label,
    format_percent,
    percent,
    status_label,
)
from roundtable.domain.campaigns.calibration import (
    Calibration,
    bias_text,
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
from roundtable.domain.money import format_amount
from roundtable.domain.text import single_line
from roundtable.errors import RoundtableError
from roundtable.i18n import _, ngettext
from roundtable.store.store import Store
from roundtable.ui.context import AppContext
from roundtable.ui.format import owner_text
from roundtable.ui.live import StoreChanged
from roundtable.ui.screens.campaigns.snapshot_form import FiguresDraft
from roundtable.ui.undo import Place, UndoStep
from roundtable.ui.widgets.footer import Footer
from roundtable.ui.widgets.plain import PlainLabel, sized_label
from roundtable.ui.widgets.scoreboard import (
    ScoreboardTable,
    gap_arrow,
    gap_change_text,
    gap_distances,
    totals_text,
)

__all__ = ["BoardData", "ScoreboardScreen", "read_board"]

ESTIMATE_MARK = "≈"
"""Before the line on how the role's earlier estimates turned out (statistics)."""


@dataclass(frozen=True)
class BoardData:
    """One read of the store for the scoreboard."""

    board: Scoreboard
    """Every campaign with its latest figures and today's cost to date."""
    numbers: dict[int, int]
    """Meeting id → number."""
    running: Meeting | None
    """The meeting figures are recorded into; None: the scoreboard is read-only."""


def read_board(store: Store) -> BoardData:
    """The scoreboard, the meeting numbers and the running meeting, read together
    (store thread)."""
    with store.reading():
        return BoardData(store.scoreboard(), store.meeting_numbers(), store.running_meeting())


_EDITING_ACTIONS = frozenset({"record_figures", "new_campaign", "edit_campaign"})

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


class ScoreboardScreen(Screen[None]):
    """Every campaign's figures, the selected one's trend; records this meeting's
    figures and plans campaigns while a meeting runs."""

    CSS_PATH = Path(__file__).parent / "campaigns.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", _("Back"), id="campaigns-back"),
        # Enter on a row is the table's own key; listed here so help names it too.
        Binding("f,enter", "record_figures", _("Figures"), id="campaigns-figures"),
        Binding("n", "new_campaign", _("New"), id="campaigns-new"),
        Binding("e", "edit_campaign", _("Edit"), id="campaigns-edit"),
        Binding("delete", "delete_campaign", _("Delete"), id="campaigns-delete"),
        Binding("ctrl+z", "undo", _("Undo"), id="campaigns-undo", show=False),
        Binding("question_mark,f1", "help", _("Help"), id="campaigns-help", key_display="?"),
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
        self.clock = context.clock
        self.timezone = context.timezone
        self.running = meeting if meeting is not None and meeting.ended_at is None else None
        self.data: BoardData | None = None
        """The last read of the store; None until the first arrives."""
        self._select = select
        self._kept_new: CampaignDraft | None = None
        """A new campaign whose save failed; the next `n` opens with it."""

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        labels = _fact_labels()
        # One blank after the longest label of the language shown ("Abweichung").
        label_width = max(map(cell_len, labels.values())) + 1
        yield Header(icon="◷")
        yield PlainLabel("", id="campaigns-hint")
        yield PlainLabel(_("Reading the campaigns …"), id="campaigns-summary")
        yield ScoreboardTable(id="campaigns-table")
        with Horizontal(id="campaign-detail"):
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
        table.show(data.board, data.numbers, self._meeting_id())
        if self._select is not None:
            table.select_campaign(self._select)
            self._select = None
        self._show_summary(data.board)
        self._show_mode()
        self._show_detail(table.selected)

    def _meeting_id(self) -> int | None:
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

    def _fact(self, key: str, text: str | Text) -> None:
        self.query_one(f"#fact-{key}", PlainLabel).show(text)

    def _show_detail(self, row: CampaignRow | None) -> None:
        detail = self.query_one("#campaign-detail")
        detail.display = row is not None
        if row is None:
            return
        campaign = row.campaign
        currency = campaign.currency

        def money(amount: Decimal | None) -> str:
            return "—" if amount is None else format_amount(amount, currency)

        detail.border_title = Text(single_line(campaign.name))
        numbers = self.data.numbers if self.data is not None else {}
        if row.reported_in is None:
            detail.border_subtitle = Text(_("no figures reported yet"))
        elif row.reported_in == self._meeting_id():
            detail.border_subtitle = Text(_("figures of this meeting"))
        else:
            detail.border_subtitle = Text(
                _("figures of meeting {number}").format(number=numbers.get(row.reported_in, "?"))
            )
        self._fact("owner", owner_text(campaign.owner, self.config.roles))
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
        self._show_trends(row)

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

    def _show_trends(self, row: CampaignRow) -> None:
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
        calibration = self._calibration(row)
        bias = "" if calibration is None else bias_text(calibration)
        self.query_one("#trend-bias", PlainLabel).show(f"{ESTIMATE_MARK} {bias}" if bias else "")
        lead_bias = self._lead_bias(row)
        self.query_one("#trend-lead-bias", PlainLabel).show(
            f"{ESTIMATE_MARK} {lead_bias}" if lead_bias else ""
        )

    def _lead_bias(self, row: CampaignRow) -> str:
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

    def _today(self) -> date:
        return self.clock().astimezone(self.timezone).date()

    def _names(self, but: int | None = None) -> list[str]:
        rows = self.data.board.rows if self.data is not None else ()
        return [row.campaign.name for row in rows if row.campaign.id != but]

    def _tell_failed(self, what: str) -> Callable[[RoundtableError], None]:
        def tell(error: RoundtableError) -> None:
            self.notify(
                _("{what}: {error}").format(what=what, error=error.message),
                title=_("Not saved"),
                severity="error",
                timeout=15,
                markup=False,
            )

        return tell

    def _remember(self, step: UndoStep) -> None:
        self.context.undo.push(replace(step, place=Place.CAMPAIGNS))

    # --- figures ----------------------------------------------------------------------

    @on(DataTable.RowSelected, "#campaigns-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_record_figures()

    def action_record_figures(self) -> None:
        """Record this meeting's figures of the selected campaign (or correct them)."""
        if not self._editable():
            return
        row = self._selected()
        if row is not None:
            self._open_figures(row)

    def _figure_context(
        self, row: CampaignRow
    ) -> tuple[Snapshot | None, Snapshot | None, int | None]:
        """This meeting's figures, the ones before them and that meeting's number."""
        numbers = self.data.numbers if self.data is not None else {}
        if row.snapshot is not None and row.snapshot.meeting_id == self._meeting_id():
            return row.snapshot, row.previous, row.previous_meeting_number
        if row.snapshot is None:
            return None, None, None
        return None, row.snapshot, numbers.get(row.snapshot.meeting_id)

    def _open_figures(
        self,
        row: CampaignRow,
        initial: FiguresDraft | None = None,
        errors: dict[str, str] | None = None,
    ) -> None:
        from roundtable.ui.screens.campaigns.snapshot_form import SnapshotForm

        running = self.running
        assert running is not None and running.id is not None
        current, previous, previous_number = self._figure_context(row)

        def typed(draft: FiguresDraft | None) -> None:
            if draft is not None:
                self._record(row, draft)

        self.app.push_screen(
            SnapshotForm(
                row.campaign,
                running.number,
                current=current,
                previous=previous,
                previous_number=previous_number,
                initial=initial,
                errors=errors,
                calibration=self._calibration(row),
                lead_calibration=leads_for_new_estimate(
                    board_lead_outcomes(self.data.board) if self.data is not None else (),
                    row.campaign,
                ),
            ),
            typed,
        )

    def _calibration(self, row: CampaignRow) -> Calibration | None:
        """How earlier estimates turned out, for the figures form (statistics)."""
        if self.data is None:
            return None
        return for_new_estimate(board_outcomes(self.data.board), row.campaign)

    def _record(self, row: CampaignRow, draft: FiguresDraft) -> None:
        running = self.running
        assert running is not None and running.id is not None
        meeting_id = running.id
        campaign = row.campaign
        before, _previous, _number = self._figure_context(row)
        store = self.store
        figures = draft.figures

        def write() -> tuple[Snapshot, Decimal]:
            # One transaction: the figures and the cost to date are saved together.
            with store.transaction():
                old_cost = store.campaign(campaign.id).cost
                if draft.cost != old_cost:
                    store.update_campaign(campaign.id, cost=draft.cost)
                snapshot = store.record_snapshot(
                    campaign.id,
                    meeting_id,
                    leads=figures.leads,
                    accepted=figures.accepted,
                    won=figures.won,
                    estimated_revenue=figures.estimated_revenue,
                    actual_revenue=figures.actual_revenue,
                    estimated_leads=figures.estimated_leads,
                    cost=draft.cost,
                    correction=draft.correction,
                )
            return snapshot, old_cost

        def saved(result: tuple[Snapshot, Decimal]) -> None:
            snapshot, old_cost = result
            self._remember(
                UndoStep(
                    _("Figures of {campaign}").format(campaign=single_line(campaign.name)),
                    lambda: self._unrecord(snapshot, before, campaign.id, old_cost, draft.cost),
                )
            )
            if self.is_attached:
                self.notify(
                    _("Figures of {campaign} recorded in meeting {number}.").format(
                        campaign=single_line(campaign.name), number=running.number
                    ),
                    markup=False,
                )
                self.reload()

        def failed(error: RoundtableError) -> None:
            if isinstance(error, FieldError) and self.is_attached:
                # Store callbacks run outside the app's context; a screen is pushed
                # from the screen's own message loop.
                self.call_later(self._open_figures, row, draft, {error.field: error.message})
            else:
                self._tell_failed(_("The figures were not saved"))(error)

        self.store_thread.submit(write, done=saved, failed=failed)

    def _unrecord(
        self,
        snapshot: Snapshot,
        before: Snapshot | None,
        campaign_id: int,
        old_cost: Decimal,
        new_cost: Decimal,
    ) -> None:
        """Take recorded figures back: the figures before them in this meeting (or
        none), and the cost to date as it was."""
        store = self.store

        def write() -> None:
            with store.transaction():
                if before is None:
                    store.delete_snapshot(snapshot.id)
                else:
                    store.restore_snapshot(before)
                if old_cost != new_cost:
                    store.update_campaign(campaign_id, cost=old_cost)

        self.store_thread.submit(
            write,
            done=lambda _result: self.reload() if self.is_attached else None,
            failed=self._tell_failed(_("Undo")),
        )

    # --- campaigns --------------------------------------------------------------------

    def _campaign_form(
        self,
        initial: CampaignDraft | None,
        *,
        but: int | None,
        editing: bool,
        errors: dict[str, str] | None = None,
    ) -> Screen[CampaignDraft | None]:
        from roundtable.ui.screens.campaigns.campaign_form import CampaignForm

        return CampaignForm(
            self.config.roles,
            self._today(),
            initial,
            taken=self._names(but=but),
            errors=errors,
            editing=editing,
        )

    def action_new_campaign(self, errors: dict[str, str] | None = None) -> None:
        """Plan a new campaign (in this meeting)."""
        if not self._editable():
            return
        self.app.push_screen(
            self._campaign_form(self._kept_new, but=None, editing=False, errors=errors),
            self._add_campaign,
        )

    def _add_campaign(self, draft: CampaignDraft | None) -> None:
        if draft is None:
            return
        self._kept_new = draft
        meeting_id = self._meeting_id()
        store = self.store

        def saved(campaign: Campaign) -> None:
            self._kept_new = None
            self._remember(
                UndoStep(
                    _("Plan campaign {campaign}").format(campaign=single_line(campaign.name)),
                    lambda: self._remove_campaign(campaign.id),
                )
            )
            if self.is_attached:
                self._select = campaign.id
                self.notify(
                    _("Campaign {campaign} planned. Press enter to record its figures.").format(
                        campaign=single_line(campaign.name)
                    ),
                    markup=False,
                )
                self.reload()

        def failed(error: RoundtableError) -> None:
            if isinstance(error, FieldError) and self.is_attached:
                self.call_later(self.action_new_campaign, {error.field: error.message})
            else:
                self._tell_failed(_("The campaign was not saved. Press n to try again"))(error)

        self.store_thread.submit(
            lambda: store.add_campaign(
                draft.name,
                owner=draft.owner,
                channel=draft.channel,
                start=draft.start,
                end=draft.end,
                budget=draft.budget,
                cost=draft.cost,
                currency=draft.currency,
                status=draft.status,
                note=draft.note,
                meeting_id=meeting_id,
            ),
            done=saved,
            failed=failed,
        )

    def action_edit_campaign(self) -> None:
        """Change the selected campaign: name, owner, dates, budget, cost, status."""
        if not self._editable():
            return
        row = self._selected()
        if row is not None:
            self._edit_campaign(row.campaign, CampaignDraft.of(row.campaign))

    def _edit_campaign(
        self, old: Campaign, initial: CampaignDraft, errors: dict[str, str] | None = None
    ) -> None:
        original = CampaignDraft.of(old)

        def typed(draft: CampaignDraft | None) -> None:
            if draft is None or draft == original:
                return

            def saved(new: Campaign) -> None:
                self._remember(
                    UndoStep(
                        _("Edit campaign {campaign}").format(campaign=single_line(old.name)),
                        lambda: self._write_campaign(old.id, original),
                    )
                )
                if self.is_attached:
                    self.reload()

            def failed(error: RoundtableError) -> None:
                if isinstance(error, FieldError) and self.is_attached:
                    self.call_later(self._edit_campaign, old, draft, {error.field: error.message})
                else:
                    self._tell_failed(_("The campaign was not changed"))(error)

            self.store_thread.submit(lambda: self._update(old.id, draft), done=saved, failed=failed)

        self.app.push_screen(
            self._campaign_form(initial, but=old.id, editing=True, errors=errors), typed
        )

    def _update(self, campaign_id: int, draft: CampaignDraft) -> Campaign:
        """Give the stored campaign every field of `draft` (store thread)."""
        return self.store.update_campaign(
            campaign_id,
            name=draft.name,
            owner=draft.owner,
            channel=draft.channel,
            start=draft.start,
            end=draft.end,
            budget=draft.budget,
            cost=draft.cost,
            currency=draft.currency,
            status=draft.status,
            note=draft.note,
        )

    def _write_campaign(self, campaign_id: int, draft: CampaignDraft) -> None:
        self.store_thread.submit(
            lambda: self._update(campaign_id, draft),
            done=lambda _campaign: self.reload() if self.is_attached else None,
            failed=self._tell_failed(_("Undo")),
        )

    def action_delete_campaign(self) -> None:
        """Delete the selected campaign with every figure reported for it (ctrl+z brings
        both back)."""
        if not self._editable():
            return
        row = self._selected()
        if row is None:
            return
        campaign, store = row.campaign, self.store

        def deleted(gone: tuple[Campaign, list[Snapshot]]) -> None:
            old, reports = gone
            name = single_line(old.name)
            self._remember(
                UndoStep(
                    _("Delete campaign {campaign}").format(campaign=name),
                    lambda: self._restore_campaign(old, reports),
                )
            )
            self.notify(
                ngettext(
                    "Campaign {campaign} deleted with its {count} report. ctrl+z brings it back.",
                    "Campaign {campaign} deleted with its {count} reports. ctrl+z brings it back.",
                    len(reports),
                ).format(campaign=name, count=len(reports)),
                markup=False,
            )
            if self.is_attached:
                self.reload()

        self.store_thread.submit(
            lambda: store.delete_campaign(campaign.id),
            done=deleted,
            failed=self._tell_failed(_("The campaign was not deleted")),
        )

    def _remove_campaign(self, campaign_id: int) -> None:
        """Undo planning a campaign: delete it (and any figures recorded for it since)."""
        self.store_thread.submit(
            lambda: self.store.delete_campaign(campaign_id),
            done=lambda _gone: self.reload() if self.is_attached else None,
            failed=self._tell_failed(_("Undo")),
        )

    def _restore_campaign(self, campaign: Campaign, reports: list[Snapshot]) -> None:
        self._select = campaign.id
        self.store_thread.submit(
            lambda: self.store.restore_campaign(campaign, reports),
            done=lambda _campaign: self.reload() if self.is_attached else None,
            failed=self._tell_failed(_("Undo")),
        )

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
