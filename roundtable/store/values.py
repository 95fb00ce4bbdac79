"""The values a stored document may hold, and the field tables records are read and
written by.

Times are ISO-8601 strings with their offset, dates ISO dates, amounts exact decimal
strings (never floats). A record kind is a table of `Field`s (key in the document, how
to load, how to dump), read and written by `decode` and `encode`: one place decides
what a well-formed value is. Decoding checks every value against what the rest of the
program can work with (text that can be printed, whole numbers and amounts of sane
size, dates that date arithmetic does not overflow) and raises `FieldProblem` naming
the field; the store turns it into a `StoreError` naming the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from roundtable.domain.clock import stamp
from roundtable.errors import UsageError

if TYPE_CHECKING:
    from decimal import Decimal

Doc = dict[str, Any]
T = TypeVar("T")
E = TypeVar("E", bound=Enum)

MAX_WHOLE = 2**53
"""Whole numbers (ids, counts, minutes) stay below this: exact in any JSON reader."""
MAX_AMOUNT_DIGITS = 15
"""Digits before the decimal point an amount may have (below a quadrillion)."""
MAX_AMOUNT_PLACES = 6
"""Digits after the decimal point an amount may have."""
FIRST_YEAR, LAST_YEAR = 1000, 8999
"""Dates and times lie in these years: far enough from the ends of `datetime` that
adding a due period or a time zone never overflows."""
MAX_ITEMS = 1000
"""Agenda items a meeting may have (an item's timing document id is
`meeting id × MAX_ITEMS + index`)."""


class FieldProblem(ValueError):
    """A stored value that cannot be used: which field, and what is wrong with it."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem

    def within(self, outer: str) -> FieldProblem:
        """The same problem, seen from the field that holds this one."""
        return FieldProblem(f"{outer}.{self.field}", self.problem)


def clean_text(text: str, empty_message: str) -> str:
    """`text` without surrounding blanks, or `UsageError(empty_message)` if nothing is left."""
    cleaned = text.strip()
    if not cleaned:
        raise UsageError(empty_message)
    return cleaned


def ref_of(number: int) -> str:
    """The short id people type for action item `number`."""
    return f"A-{number}"


# --- scalars ---------------------------------------------------------------------------


def load_text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"text {value!r} is not valid Unicode") from None
    return value


def load_whole(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected a whole number, got {value!r}")
    if not 0 <= value < MAX_WHOLE:
        raise ValueError(f"{value} is out of range")
    return value


def load_meeting_id(value: object) -> int:
    """`load_whole` for a meeting's id, shared: items opened or closed in one meeting
    hold one number, not one each."""
    return _shared_number(load_whole(value))


@lru_cache(maxsize=4096)
def _shared_number(number: int) -> int:
    return number


def load_name(value: object) -> str:
    """`load_text` for a name that recurs (an owner), shared: years of items name a few
    owners, held once each."""
    return _shared_name(load_text(value))


@lru_cache(maxsize=1024)
def _shared_name(name: str) -> str:
    return name


def load_bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _year_problem(year: int) -> str | None:
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"year {year} is not between {FIRST_YEAR} and {LAST_YEAR}"


def day_problem(day: date) -> str | None:
    """Why `day` cannot be stored (its year is out of range), or None."""
    return _year_problem(day.year)


def dump_time(moment: datetime) -> str:
    """ISO-8601 in the one form every stored time has (`clock.stamp`: UTC, to the
    microsecond); a naive time is a bug (`ValueError`), never guessed."""
    return stamp(moment)


def load_time(text: object) -> datetime:
    """The aware datetime an ISO string with offset stands for."""
    if not isinstance(text, str):
        raise TypeError(f"a time must be an ISO string, not {text!r}")
    return _time_of(text)


@lru_cache(maxsize=1024)
def _time_of(text: str) -> datetime:
    # Remembered: one moment often ends an item and starts the next, and a datetime
    # (immutable) can be shared by all who read it.
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"time {text!r} has no offset")
    problem = _year_problem(moment.year)
    if problem is not None:
        raise ValueError(problem)
    return moment


def load_day(text: object) -> date:
    if not isinstance(text, str):
        raise TypeError(f"a date must be an ISO string, not {text!r}")
    return _day_of(text)


@lru_cache(maxsize=4096)
def _day_of(text: str) -> date:
    # Remembered: years of action items fall due on a few hundred days, and a date
    # (immutable) can be shared by all who read it.
    day = date.fromisoformat(text)
    problem = day_problem(day)
    if problem is not None:
        raise ValueError(problem)
    return day


