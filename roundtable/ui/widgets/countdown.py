"""The big countdown of the current item, readable from the back of the room."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.containers import Vertical
from textual.reactive import reactive, var
from textual.widget import Widget
from textual.widgets import Digits

from roundtable.domain.timebox import ItemPhase
from roundtable.ui.format import countdown_text
from roundtable.ui.widgets.plain import PlainLabel

__all__ = ["BigFigure", "Countdown", "big_lines"]

# A 3x5 block font; every pixel is drawn two cells wide so a digit is about as wide as
# it is tall on a terminal.
_FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": ("## ", " # ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", " ##", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    ":": (" ", "#", " ", "#", " "),
    "+": ("   ", " # ", "###", " # ", "   "),
    "-": ("   ", "   ", "###", "   ", "   "),
}
BIG_HEIGHT = 5


def big_lines(text: str) -> list[str]:
    """`text` in the block font, as five lines (characters it lacks are left out)."""
    glyphs = [_FONT[char] for char in text if char in _FONT]
    return [
        "  ".join(glyph[row].replace("#", "██").replace(" ", "  ") for glyph in glyphs)
        for row in range(BIG_HEIGHT)
    ]


class BigFigure(Widget):
    """A figure five lines tall, for the projector; colour and alignment from CSS."""

    value: reactive[str] = reactive("")

    def render(self) -> RenderResult:
        # No-break spaces: centring would otherwise trim the blank pixels at a line's
        # ends, and the lines of one figure would no longer line up.
        return Text("\n".join(big_lines(self.value)).replace(" ", "\u00a0"), end="")


class Countdown(Vertical):
    """Shows `remaining` as large digits (`+mm:ss` once it overruns) and styles itself
    by `phase` with the classes `-normal`, `-warning` and `-overrun`.

    Two more copies of the figure wait for other screen sizes, and the stylesheet picks
    the one shown: five-line block digits for the projector, one plain line when the
    terminal is too small for any big digits.
    """

    remaining: var[timedelta | None] = var[timedelta | None](None)
    phase: var[ItemPhase | None] = var[ItemPhase | None](None)

    def compose(self) -> ComposeResult:
        yield Digits("", id="countdown-digits")
        yield BigFigure(id="countdown-big")
        yield PlainLabel("", id="countdown-compact")

    @property
    def text(self) -> str:
        """What the countdown shows now (`""` without a current item)."""
        return self.query_one("#countdown-digits", Digits).value

    def watch_remaining(self, remaining: timedelta | None) -> None:
        text = "" if remaining is None else countdown_text(remaining)
        digits = self.query_one("#countdown-digits", Digits)
        if digits.value != text:
            digits.update(text)
            self.query_one("#countdown-big", BigFigure).value = text
            self.query_one("#countdown-compact", PlainLabel).show(text)

    def watch_phase(self, phase: ItemPhase | None) -> None:
        for candidate in ItemPhase:
            self.set_class(phase is candidate, f"-{candidate.value}")
