"""The statistics screen: how long the agenda items really take, as `roundtable stats`
prints it, with plots where people would rather look than read.

It shows the agenda of the latest ended meeting: per item planned against actual
minutes over its last `RECENT_MEETINGS` meetings, the selected item's minutes as a
sparkline, the time used of the box per meeting over all of them, and the suggestions
for the template in words. Everything is read once, on the store thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Sparkline

from roundtable.domain.l10n import format_date
from roundtable.domain.statistics.advice import suggestion_text, suggestions
from roundtable.domain.statistics.timing import ItemStats, TimingReport, timing_report
from roundtable.domain.text import single_line
from roundtable.errors import RoundtableError
from roundtable.i18n import _, ngettext
from roundtable.store.store import Store
from roundtable.ui.store_thread import StoreThread
from roundtable.ui.widgets.footer import Footer
from roundtable.ui.widgets.plain import PlainLabel
from roundtable.ui.widgets.row_table import RowTable

__all__ = ["RECENT_MEETINGS", "StatisticsScreen", "TimingData", "read_timing"]

RECENT_MEETINGS = 10
"""The meetings the table and the suggestions look at: recent habits, not old ones."""


@dataclass(frozen=True)
class TimingData:
    """One read of the store for the statistics screen."""

    recent: TimingReport
    """The last `RECENT_MEETINGS` meetings of the agenda."""
    whole: TimingReport
    """Every meeting of the agenda: the long trend."""
    suggestions: tuple[str, ...]


def read_timing(store: Store) -> TimingData:
    """The statistics of the latest agenda held (store thread)."""
    with store.reading():
        meetings = store.meetings()
    ended = [m for m in meetings if m.ended_at is not None]
    agenda = max(ended, key=lambda m: m.number).agenda_id if ended else None
    recent = timing_report(ended, agenda_id=agenda, last=RECENT_MEETINGS)
    whole = timing_report(ended, agenda_id=agenda)
    texts = tuple(suggestion_text(s) for s in suggestions(recent))
    return TimingData(recent=recent, whole=whole, suggestions=texts)


def _minutes(value: float | None) -> str:
    return "—" if value is None else str(round(value))


def _clock(minutes: float) -> str:
    whole = round(minutes)
    return f"{whole // 60}:{whole % 60:02d}"


class StatisticsScreen(Screen[None]):
    """Timing statistics of the latest agenda; `escape` goes back."""

    CSS_PATH = "statistics.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", _("Back"), id="statistics-back"),
    ]

    def __init__(self, *, store: Store, store_thread: StoreThread) -> None:
        super().__init__()
        self.store = store
        self.store_thread = store_thread
        self.data: TimingData | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="◷")
        yield PlainLabel(_("Reading the meetings …"), id="stats-summary")
        yield RowTable(id="stats-items", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="stats-trends"):
            with Vertical(classes="stats-trend"):
                yield PlainLabel("", id="stats-item-caption", classes="stats-caption")
                yield Sparkline([], id="stats-item-trend")
            with Vertical(classes="stats-trend"):
                yield PlainLabel("", id="stats-box-caption", classes="stats-caption")
                yield Sparkline([], id="stats-box-trend")
        yield PlainLabel("", id="stats-suggestions")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Statistics")
        self.query_one("#stats-items").border_title = Text(_("Planned against actual minutes"))
        self.query_one("#stats-trends").display = False
        self.query_one("#stats-suggestions").display = False
        self.query_one(DataTable).focus()

        def failed(error: RoundtableError) -> None:
            if self.is_attached:
                self.query_one("#stats-summary", PlainLabel).show(error.message)

        self.store_thread.submit(lambda: read_timing(self.store), done=self.show, failed=failed)

    def show(self, data: TimingData) -> None:
        """Show one read of the store."""
        if not self.is_attached:
            return
        self.data = data
        recent, whole = data.recent, data.whole
        summary = self.query_one("#stats-summary", PlainLabel)
        if not recent.meetings:
            summary.show(_("No ended meetings yet: statistics start after the first meeting."))
            return
        first, last = recent.meetings[0], recent.meetings[-1]
        self.sub_title = single_line(last.title)
        over = sum(m.over_box for m in recent.meetings)
        summary.show(
            ngettext(
                "Last {count} meeting ({first} – {last}) · box used: {median} of {box} at "
                "the median, over the box in {over}",
                "Last {count} meetings ({first} – {last}) · box used: {median} of {box} at "
                "the median, over the box in {over}",
                len(recent.meetings),
            ).format(
                count=len(recent.meetings),
                first=format_date(first.started_at.date()),
                last=format_date(last.started_at.date()),
                median=_clock(recent.box_median or 0),
                box=_clock(last.box),
                over=over,
            )
        )
        self._fill_table(recent)
        self.query_one("#stats-trends").display = True
        self.query_one("#stats-box-trend", Sparkline).data = list(whole.used_trend)
        self.query_one("#stats-box-caption", PlainLabel).show(
            ngettext(
                "Time used of the box, {count} meeting",
                "Time used of the box, {count} meetings",
                len(whole.meetings),
            ).format(count=len(whole.meetings))
        )
        self._show_item(0)
        advice = self.query_one("#stats-suggestions", PlainLabel)
        advice.display = bool(data.suggestions)
        advice.show("\n".join(f"• {text}" for text in data.suggestions))

    def _fill_table(self, report: TimingReport) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column(_("Item"), key="item")
        for key, label in (
            ("meetings", _("Meetings")),
            ("plan", _("Plan")),
            ("median", _("Median")),
            ("p80", _("80 %")),
            ("over", _("Over")),
            ("extended", _("Extended")),
            ("deferred", _("Deferred")),
            ("early", _("Early")),
        ):
            table.add_column(Text(label, justify="right"), key=key)
        for stats in report.items:
            table.add_row(
                Text(single_line(stats.title)),
                *(
                    Text(value, justify="right")
                    for value in (
                        str(stats.meetings),
                        str(stats.planned),
                        _minutes(stats.actual_median),
                        _minutes(stats.actual_p80),
                        str(stats.overran),
                        str(stats.extended),
                        str(stats.deferred),
                        str(stats.ended_early),
                    )
                ),
            )

    def _item(self, row: int) -> ItemStats | None:
        if self.data is None or not 0 <= row < len(self.data.recent.items):
            return None
        title = self.data.recent.items[row].title
        # The long trend: every meeting of the agenda, not only the recent ones.
        return self.data.whole.item(title)

    def _show_item(self, row: int) -> None:
        stats = self._item(row)
        trend = self.query_one("#stats-item-trend", Sparkline)
        caption = self.query_one("#stats-item-caption", PlainLabel)
        if stats is None:
            trend.data = []
            caption.show("")
            return
        trend.data = list(stats.actual_trend)
        caption.show(
            _("{item}, plan {plan}: minutes per meeting").format(
                item=single_line(stats.title), plan=stats.planned
            )
        )

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_item(event.cursor_row)

    def action_back(self) -> None:
        self.dismiss(None)
