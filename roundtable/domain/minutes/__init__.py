"""Meeting → Markdown: the minutes the team sends round without editing.

`gather_minutes` reads what the minutes show from the store, as it stood when the
meeting ended (`gather`); `render_minutes` turns that into CommonMark with GitHub/GitLab
extensions (tables, task lists, a Mermaid gantt chart), the same text for the same
input (`render`, `sections`, `campaigns`). Everything anyone typed goes through
`roundtable.domain.markdown`, so it shows as typed and cannot change the structure.
"""

from roundtable.domain.minutes.gather import changes_since_last_meeting, gather_minutes
from roundtable.domain.minutes.model import (
    BudgetWaiting,
    Change,
    EarlierAction,
    MinutesInput,
)
from roundtable.domain.minutes.render import render_minutes

__all__ = [
    "BudgetWaiting",
    "Change",
    "EarlierAction",
    "MinutesInput",
    "changes_since_last_meeting",
    "gather_minutes",
    "render_minutes",
]
