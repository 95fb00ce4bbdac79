"""Widgets that draw again when the theme changes, and let go of it when they go.

Textual's `Signal` keeps each subscriber as the key of a weak dictionary whose value,
the callback, holds the subscriber: a widget that subscribed and was then removed stays
alive, with its screen and all it shows (a scoreboard of every campaign, every action
item), until the theme next changes. A widget that follows the theme through
`ThemeFollower` unsubscribes when it is unmounted.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.theme import Theme
from textual.widget import Widget

__all__ = ["ThemeFollower"]


class ThemeFollower(Widget):
    """A widget whose `follow_theme` callback runs after each change of theme while it is
    mounted. Listed after the widget's own base (`class T(FillTable, ThemeFollower)`):
    Textual takes component classes and CSS type names from the first bases only."""

    def follow_theme(self, callback: Callable[[Theme], object]) -> None:
        """Call `callback` with the new theme after each change (from `on_mount`)."""
        self.app.theme_changed_signal.subscribe(self, callback)

    def on_unmount(self) -> None:
        # Textual calls the handlers of every class along the MRO: a subclass's own
        # `on_unmount` does not replace this one.
        self.app.theme_changed_signal.unsubscribe(self)
