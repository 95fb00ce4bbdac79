"""Widgets of the meeting screen; each shows domain values handed to it and computes none."""

from roundtable.ui.widgets.agenda_list import AgendaList
from roundtable.ui.widgets.banner import Banner
from roundtable.ui.widgets.box_status import BoxStatus
from roundtable.ui.widgets.countdown import Countdown
from roundtable.ui.widgets.item_log import ItemLog
from roundtable.ui.widgets.item_panel import ItemPanel
from roundtable.ui.widgets.plain import PlainLabel

__all__ = [
    "AgendaList",
    "Banner",
    "BoxStatus",
    "Countdown",
    "ItemLog",
    "ItemPanel",
    "PlainLabel",
]
