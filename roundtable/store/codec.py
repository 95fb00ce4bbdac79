"""Log entries and campaigns to and from the JSON documents the store keeps: one field
table per kind of record (see `values` for what a well-formed value is; an action
item's is in `action_codec`).

Everything a meeting was started from is copied in (`meeting_codec`), so editing the
YAML later never changes history.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

from roundtable.domain.entries import (
    BudgetAgreement,
    BudgetKind,
    Decision,
    Note,
    SignOff,
)
from roundtable.store.values import (
    Doc,
    Field,
    decode,
    dump_amount,
    dump_time,
    encode,
    enum_of,
    enum_value,
    iso_day,
    load_amount,
    load_bool,
    load_day,
    load_text,
    load_time,
    load_whole,
    optional,
    optional_time,
)

if TYPE_CHECKING:
    from roundtable.domain.campaigns import Campaign, Snapshot

# --- decisions, budget agreements, notes -------------------------------------------------

_DECISION = (
    Field("meeting_id", load_whole),
    Field("item_index", load_whole),
    Field("text", load_text),
    Field("at", load_time, dump_time),
)

_BUDGET = (
    Field("meeting_id", load_whole),
    Field("item_index", load_whole),
    Field("area", load_text),
    Field("amount", load_amount, dump_amount),
    Field("currency", load_text),
    Field("period", load_text),
    Field("kind", enum_of(BudgetKind), enum_value),
    Field("from_area", optional(load_text), default=None),
    Field("note", load_text, default=""),
    Field("needs_signoff", load_bool, default=False),
    Field("at", optional(load_time), optional_time, default=None),
    Field(
        "signoff",
        lambda value: _signoff_from_doc(value),
        lambda value: _signoff_doc(value),
        default=None,
    ),
)

_NOTE = (
    Field("meeting_id", load_whole),
    Field("item_index", load_whole),
    Field("text", load_text),
    Field("at", load_time, dump_time),
)


def _signoff_doc(signoff: SignOff | None) -> Doc | None:
    if signoff is None:
        return None
    return {
        "approved": signoff.approved,
        "by": signoff.by,
        "at": dump_time(signoff.at),
        "note": signoff.note,
    }


def _signoff_from_doc(doc: object) -> SignOff | None:
    if doc is None:
        return None
    if not isinstance(doc, Mapping):
        raise TypeError(f"a sign-off must be a mapping, not {doc!r}")
    approved, by, note = doc["approved"], doc["by"], doc.get("note", "")
    if not isinstance(approved, bool) or not isinstance(by, str) or not isinstance(note, str):
        raise TypeError(f"a sign-off needs approved, by and note, not {doc!r}")
    return SignOff(approved=approved, by=by, at=load_time(doc["at"]), note=note)


def note_doc(note: Note) -> Doc:
    """The document for `note` (its id is the document's id)."""
    return encode(_NOTE, note)


def note_from_doc(doc_id: int, doc: Doc) -> Note:
    """The `Note` stored as `doc` under `doc_id`."""
    return Note(id=doc_id, **decode(_NOTE, doc))


def decision_doc(decision: Decision) -> Doc:
    """The document for `decision` (its id is the document's id)."""
    return encode(_DECISION, decision)


def decision_from_doc(doc_id: int, doc: Doc) -> Decision:
    """The `Decision` stored as `doc` under `doc_id`."""
    return Decision(id=doc_id, **decode(_DECISION, doc))


def budget_doc(budget: BudgetAgreement) -> Doc:
    """The document for `budget` (its id is the document's id)."""
    return encode(_BUDGET, budget)


def budget_from_doc(doc_id: int, doc: Doc) -> BudgetAgreement:
    """The `BudgetAgreement` stored as `doc` under `doc_id`."""
    return BudgetAgreement(id=doc_id, **decode(_BUDGET, doc))


# --- campaigns -------------------------------------------------------------------------


@cache
def _campaign_fields() -> tuple[Field, ...]:
    # Built on first use: only campaign commands pay for importing the module.
    from roundtable.domain.campaigns import CampaignStatus, Channel

    return (
        Field("name", load_text),
        Field("owner", load_text),
        Field("channel", enum_of(Channel), enum_value),
        Field("start", load_day, iso_day),
        Field("end", load_day, iso_day),
        Field("budget", load_amount, dump_amount),
        Field("cost", load_amount, dump_amount),
        Field("currency", load_text),
        Field("status", enum_of(CampaignStatus), enum_value),
        Field("note", load_text, default=""),
        Field("created_in", optional(load_whole), default=None),
    )


_SNAPSHOT = (
    Field("campaign_id", load_whole),
    Field("meeting_id", load_whole),
    Field("leads", load_whole),
    Field("accepted", load_whole),
    Field("won", load_whole),
    Field("estimated_revenue", load_amount, dump_amount),
    Field("actual_revenue", load_amount, dump_amount),
    Field("cost", load_amount, dump_amount),
    Field("at", load_time, dump_time),
    Field("correction", load_bool, default=False),
    Field("estimated_leads", load_whole, default=0),
)


def campaign_doc(campaign: Campaign) -> Doc:
    """The document for `campaign` (its id is the document's id)."""
    return encode(_campaign_fields(), campaign)


def campaign_from_doc(doc_id: int, doc: Doc) -> Campaign:
    """The `Campaign` stored as `doc` under `doc_id`."""
    from roundtable.domain.campaigns import Campaign

    return Campaign(id=doc_id, **decode(_campaign_fields(), doc))


def snapshot_doc(snapshot: Snapshot) -> Doc:
    """The document for `snapshot` (its id is the document's id)."""
    doc = encode(_SNAPSHOT, snapshot)
    if not doc["correction"]:
        # Only when set: older stores and other readers see the documents they know.
        del doc["correction"]
    if not doc["estimated_leads"]:
        del doc["estimated_leads"]
    return doc


def snapshot_from_doc(doc_id: int, doc: Doc) -> Snapshot:
    """The `Snapshot` stored as `doc` under `doc_id`."""
    from roundtable.domain.campaigns import Snapshot

    return Snapshot(id=doc_id, **decode(_SNAPSHOT, doc))
