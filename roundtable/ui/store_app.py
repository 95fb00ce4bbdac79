"""What the meeting app and the follow app share: a store, its thread, the watch on it.

Both apps own an open store, the thread that runs its calls (`StoreThread`) and the
watch that tells every screen when the store changed (`live.StoreWatcher`), show the
wall clock of one time zone, and switch between a dark and a light theme with ctrl+t.
Each starts its watcher when it mounts, and resumes the garbage collector the
`roundtable` command paused for its start (`roundtable.collector`) once its first screen
is up. The theme chosen last is remembered (`preferences`); screenshots go to a folder
that exists, and the app says which.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import tzinfo
from pathlib import Path, PurePath
from typing import ClassVar, cast

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import Theme

from roundtable import collector
from roundtable.domain.clock import Clock, system_clock
from roundtable.domain.config import TeamConfig
from roundtable.i18n import N_, _
from roundtable.store.store import Store
from roundtable.ui.context import AppContext
from roundtable.ui.key_names import key_display
from roundtable.ui.live import POLL_SECONDS, StoreWatcher
from roundtable.ui.preferences import Preferences, screenshot_folder
from roundtable.ui.store_thread import StoreThread
from roundtable.ui.undo import UndoStack

__all__ = ["DARK_THEME", "LIGHT_THEME", "WIDGETS_CSS", "StoreApp"]

DARK_THEME = "textual-dark"
LIGHT_THEME = "roundtable-light"

ROUNDTABLE_LIGHT = Theme(
    # Textual's light theme on white rather than grey, with the colours a little
    # deeper so figures in green, amber and red keep their contrast on a projector.
    name=LIGHT_THEME,
    primary="#004578",
    secondary="#0178D4",
    accent="#B35C00",
    warning="#C77700",
    error="#BA3C5B",
    success="#1E8A48",
    foreground="#1A1A1A",
    background="#FFFFFF",
    surface="#F7F7F7",
    panel="#EBEBEB",
    dark=False,
    variables={"footer-key-foreground": "#0178D4"},
)


_UI = Path(__file__).parent

WIDGETS_CSS = _UI / "widgets" / "widgets.tcss"
"""The styles of the widgets several screens or apps mount (the footer, the campaign
scoreboard); every app lists it, a test's host app too."""


class StoreApp(App[None]):
    """An app around one open store: its thread, its watcher and the theme key."""

    # Absolute, so subclasses defined elsewhere (benches, tests) find them too. Each
    # screen's styles sit beside it; the app loads them all, in this order, because a
    # screen shown as the app's first one never has its own CSS_PATH loaded.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        _UI / "app.tcss",
        WIDGETS_CSS,
        _UI / "screens" / "home" / "home.tcss",
        _UI / "screens" / "meeting" / "display.tcss",
        _UI / "screens" / "meeting" / "meeting.tcss",
        _UI / "screens" / "actions" / "action_items.tcss",
        _UI / "screens" / "dialogs" / "dialogs.tcss",
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footer: the meeting keys need its room; help and the palette list it.
        Binding("ctrl+t", "toggle_theme", N_("Light/dark"), id="toggle-theme", show=False),
    ]

    def __init__(
        self,
        config: TeamConfig,
        store: Store,
        clock: Clock = system_clock,
        *,
        timezone: tzinfo | None = None,
        poll_seconds: float = POLL_SECONDS,
        preferences: Preferences | None = None,
    ) -> None:
        """`preferences` are the user's, remembered between runs (default: none, kept
        in memory only)."""
        super().__init__()
        self.config = config
        self.store = store
        self.clock = clock
        self.timezone = timezone
        """The room's wall clock for times shown; None for the machine's local time."""
        self.store_thread = StoreThread()
        self.context = AppContext(config, store, self.store_thread, clock, timezone, UndoStack())
        """What every screen works with, handed down as one value."""
        self.watcher = StoreWatcher(self, store, poll_seconds)
        self.preferences = preferences or Preferences()
        self.register_theme(ROUNDTABLE_LIGHT)
        remembered = self.preferences.theme
        self.theme = remembered if remembered in self.available_themes else DARK_THEME
        self.collector_resume_seconds = collector.RESUME_AFTER_SECONDS
        """When, after mounting, to resume the collector if the command paused it."""

    def _on_mount(self) -> None:
        # Textual's own hook, not `on_mount`: subclasses define that and need not call up.
        if collector.paused():
            self.set_timer(self.collector_resume_seconds, collector.resume)
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        # Whichever way it was chosen: ctrl+t, or the palette's theme list.
        if theme.name != self.preferences.theme:
            self.preferences.save_theme(theme.name)

    def get_key_display(self, binding: Binding) -> str:
        """Keys by the names on the reader's keyboard (`Strg+P` in German)."""
        return key_display(binding)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands in the reader's language (its words are in our catalog:
        `key_names.TEXTUAL_MESSAGES`). Its "Keys" panel is left out: it lists binding
        descriptions untranslated, and every screen's help (`?`) lists the same keys in
        the reader's language."""
        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                continue
            yield SystemCommand(
                _(command.title), _(command.help), command.callback, command.discover
            )

    def action_command_palette(self) -> None:
        """Textual's command palette, its prompt in the reader's language."""
        if self.use_command_palette and not CommandPalette.is_open(cast(App[object], self)):
            from roundtable.ui.palette import Palette

            self.push_screen(Palette(id="--command-palette", placeholder=_("Search for commands…")))

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = LIGHT_THEME if self.theme != LIGHT_THEME else DARK_THEME

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """Save a screenshot (ctrl+p, Screenshot) to the downloads folder, or the home
        or current folder when there is none, and say where; in a browser the browser
        downloads it."""
        if self.is_web:
            return super().deliver_screenshot(filename, path, time_format)
        from textual._files import generate_datetime_filename

        folder = Path(path) if path else screenshot_folder()
        target = folder / (filename or generate_datetime_filename(self.title, ".svg", time_format))
        try:
            target.write_text(self.export_screenshot(), encoding="utf-8")
        except OSError as error:
            self.notify(
                _("The screenshot could not be saved to {path}: {reason}").format(
                    path=target, reason=error.strerror or error
                ),
                title=_("Screenshot"),
                severity="error",
                markup=False,
            )
            return None
        self.notify(
            _("Screenshot saved to {path}").format(path=target),
            title=_("Screenshot"),
            markup=False,
        )
        return None
