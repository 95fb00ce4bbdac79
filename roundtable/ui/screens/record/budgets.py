"""The budget picture (`B` on the meeting screen), for the budgets item: per area and
period with a fixed budget, what was allocated, cut and shifted so far and what is
left; what waits for management, oldest first; and what this meeting's cuts touch on
the other side of the table."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Label, Static

from roundtable.domain.config import TeamConfig
from roundtable.domain.money import format_amount
from roundtable.domain.review import BudgetStatus, read_budget_status
from roundtable.domain.text import single_line
from roundtable.errors import RoundtableError
from roundtable.i18n import _
from roundtable.store.store import Store
from roundtable.ui.screens.forms.form_base import RoundtableModal, literal
from roundtable.ui.store_thread import StoreThread

__all__ = ["BudgetPictureModal", "open_budget_picture"]


def _table(status: BudgetStatus) -> Table:
    table = Table(box=None, pad_edge=False, expand=True, header_style="bold")
    for heading, values in (
        (_("Area"), [line.fixed.area for line in status.lines]),
        (_("Period"), [line.fixed.period for line in status.lines]),
    ):
        # As wide as what is written there (up to a point): areas are read, not guessed.
        width = min(24, max((cell_len(single_line(v)) for v in values), default=4))
        table.add_column(heading, no_wrap=True, overflow="ellipsis", min_width=width)
    for heading in (
        _("Fixed budget"),
        _("Allocated"),
        _("Cut"),
        _("Shifted in"),
        _("Shifted out"),
        _("Left"),
    ):
        table.add_column(heading, justify="right", no_wrap=True)
    for line in status.lines:
        currency = line.fixed.currency
        left = Text(format_amount(line.left, currency))
        if line.left < 0:
            left.stylize("bold red")
        table.add_row(
            single_line(line.fixed.area),
            single_line(line.fixed.period),
            format_amount(line.fixed.amount, currency),
            format_amount(line.allocated, currency),
            format_amount(line.cut, currency),
            format_amount(line.shifted_in, currency),
            format_amount(line.shifted_out, currency),
            left,
        )
    return table


def _agreement(budget_area: str, amount: str, period: str) -> str:
    return _("{amount} for {area}, {period}").format(
        amount=amount, area=single_line(budget_area), period=single_line(period)
    )


class BudgetPictureModal(RoundtableModal[None]):
    """Shows the picture; any key that closes a modal closes it."""

    DEFAULT_CLASSES = "rt-modal budget-picture"

    def __init__(self, status: BudgetStatus) -> None:
        super().__init__()
        self.status = status

    def compose(self) -> ComposeResult:
        status = self.status
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = literal(_("Budget picture"))
            dialog.border_subtitle = literal(_("esc close"))
            yield Label(_("Fixed budgets so far"), classes="prompt", markup=False)
            if status.lines:
                yield Static(_table(status), id="budget-picture")
            else:
                yield Static(
                    _("No fixed budgets: declare them under budgets: in roles.yaml."),
                    id="budget-picture",
                    markup=False,
                )
            yield Label(_("Waiting for management sign-off"), classes="prompt", markup=False)
            waiting = [
                _("{ref} {what} (from meeting {number})").format(
                    ref=budget.ref,
                    what=_agreement(
                        budget.area,
                        format_amount(budget.amount, budget.currency),
                        budget.period,
                    ),
                    number=number if number is not None else "—",
                )
                for budget, number in status.waiting
            ]
            yield Static(
                "\n".join(waiting) or _("Nothing is waiting for management sign-off."),
                id="budget-waiting",
                markup=False,
            )
            if status.touches:
                yield Label(_("What the cuts touch"), classes="prompt", markup=False)
                lines = []
                for touch in status.touches:
                    refs = ", ".join(b.ref for b in touch.touched) or _("nothing")
                    lines.append(_("{ref} touches {refs}").format(ref=touch.cut.ref, refs=refs))
                yield Static("\n".join(lines), id="budget-touches", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(_("Close"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, _event: Button.Pressed) -> None:
        self.dismiss(None)


def open_budget_picture(
    push: Callable[[BudgetPictureModal], object],
    store: Store,
    store_thread: StoreThread,
    config: TeamConfig,
    meeting_id: int,
    tell: Callable[[str, bool], None],
    later: Callable[[Callable[[], object]], object],
) -> None:
    """Read the picture on the store thread, then show it (built through `later`, in
    the app's context: see `review.open_review`)."""

    def failed(error: RoundtableError) -> None:
        tell(error.message, True)

    store_thread.submit(
        lambda: read_budget_status(store, config, meeting_id),
        done=lambda status: later(lambda: push(BudgetPictureModal(status))),
        failed=failed,
    )
