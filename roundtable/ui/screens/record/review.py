"""The review item's record (`g` on the meeting screen): what changed on action items
since the last meeting (closed, reopened, re-assigned, re-dated, by whom and when), and
the approval of the last minutes, as they stand or with a correction.

`open_review` reads the facts on the store thread, shows them, and records the approval
the facilitator gives: Enter (or "Approved") approves, with the correction typed, if any.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Label, Static

from roundtable.domain.approval import MinutesApproval
from roundtable.domain.config import Role
from roundtable.domain.review import ReviewFacts, change_words, read_review
from roundtable.errors import RoundtableError
from roundtable.i18n import _
from roundtable.store.store import Store
from roundtable.ui.screens.forms.form_base import FormModal, SafeInput, literal, safe_text
from roundtable.ui.store_thread import StoreThread

__all__ = ["ReviewModal", "approval_words", "open_review"]


def approval_words(approval: MinutesApproval | None, previous: int | None) -> str:
    """Where the approval stands, in a sentence."""
    if previous is None:
        return _("This is the first meeting: there are no minutes to approve.")
    if approval is None:
        return _("The minutes of meeting {number} are not approved yet.").format(number=previous)
    if approval.correction:
        return _("Minutes of meeting {number} approved (with correction: {correction}).").format(
            number=previous, correction=approval.correction
        )
    return _("Minutes of meeting {number} approved.").format(number=previous)


class ReviewModal(FormModal[str | None]):
    """Since the last meeting, and its minutes: dismisses with the correction the
    minutes are approved with ("" for none), or None when nothing is approved."""

    def __init__(self, facts: ReviewFacts, roles: Sequence[Role] = ()) -> None:
        super().__init__()
        self.facts = facts
        self.titles = {role.id: role.title for role in roles}

    def _owner(self, owner: str | None) -> str:
        if not owner:
            return _("Unassigned")
        return self.titles.get(owner, owner)

    def compose(self) -> ComposeResult:
        facts = self.facts
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = literal(_("Review: since the last meeting"))
            dialog.border_subtitle = literal(_("enter approve · esc close"))
            if facts.previous_number is None:
                heading = _("Before this meeting")
            else:
                heading = _("Since meeting {number}").format(number=facts.previous_number)
            yield Label(heading, classes="prompt", markup=False)
            lines = [change_words(change, self._owner) for change in facts.changes]
            lines = [line for line in lines if line]
            text = "\n".join(lines) or _("No action item changed between the meetings.")
            yield Static(safe_text(text), id="review-changes", markup=False)
            yield Label(_("Minutes"), classes="prompt", markup=False)
            yield Static(
                safe_text(approval_words(facts.approval, facts.previous_number)),
                id="review-approval",
                markup=False,
            )
            if facts.previous_number is not None:
                yield Label(
                    _("Correction (leave empty when approved as they stand)"),
                    classes="prompt",
                    markup=False,
                )
                yield SafeInput(
                    facts.approval.correction if facts.approval else "",
                    id="review-correction",
                )
                with Horizontal(classes="buttons"):
                    yield Button(_("Approved"), id="save", variant="primary")
                    yield Button(_("Close"), id="cancel")
            else:
                with Horizontal(classes="buttons"):
                    yield Button(_("Close"), id="cancel")

    def on_mount(self) -> None:
        inputs = self.query("#review-correction")
        if inputs:
            inputs.first().focus()

    def action_save(self) -> None:
        if self.facts.previous_number is None:
            self.dismiss(None)
            return
        self.dismiss(" ".join(self.query_one("#review-correction", SafeInput).value.split()))


def open_review(
    push: Callable[[ReviewModal, Callable[[str | None], None]], object],
    store: Store,
    store_thread: StoreThread,
    meeting_id: int,
    roles: Sequence[Role],
    tell: Callable[[str, bool], None],
    later: Callable[[Callable[[], object]], object],
) -> None:
    """Read the review's facts, show them, and record the approval given. `later` runs
    a call in the app's context (the store thread reports outside it, and a screen must
    be built inside it): the meeting screen's `call_later`."""

    def failed(error: RoundtableError) -> None:
        tell(error.message, True)

    def approved(correction: str | None) -> None:
        if correction is None:
            return

        def saved(approval: MinutesApproval) -> None:
            tell(approval_words(approval, approval.approved_number), False)

        store_thread.submit(
            lambda: store.approve_minutes(meeting_id, correction), done=saved, failed=failed
        )

    def read(facts: ReviewFacts) -> None:
        later(lambda: push(ReviewModal(facts, roles), approved))

    store_thread.submit(lambda: read_review(store, meeting_id), done=read, failed=failed)
