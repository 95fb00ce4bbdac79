"""The values a YAML config file holds, each with its 1-based line (`yamlfile` reads
them), and how messages name them: `quote` a text from a file, `describe` a value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from roundtable.domain.text import single_line
from roundtable.i18n import _

__all__ = ["YamlEntry", "YamlList", "YamlMap", "YamlScalar", "YamlValue", "describe", "quote"]

_QUOTE_LIMIT = 80


@dataclass(frozen=True)
class YamlScalar:
    """A single value: `value` as YAML reads it, `text` as the file wrote it."""

    value: str | int | float | bool | date | datetime | None
    text: str
    """The scalar as written (after unquoting): what a person should see in a message."""
    line: int


@dataclass(frozen=True)
class YamlList:
    """A sequence; `line` is where it starts."""

    items: tuple[YamlValue, ...]
    line: int


@dataclass(frozen=True)
class YamlEntry:
    """One `key: value` pair of a mapping, with the key's own line."""

    key: str
    """The key as written; a key that is not a single scalar reads as ``""``."""
    line: int
    value: YamlValue


@dataclass(frozen=True)
class YamlMap:
    """A mapping whose keys are unique (a repeated key is reported, the first one kept)."""

    entries: tuple[YamlEntry, ...]
    line: int

    def get(self, key: str) -> YamlEntry | None:
        """The entry for `key`, or None."""
        return next((entry for entry in self.entries if entry.key == key), None)


YamlValue = YamlScalar | YamlList | YamlMap


def quote(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """`text` from a file, quoted for a one-line message: control characters made
    visible, whitespace folded, long text cut to `limit` characters."""
    safe = single_line(text)
    if len(safe) > limit:
        safe = safe[: limit - 1] + "…"
    return f"'{safe}'"


def describe(value: YamlValue) -> str:
    """What kind of value this is, in words for "must be …, not …" messages."""
    if isinstance(value, YamlMap):
        return _("a mapping")
    if isinstance(value, YamlList):
        return _("a list")
    if value.value is None:
        return _("nothing")
    if isinstance(value.value, bool):
        return _("the yes/no value {text}").format(text=quote(value.text))
    if isinstance(value.value, int | float):
        return _("the number {text}").format(text=quote(value.text))
    if isinstance(value.value, date):
        return _("the date {text}").format(text=quote(value.text))
    return _("the text {text}").format(text=quote(value.text))
