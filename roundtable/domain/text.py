"""Text typed by people, made safe to show in a terminal.

Anyone's text (a decision, an owner's name, a line of a broken YAML file) may hold
escape sequences or other control characters; written to a terminal as they are,
they could move the cursor, retitle the window or hide what follows.
"""

from __future__ import annotations

import re

__all__ = ["single_line", "terminal_safe"]

# C0 controls except tab and newline, DEL, and the C1 controls (which include CSI).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """`text` with every control character shown as a visible escape, like `\\x1b`."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def single_line(text: str) -> str:
    """`terminal_safe` text folded onto one line, for table cells."""
    return " ".join(terminal_safe(text).split())
