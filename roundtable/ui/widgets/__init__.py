"""Widgets of the meeting and action-item screens; each shows domain values handed to it
and computes none."""

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
