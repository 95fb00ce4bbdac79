"""Typed text in Markdown stays text: parsed back, it has the structure we wrote and
reads as typed (whitespace folded), whatever was typed."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from roundtable.domain.markdown import cell, inline, mermaid_label, plain

# GitHub's flavour without linkify: a bare URL becoming a link changes no structure,
# but its link text is normalised (punycode, percent-decoding), which a round-trip
# comparison would mistake for a change of text.
MD = MarkdownIt("gfm-like").disable("linkify")

HOSTILE = [
    "| pipes | in | text |",
    "**bold** and *em* and __under__ and _em_",
    "# not a heading",
    "## Kampagne #",
    "1. not a list",
    "2026) also not",
    "- not a bullet",
    "+ nor this",
    "* nor this",
    "> not a quote",
    "=====",
    "---",
    "***",
    "___",
    "```python",
    "~~~",
    "~~strike~~ and ~one~",
    "`code` and ``more``",
    "[link](http://example.com) and ![img](x.png) and [ref][1] and [^1]",
    "<script>alert(1)</script>",
    "<http://example.com> <b>bold</b> <!-- comment -->",
    "&amp; &lt; &#42; &#x2A; &copy",
    "Müller & Söhne",
    "back\\slash \\* \\",
    "trailing backslash \\",
    "line one\nline two\r\nline three\rfour",
    "tab\tseparated\vvertical\fform",
    "    indented code",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x9b2J \x00 \x7f",
    "emoji 🚀👩‍👩‍👧 flags 🇩🇪",
    "RTL עברית العربية \u202eevil\u202c \u2067iso\u2069",
    "lone surrogate \ud800 here",
    "$x^2$ and $$math$$",
    "a | b \\| c \\\\| d",
    "\\|",
    "[ ] not a task",
    "- [x] not done",
    "snake_case_name and _leading and trailing_",
    "Frühjahrs-Webinarreihe 2026-Q1",
    "12,000.00 EUR",
]


def only_text(children: list[Token]) -> str:
    """The text of an inline token's children; fails on anything but plain text."""
    kinds = {child.type for child in children}
    assert kinds <= {"text"}, kinds
    return "".join(child.content for child in children)


def paragraph_text(source: str) -> str:
    tokens = MD.parse(source)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert tokens[1].children is not None
    return only_text(tokens[1].children)


@pytest.mark.parametrize("typed", HOSTILE)
def test_paragraph_keeps_the_text_and_nothing_else(typed: str) -> None:
    assert paragraph_text(inline(typed)) == plain(typed)


@pytest.mark.parametrize("typed", HOSTILE)
def test_list_item_stays_one_item(typed: str) -> None:
    source = f"- {inline(typed)}\n- second\n"
    tokens = MD.parse(source)
    assert sum(t.type == "list_item_open" for t in tokens) == 2
    inlines = [t for t in tokens if t.type == "inline"]
    assert len(inlines) == 2
    assert inlines[0].children is not None
    assert only_text(inlines[0].children) == plain(typed)


@pytest.mark.parametrize("typed", HOSTILE)
def test_numbered_list_item_stays_one_item(typed: str) -> None:
    source = f"1. {inline(typed)}\n2. second\n"
    tokens = MD.parse(source)
    assert [t.type for t in tokens].count("list_item_open") == 2
    assert tokens[0].type == "ordered_list_open"


@pytest.mark.parametrize("typed", HOSTILE)
def test_heading_keeps_its_text(typed: str) -> None:
    tokens = MD.parse(f"### {inline(typed)}\n\nafter\n")
    assert [t.type for t in tokens][:3] == ["heading_open", "inline", "heading_close"]
    assert tokens[0].tag == "h3"
    assert tokens[1].children is not None
    assert only_text(tokens[1].children) == plain(typed)
    assert sum(t.type == "heading_open" for t in tokens) == 1


def table_cells(source: str) -> list[list[str]]:
    tokens = MD.parse(source)
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline":
            assert token.children is not None
            rows[-1].append(only_text(token.children))
    return rows


