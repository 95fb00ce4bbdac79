"""An action item to and from the JSON document the store keeps (`codec` has the other
kinds of log entry; apart, so listing action items loads no other kind)."""

from __future__ import annotations

from roundtable.domain.action_item import ActionItem, ActionStatus
from roundtable.store.values import (
    Doc,
    Field,
    decode,
    dump_time,
    encode,
    enum_of,
    enum_value,
    iso_day,
    load_day,
    load_meeting_id,
    load_name,
    load_text,
    load_time,
    load_whole,
    optional,
    optional_time,
    ref_of,
)

__all__ = ["action_doc", "action_from_doc"]

_ACTION = (
    Field("text", load_text),
    Field("owner", optional(load_name), default=None),
    Field("due", optional(load_day), iso_day, default=None),
    Field("status", enum_of(ActionStatus), enum_value),
    Field("meeting_id", optional(load_meeting_id), default=None),
    Field("item_index", optional(load_whole), default=None),
    Field("opened_at", load_time, dump_time),
    Field("closed_at", optional(load_time), optional_time, default=None),
    Field("closed_in", optional(load_meeting_id), default=None),
)


def action_doc(action: ActionItem) -> Doc:
    """The document for `action` (its id, the number in its ref, is the document's id)."""
    return {"ref": action.ref, **encode(_ACTION, action)}


def action_from_doc(doc_id: int, doc: Doc) -> ActionItem:
    """The `ActionItem` stored as `doc` under `doc_id`."""
    return ActionItem(id=doc_id, ref=ref_of(doc_id), **decode(_ACTION, doc))
