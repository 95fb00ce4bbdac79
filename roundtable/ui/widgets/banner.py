"""A one-line banner across the meeting screen: a break, what no longer fits the box, or
the box is used up."""

from __future__ import annotations

from roundtable.ui.widgets.plain import PlainLabel

__all__ = ["Banner"]


class Banner(PlainLabel):
    """Shown (class `-shown`) only while it has something to say; `kind` picks the
    style (`-paused`, `-over`, `-done`, `-late`: what no longer fits the box)."""

    def say(self, text: str, kind: str = "") -> None:
        """Show `text` styled as `kind`; an empty text hides the banner."""
        self.show(text)
        self.set_class(bool(text), "-shown")
        for candidate in ("paused", "over", "done", "late"):
            self.set_class(candidate == kind, f"-{candidate}")
