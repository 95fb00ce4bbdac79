"""A banner across the meeting screen: a break, what no longer fits the box, or the box
is used up; the keys that are the way out stand right beside the sentence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Self

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal

from roundtable.ui.widgets.plain import PlainLabel

__all__ = ["Banner", "banner_classes", "keys_text"]

KINDS = ("paused", "over", "done", "late")


def keys_text(keys: Sequence[tuple[str, str]]) -> Text:
    """`(key, what it does)` pairs as the footer shows keys: the key in reverse video,
    then its words."""
    text = Text(end="")
    for number, (key, what) in enumerate(keys):
        if number:
            text.append("  ")
        text.append(f" {key} ", style="bold reverse")
        text.append(f" {what}")
    return text


class Banner(Horizontal):
    """Shown (class `-shown`) only while it has something to say; `kind` picks the
    style (`-paused`, `-over`, `-done`, `-late`: what no longer fits the box)."""

    _said: tuple[str, str, tuple[tuple[str, str], ...]] | None = None
    """What `say` showed last: told it again each second, the banner does nothing."""

    def compose(self) -> ComposeResult:
        yield PlainLabel("", id="banner-text")
        yield PlainLabel("", id="banner-keys")

    @property
    def shown(self) -> str:
        """The sentence on screen."""
        return self.query_one("#banner-text", PlainLabel).shown

    @property
    def keys_shown(self) -> str:
        """The keys beside it, as plain text."""
        return self.query_one("#banner-keys", PlainLabel).shown

    def say(self, text: str, kind: str = "", keys: Sequence[tuple[str, str]] = ()) -> None:
        """Show `text` styled as `kind`, with `keys` (key, what it does) beside it; an
        empty text hides the banner."""
        said = (text, kind, tuple(keys))
        if said == self._said:
            return
        self._said = said
        self.query_one("#banner-text", PlainLabel).show(text)
        chips = self.query_one("#banner-keys", PlainLabel)
        chips.show(keys_text(keys) if text and keys else "")
        chips.display = bool(text and keys)
        # One batch: the sentence and the keys are restyled once, not per class.
        self.update_classes(banner_classes(text, kind))

    def start_with(self, text: str, kind: str = "") -> Self:
        """Before it is mounted: start with the classes of saying `text` as `kind`, so
        the first frame's styles are worked out once (`say` then shows the words)."""
        self.update_classes(banner_classes(text, kind), update=False)
        return self


def banner_classes(text: str, kind: str) -> dict[str, bool]:
    """The banner's classes while it says `text` as `kind`."""
    return {"-shown": bool(text), **{f"-{candidate}": candidate == kind for candidate in KINDS}}
