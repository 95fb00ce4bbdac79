"""A cell's wrapped height counted from its plain text is the height Rich draws it at:
the known answers, and Rich's own `Text.wrap` for texts that are hard to wrap."""

from __future__ import annotations

import random

import pytest
from rich.console import Console
from rich.text import Text

from roundtable.domain.text import single_line
from roundtable.ui.widgets.wrapped_lines import wrapped_lines

CONSOLE = Console(width=200)

TRICKY = [
    "",
    " ",
    "short",
    "Leadliste Frühjahrskampagne an den Vertrieb",
    "Umsatzschätzung Messe Hannover aktualisieren und mit dem Vertrieb abstimmen",
    # A word longer than any line, alone and after others.
    "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenhersteller",
    "Bitte https://example.com/a/very/long/path/that/never/breaks/anywhere/at/all prüfen",
    # Wide characters: two cells each, a line never splits one.
    "TextualはPythonの高速アプリケーション開発フレームワークです",
    "見積もりを更新する 見積もりを更新する 見積もりを更新する",
    # Emoji, one with a skin tone and a joined family (one grapheme, two cells).
    "Launch 🚀 party 🎉🎉🎉 with the team 👍🏽 and 👨‍👩‍👧 for the kick-off 🚀🚀🚀🚀",
    # Combining marks: the e and its accent are one cell.
    "Cafe\u0301 re\u0301sume\u0301 nai\u0308ve co\u0308operation Zu\u0308rich Mu\u0308nchen",
    # Tabs are expanded to the next stop before wrapping.
    "Owner:\tMonika\tdue\tFriday\tplease check the figures",
    "\t\tindented twice",
    # Newlines: each line wraps on its own, blank lines count.
    "first line\nsecond line that is quite a bit longer than the first\n\nlast",
    "ends with a newline\n",
    # Runs of spaces, leading and trailing.
    "   leading spaces and    several   between   words   and trailing   ",
    # Control characters as the table shows them: escaped (`single_line`).
    single_line("bell \x07 escape \x1b[31m red \x1b[0m and bidi \u202e override"),
    "x" * 300,
    "a " * 150,
]


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("width", [1, 2, 3, 7, 12, 20, 28, 42, 80])
@pytest.mark.parametrize("overflow", ["fold", "ellipsis"])
def test_lines_are_the_lines_rich_wraps_to(text: str, width: int, overflow: str) -> None:
    rich = Text(text, overflow=overflow, end="")  # type: ignore[arg-type]
    expected = len(rich.wrap(CONSOLE, width))
    assert wrapped_lines(text, width, fold=overflow == "fold") == expected


def test_known_answers() -> None:
    assert wrapped_lines("", 10) == 1
    assert wrapped_lines("fits exactly", 12) == 1
    assert wrapped_lines("one too long", 11) == 2  # "one too " / "long"
    # 68 letters fold into 20 + 20 + 20 + 8 at 20 cells; not folded, they keep one line.
    word = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenhersteller"
    assert wrapped_lines(word, 20) == 4
    assert wrapped_lines(word, 20, fold=False) == 1
    assert wrapped_lines("a " + word, 20, fold=False) == 2
    # Eleven wide characters are 22 cells: 5 + 5 + 1 characters at 10 cells (never 11).
    assert wrapped_lines("見" * 11, 10) == 3
    assert wrapped_lines("见" * 11, 11) == 3
    # The tab takes "ab" to the stop at 8: "ab      c" is 9 cells.
    assert wrapped_lines("ab\tc", 9) == 1
    assert wrapped_lines("ab\tc", 8) == 2
    assert wrapped_lines("one\n\nthree", 40) == 3
    assert wrapped_lines("one\n\nthree", 40, no_wrap=True) == 3
    assert wrapped_lines("many words that do not fit", 5, no_wrap=True) == 1


SINGLE_CELL = ["a", "bc", "Wort", "überfällig", "x" * 13, "Donaudampfschifffahrt"]
WIDER = ["見積", "🚀", "e\u0301"]


@pytest.mark.parametrize("pieces", [SINGLE_CELL, SINGLE_CELL + WIDER], ids=["single", "mixed"])
def test_lines_of_many_texts_are_the_lines_rich_wraps_to(pieces: list[str]) -> None:
    # Words of every length, runs of spaces, tabs, newlines, wide and zero-width
    # characters: every line break rule against Rich's own (seeded, so repeatable).
    generator = random.Random(15)
    for _ in range(400):
        words = generator.choices([*pieces, " ", "  ", "\t", "\n"], k=generator.randint(0, 30))
        text, width = "".join(words), generator.randint(1, 30)
        for overflow in ("fold", "ellipsis"):
            rich = Text(text, overflow=overflow, end="")  # type: ignore[arg-type]
            expected = len(rich.wrap(CONSOLE, width))
            assert wrapped_lines(text, width, fold=overflow == "fold") == expected, (text, width)
