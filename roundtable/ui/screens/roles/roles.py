"""The roles screen: roles and players, readable on the projector.

Who is responsible for what, as the roles file says and the managers committed it:
each role with its title and department, its holders, its responsibilities and who
committed it when (or that nobody has yet). Opened with `w` from the home screen and
the meeting screen (and from the palette); in the constituting meeting's roles item the
meeting offers it. Opened from a running meeting, `c` records in the meeting's log that
the managers committed the roles as shown (`domain.roles_committed`).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Header, Static

from roundtable.domain.config import Role
from roundtable.domain.entries import Note
from roundtable.domain.l10n import format_date
from roundtable.domain.meeting import Meeting
from roundtable.domain.roles_committed import record_roles_committed
from roundtable.domain.text import single_line
from roundtable.errors import RoundtableError
from roundtable.i18n import _
from roundtable.ui.context import AppContext
from roundtable.ui.widgets.footer import Footer

__all__ = ["RolesScreen", "role_card"]

TWO_COLUMNS_FROM = 120
"""Terminal columns from which the roles are shown side by side."""


def role_card(role: Role) -> Group:
    """One role as the room reads it: holders, responsibilities (a wrapped line stays
    indented under its bullet), commitment."""
    head = Text()
    holders = ", ".join(single_line(h) for h in role.holders) or _("nobody yet")
    head.append(holders, style="bold")
    head.append("  ·  " + single_line(role.department), style="dim")
    if role.signs_off:
        head.append("  ·  " + _("signs off budget cuts"), style="dim")
    duties = Table.grid(padding=(0, 1, 0, 0))
    duties.add_column(width=1)
    duties.add_column(ratio=1)
    for duty in role.responsibilities:
        duties.add_row("•", Text(single_line(duty)))
    if role.committed_by and role.committed_on:
        committed = Text(
            _("Committed by {name} on {date}").format(
                name=single_line(role.committed_by), date=format_date(role.committed_on)
            ),
            style="italic",
        )
    elif role.committed_by:
        committed = Text(
            _("Committed by {name}").format(name=single_line(role.committed_by)), style="italic"
        )
    else:
        committed = Text(_("Not committed yet"), style="bold reverse")
    parts: list[RenderableType] = [head, Text()]
    if role.responsibilities:
        parts += [duties, Text()]
    return Group(*parts, committed)


class RolesScreen(Screen[None]):
    """Roles and players; `c` records their commitment in the running meeting."""

    CSS_PATH = Path(__file__).parent / "roles.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,w", "back", _("Back"), id="roles-back"),
        Binding("c", "commit", _("Record commitment"), id="roles-commit"),
    ]

    def __init__(
        self, context: AppContext, *, meeting: Meeting | None = None, item_index: int = 0
    ) -> None:
        """`meeting` is the running meeting the commitment is recorded in (None: the
        roles are only shown), under agenda item `item_index`."""
        super().__init__()
        self.context = context
        self.meeting = meeting
        self.item_index = item_index

    def compose(self) -> ComposeResult:
        yield Header(icon="◷")
        roles = self.context.config.roles
        with VerticalScroll(id="roles-page"):
            if not roles:
                yield Static(
                    _("The roles file names no roles yet; roundtable check shows where it is."),
                    id="roles-empty",
                    markup=False,
                )
            half = (len(roles) + 1) // 2
            # Two columns read top to bottom, left then right; one below the other when
            # the terminal is narrow (`_fit_columns`).
            with Horizontal(id="roles"):
                for column in (roles[:half], roles[half:]):
                    with Vertical(classes="roles-column"):
                        for role in column:
                            with Vertical(classes="role-card") as card:
                                card.border_title = Text(single_line(role.title), style="bold")
                                yield Static(role_card(role), markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Roles and players")
        self.sub_title = single_line(self.context.config.team)
        self._fit_columns(self.app.size.width)
        self.query_one("#roles-page").focus()

    def on_resize(self, event: Resize) -> None:
        self._fit_columns(event.size.width)

    def _fit_columns(self, width: int) -> None:
        self.query_one("#roles").set_class(width < TWO_COLUMNS_FROM, "-narrow")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "commit":
            return self.meeting is not None and self.meeting.ended_at is None
        return True

    def action_back(self) -> None:
        """Back to where the roles were opened from."""
        self.dismiss(None)

    def action_commit(self) -> None:
        """Record in the running meeting that the managers committed the roles shown."""
        meeting = self.meeting
        if meeting is None or meeting.id is None:
            return
        store, roles, index = self.context.store, self.context.config.roles, self.item_index
        meeting_id, day = meeting.id, self.context.today()

        def recorded(note: Note) -> None:
            self.notify(
                _("Recorded in the log of item {number}: the roles are committed.").format(
                    number=note.item_index + 1
                ),
                markup=False,
            )

        def failed(error: RoundtableError) -> None:
            self.notify(
                error.message, title=_("Not saved"), severity="error", timeout=15, markup=False
            )

        self.context.store_thread.submit(
            lambda: record_roles_committed(store, meeting_id, index, roles, day),
            done=recorded,
            failed=failed,
        )
