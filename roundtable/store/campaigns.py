"""Campaigns, and the figures controlling reports on each of them at every meeting."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from roundtable.errors import NotFoundError
from roundtable.i18n import _
from roundtable.store import codec, values
from roundtable.store.budgets import too_large_amount
from roundtable.store.records import CAMPAIGNS, SNAPSHOTS, Doc, Records

if TYPE_CHECKING:
    from roundtable.domain.campaigns import Campaign, Scoreboard, Snapshot, SnapshotFigures

__all__ = ["Campaigns"]


class Campaigns:
    """The campaigns and their figures in one store (call inside `reading()` or
    `transaction()`)."""

    def __init__(self, records: Records) -> None:
        self._records = records

    def _decode(self, campaign_id: int, doc: Doc) -> Campaign:
        return self._records.decode(_("campaign"), codec.campaign_from_doc, campaign_id, doc)

    def _snapshot(self, snapshot_id: int, doc: Doc) -> Snapshot:
        return self._records.decode(
            _("campaign figures"), codec.snapshot_from_doc, snapshot_id, doc
        )

    def get(self, campaign_id: int) -> Campaign:
        doc = self._records.get(CAMPAIGNS, campaign_id)
        if doc is None:
            raise NotFoundError(_("There is no campaign {id}.").format(id=campaign_id))
        return self._decode(campaign_id, doc)

    def require_free_name(self, name: str, campaign_id: int) -> None:
        """`FieldError` if another campaign has this name, whatever the case or spaces."""
        from roundtable.domain.campaigns import FieldError

        for doc_id, doc in self._records.by_key(CAMPAIGNS, "name", _name_key(name), _name_key):
            other = doc.get("name")
            if doc_id != campaign_id:
                raise FieldError(
                    "name",
                    _("Name: there is already a campaign called “{name}”.").format(name=other),
                )

    def add(self, campaign: Campaign) -> Campaign:
        """Save a checked `campaign` under the next id."""
        _check_keepable(campaign)
        if campaign.created_in is not None:
            self._records.require_meeting(campaign.created_in)
        self.require_free_name(campaign.name, 0)
        campaign = replace(campaign, id=self._records.next_id(CAMPAIGNS))
        self._records.insert(CAMPAIGNS, campaign.id, codec.campaign_doc(campaign))
        return campaign

    def save(self, campaign: Campaign) -> Campaign:
        _check_keepable(campaign)
        self.require_free_name(campaign.name, campaign.id)
        self._records.replace(CAMPAIGNS, campaign.id, codec.campaign_doc(campaign))
        return campaign

    def delete(self, campaign_id: int) -> tuple[Campaign, list[Snapshot]]:
        campaign = self.get(campaign_id)
        snapshots = self.snapshots(campaign_id)
        for snapshot in snapshots:
            self._records.remove(SNAPSHOTS, snapshot.id)
        self._records.remove(CAMPAIGNS, campaign_id)
        return campaign, snapshots

    def restore(self, campaign: Campaign, snapshots: Iterable[Snapshot]) -> Campaign:
        self.require_free_name(campaign.name, campaign.id)
        self._records.upsert(CAMPAIGNS, campaign.id, codec.campaign_doc(campaign))
        self._records.bump_counter(campaign.id, CAMPAIGNS)
        for snapshot in snapshots:
            self.restore_snapshot(snapshot)
        return campaign

    def all(self) -> list[Campaign]:
        found = [self._decode(doc_id, doc) for doc_id, doc in self._records.items(CAMPAIGNS)]
        return sorted(found, key=lambda c: (c.start, c.name.casefold(), c.id))

    # --- figures ----------------------------------------------------------------------

    def record(
        self,
        campaign: Campaign,
        meeting_id: int,
        figures: SnapshotFigures,
        correction: bool = False,
    ) -> Snapshot:
        """Save `figures` (checked) of `campaign` (its cost to date as it is to be kept)
        as reported in meeting `meeting_id`, replacing any reported there before;
        `correction`: confirmed although far below the last report."""
        from roundtable.domain.campaigns import Snapshot

        _check_keepable(campaign, figures)
        records = self._records
        records.require_meeting(meeting_id)
        existing = [
            doc_id
            for doc_id, doc in records.by_key(SNAPSHOTS, "meeting_id", meeting_id)
            if doc.get("campaign_id") == campaign.id
        ]
        snapshot = Snapshot(
            id=existing[0] if existing else records.next_id(SNAPSHOTS),
            campaign_id=campaign.id,
            meeting_id=meeting_id,
            leads=figures.leads,
            accepted=figures.accepted,
            won=figures.won,
            estimated_revenue=figures.estimated_revenue,
            actual_revenue=figures.actual_revenue,
            cost=campaign.cost,
            at=records.now(),
            correction=correction,
            estimated_leads=figures.estimated_leads,
        )
        if existing:
            records.replace(SNAPSHOTS, snapshot.id, codec.snapshot_doc(snapshot))
        else:
            records.insert(SNAPSHOTS, snapshot.id, codec.snapshot_doc(snapshot))
        return snapshot

    def _ordered(self, docs: Iterable[tuple[int, Doc]]) -> list[Snapshot]:
        """Decoded, in the order of the meetings they were reported in (by number)."""
        _by_number, numbers = self._records.meeting_numbers()
        found = [self._snapshot(doc_id, doc) for doc_id, doc in docs]
        return sorted(
            found,
            key=lambda s: (numbers.get(s.meeting_id, s.meeting_id), s.campaign_id, s.id),
        )

    def snapshots(self, campaign_id: int) -> list[Snapshot]:
        return self._ordered(self._records.by_key(SNAPSHOTS, "campaign_id", campaign_id))

    def snapshots_for_meeting(self, meeting_id: int) -> list[Snapshot]:
        return self._ordered(self._records.by_key(SNAPSHOTS, "meeting_id", meeting_id))

    def delete_snapshot(self, snapshot_id: int) -> Snapshot:
        doc = self._records.get(SNAPSHOTS, snapshot_id)
        if doc is None:
            raise NotFoundError(_("There are no campaign figures {id}.").format(id=snapshot_id))
        snapshot = self._snapshot(snapshot_id, doc)
        self._records.remove(SNAPSHOTS, snapshot_id)
        return snapshot

    def restore_snapshot(self, snapshot: Snapshot) -> Snapshot:
        self._records.upsert(SNAPSHOTS, snapshot.id, codec.snapshot_doc(snapshot))
        self._records.bump_counter(snapshot.id, SNAPSHOTS)
        return snapshot

    def scoreboard(self, as_of: int | None, reported_only: bool) -> Scoreboard:
        from roundtable.domain.campaigns import build_scoreboard

        records = self._records
        _by_number, numbers = records.meeting_numbers()
        if as_of is not None and as_of not in numbers:
            raise NotFoundError(_("There is no meeting {id}.").format(id=as_of))
        if reported_only and as_of is not None:
            reported = records.by_key(SNAPSHOTS, "meeting_id", as_of)
            wanted = {doc.get("campaign_id") for _id, doc in reported}
            ids = sorted(i for i in wanted if isinstance(i, int))
            campaigns = [self._decode(i, doc) for i, doc in records.docs(CAMPAIGNS, ids)]
            docs: Iterable[tuple[int, Doc]] = [
                pair
                for campaign_id in ids
                for pair in records.by_key(SNAPSHOTS, "campaign_id", campaign_id)
            ]
        else:
            campaigns = [self._decode(i, doc) for i, doc in records.items(CAMPAIGNS)]
            docs = records.items(SNAPSHOTS)  # decoded as they stream, not kept twice
        snapshots = [self._snapshot(doc_id, doc) for doc_id, doc in docs]
        return build_scoreboard(campaigns, snapshots, numbers, as_of)

    def meeting_scoreboard(self, meeting_id: int) -> Scoreboard:
        from roundtable.domain.campaigns import CampaignStatus, meeting_board

        records = self._records
        _by_number, numbers = records.meeting_numbers()
        campaigns = [self._decode(i, doc) for i, doc in records.items(CAMPAIGNS)]
        shown = {c.id for c in campaigns if c.status is CampaignStatus.RUNNING}
        shown.update(
            campaign_id
            for _id, doc in records.by_key(SNAPSHOTS, "meeting_id", meeting_id)
            if isinstance(campaign_id := doc.get("campaign_id"), int)
        )
        # Decoded as they stream: only what the board keeps of each stays.
        snapshots = (self._snapshot(doc_id, doc) for doc_id, doc in records.items(SNAPSHOTS))
        return meeting_board(campaigns, snapshots, numbers, shown)


def _name_key(name: object) -> str | None:
    """Names are the same whatever their case or spaces."""
    return " ".join(name.split()).casefold() if isinstance(name, str) else None


def _check_keepable(campaign: Campaign, figures: SnapshotFigures | None = None) -> None:
    """`FieldError` for a checked value the store could not read back exactly: an
    amount or count of absurd size, a date of an absurd year."""
    from roundtable.domain.campaigns import FieldError

    amounts = {"budget": campaign.budget, "cost": campaign.cost}
    counts = {}
    if figures is not None:
        amounts.update(
            estimated_revenue=figures.estimated_revenue, actual_revenue=figures.actual_revenue
        )
        counts = {
            "leads": figures.leads,
            "accepted": figures.accepted,
            "won": figures.won,
            "estimated_leads": figures.estimated_leads,
        }
    for field, amount in amounts.items():
        if values.amount_problem(amount) is not None:
            raise FieldError(field, too_large_amount())
    for field, count in counts.items():
        if count >= values.MAX_WHOLE:
            raise FieldError(field, _("That number is too large."))
    for field, day in (("start", campaign.start), ("end", campaign.end)):
        if values.day_problem(day) is not None:
            raise FieldError(
                field, _("The date {date} is too far away.").format(date=day.isoformat())
            )
