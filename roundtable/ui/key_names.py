"""Keys as the reader's keyboard names them, and Textual's own words in our catalog.

Textual shows keys the English way (`^p`, `space`, `del`) and words of its own (the
footer's "palette", the command palette's "Theme", "Quit", "Search for commands…").
`StoreApp.get_key_display` and `StoreApp.get_system_commands` pass them through here, so
German readers see the names printed on their keys (`Strg+P`, `Leertaste`, `Entf`) and
German words, and English stays as Textual shows it.
"""

from __future__ import annotations

from functools import cache

from textual.binding import Binding
from textual.keys import format_key

from roundtable.i18n import N_, NP_, _

__all__ = ["TEXTUAL_MESSAGES", "key_display", "textual_descriptions"]

_KEY_NAMES = {
    "space": NP_("key name", "space"),
    "escape": NP_("key name", "esc"),
    "delete": NP_("key name", "del"),
    "insert": NP_("key name", "insert"),
    "home": NP_("key name", "home"),
    "end": NP_("key name", "end"),
    "pageup": NP_("key name", "pgup"),
    "pagedown": NP_("key name", "pgdn"),
    "tab": NP_("key name", "tab"),
}
"""Keys whose printed name differs between keyboards (German: Leertaste, Entf, Bild↑…)."""

_SPELLED = {
    "enter": NP_("key name", "enter"),
    "space": NP_("key name", "space"),
    "escape": NP_("key name", "esc"),
    "esc": NP_("key name", "esc"),
    "delete": NP_("key name", "del"),
    "del": NP_("key name", "del"),
    "tab": NP_("key name", "tab"),
}
"""Key names a binding spells out in its `key_display` (`o` shown as "enter", the key
that opens the row): English as written, German by the keycap."""

_MODIFIERS = {
    "shift": NP_("key name", "shift"),
    "alt": NP_("key name", "alt"),
    "meta": NP_("key name", "meta"),
    "super": NP_("key name", "super"),
}

_CTRL = NP_("key name", "^{key}")
"""A key held with ctrl: `^p` in English, `Strg+P` in German."""

TEXTUAL_MESSAGES = (
    N_("palette"),
    N_("Open the command palette"),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
    N_("Search for commands…"),
)
"""Textual's English words that reach the screen, marked so the catalog has them;
`_()` translates them where they are shown."""


def key_display(binding: Binding) -> str:
    """How `binding`'s key is shown: its own `key_display` if it sets one (a symbol
    such as `+` or `?` as it is, a spelled-out key such as "enter" in the reader's
    words), else the key's name on the reader's keyboard."""
    if binding.key_display:
        spelled = _SPELLED.get(binding.key_display)
        return _(spelled) if spelled is not None else binding.key_display
    modifiers, key = binding.parse_key()
    name = _(_KEY_NAMES[key]) if key in _KEY_NAMES else format_key(key)
    if "ctrl" in modifiers:
        modifiers.remove("ctrl")
        template = _(_CTRL)
        if not template.startswith("^") and len(name) == 1:
            # Caret notation writes the letter small; a spelled-out modifier names the
            # keycap, which is a capital (`Strg+P`).
            name = name.upper()
        name = template.format(key=name)
    return "+".join([*(_(_MODIFIERS.get(m, m)) for m in modifiers), name])


@cache
def textual_descriptions(widget_class: type) -> frozenset[str]:
    """The binding descriptions `widget_class` inherits from Textual's own classes
    (`DataTable`'s "Cursor down", `Screen`'s "Focus next"): English, and not ours."""
    found: set[str] = set()
    for cls in widget_class.__mro__:
        if not cls.__module__.startswith("textual."):
            continue
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.description:
                found.add(binding.description)
    return frozenset(found)
