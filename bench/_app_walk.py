"""The meeting app walked through a meeting on a store as a user does it, headless, with
the peak resident memory (VmHWM) printed after each step: `label<TAB>kB` per line.

    python bench/_app_walk.py STORE

Started as `roundtable start` starts it (the collector paused first, the config as last
read), on a store with a meeting running at its first item. The steps, each with the
keys a user presses:

1. the meeting screen, settled (the carry-over list in the agenda's place, the footer's
   keys laid out, nothing left on the store thread);
2. `n` (until it is there): the campaign results item, its compact scoreboard shown;
3. `$`: the full scoreboard, then `down` through its first rows (each shows its detail
   and plots);
4. `escape`, `i`: the action items list, then its status filter set to All (`/` to the
   search field, `tab` to the status, `enter`, `down` x3, `enter`).

Run by `grown_store_bench.py memory`; it writes to the store (the step and the filter),
so give it a copy.
"""

# First, as the `roundtable` command does (roundtable.launch).
from roundtable import collector

collector.pause()

import asyncio  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

from textual.pilot import Pilot  # noqa: E402

from roundtable.domain.config.remembered_config import remembered_config  # noqa: E402
from roundtable.domain.locations import shipped_defaults_dir  # noqa: E402
from roundtable.store.store import Store  # noqa: E402
from roundtable.ui.app import RoundtableApp  # noqa: E402

STEP_SECONDS = 120.0
"""How long a step may take before the walk gives up (a big store on a busy machine)."""


def high_water_kb() -> int:
    # VmHWM, not ru_maxrss: the latter carries the high-water mark of the process this
    # one was forked from (the benchmark, which has read the store itself).
    with open("/proc/self/status") as status:
        return int(next(line.split()[1] for line in status if line.startswith("VmHWM:")))


async def until(pilot: Pilot[None], done: Callable[[], bool], what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + STEP_SECONDS
    while not done():
        if loop.time() > deadline:
            raise SystemExit(f"gave up waiting for {what}")
        await pilot.pause(0.05)
    await pilot.pause()


def report(label: str) -> None:
    print(f"{label}\t{high_water_kb()}", flush=True)


async def walk(app: RoundtableApp) -> None:
    from textual.widgets import Select

    from roundtable.domain.action_query import StatusFilter
    from roundtable.ui.screens.actions.action_items import ActionItemsScreen
    from roundtable.ui.screens.campaigns.scoreboard import ScoreboardScreen
    from roundtable.ui.screens.meeting.screen import MeetingScreen
    from roundtable.ui.widgets.carry_over import CarryOverTable
    from roundtable.ui.widgets.forecast import ForecastLine
    from roundtable.ui.widgets.scoreboard import CampaignScoreboard

    async with app.run_test(headless=True, size=(160, 48)) as pilot:

        def settled() -> bool:
            screen = app.screen
            if not isinstance(screen, MeetingScreen) or screen.view is None:
                return False
            forecast = all(line.usual is not None for line in screen.query(ForecastLine))
            carried = len(screen.carry_over.carried or [])
            rows_in = all(
                t.row_count == carried and not t._new_rows
                for t in screen.query(CarryOverTable)
                if t.display
            )
            return screen._carry_ready and forecast and rows_in and app.store_thread.pending == 0

        await until(pilot, settled, "the meeting screen")
        report("start (the meeting screen, settled)")

        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        from roundtable.ui.widgets.campaign_item import shows_campaigns

        while not shows_campaigns(meeting.meeting.current_item):
            await pilot.press("n")

        def board_shown() -> bool:
            boards = meeting.query(CampaignScoreboard)
            return bool(boards) and boards.first()._given is not None and boards.first().display

        await until(pilot, board_shown, "the campaign results item")
        report("n: the campaign results item")

        await pilot.press("dollar_sign")
        await until(
            pilot,
            lambda: isinstance(app.screen, ScoreboardScreen) and app.screen.data is not None,
            "the full scoreboard",
        )
        for _row in range(5):
            await pilot.press("down")
        await until(pilot, lambda: app.store_thread.pending == 0, "the scoreboard's detail")
        report("$: the full scoreboard, 5 rows down")

        await pilot.press("escape")
        await until(pilot, lambda: app.screen is meeting, "the meeting screen again")
        await pilot.press("i")
        await until(
            pilot,
            lambda: isinstance(app.screen, ActionItemsScreen) and app.screen._loaded,
            "the action items",
        )
        await pilot.press("slash", "tab", "enter", "down", "down", "down", "enter")
        screen = app.screen
        assert isinstance(screen, ActionItemsScreen)
        await until(
            pilot,
            lambda: screen.query_now.status is StatusFilter.ALL,
            "the status filter: All",
        )
        assert screen.query_one("#status", Select).value is StatusFilter.ALL
        await pilot.pause()
        report("i: the action items, all")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is meeting, "the meeting screen at last")


def main() -> None:
    config = remembered_config(shipped_defaults_dir(), "bench")
    with Store.open(Path(sys.argv[1])) as store:
        app = RoundtableApp(config, store, start=True)
        try:
            asyncio.run(walk(app))
        finally:
            app.store_thread.close()


if __name__ == "__main__":
    main()
