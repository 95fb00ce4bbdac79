"""Text typed by people, written into Markdown so it stays text.

A decision, an owner's name or a budget note may hold anything: pipes, asterisks,
a leading `1.`, `<script>`, `&amp;`, backticks, line breaks, terminal escape
sequences. Written into the minutes as they are, they would open lists, tables,
links or HTML, or carry control characters into a reader's terminal. The functions
here escape just enough for CommonMark and GitHub/GitLab Flavored Markdown that the
rendered text is exactly what was typed (whitespace folded onto one line), while
the Markdown source stays readable for people who get it by mail.
"""

from __future__ import annotations

import re

__all__ = ["cell", "inline", "mermaid_label", "plain"]

# C0 controls except the whitespace ones folded below, DEL, the C1 controls (CSI
# among them), the bidi embeddings/overrides/isolates that can make text display in
# another order than it is stored, and lone surrogates (not encodable as UTF-8).
_HIDDEN = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)

# Always escaped: they open code, emphasis, strikethrough, links, HTML, tables or
# math (GitHub renders `$…$`), and the backslash itself.
_ALWAYS = frozenset("\\`*~[]<|$")

# An entity reference like `&amp;` or `&#42;`: its `&` is escaped so it shows as typed.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")

# What makes a line a list item, heading, quote, thematic break or setext underline
# when it comes first on a line.
_LINE_START = re.compile(r"[-+=>]|[0-9]{1,9}(?=[.)])")

# The characters that carry syntax in a Mermaid gantt line: `:` starts the task data,
# `#` and `;` end it, `%%` starts a comment, braces open directives, backticks could
# end the code fence, quotes and angle brackets are kept out of labels for safety.
_MERMAID_SYNTAX = re.compile(r"[:#;%{}`\"<>\\]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def plain(text: str) -> str:
    """`text` as a reader of the minutes sees it: hidden characters shown as escapes
    like `\\x1b`, every run of whitespace (line breaks too) folded into one space."""
    return " ".join(_HIDDEN.sub(_visible, text).split())


def inline(text: str) -> str:
    """`text` as Markdown source for the middle of a paragraph, list item, heading or
    table cell: it renders as `plain(text)` and cannot change the structure."""
    shown = plain(text)
    out: list[str] = []
    last = len(shown) - 1
    for index, char in enumerate(shown):
        if char in _ALWAYS:
            out.append("\\" + char)
        elif char == "_":
            # Between two letters or digits `_` can neither open nor close emphasis
            # (`lead_score` stays as typed); anywhere else it could.
            intraword = (
                0 < index < last and shown[index - 1].isalnum() and shown[index + 1].isalnum()
            )
            out.append(char if intraword else "\\_")
        elif char == "#" and (index == 0 or shown[index - 1] == " "):
            # A `#` after a space could close a heading (`## Kampagne #` loses it).
            out.append("\\#")
        elif char == "&" and _ENTITY.match(shown, index):
            out.append("\\&")
        else:
            out.append(char)
    escaped = "".join(out)
    start = _LINE_START.match(escaped)
    if start is not None:
        # Written at the start of a line, `- x`, `1. x`, `> x` or `===` would be read as
        # structure; escaping the marker (`1\. x`) keeps it text wherever it lands.
        if escaped[0].isdigit():
            return escaped[: start.end()] + "\\" + escaped[start.end() :]
        return "\\" + escaped
    return escaped


def cell(text: str) -> str:
    """`text` as the content of a GFM table cell (pipes escaped, all on one line)."""
    return inline(text)


def mermaid_label(text: str) -> str:
    """`text` as a Mermaid gantt task or section label: hidden characters dropped, and
    the characters Mermaid reads as syntax replaced by spaces (a colon by a dash)."""
    shown = " ".join(_HIDDEN.sub("", text).split())
    shown = shown.replace(":", " – ")
    return " ".join(_MERMAID_SYNTAX.sub(" ", shown).split())
