"""The footer, with each key's description in the current language.

Textual reads `BINDINGS` when a class is defined, so a description written as
`_("Start meeting")` is translated into the language current at *import* time. The CLI
chooses the language before it imports the UI, but a process that imports the UI first
and switches later (the tests, or anything embedding the app) would keep English
descriptions. So descriptions are translated again where they are shown: here, in the
help screen and in the command palette. `_()` of a text that is already translated
finds no entry and returns it unchanged, so this is right in both orders.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from roundtable.i18n import _

__all__ = ["Footer"]


class Footer(TextualFooter):
    """Textual's footer, showing binding descriptions through `_()`."""

    def compose(self) -> ComposeResult:
        # Textual builds the keys from the screen's active bindings; only the words change.
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = _(widget.description) if widget.description else ""
                if isinstance(widget.tooltip, str) and widget.tooltip:
                    widget.tooltip = _(widget.tooltip)
            yield widget
