"""Printing for a person or a program: safe lines, fixed-width columns, JSON."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from roundtable.domain.text import terminal_safe

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = ["clip", "clock_text", "columns", "day_text", "out", "print_json", "whole"]


def out(text: str = "") -> None:
    """Print `text` for a person: control characters in it are made visible."""
    print(terminal_safe(text))


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def columns(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A fixed-width table; the last column is not padded."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header) - 1)]

    def line(cells: Sequence[str]) -> str:
        padded = [cell.ljust(width) for cell, width in zip(cells, widths, strict=False)]
        return "  ".join([*padded, cells[-1]]).rstrip()

    return [line(header), *(line(row) for row in rows)]


def print_json(value: object) -> None:
    import json  # only the --json listings need it
    import re

    text = json.dumps(value, ensure_ascii=False, indent=2)
    # json escapes C0 controls but not DEL, the C1 range (which holds CSI), the bidi
    # controls or lone surrogates; escaped, they read the same to a JSON parser.
    text = re.sub(
        "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]",
        lambda m: f"\\u{ord(m.group()):04x}",
        text,
    )
    sys.stdout.write(text + "\n")


def clock_text(minutes: float) -> str:
    whole = int(minutes)
    return f"{whole // 60}:{whole % 60:02d}"


def whole(amount: Decimal | None, *, signed: bool = False) -> str:
    """An amount in whole currency units for a table cell, grouped the current
    language's way: `12,500` (`+1,000`), German `12.500` (`+1.000`)."""
    # Babel and decimal: only tables of amounts.
    from decimal import MAX_PREC, ROUND_HALF_UP, Decimal, localcontext

    from roundtable.domain.l10n import format_number

    if amount is None:
        return "—"
    with localcontext() as context:
        context.prec = MAX_PREC  # any amount a store holds, however large, rounds
        rounded = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if signed:
        sign = "+" if rounded > 0 else "\u2212" if rounded < 0 else "±"
        return sign + format_number(abs(rounded))
    return format_number(rounded)


def day_text(day: date) -> str:
    """`day` as the chosen language writes a date (Babel loads on first use)."""
    from roundtable.domain.l10n import format_date

    return format_date(day)
