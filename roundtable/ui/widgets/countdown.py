"""The big countdown of the current item, readable from the back of the room.

The digits are drawn in a 3x5 block font and scaled to the room the widget has: each
font pixel becomes `sx` cells across and `sy` half-rows down (upper and lower half
blocks, so a pixel is about square on a terminal). The largest scale that fits is
chosen whenever the size or the text changes; below the smallest (three rows) the
figure is one plain line, never cut.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from typing import Self

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.reactive import var
from textual.strip import Strip
from textual.widget import Widget

from roundtable.domain.timebox import ItemPhase
from roundtable.ui.format import countdown_text

__all__ = ["BigClock", "Countdown", "clock_lines", "clock_scale", "phase_classes"]

# Three pixels wide, five tall; `#` is ink.
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
FONT_HEIGHT = 5
_GAP = 1
"""Blank pixels between two glyphs."""


def _bitmap(text: str) -> list[str]:
    """`text` as rows of pixels (`#` ink, space blank); characters the font lacks are
    left out."""
    glyphs = [_FONT[char] for char in text if char in _FONT]
    return [(" " * _GAP).join(glyph[row] for glyph in glyphs) for row in range(FONT_HEIGHT)]


def _pixel_width(text: str) -> int:
    rows = _bitmap(text)
    return len(rows[0]) if rows else 0


def clock_scale(text: str, width: int, height: int) -> tuple[int, int] | None:
    """The largest (cells per pixel across, half-rows per pixel down) at which `text`
    fits `width` x `height` cells; None when not even the smallest does.

    Square pixels first; a pixel one cell narrower than tall comes next, so a figure
    that grows a sign (`+01:35`) stays as tall when the room is a little too narrow."""
    pixels = _pixel_width(text)
    if not pixels:
        return None
    for down in range(max(2 * height // FONT_HEIGHT, 0), 0, -1):
        rows = -(-FONT_HEIGHT * down // 2)
        if rows > height:
            continue
        for across in (down, down - 1):
            if across >= 1 and pixels * across <= width:
                return across, down
    return None


@lru_cache(maxsize=64)
def clock_lines(text: str, width: int, height: int) -> tuple[str, ...]:
    """`text` as big as it fits in `width` x `height` cells, centred, each line exactly
    `width` cells; one plain centred line when the room is too small for big digits."""
    if width <= 0 or height <= 0:
        return ()
    scale = clock_scale(text, width, height)
    if scale is None:
        lines = [text[:width].center(width)]
    else:
        # A new second draws a new text: glyph by glyph from a cache of drawn glyphs,
        # so that costs a few joins, not a pass over every cell.
        across, down = scale
        glyphs = [_glyph_lines(char, across, down) for char in text if char in _FONT]
        gap = " " * (_GAP * across)
        lines = [gap.join(rows).center(width) for rows in zip(*glyphs, strict=True)]
    blank = " " * width
    above = (height - len(lines)) // 2
    return tuple([blank] * above + lines + [blank] * (height - above - len(lines)))


@lru_cache(maxsize=64)
def _glyph_lines(char: str, across: int, down: int) -> tuple[str, ...]:
    """One glyph of the font drawn `across` cells per pixel wide and `down` half-rows per
    pixel tall, in lines of half blocks."""
    # Every pixel row repeated `down` times, in half-rows; two half-rows a line.
    halves = ["".join(pixel * across for pixel in row) for row in _FONT[char] for _ in range(down)]
    if len(halves) % 2:
        halves.append(" " * len(halves[0]))
    return tuple(
        "".join(_half_block(top, bottom) for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(halves[::2], halves[1::2], strict=True)
    )


def _half_block(top: str, bottom: str) -> str:
    if top == "#":
        return "█" if bottom == "#" else "▀"
    return "▄" if bottom == "#" else " "


class BigClock(Widget):
    """A figure drawn as large as the widget's size allows; colour from CSS.

    Drawn line by line (Textual's line API), and a new value repaints only the cells
    that differ: once a second that is the seconds' digits, not the whole figure.
    """

    value: var[str] = var("")

    _drawing: tuple[tuple[str, ...], Style, int] | None = None
    """The lines, their style and width while `render_lines` runs."""

    def watch_value(self, old: str, new: str) -> None:
        width, height = self.content_size
        if not width or not height:
            return
        before = clock_lines(old, width, height)
        after = clock_lines(new, width, height)
        changed = [
            (y, x)
            for y, (line_before, line_after) in enumerate(zip(before, after, strict=True))
            for x in _differing(line_before, line_after)
        ]
        if not changed:
            return
        rows = [y for y, _x in changed]
        columns = [x for _y, x in changed]
        left, top = min(columns), min(rows)
        self.refresh(Region(left, top, max(columns) - left + 1, max(rows) - top + 1))

    def render_lines(self, crop: Region) -> list[Strip]:
        # Lines, size and style once for all the lines of a pass: the style walks every
        # ancestor's styles, and a repaint draws up to a dozen lines.
        width, height = self.content_size
        self._drawing = (clock_lines(self.value, width, height), self.rich_style, width)
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = None

    def render_line(self, y: int) -> Strip:
        if self._drawing is None:
            width, height = self.content_size
            lines, style = clock_lines(self.value, width, height), self.rich_style
        else:
            lines, style, width = self._drawing
        if not 0 <= y < len(lines):
            return Strip.blank(width, style)
        return Strip([Segment(lines[y], style)], width)

    @property
    def ink_rows(self) -> int:
        """How many lines the figure takes on screen now (for tests and layout)."""
        width, height = self.content_size
        return sum(1 for line in clock_lines(self.value, width, height) if line.strip())


def _differing(before: str, after: str) -> list[int]:
    """The first and last column where two lines of one width differ (none if equal)."""
    if before == after:
        return []
    columns = [x for x, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    return [columns[0], columns[-1]]


class Countdown(BigClock):
    """Shows `remaining` as large digits (`+mm:ss` once it overruns) and styles itself
    by `phase` with the classes `-normal`, `-warning` and `-overrun`."""

    remaining: var[timedelta | None] = var[timedelta | None](None)
    phase: var[ItemPhase | None] = var[ItemPhase | None](None)

    @property
    def text(self) -> str:
        """What the countdown shows now (`""` without a current item)."""
        return self.value

    def watch_remaining(self, remaining: timedelta | None) -> None:
        self.value = "" if remaining is None else countdown_text(remaining)

    def start_in(self, phase: ItemPhase | None) -> Self:
        """Before it is mounted: start in `phase`, its class set (no restyle after)."""
        self.set_reactive(Countdown.phase, phase)
        self.update_classes(phase_classes(phase), update=False)
        return self

    def watch_phase(self, phase: ItemPhase | None) -> None:
        self.update_classes(phase_classes(phase))


def phase_classes(phase: ItemPhase | None, paused: bool | None = None) -> dict[str, bool]:
    """Which of `-normal`, `-warning`, `-overrun` (and, unless `paused` is None,
    `-paused`) a widget has in `phase`."""
    classes = {f"-{candidate.value}": phase is candidate for candidate in ItemPhase}
    if paused is not None:
        classes["-paused"] = paused
    return classes
