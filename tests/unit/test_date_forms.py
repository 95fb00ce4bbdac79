"""The medium dates roundtable writes itself are Babel's, day for day, and
`l10n.format_date` gives them without loading Babel."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest
from babel.dates import format_date as babel_format_date

from roundtable.domain import l10n
from roundtable.domain.date_forms import medium_date
from roundtable.i18n import LANGUAGES

# Every day a store plausibly holds, and the calendar's edges.
DAYS = [date(1990, 1, 1) + timedelta(days=n) for n in range(366 * 60)] + [
    date(1, 1, 1),
    date(9, 9, 9),
    date(999, 12, 31),
    date(9999, 12, 31),
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_its_medium_date_written_out(language: str) -> None:
    assert medium_date(date(2026, 11, 22), language) is not None


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_medium_date_is_babels_every_day(language: str) -> None:
    differing = [
        (day, medium_date(day, language), babel_format_date(day, "medium", locale=language))
        for day in DAYS
        if medium_date(day, language) != babel_format_date(day, "medium", locale=language)
    ]
    assert not differing, differing[:5]


def test_other_languages_are_left_to_babel() -> None:
    assert medium_date(date(2026, 11, 22), "fr") is None
    assert l10n.format_date(date(2026, 11, 22), language="fr") == "22 nov. 2026"


def test_a_medium_date_loads_no_babel() -> None:
    probe = (
        "import sys\n"
        "from datetime import date\n"
        "from roundtable.domain.l10n import format_date\n"
        "print(format_date(date(2026, 5, 6), language='en'),"
        " format_date(date(2026, 5, 6), language='de'))\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'babel'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == ["May 6, 2026 06.05.2026", "[]"]
