"""Python's cyclic garbage collector, kept out of the way while roundtable starts.

Starting up makes a few hundred thousand objects that live as long as the process:
modules, classes, the config, the store's tables, the first screen's widgets. While they
are made, the collector walks them again and again and finds nothing to free: about a
tenth of the time to the meeting screen's first frame. So the `roundtable` command
pauses it before it imports anything (`pause`), and an app resumes it once its first
screen is up (`resume`), moving everything made until then out of the collector's reach
for good (`gc.freeze`): later collections walk only what the meeting itself makes.

A command that is not an app (`roundtable actions`, `done`, `export`…) ends within a
fraction of a second and leaves the collector paused; what it makes is plain data
without reference cycles, freed by reference counting as usual. Before it exits, it
freezes what exists (`finish`): Python collects once more at exit even with the
collector off, and that walk over every module, class and document the store read
finds nothing to free but cost `roundtable actions` a tenth of its time on a big store.
"""

from __future__ import annotations

import gc

__all__ = ["RESUME_AFTER_SECONDS", "finish", "pause", "paused", "resume"]

RESUME_AFTER_SECONDS = 1.0
"""How long after mounting an app resumes the collector: its first screen is up by then."""

_paused_here = False


def pause() -> None:
    """Pause the collector until `resume` (a no-op if it is off already)."""
    global _paused_here
    if gc.isenabled():
        gc.disable()
        _paused_here = True


def paused() -> bool:
    """Whether `pause` turned the collector off and nothing has resumed it yet."""
    return _paused_here


def resume() -> None:
    """Freeze what exists and turn the collector back on, if `pause` turned it off."""
    global _paused_here
    if _paused_here:
        _paused_here = False
        gc.freeze()
        gc.enable()


def finish() -> None:
    """Before the process exits: if the collector is still paused (a command, not an
    app), freeze what exists, so the collection at exit leaves it alone. Files and the
    store are closed by then (`with`); the operating system takes back the rest."""
    if _paused_here:
        gc.freeze()
