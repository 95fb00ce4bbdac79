"""Time-box arithmetic: every clock of a meeting, derived from its timestamps and `now`.

- `clocks`: reading the clocks (elapsed, remaining, phase, the box as a whole)
- `moves`: moving through the meeting (next item, pause, extend, rebalance, defer, end)

Nothing here counts ticks or reads a clock: callers pass `now` (from an injected
`Clock`), so a restarted app shows the right times and a stalled event loop cannot
make a clock drift. Operations return a new `Meeting`; the caller saves it.

CONTRACT (relied on by the UI and the CLI):

- The meeting box is wall-clock time from `started_at`; a break does not extend it.
  `used` = min(now, ended_at) - started_at.
- An item's elapsed time is the sum of its segments (an open one runs to `now`, or to
  `ended_at` once the meeting ended) minus their overlap with the meeting's pauses (an
  open pause runs to `now`). Its remaining time is planned minus elapsed: NORMAL while
  more than `warning_window` is left, WARNING down to zero, OVERRUN once negative.
- Projected end: now + max(current remaining, 0) + what every PENDING item has left of
  its plan (never below 0). A running break is assumed to end now; an ended meeting's
  projected end is its `ended_at`.
- Operations (`next_item`, `previous_item`, `pause`, `resume`, `extend`, `rebalance`,
  `defer`, `restore_deferred`, `end`) are no-ops, returning the meeting unchanged, when
  they do not apply: on an ended meeting, pausing twice, resuming while running, going
  back from the first item, deferring a done item... An index outside the agenda is a
  programming error (IndexError), not a user error.
- Running order: the pending items after the current one, then those above it from the
  top (`running_order`). `next_item` without a current item starts the first pending
  one, if an item was taken back with `restore_deferred` after the last one was done.
- Operations clamp `now` to the latest timestamp already recorded, so a system clock
  stepping backwards cannot make segments or pauses overlap or run backwards.
- Minutes are whole minutes and a planned item never gets less than 1 minute.
- `box_view` costs O(items + pauses) (plus a log factor for items with many segments):
  it runs once a second.
"""

from __future__ import annotations

from roundtable.domain.timebox.clocks import (
    BoxView,
    ItemPhase,
    box_view,
    item_elapsed,
    item_phase,
    item_remaining,
    running_order,
    warning_window,
)
from roundtable.domain.timebox.moves import (
    apportion_minutes,
    defer,
    end,
    extend,
    new_meeting,
    next_item,
    pause,
    previous_item,
    rebalance,
    rebalance_minutes,
    restore_deferred,
    resume,
    spare_minutes,
)

__all__ = [
    "BoxView",
    "ItemPhase",
    "apportion_minutes",
    "box_view",
    "defer",
    "end",
    "extend",
    "item_elapsed",
    "item_phase",
    "item_remaining",
    "new_meeting",
    "next_item",
    "pause",
    "previous_item",
    "rebalance",
    "rebalance_minutes",
    "restore_deferred",
    "resume",
    "running_order",
    "spare_minutes",
    "warning_window",
]
