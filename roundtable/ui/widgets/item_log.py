"""The current item's log: decisions, action items and budget agreements, as captured."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.events import Resize
from textual.theme import Theme

from roundtable.domain.budget_words import area_label, period_label
from roundtable.domain.config import Role
from roundtable.domain.entries import (
    ActionItem,
    ActionStatus,
    BudgetAgreement,
    BudgetKind,
    Decision,
)
from roundtable.domain.l10n import format_date
from roundtable.domain.money import format_amount
from roundtable.domain.text import single_line
from roundtable.i18n import _
from roundtable.ui.format import owner_text
from roundtable.ui.widgets.fill_table import FillTable
from roundtable.ui.widgets.theme_follower import ThemeFollower

__all__ = ["ItemLog", "LogEntry", "entry_key", "entry_sort_key"]

LogEntry = Decision | ActionItem | BudgetAgreement
"""Anything the log shows."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def entry_key(entry: LogEntry) -> str:
    """The row key of an entry: `decision:12`, `action:A-3` or `budget:4`."""
    if isinstance(entry, Decision):
        return f"decision:{entry.id}"
    if isinstance(entry, ActionItem):
        return f"action:{entry.ref}"
    return f"budget:{entry.id}"


def entry_sort_key(entry: LogEntry) -> tuple[datetime, str]:
    """Entries in the order they were captured."""
    if isinstance(entry, Decision):
        at: datetime | None = entry.at
    elif isinstance(entry, ActionItem):
        at = entry.opened_at
    else:
        at = entry.at
    return (at or _EPOCH, entry_key(entry))


def budget_text(budget: BudgetAgreement) -> str:
    """`Allocation: €25,000.00 to Sales for 2026-Q2` and the like (German
    `Zuweisung: 25.000,00 € an Vertrieb für 2026-Q2`)."""
    amount = single_line(format_amount(budget.amount, budget.currency))
    area = single_line(area_label(budget.area))
    period = single_line(period_label(budget.period))
    if budget.kind is BudgetKind.SHIFT:
        source = single_line(area_label(budget.from_area or "?"))
        return _("Shift: {amount} from {source} to {area} for {period}").format(
            amount=amount, source=source, area=area, period=period
        )
    if budget.kind is BudgetKind.CUT:
        return _("Cut: {amount} from {area} for {period}").format(
            amount=amount, area=area, period=period
        )
    return _("Allocation: {amount} to {area} for {period}").format(
        amount=amount, area=area, period=period
    )


class ItemLog(FillTable, ThemeFollower):
    """Shows log entries, one row each, newest last; the cursor selects the entry that
    enter edits and delete removes. Row keys come from `entry_key`."""

    FILL_COLUMN = "text"
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "item-log--kind",
        "item-log--detail",
        "item-log--flag",
    }

    def __init__(
        self, roles: Sequence[Role] = (), *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.roles: Sequence[Role] = roles
        self._entries: list[LogEntry] = []

    def on_resize(self, event: Resize) -> None:
        super().on_resize(event)
        # Shorter now (the box warning took a line): the selected entry stays in view.
        self.call_after_refresh(self._scroll_cursor_into_view)

    def on_mount(self) -> None:
        # As wide as the longest kind word needs (`Beschluss`), at least the usual 8.
        kinds = (_("Entry"), _("Decision"), _("Budget"), "A-9999")
        width = max(8, *(cell_len(kind) for kind in kinds))
        self.add_column(Text(_("Entry")), key="kind", width=width)
        self.add_column(Text(_("What")), key="text", width=20)
        self.follow_theme(self._on_theme_changed)
        self.fit_columns()

    @property
    def entries(self) -> list[LogEntry]:
        """The entries shown, in order."""
        return list(self._entries)

    @property
    def selected(self) -> LogEntry | None:
        """The entry under the cursor, if any."""
        if not self._entries:
            return None
        return self._entries[min(self.cursor_row, len(self._entries) - 1)]

    def show_entries(self, entries: Sequence[LogEntry]) -> None:
        """Show `entries` (sorted by capture time); nothing is redrawn when they are the
        same as before. The cursor stays on the same entry if it is still there."""
        ordered = sorted(entries, key=entry_sort_key)
        if ordered == self._entries:
            return
        selected = self.selected
        had_new = len(ordered) > len(self._entries)
        shown_before = {entry_key(entry) for entry in self._entries}
        self._entries = ordered
        self._rebuild()
        keys = [entry_key(entry) for entry in ordered]
        if had_new:
            # Select what just appeared: a capture is the last row, but an entry that
            # undo brought back sits where it was, and delete must not hit its neighbour.
            appeared = [row for row, key in enumerate(keys) if key not in shown_before]
            self.move_cursor(row=appeared[-1] if appeared else len(ordered) - 1)
        elif selected is not None and entry_key(selected) in keys:
            self.move_cursor(row=keys.index(entry_key(selected)))

    def _rebuild(self) -> None:
        row = self.cursor_row
        self.clear()
        for entry in self._entries:
            kind, text = self._cells(entry)
            self.add_row(kind, text, key=entry_key(entry), height=None)
        if self._entries:
            self.move_cursor(row=min(row, len(self._entries) - 1))
        # More rows may have brought a vertical scrollbar: narrow the text column for it.
        self.call_after_refresh(self.fit_columns)

    def _on_theme_changed(self, _theme: Theme) -> None:
        self.call_after_refresh(self._rebuild)

    def fit_columns(self) -> bool:
        """Fit the text column; rows are measured when added, so re-add them after a
        width change to give wrapped text its height."""
        changed = super().fit_columns()
        if changed and self._entries:
            self._rebuild()
        return changed

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)

    def _cells(self, entry: LogEntry) -> tuple[Text, Text]:
        kind_style = self._style("item-log--kind")
        detail_style = self._style("item-log--detail")
        if isinstance(entry, Decision):
            return Text(_("Decision"), style=kind_style), Text(single_line(entry.text))
        if isinstance(entry, ActionItem):
            due = (
                _("due {date}").format(date=format_date(entry.due))
                if entry.due
                else _("no due date")
            )
            detail = f"{owner_text(entry.owner, self.roles)} · {due}"
            if entry.status is not ActionStatus.OPEN:
                detail += f" · {_('done') if entry.status is ActionStatus.DONE else _('dropped')}"
            text = Text(single_line(entry.text))
            text.append("\n")
            text.append(detail, style=detail_style)
            return Text(single_line(entry.ref), style=kind_style), text
        text = Text(budget_text(entry))
        if entry.note:
            text.append("\n")
            text.append(single_line(entry.note), style=detail_style)
        if entry.needs_signoff:
            text.append("\n")
            text.append(_("needs management sign-off"), style=self._style("item-log--flag"))
        return Text(_("Budget"), style=kind_style), text
