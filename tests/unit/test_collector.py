"""The garbage collector is paused for startup and resumed once, and only by us."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from roundtable import collector


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    collector.resume()
    gc.enable()


def test_pause_turns_it_off_and_resume_back_on() -> None:
    collector.pause()
    assert not gc.isenabled()
    assert collector.paused()
    frozen = gc.get_freeze_count()
    collector.resume()
    assert gc.isenabled()
    assert not collector.paused()
    # What startup made is out of the collector's reach from then on.
    assert gc.get_freeze_count() >= frozen


def test_a_collector_someone_else_turned_off_stays_off() -> None:
    gc.disable()
    collector.pause()
    assert not collector.paused()
    collector.resume()
    assert not gc.isenabled()


def test_resume_without_pause_changes_nothing() -> None:
    collector.resume()
    assert gc.isenabled()
    assert not collector.paused()


def test_a_command_that_stays_paused_freezes_what_exists_before_it_exits() -> None:
    collector.pause()
    before = gc.get_freeze_count()
    collector.finish()
    # Frozen: the collection Python makes at exit does not walk it.
    assert gc.get_freeze_count() > before
    gc.unfreeze()


def test_an_app_that_resumed_the_collector_is_collected_at_exit_as_usual() -> None:
    collector.pause()
    collector.resume()
    gc.unfreeze()
    collector.finish()
    assert gc.get_freeze_count() == 0
