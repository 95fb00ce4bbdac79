"""Tables for the listing commands: fitted to the terminal, or CSV for a spreadsheet."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from roundtable.cli.context import config_location
from roundtable.cli.output import out
from roundtable.domain.config import Role
from roundtable.domain.config.remembered import remembered_roles
from roundtable.errors import RoundtableError

__all__ = ["known_roles", "print_csv", "print_table", "terminal_width"]

_NARROWEST = 20
_UNLIMITED = 1_000_000


def terminal_width() -> int:
    """The width tables must fit: `$COLUMNS` if set, else the terminal's; output into a
    pipe or a file is not cut to any width (a script reads whole rows)."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isascii() and columns.isdigit():
        return max(int(columns), _NARROWEST)
    if sys.stdout.isatty():
        # What shutil.get_terminal_size does once $COLUMNS is ruled out, without
        # importing shutil (and with it bz2 and lzma) for every listing.
        try:
            width = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            width = 0
        return max(width or 80, _NARROWEST)
    return _UNLIMITED


def print_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], flexible: Sequence[int]
) -> None:
    """A table that fits the terminal: the `flexible` (free-text) columns wrap between
    words, and nothing is left for the terminal to wrap mid-word. One write: a thousand
    separate prints cost an attendee milliseconds."""
    from roundtable.domain.tables import fit_table

    out("\n".join(fit_table(header, rows, terminal_width(), flexible)))


def print_csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """CSV on stdout in the current language's dialect (see `domain.tables`)."""
    from roundtable.domain.tables import csv_text

    sys.stdout.write(csv_text(header, rows))


def known_roles(args: argparse.Namespace) -> tuple[Role, ...]:
    """The roles, so tables show an owner by the role's title as the app does; none when
    the config does not load (the ids are shown then: a listing should not fail over a
    broken config, `roundtable check` is there for that)."""
    try:
        return remembered_roles(config_location(args).directory)
    except RoundtableError:
        return ()
