"""Repainting a few cells without asking every widget on the screen for its lines.

Once a second the meeting screen repaints a few cells of its countdown. Textual's
compositor (8.x) then asks every widget whose *clip* (the region of its container)
touches those cells for its lines: the header, the footer, the agenda row, the forecast
line and every label of the item panel, a dozen widgets for one digit. Each answers from
its cache, but asking costs about as much as the repaint itself: the idle meeting
screen spent half its time there.

`PartialPaintCompositor` asks only the widgets whose visible part (region within clip)
touches the cells being repainted. The others have no cell inside them, so what the
terminal gets is the same. Only a partial repaint is narrowed; a full one is Textual's.
It leans on the compositor's private `_get_renders` and `visible_widgets`, so
`use_partial_paint` checks they are there and leaves Textual's compositor in place
otherwise (a later Textual then paints as before, only slower).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual._compositor import Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip

__all__ = ["PartialPaintCompositor", "use_partial_paint"]


class PartialPaintCompositor(Compositor):
    """Textual's compositor, asking only the widgets a partial repaint falls on."""

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:
            yield from super()._get_renders(crop)
            return
        overlaps = crop.overlaps
        for widget, (region, clip) in self.visible_widgets.items():
            visible = region.intersection(clip)
            if not overlaps(visible):
                continue
            # As Textual does: the whole widget when it shows whole, else its visible part.
            if clip.contains_region(region):
                part = Region(0, 0, region.width, region.height)
            else:
                part = Region(
                    visible.x - region.x, visible.y - region.y, visible.width, visible.height
                )
            yield region, clip, widget.render_lines(part)


def use_partial_paint(screen: Screen[Any]) -> None:
    """Give `screen` the narrowing compositor (call in its `__init__`), if this Textual's
    compositor is the one it was written for."""
    compositor = getattr(screen, "_compositor", None)
    if type(compositor) is not Compositor or not hasattr(compositor, "visible_widgets"):
        return
    screen._compositor = PartialPaintCompositor()
