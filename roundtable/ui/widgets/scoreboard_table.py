"""The campaign scoreboard as a table: what each campaign cost, brought, and promises.

One row per campaign with the figures of `campaigns.CampaignRow`: cost, leads, cost per
lead, conversion, estimate against actual revenue, how that gap moved since the meeting
before (▼ closer, in the good colour; ▲ further apart, in the bad one) and a small
chart of the gap across meetings (Textual's sparkline, shrinking towards zero as the
estimates meet reality). The table picks as many columns as its width holds, so the
same widget serves the projector, an 80-column terminal and the meeting screen's
controlling item (`CampaignScoreboard`). It only shows what it is handed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from rich.cells import cell_len
from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.events import Resize
from textual.renderables.sparkline import Sparkline as SparklineRenderable
from textual.theme import Theme

from roundtable.domain import l10n
from roundtable.domain.campaigns import (
    CampaignRow,
    CampaignStatus,
    Scoreboard,
    format_percent,
    status_label,
)
from roundtable.domain.money import format_amount
from roundtable.domain.text import single_line
from roundtable.i18n import _
from roundtable.ui.widgets.campaign_texts import gap_arrow, gap_change_text, gap_distances
from roundtable.ui.widgets.fill_table import FillTable
from roundtable.ui.widgets.plain import MiddleEllipsis
from roundtable.ui.widgets.theme_follower import ThemeFollower

__all__ = ["TREND_WIDTH", "ScoreboardTable"]

TREND_WIDTH = 10
"""The table's trend chart: one bar per meeting, the last ten meetings."""

_MIN_NAME_WIDTH = 18


@dataclass(frozen=True)
class _Column:
    key: str
    label: Callable[[], str]
    right: bool = False


def _columns() -> dict[str, _Column]:
    return {
        column.key: column
        for column in (
            _Column("name", lambda: _("Campaign")),
            _Column("status", lambda: _("Status")),
            _Column("reported", lambda: _("As of"), right=True),
            _Column("cost", lambda: _("Cost"), right=True),
            _Column("leads", lambda: _("Leads"), right=True),
            _Column("cpl", lambda: _("Cost/lead"), right=True),
            _Column("conversion", lambda: _("Conv."), right=True),
            _Column("estimate", lambda: _("Estimate"), right=True),
            _Column("actual", lambda: _("Actual"), right=True),
            _Column("gap", lambda: _("Gap"), right=True),
            _Column("since", lambda: _("Gap since last"), right=True),
            _Column("arrow", lambda: _("Δ")),
            _Column("trend", lambda: _("Gap trend")),
        )
    }


LAYOUTS: tuple[tuple[str, ...], ...] = (
    (
        "name", "status", "reported", "cost", "leads", "cpl", "conversion",
        "estimate", "actual", "gap", "since", "trend",
    ),
    (
        "name", "reported", "cost", "leads", "cpl", "conversion",
        "estimate", "actual", "gap", "since", "trend",
    ),
    (
        "name", "reported", "leads", "cpl", "conversion",
        "estimate", "actual", "gap", "arrow", "trend",
    ),
    ("name", "leads", "conversion", "estimate", "actual", "gap", "arrow", "trend"),
    ("name", "reported", "leads", "cpl", "conversion", "gap", "arrow", "trend"),
    ("name", "leads", "cpl", "conversion", "gap", "arrow", "trend"),
    ("name", "leads", "conversion", "gap", "arrow", "trend"),
    ("name", "gap", "arrow"),
)  # fmt: skip
"""The column sets from the widest to the narrowest; the table shows the first that
fits its width. The gap is an amount in the wide sets and a percentage of the
estimate in the narrow ones."""


