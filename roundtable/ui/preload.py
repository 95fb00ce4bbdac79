"""What the keys of a running meeting open, imported once its screen is up.

`roundtable start` paints the meeting screen with only the modules that screen draws;
the forms, dialogs and screens its keys open are imported half a second later
(`preload`), before its first clock tick. A reinstall while the meeting runs (the
README's second line) removes the old files before it writes the new ones: by then
everything a key can open is in memory, so no key meets a missing module
(tests/ui/test_reinstall.py). What a loaded module imports inside a function must be
named here (tests/unit/test_preload.py checks).
"""

from __future__ import annotations

import importlib
import sys

__all__ = ["KEY_MODULES", "PRELOAD_AFTER_SECONDS", "preload"]

KEY_MODULES: tuple[str, ...] = (
    "roundtable.domain.campaigns",
    "roundtable.domain.chair",
    "roundtable.domain.minutes.gather",
    "roundtable.store.discard",
    "roundtable.ui.palette",
    "roundtable.ui.screens.actions.action_items",
    "roundtable.ui.screens.campaigns.scoreboard",
    "roundtable.ui.screens.dialogs.attendance",
    "roundtable.ui.screens.dialogs.cadence",
    "roundtable.ui.screens.dialogs.confirm",
    "roundtable.ui.screens.dialogs.deferred_offer",
    "roundtable.ui.screens.dialogs.help",
    "roundtable.ui.screens.forms.action_edit",
    "roundtable.ui.screens.forms.action_form",
    "roundtable.ui.screens.forms.budget_form",
    "roundtable.ui.screens.forms.decision_form",
    "roundtable.ui.screens.forms.note_form",
    "roundtable.ui.screens.home.home",
    "roundtable.ui.screens.home.minutes_preview",
    "roundtable.ui.screens.home.past_meetings",
    "roundtable.ui.screens.meeting.discard",
    "roundtable.ui.screens.meeting.ending",
    "roundtable.ui.screens.meeting.log",
    "roundtable.ui.screens.meeting.presentation",
    "roundtable.ui.screens.record.budgets",
    "roundtable.ui.screens.record.review",
    "roundtable.ui.screens.roles.offer",
    "roundtable.ui.screens.roles.roles",
    "roundtable.ui.screens.statistics",
    "roundtable.ui.widgets.cut_impact",
    "roundtable.ui.widgets.scoreboard",
)
"""Every module a key of the meeting screen (or of the app above it) opens (the capture
steps, the palette, the roles notice the next item may give, what starting the next
meeting needs), and what the store imports only when it discards a meeting."""

PRELOAD_AFTER_SECONDS = 0.5
"""When, after the meeting screen mounts, to import them: its first frame and the
carry-over's title are out by then, and its first clock tick comes after."""


def preload() -> None:
    """Import `KEY_MODULES` (those not imported yet), on the event loop: until they are,
    a key waits for them, as it would for its own module. A module that fails to import
    is left to fail again, visibly, when its key is pressed."""
    for name in KEY_MODULES:
        if name in sys.modules:
            continue
        try:
            importlib.import_module(name)
        except ImportError:
            continue
