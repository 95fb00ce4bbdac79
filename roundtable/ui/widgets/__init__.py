"""Widgets of the meeting and action-item screens; each shows domain values handed to it
and computes none.

The names below are imported on first use (PEP 562): importing one widget module must
not import every other one, or `roundtable start` would pay for the action-item table
and the carry-over before its first frame.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roundtable.ui.widgets.action_table import ActionRow, ActionTable
    from roundtable.ui.widgets.agenda_list import AgendaList
    from roundtable.ui.widgets.banner import Banner
    from roundtable.ui.widgets.box_status import BoxStatus
    from roundtable.ui.widgets.carry_over import CarryOverTable
    from roundtable.ui.widgets.countdown import Countdown
    from roundtable.ui.widgets.item_log import ItemLog
    from roundtable.ui.widgets.item_panel import ItemPanel
    from roundtable.ui.widgets.plain import PlainLabel

__all__ = [
    "ActionRow",
    "ActionTable",
    "AgendaList",
    "Banner",
    "BoxStatus",
    "CarryOverTable",
    "Countdown",
    "ItemLog",
    "ItemPanel",
    "PlainLabel",
]

_MODULES = {
    "ActionRow": "action_table",
    "ActionTable": "action_table",
    "AgendaList": "agenda_list",
    "Banner": "banner",
    "BoxStatus": "box_status",
    "CarryOverTable": "carry_over",
    "Countdown": "countdown",
    "ItemLog": "item_log",
    "ItemPanel": "item_panel",
    "PlainLabel": "plain",
}


def __getattr__(name: str) -> object:
    """The widget `name`, its module imported now."""
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
