"""What the scoreboard's keys open while a meeting runs: the figures form and the
campaign form, and what becomes of what was typed (saved through `CampaignChanges`;
a field the store refuses opens the form again at that field, with what was typed)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from roundtable.domain.campaigns import Campaign, CampaignDraft, CampaignRow, FieldError, Snapshot
from roundtable.domain.text import single_line
from roundtable.errors import RoundtableError
from roundtable.i18n import _, ngettext
from roundtable.ui.screens.campaigns.campaign_changes import CampaignChanges
from roundtable.ui.screens.campaigns.campaign_form import CampaignForm
from roundtable.ui.screens.campaigns.snapshot_form import FiguresDraft, SnapshotForm
from roundtable.ui.undo import Place, UndoStep

if TYPE_CHECKING:
    from roundtable.ui.screens.campaigns.scoreboard import ScoreboardScreen

__all__ = ["CampaignEditing"]


class CampaignEditing:
    """The scoreboard's forms and their outcome; `board` is the screen they open on."""

    def __init__(self, board: ScoreboardScreen) -> None:
        self.board = board
        self.kept_new: CampaignDraft | None = None
        """A new campaign whose save failed; the next `n` opens with it."""
        self.changes = CampaignChanges(
            store=board.context.store,
            store_thread=board.context.store_thread,
            remember=self._remember,
            refresh=self._refresh,
            failed=self._tell_failed,
        )

    # --- reporting back ---------------------------------------------------------------

    def _tell_failed(self, what: str, error: RoundtableError) -> None:
        self.board.notify(
            _("{what}: {error}").format(what=what, error=error.message),
            title=_("Not saved"),
            severity="error",
            timeout=15,
            markup=False,
        )

    def _remember(self, step: UndoStep) -> None:
        self.board.context.undo.push(step._replace(place=Place.CAMPAIGNS))

    def _refresh(self, select: int | None) -> None:
        board = self.board
        if select is not None:
            board.select_next = select
        if board.is_attached:
            board.reload()

    def _refused(
        self, reopen: Callable[[FieldError], None], what: str
    ) -> Callable[[FieldError], None]:
        """A field the store refused: the form opens again at it (if still shown)."""

        def refused(error: FieldError) -> None:
            if self.board.is_attached:
                # Store callbacks run outside the app's context; a screen is pushed
                # from the screen's own message loop.
                self.board.call_later(reopen, error)
            else:
                self._tell_failed(what, error)

        return refused

    # --- figures ----------------------------------------------------------------------

    def _figure_context(
        self, row: CampaignRow
    ) -> tuple[Snapshot | None, Snapshot | None, int | None]:
        """This meeting's figures, the ones before them and that meeting's number."""
        data = self.board.data
        numbers = data.numbers if data is not None else {}
        if row.snapshot is not None and row.snapshot.meeting_id == self.board.meeting_id():
            return row.snapshot, row.previous, row.previous_meeting_number
        if row.snapshot is None:
            return None, None, None
        return None, row.snapshot, numbers.get(row.snapshot.meeting_id)

    def record_figures(
        self,
        row: CampaignRow,
        initial: FiguresDraft | None = None,
        errors: dict[str, str] | None = None,
    ) -> None:
        """Open the figures form for `row`'s campaign in the running meeting."""
        running = self.board.running
        assert running is not None and running.id is not None
        current, previous, previous_number = self._figure_context(row)

        def typed(draft: FiguresDraft | None) -> None:
            if draft is not None:
                self._record(row, draft)

        self.board.app.push_screen(
            SnapshotForm(
                row.campaign,
                running.number,
                current=current,
                previous=previous,
                previous_number=previous_number,
                initial=initial,
                errors=errors,
                calibration=self.board.calibration(row),
                lead_calibration=self.board.lead_calibration(row),
            ),
            typed,
        )

    def _record(self, row: CampaignRow, draft: FiguresDraft) -> None:
        board = self.board
        running = board.running
        assert running is not None and running.id is not None
        campaign = row.campaign

        def recorded() -> None:
            if board.is_attached:
                board.notify(
                    _("Figures of {campaign} recorded in meeting {number}.").format(
                        campaign=single_line(campaign.name), number=running.number
                    ),
                    markup=False,
                )
                board.reload()

        def reopen(error: FieldError) -> None:
            self.record_figures(row, draft, {error.field: error.message})

        self.changes.record_figures(
            campaign,
            running.id,
            draft,
            recorded=recorded,
            refused=self._refused(reopen, _("The figures were not saved")),
        )

    # --- campaigns --------------------------------------------------------------------

    def _today(self) -> date:
        return self.board.context.clock().astimezone(self.board.context.timezone).date()

    def _campaign_form(
        self,
        initial: CampaignDraft | None,
        *,
        but: int | None,
        editing: bool,
        errors: dict[str, str] | None = None,
    ) -> CampaignForm:
        data = self.board.data
        rows = data.board.rows if data is not None else ()
        return CampaignForm(
            self.board.context.config.roles,
            self._today(),
            initial,
            taken=[row.campaign.name for row in rows if row.campaign.id != but],
            errors=errors,
            editing=editing,
        )

    def new_campaign(self, errors: dict[str, str] | None = None) -> None:
        """Open the form for a new campaign (with what a failed save kept)."""
        self.board.app.push_screen(
            self._campaign_form(self.kept_new, but=None, editing=False, errors=errors),
            self._add_campaign,
        )

    def _add_campaign(self, draft: CampaignDraft | None) -> None:
        if draft is None:
            return
        board = self.board
        self.kept_new = draft

        def planned(campaign: Campaign) -> None:
            self.kept_new = None
            if board.is_attached:
                board.select_next = campaign.id
                board.notify(
                    _("Campaign {campaign} planned. Press enter to record its figures.").format(
                        campaign=single_line(campaign.name)
                    ),
                    markup=False,
                )
                board.reload()

        def reopen(error: FieldError) -> None:
            self.new_campaign({error.field: error.message})

        self.changes.plan(
            draft,
            board.meeting_id(),
            planned=planned,
            refused=self._refused(reopen, _("The campaign was not saved. Press n to try again")),
        )

    def edit_campaign(
        self,
        old: Campaign,
        initial: CampaignDraft | None = None,
        errors: dict[str, str] | None = None,
    ) -> None:
        """Open the form to change campaign `old` (with `initial` typed, if given)."""
        original = CampaignDraft.of(old)

        def typed(draft: CampaignDraft | None) -> None:
            if draft is None or draft == original:
                return

            def reopen(error: FieldError) -> None:
                self.edit_campaign(old, draft, {error.field: error.message})

            self.changes.change(
                old, draft, refused=self._refused(reopen, _("The campaign was not changed"))
            )

        form = self._campaign_form(
            original if initial is None else initial, but=old.id, editing=True, errors=errors
        )
        self.board.app.push_screen(form, typed)

    def delete_campaign(self, campaign: Campaign) -> None:
        """Delete `campaign` with every figure reported for it (ctrl+z brings both back)."""
        board = self.board

        def deleted(old: Campaign, reports: list[Snapshot]) -> None:
            board.notify(
                ngettext(
                    "Campaign {campaign} deleted with its {count} report. ctrl+z brings it back.",
                    "Campaign {campaign} deleted with its {count} reports. ctrl+z brings it back.",
                    len(reports),
                ).format(campaign=single_line(old.name), count=len(reports)),
                markup=False,
            )
            if board.is_attached:
                board.reload()

        self.changes.delete(campaign, deleted=deleted)
