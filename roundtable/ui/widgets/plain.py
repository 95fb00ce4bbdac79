"""A label that shows text literally and repaints only when its text changes."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.widgets import Label

__all__ = ["MiddleEllipsis", "PlainLabel", "middle_ellipsis", "sized_label"]


class PlainLabel(Label):
    """A `Label` for data: never parses markup, and `show` skips unchanged text so a
    once-a-second refresh costs nothing when nothing moved."""

    def __init__(
        self,
        text: str | Text = "",
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(text, markup=False, id=id, classes=classes)
        self._shown: str | Text = text

    @property
    def shown(self) -> str:
        """The text on screen, without styles."""
        return self._shown.plain if isinstance(self._shown, Text) else self._shown

    def show(self, text: str | Text) -> None:
        """Show `text` (a `str` is shown as it is, a `Text` with its styles)."""
        if text == self._shown:
            return
        layout = len(str(text)) != len(str(self._shown))
        self._shown = text
        self.update(text, layout=layout)


def sized_label(text: str, classes: str, width: int) -> Label:
    """A markup-free `Label` `width` cells wide: for a column of labels sized to the
    longest one in the language shown."""
    label = Label(text, classes=classes, markup=False)
    label.styles.width = width
    return label


def middle_ellipsis(text: str, width: int) -> str:
    """`text` cut to `width` cells in the middle, its end kept: names that share a long
    beginning ("Whitepaper Predictive Maintenance 2025" and "… 2026") stay apart."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    tail_width = (width - 1) // 3
    tail = ""
    for char in reversed(text):
        if cell_len(char + tail) > tail_width:
            break
        tail = char + tail
    head = set_cell_size(text, width - 1 - cell_len(tail)).rstrip()
    return set_cell_size(f"{head}…{tail}", width).rstrip() if head else f"…{tail}"


class MiddleEllipsis:
    """A one-line `Text` that, given less room than it needs, is cut in the middle
    (`middle_ellipsis`) rather than at its end; for a table column of names."""

    def __init__(self, text: Text) -> None:
        self.text = text

    @property
    def plain(self) -> str:
        """The whole text, uncut."""
        return self.text.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if cell_len(self.text.plain) <= width:
            yield self.text
            return
        yield Text(
            middle_ellipsis(self.text.plain, width), style=self.text.style, end="", no_wrap=True
        )

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, cell_len(self.text.plain))
