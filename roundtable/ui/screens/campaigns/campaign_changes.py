"""Changing campaigns from the scoreboard: record figures, plan, change, delete, undo.

Every write runs on the app's store thread through the domain's use cases
(`domain.campaigns.recording`); each change is remembered as an `UndoStep` on the app's
undo stack, and results come back on the event loop through the callbacks given.
"""

from __future__ import annotations

from collections.abc import Callable

from roundtable.domain.campaigns import Campaign, CampaignDraft, FieldError, Snapshot
from roundtable.domain.campaigns.recording import (
    RecordedFigures,
    change_campaign,
    plan_campaign,
    record_figures,
    take_back_figures,
)
from roundtable.domain.text import single_line
from roundtable.errors import RoundtableError
from roundtable.i18n import _
from roundtable.store.store import Store
from roundtable.ui.screens.campaigns.snapshot_form import FiguresDraft
from roundtable.ui.store_thread import StoreThread
from roundtable.ui.undo import UndoStep

__all__ = ["CampaignChanges"]


class CampaignChanges:
    """Writes campaign changes and reports each result back on the event loop.

    `remember(step)` receives how to undo a change; `refresh(select)` shows the store
    again after a change (`select`: a campaign id to put the cursor on, or None);
    `failed(what, error)` says what was not saved and why. A `FieldError` goes to the
    `refused` callback of the call instead, so the form can open again at that field.
    """

    def __init__(
        self,
        *,
        store: Store,
        store_thread: StoreThread,
        remember: Callable[[UndoStep], None],
        refresh: Callable[[int | None], None],
        failed: Callable[[str, RoundtableError], None],
    ) -> None:
        self.store = store
        self.store_thread = store_thread
        self.remember = remember
        self.refresh = refresh
        self.failed = failed

    def _failed(
        self, what: str, refused: Callable[[FieldError], None] | None = None
    ) -> Callable[[RoundtableError], None]:
        def tell(error: RoundtableError) -> None:
            if refused is not None and isinstance(error, FieldError):
                refused(error)
            else:
                self.failed(what, error)

        return tell

    def _after_undo(self, _result: object) -> None:
        self.refresh(None)

    # --- figures ----------------------------------------------------------------------

    def record_figures(
        self,
        campaign: Campaign,
        meeting_id: int,
        draft: FiguresDraft,
        *,
        recorded: Callable[[], None],
        refused: Callable[[FieldError], None],
    ) -> None:
        """Record `draft` as the campaign's figures in meeting `meeting_id`."""
        store = self.store

        def saved(result: RecordedFigures) -> None:
            self.remember(
                UndoStep(
                    _("Figures of {campaign}").format(campaign=single_line(campaign.name)),
                    lambda: self._take_back(result),
                )
            )
            recorded()

        self.store_thread.submit(
            lambda: record_figures(
                store,
                campaign.id,
                meeting_id,
                draft.figures,
                cost=draft.cost,
                correction=draft.correction,
            ),
            done=saved,
            failed=self._failed(_("The figures were not saved"), refused),
        )

    def _take_back(self, recorded: RecordedFigures) -> None:
        store = self.store
        self.store_thread.submit(
            lambda: take_back_figures(store, recorded),
            done=self._after_undo,
            failed=self._failed(_("Undo")),
        )

    # --- campaigns --------------------------------------------------------------------

    def plan(
        self,
        draft: CampaignDraft,
        meeting_id: int | None,
        *,
        planned: Callable[[Campaign], None],
        refused: Callable[[FieldError], None],
    ) -> None:
        """Save a new campaign, planned in meeting `meeting_id`."""
        store = self.store

        def saved(campaign: Campaign) -> None:
            self.remember(
                UndoStep(
                    _("Plan campaign {campaign}").format(campaign=single_line(campaign.name)),
                    lambda: self._delete_for_undo(campaign.id),
                )
            )
            planned(campaign)

        self.store_thread.submit(
            lambda: plan_campaign(store, draft, meeting_id),
            done=saved,
            failed=self._failed(_("The campaign was not saved. Press n to try again"), refused),
        )

    def change(
        self,
        old: Campaign,
        draft: CampaignDraft,
        *,
        refused: Callable[[FieldError], None],
    ) -> None:
        """Give campaign `old` every field of `draft`."""
        store = self.store
        original = CampaignDraft.of(old)

        def saved(_new: Campaign) -> None:
            self.remember(
                UndoStep(
                    _("Edit campaign {campaign}").format(campaign=single_line(old.name)),
                    lambda: self._change_for_undo(old.id, original),
                )
            )
            self.refresh(None)

        self.store_thread.submit(
            lambda: change_campaign(store, old.id, draft),
            done=saved,
            failed=self._failed(_("The campaign was not changed"), refused),
        )

    def delete(
        self, campaign: Campaign, *, deleted: Callable[[Campaign, list[Snapshot]], None]
    ) -> None:
        """Delete `campaign` with every figure reported for it (undo brings both back)."""
        store = self.store

        def gone(result: tuple[Campaign, list[Snapshot]]) -> None:
            old, reports = result
            self.remember(
                UndoStep(
                    _("Delete campaign {campaign}").format(campaign=single_line(old.name)),
                    lambda: self._restore(old, reports),
                )
            )
            deleted(old, reports)

        self.store_thread.submit(
            lambda: store.delete_campaign(campaign.id),
            done=gone,
            failed=self._failed(_("The campaign was not deleted")),
        )

    def _delete_for_undo(self, campaign_id: int) -> None:
        """Undo planning a campaign: delete it (and any figures recorded for it since)."""
        store = self.store
        self.store_thread.submit(
            lambda: store.delete_campaign(campaign_id),
            done=self._after_undo,
            failed=self._failed(_("Undo")),
        )

    def _change_for_undo(self, campaign_id: int, draft: CampaignDraft) -> None:
        store = self.store
        self.store_thread.submit(
            lambda: change_campaign(store, campaign_id, draft),
            done=self._after_undo,
            failed=self._failed(_("Undo")),
        )

    def _restore(self, campaign: Campaign, reports: list[Snapshot]) -> None:
        store = self.store
        self.store_thread.submit(
            lambda: store.restore_campaign(campaign, reports),
            done=lambda _campaign: self.refresh(campaign.id),
            failed=self._failed(_("Undo")),
        )
