"""How many lines a table cell's text wraps to, counted without drawing it.

A table of hundreds of wrapped rows (a decade's carry-over) must know every row's height
before it can lay out its first frame. Rich's `Text.wrap` builds a styled `Text` per
line to tell; here only the line breaks are counted, from the plain string, with Rich's
own rules: where `divide_line` (which `Text.wrap` breaks lines with) would break, or, for
text whose every character is one cell wide, by the same steps with `len` for the width.
"""

from __future__ import annotations

import re

from rich._wrap import divide_line
from rich.cells import _is_single_cell_widths, cell_len
from rich.text import Text

__all__ = ["wrapped_lines"]

TAB_SIZE = 8
"""A console's tab size, which a `Text` without its own uses when drawn."""

_WORD = re.compile(r"\s*\S+\s*")
"""A word and the space after it (the first one with the space before it), as Rich's."""


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
    elif len(line) <= width and line.isascii():
        # An ASCII line is never wider than its length: it fits.
        return 1
    if _is_single_cell_widths(line):
        return 1 if len(line) <= width else _single_cell_lines(line, width, fold=fold)
    if cell_len(line) <= width:
        return 1
    return len(divide_line(line, width, fold=fold)) + 1


def _single_cell_lines(line: str, width: int, *, fold: bool) -> int:
    """`divide_line`'s breaks + 1 for a line whose characters are one cell each."""
    breaks = offset = 0
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            if fold:
                # Cut into pieces of the width; a break before each but a line's first.
                pieces = -(-len(word) // width)
                breaks += pieces if start else pieces - 1
                offset = len(word) - (pieces - 1) * width
            else:
                breaks += 1 if start else 0
                offset = len(word)
        elif offset and start:
            breaks += 1
            offset = len(word)
    return breaks + 1
