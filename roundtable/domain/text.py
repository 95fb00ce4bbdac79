"""Text typed by people, made safe to show in a terminal.

Anyone's text (a decision, an owner's name, a line of a broken YAML file) may hold
escape sequences or other control characters; written to a terminal as they are,
they could move the cursor, retitle the window or hide what follows.
"""

from __future__ import annotations

import re

__all__ = ["single_line", "terminal_safe"]

# C0 controls except tab and newline, DEL, and the C1 controls (which include CSI);
# Unicode's bidi formatting characters (Bidi_Control), which reorder what follows them
# on the screen; and lone surrogates, which no terminal can be sent.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """`text` with every control character shown as a visible escape, like `\\x1b` or
    `\\u202e`."""
    return _CONTROL.sub(_escape, text)


def single_line(text: str) -> str:
    """`terminal_safe` text folded onto one line, for table cells."""
    return " ".join(terminal_safe(text).split())
