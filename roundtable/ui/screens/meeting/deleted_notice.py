"""What the meeting screen says when an entry was deleted from the log: which one, and
how to get it back (a delete is one key away from a slip)."""

from __future__ import annotations

from roundtable.domain.entries import ActionItem, BudgetAgreement, Decision
from roundtable.domain.text import single_line
from roundtable.i18n import _
from roundtable.ui.widgets.item_log import budget_text

__all__ = ["deleted_notice"]

_SHOWN = 60
"""Characters of the entry's text quoted; enough to recognise it."""


def _quoted(text: str) -> str:
    line = single_line(text)
    return line if len(line) <= _SHOWN else line[: _SHOWN - 1] + "…"


def deleted_notice(entry: Decision | ActionItem | BudgetAgreement) -> str:
    """`Deleted decision “…”. ctrl+z brings it back.` and the like."""
    if isinstance(entry, Decision):
        what = _("Deleted decision “{text}”.").format(text=_quoted(entry.text))
    elif isinstance(entry, ActionItem):
        what = _("Deleted action item {ref} “{text}”.").format(
            ref=entry.ref, text=_quoted(entry.text)
        )
    else:
        what = _("Deleted budget agreement “{text}”.").format(text=_quoted(budget_text(entry)))
    return _("{what} ctrl+z brings it back.").format(what=what)
