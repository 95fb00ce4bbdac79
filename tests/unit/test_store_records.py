"""The records on a real file: values that pass the journal's shape check but cannot be
used are refused naming file and field; a meeting's clock steps write only what moved;
a store of the old layout is migrated."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from roundtable.domain import timebox
from roundtable.domain.config import load_config
from roundtable.domain.entries import ActionItem, ActionStatus
from roundtable.domain.locations import shipped_defaults_dir
from roundtable.domain.meeting import Attendee
from roundtable.errors import StoreError
from roundtable.store import action_codec, meeting_codec
from roundtable.store.schema import SCHEMA_VERSION
from roundtable.store.store import Store
from tests.helpers.cli import run_roundtable
from tests.unit.conftest import START, FakeClock

ACTION = {
    "ref": "A-1",
    "text": "Leads nachfassen",
    "owner": "sales",
    "due": "2026-03-10",
    "status": "open",
    "meeting_id": None,
    "item_index": None,
    "opened_at": "2026-03-03T09:00:00+01:00",
    "closed_at": None,
    "closed_in": None,
}
BUDGET = {
    "meeting_id": 1,
    "item_index": 0,
    "area": "sales",
    "amount": "155000",
    "currency": "EUR",
    "period": "2026-Q1",
    "kind": "allocation",
    "from_area": None,
    "note": "",
    "needs_signoff": False,
    "at": "2026-03-03T09:30:00+01:00",
}
CAMPAIGN = {
    "name": "Frühjahrs-Webinarreihe",
    "owner": "marketing-communication",
    "channel": "webinar",
    "start": "2026-03-02",
    "end": "2026-04-10",
    "budget": "12000",
    "cost": "3000",
    "currency": "EUR",
    "status": "running",
    "note": "",
    "created_in": None,
}


def write_store(path: Path, tables: dict[str, Any], schema: int = SCHEMA_VERSION) -> bytes:
    content = (
        json.dumps({"roundtable": "store", "schema": schema}, separators=(",", ":")).encode()
        + b"\n"
        + json.dumps({"put": tables}).encode()
        + b"\n"
    )
    path.write_bytes(content)
    return content


def shipped_config() -> Any:
    return load_config(shipped_defaults_dir(), "the shipped defaults")


def a_meeting_in(store: Store, clock: FakeClock) -> Any:
    agenda = shipped_config().agenda("round-table")
    assert agenda is not None
    started = timebox.new_meeting(
        agenda, (Attendee("Katrin Vogel", "sales-marketing"),), "K", 1, clock()
    )
    return store.add_meeting(started)


# --- values that pass the shape check but cannot be used --------------------------------


def broken(doc: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**doc, **changes}


READS = {
    "actions": lambda store: store.actions(include_closed=True),
    "budgets": lambda store: store.budgets(),
    "campaigns": lambda store: store.campaigns(),
}

CASES = [
    # (what is read, tables, the field the message must name)
    ("actions", {"actions.0": {"1": broken(ACTION, due="99999-01-01")}}, "due"),
    ("actions", {"actions.0": {"1": broken(ACTION, due="9999-12-31")}}, "due"),
    (
        "actions",
        {"actions.0": {"1": broken(ACTION, opened_at="0001-01-01T00:00:00+05:00")}},
        "opened_at",
    ),
    ("actions", {"actions.0": {"1": broken(ACTION, text="Lead \ud800")}}, "text"),
    ("actions", {"actions.0": {"1": broken(ACTION, meeting_id=-1)}}, "meeting_id"),
    ("actions", {"actions.0": {"1": broken(ACTION, closed_in=2**70)}}, "closed_in"),
    ("actions", {"actions.0": {"1": broken(ACTION, status="half")}}, "status"),
    ("actions", {"actions.0": {"1": {k: v for k, v in ACTION.items() if k != "text"}}}, "text"),
    ("budgets", {"budgets.0": {"1": broken(BUDGET, amount="abc")}}, "amount"),
    ("budgets", {"budgets.0": {"1": broken(BUDGET, amount="1E+999999")}}, "amount"),
    ("budgets", {"budgets.0": {"1": broken(BUDGET, amount="1E-999999")}}, "amount"),
    ("budgets", {"budgets.0": {"1": broken(BUDGET, amount="NaN")}}, "amount"),
    ("budgets", {"budgets.0": {"1": broken(BUDGET, amount=155000)}}, "amount"),
    ("campaigns", {"campaigns.0": {"1": broken(CAMPAIGN, cost="1E+999999")}}, "cost"),
    ("campaigns", {"campaigns.0": {"1": broken(CAMPAIGN, start="0000-01-01")}}, "start"),
    ("campaigns", {"campaigns.0": {"1": broken(CAMPAIGN, name=["x"])}}, "name"),
]


@pytest.mark.parametrize(("what", "tables", "field"), CASES)
def test_a_value_that_cannot_be_used_is_refused_naming_file_and_field(
    path: Path, what: str, tables: dict[str, Any], field: str
) -> None:
    content = write_store(path, tables)
    with Store.open(path, read_only=True) as store, pytest.raises(StoreError) as caught:
        READS[what](store)
    assert str(path) in caught.value.message
    assert f"field {field}" in caught.value.message
    assert path.read_bytes() == content


def test_a_document_id_that_is_no_number_is_refused(path: Path) -> None:
    # "²" passes str.isdigit, and int() refuses it.
    content = write_store(path, {"actions.0": {"²": ACTION}})
    # Refused at open (the journal checks ids) or at first use: either way, named.
    with pytest.raises(StoreError) as caught, Store.open(path, read_only=True) as store:
        store.actions()
    assert str(path) in caught.value.message and "'²'" in caught.value.message
    with pytest.raises(StoreError), Store.open(path) as store:
        store.add_action("Neu", None, None, None, None)
    assert path.read_bytes() == content


@pytest.mark.parametrize("last", ["x", -3, 2**60, 1.5, True])
def test_a_counter_that_is_no_usable_number_is_refused(path: Path, last: object) -> None:
    content = write_store(path, {"meta": {"1": {"actions": last}}})
    with Store.open(path) as store, pytest.raises(StoreError) as caught:
        store.add_action("Neu", None, None, None, None)
    assert str(path) in caught.value.message and repr(last) in caught.value.message
    assert path.read_bytes() == content


def test_a_meeting_pointing_past_its_items_is_refused(path: Path, clock: FakeClock) -> None:
    with Store.open(path, clock=clock) as store:
        meeting = a_meeting_in(store, clock)
    data = path.read_bytes().replace(b'"current":0', b'"current":99')
    path.write_bytes(data)
    with Store.open(path, read_only=True) as store, pytest.raises(StoreError) as caught:
        store.meeting(meeting.id)
    assert "field current" in caught.value.message


def test_amounts_the_store_could_not_read_back_are_not_written(
    path: Path, clock: FakeClock
) -> None:
    from decimal import Decimal

    from roundtable.domain.entries import BudgetKind
    from roundtable.errors import UsageError

    with Store.open(path, clock=clock) as store:
        meeting = a_meeting_in(store, clock)
        before = path.read_bytes()
        with pytest.raises(UsageError):
            store.add_budget(
                meeting.id,
                0,
                area="sales",
                amount=Decimal("1E+20"),
                currency="EUR",
                period="2026-Q1",
                kind=BudgetKind.ALLOCATION,
            )
        with pytest.raises(UsageError):
            store.add_action("Neu", None, date(9999, 12, 31), None, None)
    assert path.read_bytes() == before


def roundtable(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_roundtable(
        path.parent,
        *args,
        env={
            "ROUNDTABLE_DB": str(path),
            "ROUNDTABLE_LANG": "en",
            "ROUNDTABLE_CONFIG": str(shipped_defaults_dir()),
        },
        errors="replace",
        traceback_allowed=True,
    )


@pytest.mark.parametrize(
    ("tables", "command", "names"),
    [
        ({"actions.0": {"²": ACTION}}, ("actions",), "'²'"),
        ({"actions.0": {"1": broken(ACTION, text="Lead \ud800")}}, ("actions",), "field text"),
        ({"campaigns.0": {"1": broken(CAMPAIGN, budget="abc")}}, ("campaigns",), "field budget"),
        ({"campaigns.0": {"1": broken(CAMPAIGN, cost="1E+999999")}}, ("campaigns",), "field cost"),
    ],
)
def test_the_cli_says_which_file_and_field_and_exits_3(
    path: Path, tables: dict[str, Any], command: tuple[str, ...], names: str
) -> None:
    content = write_store(path, tables)
    result = roundtable(path, *command)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 3, result.stderr
    assert str(path) in result.stderr and names in result.stderr
    assert path.read_bytes() == content


# --- a clock step writes only what moved ------------------------------------------------


def appended(path: Path, before: int) -> tuple[int, dict[str, Any]]:
    data = path.read_bytes()
    line = data[before:]
    assert line.count(b"\n") == 1
    return len(line), json.loads(line)


def test_a_clock_step_writes_only_the_clock_and_the_items_it_moved(
    path: Path, clock: FakeClock
) -> None:
    with Store.open(path, clock=clock) as store:
        meeting = a_meeting_in(store, clock)
        whole = len(json.dumps(meeting_codec.meeting_doc(meeting)))
        steps = [
            lambda m, now: timebox.next_item(m, now),
            lambda m, now: timebox.pause(m, now),
            lambda m, now: timebox.resume(m, now),
            lambda m, now: timebox.extend(m, 5, now),
            lambda m, now: timebox.next_item(m, now),
            lambda m, now: timebox.end(m, now),
        ]
        for step in steps:
            clock.advance(7)
            meeting = step(meeting, clock())
            size = len(path.read_bytes())
            store.save_meeting(meeting)
            written, line = appended(path, size)
            tables = set(line["put"])
            assert not any(name.startswith("meetings.") for name in tables), tables
            assert written < whole / 2, (written, whole)
            assert store.meeting(meeting.id) == meeting
    with Store.open(path, read_only=True) as again:
        assert again.meeting(meeting.id) == meeting
        assert again.running_meeting() is None


def test_saving_an_unchanged_meeting_writes_nothing(path: Path, clock: FakeClock) -> None:
    with Store.open(path, clock=clock) as store:
        meeting = a_meeting_in(store, clock)
        size = len(path.read_bytes())
        store.save_meeting(meeting)
        assert len(path.read_bytes()) == size


def test_a_store_of_the_old_layout_is_migrated_with_a_backup(path: Path, clock: FakeClock) -> None:
    agenda = shipped_config().agenda("round-table")
    assert agenda is not None
    meeting = timebox.new_meeting(
        agenda, (Attendee("Katrin Vogel", "sales-marketing"),), "K", 1, START
    )
    clock.advance(20)
    meeting = timebox.next_item(meeting, clock())
    old_doc = meeting_codec.meeting_doc(meeting)
    action = ActionItem(1, "A-1", "Leads nachfassen", "sales", None, ActionStatus.OPEN, 1, 0, START)
    original = write_store(
        path,
        {
            "meetings.0": {"1": old_doc},
            "actions.0": {"1": action_codec.action_doc(action)},
            "meta": {"1": {"meetings": 1, "actions": 1}},
        },
        schema=1,
    )
    expected = timebox.next_item(meeting, clock() + timedelta(minutes=5))
    with Store.open(path, read_only=True) as old:
        running = old.running_meeting()
        assert running is not None and running.id == 1
        assert running.items == meeting.items and running.current == meeting.current
    assert path.read_bytes() == original
    with Store.open(path, clock=clock) as store:
        resumed = store.running_meeting()
        assert resumed is not None
        store.save_meeting(timebox.next_item(resumed, clock() + timedelta(minutes=5)))
        assert store.meeting(1).items == expected.items
        assert [a.ref for a in store.actions()] == ["A-1"]
    assert path.read_bytes().startswith(b'{"roundtable":"store","schema":%d' % SCHEMA_VERSION)
    assert path.with_name(path.name + ".v1.bak").read_bytes() == original


# --- the demo in the language it is run in ----------------------------------------------


def test_the_demo_writes_its_texts_in_its_language_and_the_same_history(tmp_path: Path) -> None:
    from roundtable.demo.history import fill_demo

    config = shipped_config()
    written: dict[str, tuple[Any, ...]] = {}
    for language in ("en", "de"):
        with Store.open(tmp_path / f"{language}.db") as store:
            fill_demo(store, config, today=date(2026, 11, 22), meetings=12, language=language)
            written[language] = (
                store.actions(include_closed=True),
                store.decisions(),
                store.budgets(),
                store.campaigns(),
            )
    english, german = written["en"], written["de"]
    english_words = " ".join(a.text for a in english[0]) + " ".join(d.text for d in english[1])
    german_words = " ".join(a.text for a in german[0]) + " ".join(d.text for d in german[1])
    for word in (" für ", " und ", "Leads aus", " wird "):
        assert word not in english_words
    assert " the " in english_words and " für " in german_words
    # The same history, only in other words.
    for kind_en, kind_de in zip(english, german, strict=True):
        assert len(kind_en) == len(kind_de)
    assert [(a.ref, a.owner, a.due, a.status) for a in english[0]] == [
        (a.ref, a.owner, a.due, a.status) for a in german[0]
    ]
    assert [(b.amount, b.kind) for b in english[2]] == [(b.amount, b.kind) for b in german[2]]
    assert all(c.note.startswith("Goal: ") for c in english[3])
    assert all(c.note.startswith("Ziel: ") for c in german[3])