@pytest.mark.parametrize("typed", HOSTILE)
def test_table_cell_stays_one_cell(typed: str) -> None:
    source = f"| a | b | c |\n| --- | --- | --- |\n| {cell(typed)} | middle | {cell(typed)} |\n"
    assert table_cells(source) == [["a", "b", "c"], [plain(typed), "middle", plain(typed)]]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_round_trips_in_every_context(typed: str) -> None:
    shown = plain(typed)
    if shown:
        assert paragraph_text(inline(typed)) == shown
    table = f"| a | b |\n| --- | --- |\n| {cell(typed)} | {cell(typed)} |\n"
    assert table_cells(table) == [["a", "b"], [shown, shown]]
    tokens = MD.parse(f"- {inline(typed)}\n- b\n\n## {inline(typed)}\n")
    assert [t.type for t in tokens].count("list_item_open") == 2
    assert [t.type for t in tokens].count("heading_open") == 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("|*_`#[]<>&\\-+=.~$!\n")))
def test_markdown_punctuation_heavy_text_round_trips(typed: str) -> None:
    shown = plain(typed)
    if shown:
        assert paragraph_text(inline(typed)) == shown
    table = f"| a |\n| --- |\n| {cell(typed)} |\n"
    assert table_cells(table) == [["a"], [shown]]


@given(st.text())
def test_no_control_character_survives(typed: str) -> None:
    escaped = inline(typed)
    for char in escaped:
        assert unicodedata.category(char) not in {"Cc", "Cs"}, repr(char)
        assert char not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    escaped.encode("utf-8")  # lone surrogates would fail here


def test_controls_are_shown_not_dropped() -> None:
    assert plain("\x1b[31mrot\x1b[0m") == "\\x1b[31mrot\\x1b[0m"
    assert plain("a\x9bb") == "a\\x9bb"
    assert plain("evil\u202eabc") == "evil\\u202eabc"
    assert paragraph_text(inline("\x1b[2J")) == "\\x1b[2J"


def test_line_breaks_fold_to_one_line() -> None:
    assert inline("Zeile eins\r\nZeile zwei\n\n- drei") == "Zeile eins Zeile zwei - drei"
    assert "\n" not in inline("a\nb\u2028c\u2029d\x85e")


@pytest.mark.parametrize(
    "typed",
    [
        "Frühjahrs-Webinarreihe",
        "Müller & Söhne",
        "lead_score",
        "2026-Q1",
        "Budget: 12,000.00 EUR (Q1)",
        "Hamburg ↔ München",
        "„Wartung 2026“ wird nicht verlängert.",
    ],
)
def test_ordinary_text_is_left_readable(typed: str) -> None:
    assert inline(typed) == typed


def test_only_structural_positions_are_escaped() -> None:
    assert inline("1. Quartal") == "1\\. Quartal"
    assert inline("2026 und 1. Quartal") == "2026 und 1. Quartal"
    assert inline("- Punkt") == "\\- Punkt"
    assert inline("Kampagne #3") == "Kampagne \\#3"
    assert inline("C#") == "C#"
    assert inline("*wichtig*") == "\\*wichtig\\*"
    assert inline("<b>") == "\\<b>"
    assert inline("&amp;") == "\\&amp;"


MERMAID_HOSTILE = [
    *HOSTILE,
    "Kampagnen: Ergebnisse; #1 %% Kommentar",
    "section Gefahr",
    "title Neu",
    "```\nfence break\n```",
    "click a1 call alert()",
    "}%% {init: {'theme': 'dark'}}%%",
]


@pytest.mark.parametrize("typed", MERMAID_HOSTILE)
def test_mermaid_labels_cannot_break_the_chart(typed: str) -> None:
    label = mermaid_label(typed)
    assert not re.search(r"[:;#%`{}<>\"\\\n\r]", label)
    assert all(unicodedata.category(char) not in {"Cc", "Cs"} for char in label)
    source = (
        f"```mermaid\ngantt\n    dateFormat HH:mm\n    1. {label} :p1, 09:00, 15m\n```\n\nafter\n"
    )
    tokens = MD.parse(source)
    assert [t.type for t in tokens][:1] == ["fence"]
    assert tokens[0].info == "mermaid"
    assert tokens[0].content.count("\n") == 3


@given(st.text())
def test_mermaid_labels_are_one_clean_line(typed: str) -> None:
    label = mermaid_label(typed)
    assert not re.search(r"[:;#%`{}<>\"\\]", label)
    assert label == " ".join(label.split())
    assert all(unicodedata.category(char) not in {"Cc", "Cs"} for char in label)


def test_mermaid_label_keeps_words() -> None:
    assert mermaid_label("Kampagnen: Frühjahr") == "Kampagnen – Frühjahr"
    assert mermaid_label("Lead-Pipeline (Dialog)") == "Lead-Pipeline (Dialog)"