class ScoreboardTable(FillTable, ThemeFollower):
    """One row per campaign; row keys are campaign ids, `selected_id` is the one under
    the cursor. `show(board, numbers, meeting_id)` fills it."""

    FILL_COLUMN = "name"
    MIN_FILL_WIDTH = _MIN_NAME_WIDTH
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "scoreboard--closer",
        "scoreboard--further",
        "scoreboard--now",
        "scoreboard--ended",
        "scoreboard--planned",
        "scoreboard--muted",
    }
    """Styled in widgets/widgets.tcss: the scoreboard screen, the meeting screen and the
    follow view all show this table."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False)
        self._rows: tuple[CampaignRow, ...] = ()
        self._numbers: dict[int, int] = {}
        self._meeting_id: int | None = None
        self._columns_shown: tuple[str, ...] = ()

    def on_mount(self) -> None:
        self.follow_theme(self._on_theme_changed)
        self._rebuild()

    # --- what is shown ----------------------------------------------------------------

    @property
    def campaign_rows(self) -> tuple[CampaignRow, ...]:
        """The campaigns shown, in order."""
        return self._rows

    @property
    def layout_columns(self) -> tuple[str, ...]:
        """The keys of the columns shown now (see `LAYOUTS`)."""
        return self._columns_shown

    @property
    def selected(self) -> CampaignRow | None:
        """The campaign under the cursor, if any."""
        if not self._rows:
            return None
        return self._rows[min(max(self.cursor_row, 0), len(self._rows) - 1)]

    @property
    def selected_id(self) -> int | None:
        """The id of the campaign under the cursor."""
        row = self.selected
        return None if row is None else row.campaign.id

    def show(
        self,
        board: Scoreboard,
        numbers: Mapping[int, int],
        meeting_id: int | None = None,
        *,
        rows: Sequence[CampaignRow] | None = None,
    ) -> None:
        """Show `board` (or just `rows` of it); `numbers` maps meeting ids to numbers,
        `meeting_id` is the running meeting (its figures are marked). The cursor stays on
        its campaign."""
        keep = self.selected_id
        self._rows = tuple(board.rows if rows is None else rows)
        self._numbers = dict(numbers)
        self._meeting_id = meeting_id
        if not self.is_mounted:
            return
        self._rebuild()
        self.select_campaign(keep)

    def select_campaign(self, campaign_id: int | None) -> None:
        """Put the cursor on that campaign, if it is shown."""
        ids = [row.campaign.id for row in self._rows]
        if campaign_id in ids:
            self.move_cursor(row=ids.index(campaign_id))

    # --- building the rows ------------------------------------------------------------

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)

    def _cells(self, row: CampaignRow, layout: Sequence[str]) -> dict[str, RenderableType]:
        currency = row.campaign.currency
        status = row.campaign.status
        base = Style()
        if status in (CampaignStatus.FINISHED, CampaignStatus.STOPPED):
            base = self._style("scoreboard--ended")
        elif status is CampaignStatus.PLANNED:
            base = self._style("scoreboard--planned")

        def text(value: str, style: Style | None = None, right: bool = False) -> Text:
            return Text(
                value,
                style=base + style if style is not None else base,
                end="",
                no_wrap=True,
                overflow="ellipsis",
                justify="right" if right else "left",
            )

        def money(amount: Decimal | None) -> Text:
            return text("—" if amount is None else format_amount(amount, currency), right=True)

        reported = row.reported_in
        reported_now = reported is not None and reported == self._meeting_id
        if reported is None:
            as_of = text("—", right=True)
        else:
            as_of = text(
                f"#{self._numbers.get(reported, '?')}",
                self._style("scoreboard--now") if reported_now else None,
                right=True,
            )
        if row.gap_narrowed is None:
            change_style: Style | None = self._style("scoreboard--muted")
        elif row.gap_narrowed:
            change_style = self._style("scoreboard--closer")
        elif gap_arrow(row) == "▲":
            change_style = self._style("scoreboard--further")
        else:
            change_style = None
        # Figures already reported in this meeting: the name says so in every layout.
        now_style = self._style("scoreboard--now") if reported_now else None
        return {
            # Cut in the middle: names sharing a long beginning stay told apart.
            "name": MiddleEllipsis(text(single_line(row.campaign.name), now_style)),
            "status": text(status_label(status)),
            "reported": as_of,
            "cost": money(row.cost),
            "leads": text("—" if row.leads is None else l10n.format_number(row.leads), right=True),
            "cpl": money(row.cost_per_lead),
            "conversion": text(format_percent(row.conversion_pct), right=True),
            "estimate": money(row.estimate),
            "actual": money(row.actual),
            "gap": money(row.gap)
            if "since" in layout
            else text(format_percent(row.gap_pct), right=True),
            "since": text(gap_change_text(row), change_style, right=True),
            "arrow": text(gap_arrow(row), change_style),
            "trend": self._trend(row),
        }

    def _trend(self, row: CampaignRow) -> RenderableType:
        data = gap_distances(row)[-TREND_WIDTH:]
        if len(data) < 2:
            # One bar alone says nothing about a trend (and would be drawn at full height).
            return Text("·" if data else "", style=self._style("scoreboard--muted"), end="")
        good = self._style("scoreboard--closer").color
        bad = self._style("scoreboard--further").color
        if good is None or bad is None:
            return SparklineRenderable(data, width=len(data))
        return SparklineRenderable(data, width=len(data), min_color=good, max_color=bad)

    def _fits(self, layout: Sequence[str], cells: list[dict[str, RenderableType]]) -> int:
        """The width `layout` needs besides the name column."""
        columns = _columns()
        needed = 0
        for key in layout:
            if key == "name":
                continue
            if key == "trend":
                width = TREND_WIDTH
            else:
                width = max(
                    [cell_len(columns[key].label())]
                    + [cell_len(cell.plain) for c in cells if isinstance(cell := c[key], Text)]
                )
            needed += width + 2 * self.cell_padding
        return needed + 2 * self.cell_padding

    def _choose_layout(self) -> tuple[str, ...]:
        width = self.size.width or (self.app.size.width if self.is_attached else 80)
        scrollbar = self.styles.scrollbar_size_vertical
        available = width - scrollbar - _MIN_NAME_WIDTH
        for layout in LAYOUTS:
            # The gap's form depends on the layout: measure each with its own cells.
            cells = [self._cells(row, layout) for row in self._rows]
            if self._fits(layout, cells) <= available:
                return layout
        return LAYOUTS[-1]

    def _rebuild(self) -> None:
        cursor = self.cursor_row
        layout = self._choose_layout()
        self._columns_shown = layout
        self.clear(columns=True)
        columns = _columns()
        for key in layout:
            column = columns[key]
            label = Text(column.label(), justify="right" if column.right else "left")
            if key == "trend":
                self.add_column(label, key=key, width=TREND_WIDTH)
            else:
                self.add_column(label, key=key)
        for row in self._rows:
            cells = self._cells(row, layout)
            self.add_row(*(cells[key] for key in layout), key=str(row.campaign.id))
        if self._rows:
            self.move_cursor(row=min(max(cursor, 0), len(self._rows) - 1))
        # The name column is fitted by `FillTable` once the new rows are measured.

    def on_resize(self, event: Resize) -> None:
        if self._rows and self._choose_layout() != self._layout_shown():
            self._rebuild()
        super().on_resize(event)

    def _layout_shown(self) -> tuple[str, ...]:
        return tuple(str(key.value) for key in self.columns)

    def _on_theme_changed(self, _theme: Theme) -> None:
        self.call_after_refresh(self._rebuild)
