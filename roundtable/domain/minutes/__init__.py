"""Meeting → Markdown: the minutes the team sends round without editing.

`gather_minutes` reads what the minutes show from the store, as it stood when the
meeting ended (`gather`); `render_minutes` turns that into CommonMark with GitHub/GitLab
extensions (tables, task lists, a Mermaid gantt chart), the same text for the same
input (`render`, `sections`, `campaigns`). Everything anyone typed goes through
`roundtable.domain.markdown`, so it shows as typed and cannot change the structure.

The names below are loaded from their modules when first used: the meeting screen
needs `attendance` for its first frame, not the reading and rendering of the minutes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_MODULE_OF = {
    "BudgetWaiting": "model",
    "Change": "model",
    "EarlierAction": "model",
    "MinutesInput": "model",
    "changes_since_last_meeting": "gather",
    "gather_minutes": "gather",
    "render_minutes": "render",
}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
