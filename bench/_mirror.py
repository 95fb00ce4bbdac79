"""The reference for the meeting screen's startup: the same widget tree with static
content and no store.

`dump(screen)` (run inside the real app, once the screen has settled) describes the
screen's widget tree: per widget its class name, the Textual class it is built on, the
names of the roundtable classes it is built on, its id and classes, its static content
(a label's text, a table's cells, a sparkline's data, a border's title, the lines a big
clock draws) and the DEFAULT_CSS of roundtable's own classes; and the screen's class
names and classes. `REFERENCE_APP` builds that tree again from the description with
plain Textual widgets under classes of the same names, each on classes named as the
roundtable classes it is built on, in the same order (the app's stylesheet selects by
those too: `MeetingDisplay #item-panel`, `BigClock`), on a screen of the same class
names and classes (`-wide`, `-very-tall`), so the app's stylesheet and the widgets'
default CSS apply alike; a big clock's lines are drawn as given, line by line, as the app
draws them. It pauses and resumes the collector as `roundtable start` does, and prints
the moment of its first frame. What it does not do is everything roundtable adds:
reading the store, computing the clocks and the forecast, the carry-over, the timers.
"""

from __future__ import annotations

import json
from typing import Any

from textual.geometry import Region
from textual.widget import Widget
from textual.widgets._footer import FooterKey

__all__ = ["REFERENCE_APP", "dump"]

_BUILT_IN = "textual."
_LEAF_BASES = ("DataTable", "Digits", "Sparkline", "Label", "Static", "Input", "Header", "Footer")


def _base(widget: Widget) -> type[Widget]:
    """The Textual class `widget` is built on (itself if it is one)."""
    for cls in type(widget).__mro__:
        if cls.__module__.startswith(_BUILT_IN) and issubclass(cls, Widget):
            return cls
    return Widget


def _own_bases(widget: Widget) -> list[str]:
    """roundtable's classes in the widget's MRO, most derived first (CSS type names)."""
    return [
        cls.__name__
        for cls in type(widget).__mro__
        if issubclass(cls, Widget) and not cls.__module__.startswith(_BUILT_IN)
    ]


def _text(widget: Widget) -> str:
    try:
        rendered = widget.render()
    except Exception:
        return ""
    plain = getattr(rendered, "plain", None)
    return plain if isinstance(plain, str) else str(rendered) if isinstance(rendered, str) else ""


def _node(widget: Widget, css: dict[str, str]) -> dict[str, Any]:
    base = _base(widget)
    name = type(widget).__name__
    if base is Widget and not widget.children:
        # Drawn line by line by its own code (the big countdown figures): the reference
        # draws the same lines, given, through the same line API (`_LINES`).
        width, height = widget.size
        lines = widget.render_lines(Region(0, 0, width, height)) if width and height else []
        node = {
            "name": name,
            "base": "Widget",
            "id": widget.id,
            "lines": [strip.text for strip in lines],
            "bases": _own_bases(widget),
        }
        node.update(classes=sorted(widget.classes), display=widget.display)
        return node
    if not type(widget).__module__.startswith(_BUILT_IN):
        css.setdefault(name, type(widget).DEFAULT_CSS)
    node: dict[str, Any] = {
        "name": name,
        "bases": _own_bases(widget),
        "base": base.__name__,
        "id": widget.id,
        "classes": sorted(widget.classes),
        "display": widget.display,
        "border_title": str(widget.border_title or ""),
    }
    kind = base.__name__
    if kind in ("DataTable",):
        table: Any = widget
        node["columns"] = [str(column.label.plain) for column in table.ordered_columns]
        node["rows"] = [
            [str(getattr(cell, "plain", cell)) for cell in table.get_row_at(index)]
            for index in range(table.row_count)
        ]
    elif kind == "Digits":
        node["value"] = getattr(widget, "value", "")
    elif kind == "Sparkline":
        node["data"] = list(getattr(widget, "data", None) or [])
    elif kind in ("Label", "Static"):
        node["text"] = _text(widget)
    elif kind == "Input":
        node["text"] = getattr(widget, "value", "")
    elif kind == "Footer":
        # Its keys, as the reference's screen must bind them for its footer to show the
        # same ones (the palette's key every footer shows by itself).
        node["keys"] = [
            [key.key, key.key_display, key.description]
            for key in widget.query(FooterKey)
            if not key.has_class("-command-palette")
        ]
    if kind not in _LEAF_BASES:
        node["children"] = [_node(child, css) for child in widget.children]
    return node


