"""Terminal tables that fit the width, and CSV that a spreadsheet (and `csv`) reads back."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from roundtable.domain.tables import csv_decimal, csv_text, fit_table

HEADER = ["REF", "OWNER", "TEXT"]
ROWS = [
    [
        "A-1",
        "Sales Marketing (Absatzmarketing)",
        "Leads aus der Webinarreihe nachfassen und bewerten",
    ],
    ["A-22", "Jana Richter", "Kurz"],
]


def test_a_table_that_fits_is_left_alone() -> None:
    lines = fit_table(HEADER, ROWS, 200, flexible={1, 2})
    assert lines[0].split() == HEADER
    assert lines[1].endswith("Leads aus der Webinarreihe nachfassen und bewerten")
    assert len(lines) == 3


def test_a_narrow_terminal_wraps_text_between_words() -> None:
    lines = fit_table(HEADER, ROWS, 60, flexible={1, 2})
    assert all(len(line) <= 60 for line in lines)
    # Every word of every cell is whole on some line: wrapped between words only.
    whole_words = {word for row in (HEADER, *ROWS) for cell in row for word in cell.split()}
    assert {word for line in lines for word in line.split()} <= whole_words
    first_row = [line for line in lines[1:] if not line.startswith("A-22")]
    assert len(first_row) > 1
    # Continuation lines leave the other columns empty.
    assert all(line.startswith(" " * 5) for line in first_row[1:])


def test_even_narrower_clips_instead_of_letting_the_terminal_wrap() -> None:
    lines = fit_table(HEADER, ROWS, 20, flexible={1, 2})
    assert all(len(line) <= 20 for line in lines)


def test_csv_reads_back_with_quotes_semicolons_and_line_breaks() -> None:
    rows = [["A-1", 'Sagt "ja"; dann\nzweite Zeile', csv_decimal(Decimal("1234.50"), "de")]]
    german = csv_text(["REF", "TEXT", "AMOUNT"], rows, "de")
    read = list(csv.reader(io.StringIO(german, newline=""), delimiter=";"))
    assert read == [["REF", "TEXT", "AMOUNT"], ["A-1", 'Sagt "ja"; dann\nzweite Zeile', "1234,50"]]
    english = csv_text(["N"], [[csv_decimal(Decimal("95.5"), "en")]], "en")
    assert list(csv.reader(io.StringIO(english, newline=""))) == [["N"], ["95.5"]]


def test_csv_shows_control_characters_instead_of_sending_them() -> None:
    text = csv_text(["TEXT"], [["rot \x1b[31m"]], "en")
    assert "\x1b" not in text and "\\x1b[31m" in text


def test_csv_cells_that_a_spreadsheet_would_run_stay_text() -> None:
    cells = ["=1+1", "+A1", "-A1", "@SUM(A1)", "\t=1", "\r=1", "-12.5", "+3", "-1,5", "a=b"]
    text = csv_text(["X"] * len(cells), [cells], "en")
    [_header, row] = list(csv.reader(io.StringIO(text, newline="")))
    assert row == [
        "'=1+1",
        "'+A1",
        "'-A1",
        "'@SUM(A1)",
        "'\t=1",
        "'\n=1",
        "-12.5",
        "+3",
        "-1,5",
        "a=b",
    ]
