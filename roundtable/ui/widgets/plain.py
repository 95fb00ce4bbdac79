"""A label that shows text literally and repaints only when its text changes."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Label

__all__ = ["PlainLabel", "sized_label"]


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
