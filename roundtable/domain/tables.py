"""Tables for people and for spreadsheets: terminal tables that fit the window, and CSV.

A terminal table that is wider than the terminal gets wrapped by the terminal in the
middle of a word, and every following row is a mess. `fit_table` narrows the columns
that hold free text (wrapping them at word boundaries onto continuation lines) until the
table fits; if even that is not enough, lines are clipped with an ellipsis.

CSV is for controlling's spreadsheet: with German, the separator is `;` and decimals
have a comma, as a German spreadsheet expects; texts keep their line breaks and
quotes (the csv module quotes them).
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from roundtable.domain.text import terminal_safe
from roundtable.i18n import current_language

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = [
    "MAX_WORD_WIDTH",
    "MIN_TEXT_WIDTH",
    "csv_decimal",
    "csv_delimiter",
    "csv_text",
    "fit_table",
]

MIN_TEXT_WIDTH = 12
"""A free-text column is never narrowed below this (or its header)."""
MAX_WORD_WIDTH = 24
"""A word longer than this may be broken to keep a column narrow enough."""
_GAP = "  "


def fit_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int,
    flexible: Sequence[int] = (),
    optional: Sequence[int] = (),
) -> list[str]:
    """The table's lines, each at most `width` characters. `flexible` are the indexes of
    the free-text columns that may be narrowed and wrapped between words; the last of
    them (the main text) keeps about twice the width of the others. `optional` columns
    are left out, in that order, while the table is still too wide with the free text at
    its narrowest."""
    keep = list(range(len(header)))
    for dropped in (None, *optional):
        if dropped is not None:
            keep.remove(dropped)
        lines = _fitted(
            [header[i] for i in keep],
            [[row[i] for i in keep] for row in rows],
            width,
            [keep.index(i) for i in flexible if i in keep],
        )
        if lines is not None:
            return lines
    return [
        _clip(line, width)
        for line in _fitted(
            [header[i] for i in keep],
            [[row[i] for i in keep] for row in rows],
            width,
            [keep.index(i) for i in flexible if i in keep],
            force=True,
        )
        or []
    ]


def _fitted(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int,
    flexible: Sequence[int],
    *,
    force: bool = False,
) -> list[str] | None:
    """The lines with the free-text columns narrowed to fit; None when they cannot be
    narrowed enough (unless `force`: then as narrow as they go)."""
    count = len(header)
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(count)]
    floors = [
        _floor(i, header, rows, widths[i]) if i in flexible else widths[i] for i in range(count)
    ]
    weights = {i: (2 if i == flexible[-1] else 1) for i in flexible} if flexible else {}
    excess = sum(widths) + len(_GAP) * (count - 1) - width
    # A character at a time from the column widest for its weight: the main text keeps
    # about twice the room of an owner or a title.
    while excess > 0:
        candidates = [i for i in flexible if widths[i] > floors[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: (widths[i] / weights[i], i))
        widths[widest] -= 1
        excess -= 1
    if excess > 0 and not force:
        return None
    lines: list[str] = []
    for row in (header, *rows):
        lines.extend(_row_lines(row, widths, flexible))
    return lines


def _floor(index: int, header: Sequence[str], rows: Sequence[Sequence[str]], natural: int) -> int:
    """How narrow a free-text column may get: its header, and its longest word (up to
    `MAX_WORD_WIDTH`: longer ones are broken), never below `MIN_TEXT_WIDTH`."""
    longest = max((len(word) for row in rows for word in row[index].split()), default=0)
    return min(natural, max(len(header[index]), MIN_TEXT_WIDTH, min(longest, MAX_WORD_WIDTH)))


def _row_lines(row: Sequence[str], widths: Sequence[int], flexible: Collection[int]) -> list[str]:
    cells = [
        _wrap(cell, widths[i]) if i in flexible and len(cell) > widths[i] else [cell]
        for i, cell in enumerate(row)
    ]
    height = max(len(cell) for cell in cells)
    lines = []
    for n in range(height):
        parts = [cell[n] if n < len(cell) else "" for cell in cells]
        padded = [part.ljust(widths[i]) for i, part in enumerate(parts[:-1])]
        lines.append(_GAP.join([*padded, parts[-1]]).rstrip())
    return lines


def _wrap(text: str, width: int) -> list[str]:
    # Imported here: a table written into a pipe or a wide terminal wraps nothing.
    import textwrap

    # Words longer than the column are broken: better than pushing the column wider.
    return textwrap.wrap(text, width=width, break_on_hyphens=False) or [""]


def _clip(line: str, width: int) -> str:
    return line if len(line) <= width else line[: max(width - 1, 0)] + "…"


def csv_delimiter(language: str | None = None) -> str:
    """`;` where the decimal sign is a comma (German), else `,`."""
    return ";" if (language or current_language()) == "de" else ","


def csv_decimal(value: Decimal | float | int, language: str | None = None) -> str:
    """A number as a spreadsheet of the language reads it: no grouping, `,` as decimal
    sign in German."""
    # A Decimal in fixed point (never `1E+3`); ints and floats as Python writes them.
    text = str(value) if isinstance(value, int | float) else format(value, "f")
    return text.replace(".", ",") if (language or current_language()) == "de" else text


def csv_text(
    header: Sequence[str], rows: Sequence[Sequence[str]], language: str | None = None
) -> str:
    """The rows as CSV text with a header line; control characters in cells are made
    visible (line breaks and tabs stay: they are quoted)."""
    buffer = io.StringIO()
    import csv  # only CSV output needs it

    writer = csv.writer(buffer, delimiter=csv_delimiter(language), lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(cell) for cell in row])
    return buffer.getvalue()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""What makes a spreadsheet read a cell as a formula (or hide one behind a line end)."""
_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def _cell(text: str) -> str:
    # A lone CR would read back as a line end; keep it as a plain line break.
    cell = terminal_safe(text.replace("\r\n", "\n").replace("\r", "\n"))
    # Typed text such as "=HYPERLINK(…)" or "@SUM(…)" must stay text in a spreadsheet:
    # a leading apostrophe makes it so. A plain number (-12.5) cannot run anything.
    if cell.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell
