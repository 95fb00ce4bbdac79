"""The keys a screen offers, as the help modal lists them."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import App
from textual.binding import Binding, BindingType

from roundtable.i18n import _

__all__ = ["key_help", "key_hint"]


def key_help(bindings: Sequence[BindingType], app: App[object]) -> list[tuple[str, str]]:
    """(keys, description) for each described binding, the description in the current
    language (bindings carry it marked, not translated: see `roundtable.i18n.N_`);
    several keys joined with " / "."""
    rows = []
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        keys = [
            app.get_key_display(Binding(key.strip(), binding.action))
            for key in binding.key.split(",")
        ]
        rows.append((" / ".join(keys), _(binding.description)))
    return rows


def key_hint(bindings: Sequence[BindingType], app: App[object]) -> str:
    """One line naming each described binding's first key and what it does, as a
    border hint shows it: `⏎ Done/reopen · w Owner`, in German `⏎ Erledigt/wieder
    öffnen · w Zuständig`; keys by the names the app gives them."""
    parts = []
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        key = app.get_key_display(Binding(binding.key.split(",")[0].strip(), binding.action))
        parts.append(f"{key} {_(binding.description)}")
    return " · ".join(parts)