def amount_problem(amount: Decimal) -> str | None:
    """Why `amount` cannot be stored (not a number, or of absurd size), or None."""
    if not amount.is_finite():
        return f"amount {amount} is not a number"
    _sign, _digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)  # finite
    if amount.adjusted() >= MAX_AMOUNT_DIGITS or exponent < -MAX_AMOUNT_PLACES:
        return f"amount {amount} is out of range"
    return None


def dump_amount(amount: Decimal) -> str:
    """The exact decimal as a string (`"12500.10"`): never through a float."""
    problem = amount_problem(amount)
    if problem is not None:
        raise ValueError(problem)
    return str(amount)


def load_amount(text: object) -> Decimal:
    """The exact decimal a stored amount string stands for."""
    # Loaded with the first amount: an action item's fields hold none, and listing
    # them (`roundtable actions`) need not import decimal.
    from decimal import Decimal, InvalidOperation

    if not isinstance(text, str) or len(text) > 40:
        raise TypeError(f"an amount must be a short decimal string, not {text!r}")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"amount {text!r} is not a number") from None
    problem = amount_problem(amount)
    if problem is not None:
        raise ValueError(problem)
    return amount


def optional(load: Callable[[object], T]) -> Callable[[object], T | None]:
    def load_optional(value: object) -> T | None:
        return None if value is None else load(value)

    return load_optional


def enum_of(kind: type[E]) -> Callable[[object], E]:
    def load(value: object) -> E:
        return kind(value)

    return load


def _same(value: Any) -> Any:
    return value


def iso_day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def optional_time(value: datetime | None) -> str | None:
    return None if value is None else dump_time(value)


def enum_value(member: Enum) -> Any:
    return member.value


_MISSING = object()


class Field(NamedTuple):
    """One attribute of a record and its document key: how it is read and written.

    A named tuple, not a dataclass: every command defines it, and a frozen dataclass
    takes several times as long to create."""

    key: str
    """In the document; also the attribute's name."""
    load: Callable[[object], Any]
    dump: Callable[[Any], Any] = _same
    default: object = _MISSING
    """What a document without the key means (older stores); missing otherwise."""


def decode(fields: Sequence[Field], doc: object) -> dict[str, Any]:
    """Attribute → value for each of `fields`, or `FieldProblem` naming the first bad one."""
    if not isinstance(doc, Mapping):
        raise TypeError(f"expected a document, got {doc!r}")
    values: dict[str, Any] = {}
    for field in fields:
        raw = doc.get(field.key, field.default)
        if raw is _MISSING:
            raise FieldProblem(field.key, "missing")
        try:
            values[field.key] = field.load(raw)
        except FieldProblem as problem:
            raise problem.within(field.key) from None
        except (ValueError, TypeError, ArithmeticError, KeyError, IndexError) as error:
            raise FieldProblem(field.key, str(error)) from None
    return values


def encode(fields: Sequence[Field], record: object) -> Doc:
    return {field.key: field.dump(getattr(record, field.key)) for field in fields}


_REMEMBERED = 256
"""Lists `list_of` remembers what it read them as."""


def list_of(fields: Sequence[Field], make: Callable[..., T]) -> Callable[[object], tuple[T, ...]]:
    # A store shares equal lists between documents (a meeting's attendees, meeting
    # after meeting: `reader.share_repeats`); read once, they give one tuple too.
    # The list is kept with its result, so its id cannot be taken by another.
    remembered: dict[int, tuple[object, tuple[T, ...]]] = {}

    def load(value: object) -> tuple[T, ...]:
        known = remembered.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        result = _load(value)
        if len(remembered) >= _REMEMBERED:
            remembered.clear()
        remembered[id(value)] = (value, result)
        return result

    def _load(value: object) -> tuple[T, ...]:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {value!r}")
        found = []
        for index, element in enumerate(value):
            try:
                found.append(make(**decode(fields, element)))
            except FieldProblem as problem:
                raise problem.within(str(index)) from None
            except (ValueError, TypeError) as error:
                raise FieldProblem(str(index), str(error)) from None
        return tuple(found)

    return load


def load_spans(value: object) -> list[tuple[datetime, datetime | None]]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list of [start, end], got {value!r}")
    spans = []
    for span in value:
        if not isinstance(span, list) or len(span) != 2:
            raise TypeError(f"expected [start, end], got {span!r}")
        spans.append((load_time(span[0]), optional(load_time)(span[1])))
    return spans


def dump_spans(spans: Sequence[Any]) -> list[list[str | None]]:
    return [[dump_time(span.start), optional_time(span.end)] for span in spans]
