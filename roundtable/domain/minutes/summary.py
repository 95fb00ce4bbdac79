"""The summary the minutes open with: what a manager reads when they read nothing
else (decisions, new action items by owner, budget changes, what awaits sign-off,
what was deferred, time used against the box)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from roundtable.domain.markdown import inline, plain
from roundtable.domain.meeting import ItemState
from roundtable.domain.minutes.sections import budget_phrase
from roundtable.domain.minutes.text import text_or_dash
from roundtable.i18n import _, ngettext

if TYPE_CHECKING:
    from roundtable.domain.minutes.render import Minutes

__all__ = ["summary"]


def summary(m: Minutes) -> str:
    data = m.data
    none = _("none")
    decisions = ngettext("{count} decision", "{count} decisions", len(data.decisions)).format(
        count=len(data.decisions)
    )
    by_owner: dict[str | None, list[str]] = defaultdict(list)
    for action in sorted(data.actions, key=lambda a: a.id):
        owner = action.owner if action.owner and plain(action.owner) else None
        by_owner[owner].append(inline(action.ref))
    owners = sorted(by_owner, key=lambda o: (o is None, m.owner(o, with_role=False).casefold()))
    new_actions = "; ".join(
        _("{owner}: {refs}").format(owner=m.owner(o, with_role=False), refs=", ".join(by_owner[o]))
        for o in owners
    )
    budgets = "; ".join(
        f"{inline(b.ref)} {budget_phrase(m, b, with_signoff=False)}"
        for b in sorted(data.budgets, key=lambda b: b.id)
    )
    waiting = ", ".join(inline(w.budget.ref) for w in data.waiting)
    deferred = "; ".join(
        text_or_dash(item.title) for item in m.meeting.items if item.state is ItemState.DEFERRED
    )
    facts = [
        (_("Decisions"), decisions),
        (_("New action items"), new_actions or none),
        (_("Budget changes"), budgets or none),
        (_("Awaiting management sign-off"), waiting or none),
        (_("Deferred"), deferred or none),
        (_("Time used"), m.time_box()),
    ]
    lines = [_("- **{label}:** {value}").format(label=label, value=value) for label, value in facts]
    return "## " + _("Summary") + "\n\n" + "\n".join(lines)
