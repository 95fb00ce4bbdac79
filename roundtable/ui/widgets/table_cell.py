"""A table cell that becomes a `Text` only when its row is drawn.

A table of hundreds of rows (a decade's carry-over) draws the few on screen; building a
styled `Text` for every row up front cost more than drawing those. The cell keeps its
text and style, tells how many lines it wraps to without drawing (`wrapped_lines`), and
is drawn as the `Text` it would have been.
"""

from __future__ import annotations

from rich.control import strip_control_codes
from rich.style import Style
from rich.text import Text

from roundtable.ui.widgets.wrapped_lines import wrapped_lines

__all__ = ["Cell"]


class Cell:
    """`Text(text, style=style, end="", overflow=...)`, made when drawn."""

    __slots__ = ("fold", "plain", "style")

    def __init__(self, text: str, style: Style | str = "", *, fold: bool = True) -> None:
        # As a `Text` drops the control codes it cannot show (asked only of text that has
        # any: dropping them goes through the text character by character).
        self.plain = text if text.isprintable() else strip_control_codes(text)
        """The text as drawn."""
        self.style = style
        self.fold = fold
        """A word longer than the width is cut into lines (else cut with an ellipsis)."""

    def lines(self, width: int) -> int:
        """The lines the cell's text wraps to at `width` cells."""
        return wrapped_lines(self.plain, width, fold=self.fold)

    def __rich__(self) -> Text:
        return Text(
            self.plain, style=self.style, end="", overflow="fold" if self.fold else "ellipsis"
        )

    def __str__(self) -> str:
        return self.plain

    def __repr__(self) -> str:
        return f"Cell({self.plain!r})"