def dump(screen: Widget) -> str:
    """The screen's widget tree, its title and the CSS of roundtable's classes, as JSON."""
    css: dict[str, str] = {}
    # The screen's toast rack and tooltip are Textual's own, made for any screen.
    tree = [
        _node(child, css)
        for child in screen.children
        if not (child.id or "").startswith("textual-")
    ]
    return json.dumps(
        {
            "screen": type(screen).__name__,
            "screen_bases": _own_bases(screen),
            "screen_classes": sorted(screen.classes),
            "title": getattr(screen, "title", "") or "",
            "sub_title": getattr(screen, "sub_title", "") or "",
            "css": css,
            "tree": tree,
        }
    )


REFERENCE_APP = """
from roundtable import collector
collector.pause()
import json, sys, time
from pathlib import Path
from textual import widgets, containers
from textual.app import App
from textual.screen import Screen
from textual.widget import Widget

spec = json.loads(Path(sys.argv[1]).read_text())
import os
CSS_PATHS = [Path(path) for path in sys.argv[2].split(os.pathsep)]
BASES = {name: getattr(widgets, name, None) or getattr(containers, name, None) or Widget
         for name in {"Widget"}}
_made = {}

def cls_for(node):
    base_name = node["base"]
    base = getattr(widgets, base_name, None) or getattr(containers, base_name, None)
    if base is None:
        import textual.widget as w
        base = getattr(w, base_name, Widget)
    name = node["name"]
    if name == base_name:
        return base
    chain = list(reversed(node.get("bases") or [name]))
    cls = base
    for own in chain:
        key = (own, cls)
        if key not in _made:
            _made[key] = type(own, (cls,), {"DEFAULT_CSS": spec["css"].get(own, "")})
        cls = _made[key]
    return cls

from rich.segment import Segment
from textual.strip import Strip

class _Lines:
    # A big figure's lines as the app draws them: one strip a line, in the widget's style.
    def render_line(self, y):
        width = self.content_size.width
        if not 0 <= y < len(self._lines):
            return Strip.blank(width, self.rich_style)
        return Strip([Segment(self._lines[y], self.rich_style)], width)

def build(node):
    cls = cls_for(node)
    kind = node["base"]
    common = {"id": node["id"], "classes": " ".join(node["classes"]) or None}
    if "lines" in node:
        made = type(cls.__name__, (_Lines, cls), {})(**common)
        made._lines = node["lines"]
    elif kind in ("Label", "Static"):
        made = cls(node.get("text", ""), markup=False, **common)
    elif kind == "Digits":
        made = cls(node.get("value", ""), **common)
    elif kind == "Sparkline":
        made = cls(node.get("data", []), **common)
    elif kind == "Input":
        made = cls(node.get("text", ""), **common)
    elif kind == "DataTable":
        made = cls(**common)
        made._static = (node.get("columns", []), node.get("rows", []))
    elif kind in ("Header", "Footer"):
        made = cls(**{k: v for k, v in common.items() if k == "id"})
    else:
        made = cls(*[build(child) for child in node.get("children", [])], **common)
    made.display = node["display"]
    if node.get("border_title"):
        made.border_title = node["border_title"]
    return made

from textual.binding import Binding

FOOTER_KEYS = [key for node in spec["tree"] for key in node.get("keys", [])]

class Reference(Screen):
    # The keys the meeting screen's footer shows, so this footer shows the same.
    BINDINGS = [
        Binding(key, f"key_{number}", description, key_display=shown)
        for number, (key, shown, description) in enumerate(FOOTER_KEYS)
    ]

    def compose(self):
        for node in spec["tree"]:
            yield build(node)

    def on_mount(self):
        self.title = spec["title"]
        self.sub_title = spec["sub_title"]
        for table in self.query("*"):
            static = getattr(table, "_static", None)
            if static is not None:
                columns, rows = static
                table.add_columns(*columns)
                table.add_rows(rows)

for _own in reversed(spec.get("screen_bases") or [spec["screen"]]):
    Reference = type(_own, (Reference,), {})

class ReferenceApp(App):
    CSS_PATH = CSS_PATHS  # the app's stylesheets, absolute, as the app names them

    def on_mount(self):
        self.set_timer(collector.RESUME_AFTER_SECONDS, collector.resume)
        self.push_screen(Reference(classes=" ".join(spec.get("screen_classes", [])) or None))
        self.call_after_refresh(self.painted)

    def painted(self):
        print(time.time(), flush=True)
        print(time.time(), flush=True)  # its first frame is its settled screen
        self.exit()

ReferenceApp().run(headless=True, size=(160, 48))
"""
