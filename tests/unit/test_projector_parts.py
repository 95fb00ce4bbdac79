"""The pieces under the projector view: the box's state in one word, the scaled block
digits, names cut in the middle, and the remembered theme."""

from __future__ import annotations

import json
from pathlib import Path

from rich.cells import cell_len

from roundtable.domain.box_state import BoxState, box_state
from roundtable.domain.timebox import box_view, next_item
from roundtable.ui.preferences import FOLLOW_THEME, Preferences, screenshot_folder
from roundtable.ui.widgets.countdown import clock_lines, clock_scale
from roundtable.ui.widgets.plain import middle_ellipsis
from tests.unit.test_timebox import at, start

# --- the box in one word -----------------------------------------------------------------


def test_box_is_ok_while_the_plan_fits_with_room() -> None:
    meeting = start(15, 30, 30, timebox=180)
    assert box_state(box_view(meeting, at(5))) is BoxState.OK


def test_box_is_tight_while_an_overrun_eats_the_spare_time() -> None:
    meeting = start(15, 30, 30, timebox=180)
    # Twenty minutes over the first item: the plan still fits into three hours.
    view = box_view(meeting, at(35))
    assert view.projected_end <= view.planned_end
    assert box_state(view) is BoxState.TIGHT


def test_box_is_tight_in_its_last_quarter_hour() -> None:
    meeting = start(15, 30, timebox=60)
    meeting = next_item(meeting, at(15))
    assert box_state(box_view(meeting, at(40))) is BoxState.OK
    assert box_state(box_view(meeting, at(45))) is BoxState.TIGHT


def test_box_is_over_once_the_rest_does_not_fit_or_the_time_is_up() -> None:
    meeting = start(15, 30, 30, 25, 40, 25, 15)  # 180 minutes: no room to spare
    assert box_state(box_view(meeting, at(16))) is BoxState.OVER
    short = start(15, timebox=15)
    assert box_state(box_view(short, at(15.5))) is BoxState.OVER


# --- the block digits ------------------------------------------------------------------


def test_digits_scale_to_the_room_and_never_overflow() -> None:
    for width, height in ((40, 5), (80, 12), (154, 28), (230, 40), (17, 3)):
        scale = clock_scale("12:34", width, height)
        assert scale is not None, (width, height)
        lines = clock_lines("12:34", width, height)
        assert len(lines) == height
        assert all(cell_len(line) == width for line in lines)
    # Bigger room, bigger digits.
    assert clock_scale("12:34", 80, 12) < clock_scale("12:34", 230, 40)  # type: ignore[operator]


def test_digits_too_small_for_blocks_become_one_plain_line() -> None:
    assert clock_scale("12:34", 16, 3) is None
    lines = clock_lines("12:34", 16, 2)
    assert [line.strip() for line in lines if line.strip()] == ["12:34"]


def test_a_figure_with_a_sign_keeps_its_height_when_a_little_too_wide() -> None:
    # "+12:34" is four pixels wider; a pixel one cell narrower keeps it as tall.
    assert clock_scale("12:34", 40, 5) == (2, 2)
    assert clock_scale("+12:34", 40, 5) == (1, 2)


# --- names cut in the middle -------------------------------------------------------------


def test_names_sharing_a_long_beginning_stay_apart() -> None:
    first = "Whitepaper Predictive Maintenance 2025"
    second = "Whitepaper Predictive Maintenance 2026"
    for width in (12, 20, 34):
        a, b = middle_ellipsis(first, width), middle_ellipsis(second, width)
        assert a != b
        assert cell_len(a) <= width and cell_len(b) <= width
        assert a.startswith("Whitep") and "…" in a
    assert middle_ellipsis("Messe Hannover", 20) == "Messe Hannover"


# --- what the app remembers ---------------------------------------------------------------


def test_the_theme_is_remembered_in_a_file_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "state" / "roundtable" / "preferences.json"
    assert Preferences.load(path).theme is None
    assert Preferences.load(path).save_theme("roundtable-light")
    assert json.loads(path.read_text()) == {"theme": "roundtable-light"}
    assert Preferences.load(path).theme == "roundtable-light"
    path.write_text('["not", "ours"]')
    assert Preferences.load(path).theme is None


def test_the_meeting_app_and_the_follow_view_keep_each_others_theme(tmp_path: Path) -> None:
    path = tmp_path / "preferences.json"
    # Both started before either chose: each writes its own key, never the other's.
    meeting, follow = Preferences.load(path), Preferences.load(path, FOLLOW_THEME)
    assert follow.save_theme("textual-dark")
    assert meeting.save_theme("roundtable-light")
    assert json.loads(path.read_text()) == {
        "follow_theme": "textual-dark",
        "theme": "roundtable-light",
    }
    assert Preferences.load(path, FOLLOW_THEME).theme == "textual-dark"


def test_an_unwritable_preferences_file_costs_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    preferences = Preferences.load(blocker / "preferences.json")
    assert not preferences.save_theme("roundtable-light")
    assert preferences.theme == "roundtable-light"


def test_screenshots_go_to_the_first_folder_that_exists(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    assert screenshot_folder([home / "Downloads", home, tmp_path]) == home
    (home / "Downloads").mkdir()
    assert screenshot_folder([home / "Downloads", home, tmp_path]) == home / "Downloads"
