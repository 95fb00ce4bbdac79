"""How many lines a table cell's text wraps to, counted without drawing it.

A table of hundreds of wrapped rows (a decade's carry-over) must know every row's height
before it can lay out its first frame. Rich's `Text.wrap` builds a styled `Text` per
line to tell; here only the break offsets are computed, from the plain string, by the
very function `Text.wrap` breaks lines with (`divide_line`), so the count is the one the
table draws.
"""

from __future__ import annotations

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.text import Text

__all__ = ["wrapped_lines"]

TAB_SIZE = 8
"""A console's tab size, which a `Text` without its own uses when drawn."""


def wrapped_lines(text: str, width: int, *, fold: bool = True, no_wrap: bool = False) -> int:
    """The lines `Text(text).wrap(console, width)` gives `text` at `width` cells.

    `fold` as the text's overflow is "fold" (a word longer than the width is cut into
    pieces; else it keeps a line of its own and is cut there), `no_wrap` as the text's.
    """
    if "\n" not in text:
        return _lines_of(text, width, fold=fold, no_wrap=no_wrap)
    return sum(_lines_of(line, width, fold=fold, no_wrap=no_wrap) for line in text.split("\n"))


def _lines_of(line: str, width: int, *, fold: bool, no_wrap: bool) -> int:
    """The lines one line of text (no newline in it) wraps to."""
    if no_wrap:
        return 1
    if "\t" in line:
        expanded = Text(line)
        expanded.expand_tabs(TAB_SIZE)
        line = expanded.plain
    # A line that fits is one line (most cells of a table). An ASCII line is never wider
    # than its length, so it needs no measuring to tell.
    if (len(line) <= width and line.isascii()) or cell_len(line) <= width:
        return 1
    return len(divide_line(line, width, fold=fold)) + 1
