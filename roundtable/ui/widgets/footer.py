"""The footer, with each key's description in the current language.

Textual reads `BINDINGS` when a class is defined, so a description written as
`_("Start meeting")` is translated into the language current at *import* time. The CLI
chooses the language before it imports the UI, but a process that imports the UI first
and switches later (the tests, or anything embedding the app) would keep English
descriptions. So descriptions are translated again where they are shown: here, in the
help screen and in the command palette. `_()` of a text that is already translated
finds no entry and returns it unchanged, so this is right in both orders.

A description that needs a context (`pgettext("key", "End")`: "Beenden", where the
campaign's end date is "Ende") keeps working here without a table of binding ids:
`pgettext` returns a `str` that remembers its context and English message, Textual
passes that same object through to the footer key, and `_()` translates it again in
that context (`roundtable.i18n._InContext`).

When the keys do not fit the width in Textual's roomy style, it switches to its compact
style by itself (one blank less around each key): on the projector the German words are
longer, and at 80 columns every column counts.

It is also cheaper to build than Textual's: on the meeting screen's first frame it was
the costliest widget (one widget per key, each restyled twice as it mounted, and the
whole row built again for every change of bindings before the first paint).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from roundtable.i18n import _, current_language

__all__ = ["Footer"]


class Footer(TextualFooter):
    """Textual's footer, showing binding descriptions through `_()`."""

    # Its one rule (no right margin for the palette key in the compact style) is in
    # widgets/widgets.tcss, which every app lists.

    _recompose_pending = False
    _roomy_width = 0
    """Cells the keys take in the roomy style (the compact style takes one less a key)."""
    _built: tuple[object, ...] | None = None
    """What the keys were built from (`_keys_wanted`), None before they are built."""

    def compose(self) -> ComposeResult:
        # Textual builds the keys from the screen's active bindings; only the words change.
        # Textual waits for the screen's first word on its bindings, a refresh after the
        # first frame; the bindings are known already, so the first frame shows the keys.
        self._bindings_ready = True
        self._built = self._keys_wanted()
        widgets = list(super().compose())
        keys = [widget for widget in widgets if isinstance(widget, FooterKey)]
        for key in keys:
            key.description = _(key.description) if key.description else ""
            if isinstance(key.tooltip, str) and key.tooltip:
                key.tooltip = _(key.tooltip)
        self._roomy_width = sum(_roomy_width(key) for key in keys)
        self._fit(self.size.width or self.app.size.width, now=False)
        for key in keys:
            if not key.has_class("-command-palette"):
                # A key bound to the footer starts compact and is switched back on
                # mount: two style updates per key for nothing. Start it as the footer
                # is. (The palette key is not bound; it keeps its default.)
                key.set_reactive(FooterKey.compact, self.compact)
        yield from widgets

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width, now=True)

    def _fit(self, width: int, *, now: bool) -> None:
        """Compact exactly when the keys do not fit `width` in the roomy style; `now`
        restyles at once (else only the state is set, for keys not built yet)."""
        compact = self._roomy_width > width
        if compact == self.compact:
            return
        if now:
            self.compact = compact
        else:
            self.set_reactive(TextualFooter.compact, compact)
            self.set_class(compact, "-compact", update=False)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Rebuild the keys once per refresh, however many times bindings changed."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self._built is not None and self._built == self._keys_wanted():
            return  # the keys shown are the ones wanted: nothing to build again
        if self.is_attached and screen is self.screen and not self._recompose_pending:
            # The row is built from the bindings as they are when it runs: later changes
            # before then are in it already.
            self._recompose_pending = True
            self.call_after_refresh(self._recompose_now)

    def _keys_wanted(self) -> tuple[object, ...]:
        """What the keys shown depend on: the bindings the footer shows, their state and
        the language they are read in."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return (
            current_language(),
            *(
                (binding.key, binding.action, binding.description, enabled, tooltip)
                for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
                if binding.show or key == palette
            ),
        )

    async def _recompose_now(self) -> None:
        self._recompose_pending = False
        await self.recompose()


def _roomy_width(key: FooterKey) -> int:
    """Cells `key` takes in Textual's roomy style: a blank either side of the key, one
    after the description, and the palette key's border and right padding."""
    width = cell_len(key.key_display) + 2
    if key.description:
        width += cell_len(key.description) + 1
    return width + (2 if key.has_class("-command-palette") else 0)
