"""Checking one file's values field by field: each check reports what is wrong at the
value's own line and returns None (or `INVALID`), so every problem of a file is found
in one pass."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from roundtable.domain.config.model import MAX_PROBLEMS_PER_FILE
from roundtable.domain.config.yamlfile import read_yaml
from roundtable.domain.config.yamlvalues import (
    YamlEntry,
    YamlList,
    YamlMap,
    YamlScalar,
    YamlValue,
    describe,
    quote,
)
from roundtable.errors import Problem
from roundtable.i18n import _

__all__ = ["INVALID", "Checker", "Invalid", "line_of", "parse_date", "written_text"]


def line_of(mapping: YamlMap, key: str) -> int:
    entry = mapping.get(key)
    return entry.line if entry is not None else mapping.line


def written_text(entry: YamlEntry | None) -> str | None:
    """The text of a scalar as `Checker.text` would read it, without reporting anything."""
    if entry is None or not isinstance(entry.value, YamlScalar) or entry.value.value is None:
        return None
    return " ".join(entry.value.text.split()) or None


class Invalid:
    """Marks an optional value that was written but is wrong (None means "not given")."""


INVALID = Invalid()

_E = TypeVar("_E", bound=StrEnum)


class Checker:
    """Collects the problems of one file; each reader returns None when the value is
    wrong, after reporting why at the value's line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def finish(self) -> list[Problem]:
        """The problems in line order, at most `MAX_PROBLEMS_PER_FILE` of them."""
        ordered = sorted(self.problems, key=lambda problem: problem.line or 0)
        if len(ordered) <= MAX_PROBLEMS_PER_FILE:
            return ordered
        rest = len(ordered) - MAX_PROBLEMS_PER_FILE
        return [
            *ordered[:MAX_PROBLEMS_PER_FILE],
            Problem(self.path, None, _("… and {count} more problems").format(count=rest)),
        ]

    def read(self) -> YamlValue | None:
        root, problems = read_yaml(self.path)
        self.problems.extend(problems)
        return root

    def mapping(self, value: YamlValue, what: str) -> YamlMap | None:
        if isinstance(value, YamlMap):
            return value
        self.problem(
            value.line,
            _("{what} must be a mapping of keys and values, not {found}").format(
                what=what, found=describe(value)
            ),
        )
        return None

    def keys(
        self, mapping: YamlMap, allowed: tuple[str, ...], required: tuple[str, ...], what: str
    ) -> None:
        """Report unknown keys (with a did-you-mean) and missing required ones."""
        for entry in mapping.entries:
            # A key that is no single word ("") was reported while reading.
            if entry.key in allowed or not entry.key:
                continue
            close = _close_matches(entry.key, allowed, n=1)
            if close:
                message = _("unknown key {key} in {what}; did you mean {suggestion}?").format(
                    key=quote(entry.key), what=what, suggestion=quote(close[0])
                )
            else:
                message = _("unknown key {key} in {what}; the keys are: {keys}").format(
                    key=quote(entry.key), what=what, keys=", ".join(allowed)
                )
            self.problem(entry.line, message)
        for key in required:
            if mapping.get(key) is None:
                self.problem(
                    mapping.line,
                    _("missing key {key} in {what}").format(key=quote(key), what=what),
                )

    def listed(self, entry: YamlEntry) -> tuple[YamlValue, ...] | None:
        if isinstance(entry.value, YamlList):
            return entry.value.items
        if isinstance(entry.value, YamlScalar) and entry.value.value is None:
            return ()
        self.problem(
            entry.value.line,
            _("{key} must be a list, not {found}").format(
                key=quote(entry.key), found=describe(entry.value)
            ),
        )
        return None

    def text(self, entry: YamlEntry | None, *, one_line: bool = True) -> str | None:
        """Required text; a missing key is reported by `keys`."""
        if entry is None:
            return None
        return self._text(entry.value, quote(entry.key), one_line=one_line)

    def _text(self, value: YamlValue, name: str, *, one_line: bool = True) -> str | None:
        if not isinstance(value, YamlScalar):
            self.problem(
                value.line,
                _("{key} must be text, not {found}").format(key=name, found=describe(value)),
            )
            return None
        # Text is taken as written: `title: 2026` is the text 2026, not a number.
        text = " ".join(value.text.split()) if one_line else value.text.strip()
        if value.value is None or not text:
            self.problem(value.line, _("{key} must not be empty").format(key=name))
            return None
        return text

    def optional_text(
        self, entry: YamlEntry | None, *, one_line: bool = True
    ) -> str | Invalid | None:
        """Optional text: None if absent, left empty or null; `INVALID` if wrong."""
        value = None if entry is None else entry.value
        if entry is None or (
            isinstance(value, YamlScalar) and (value.value is None or not value.text.strip())
        ):
            return None
        text = self._text(entry.value, quote(entry.key), one_line=one_line)
        return INVALID if text is None else text

    def text_list(
        self, entry: YamlEntry | None, default: tuple[str, ...] | None = None
    ) -> tuple[str, ...] | None:
        """A list of text; `()` for an empty list (the caller decides whether that is
        allowed), `default` when the key is absent, None when it is wrong."""
        if entry is None:
            return default
        listed = self.listed(entry)
        if listed is None:
            return None
        texts = [
            self._text(value, _("each entry of {key}").format(key=quote(entry.key)))
            for value in listed
        ]
        if any(text is None for text in texts):
            return None
        return tuple(text for text in texts if text is not None)

    def positive_whole(self, entry: YamlEntry) -> int | None:
        value = entry.value
        if (
            isinstance(value, YamlScalar)
            and isinstance(value.value, int)
            and not isinstance(value.value, bool)  # YAML's true is no number of minutes
            and value.value > 0
        ):
            return value.value
        self.problem(
            value.line,
            _("{key} must be a positive whole number of minutes, not {found}").format(
                key=quote(entry.key), found=describe(value)
            ),
        )
        return None

    def choice(self, entry: YamlEntry | None, kind: type[_E], default: _E) -> _E | None:
        if entry is None:
            return default
        allowed = [member.value for member in kind]
        value = entry.value
        if isinstance(value, YamlScalar) and value.text in allowed:
            return kind(value.text)
        self.problem(
            value.line,
            _("{key} must be one of {allowed}, not {found}").format(
                key=quote(entry.key), allowed=", ".join(allowed), found=describe(value)
            ),
        )
        return None

    def flag(self, entry: YamlEntry | None, *, default: bool) -> bool | None:
        if entry is None:
            return default
        value = entry.value
        if isinstance(value, YamlScalar) and isinstance(value.value, bool):
            return value.value
        self.problem(
            value.line,
            _("{key} must be true or false, not {found}").format(
                key=quote(entry.key), found=describe(value)
            ),
        )
        return None

    def day(self, entry: YamlEntry | None) -> date | Invalid | None:
        """An optional date: None if absent or left empty."""
        if entry is None:
            return None
        value = entry.value
        if isinstance(value, YamlScalar):
            if value.value is None:
                return None
            if isinstance(value.value, date) and not isinstance(value.value, datetime):
                return value.value
            if isinstance(value.value, str):
                parsed = parse_date(value.value.strip())
                if parsed is not None:
                    return parsed
        self.problem(
            value.line,
            _("{key} must be a date like 2026-01-12, not {found}").format(
                key=quote(entry.key), found=describe(value)
            ),
        )
        return INVALID

    def role_reference(
        self, entry: YamlEntry | None, role_id: str, role_ids: set[str] | None
    ) -> str | Invalid:
        """`role_id` if roles.yaml has it (or could not be read, so nothing is known)."""
        if role_ids is None or role_id in role_ids or entry is None:
            return role_id
        close = _close_matches(role_id, sorted(role_ids), n=1)
        if close:
            message = _("unknown role {id} in {key}; did you mean {suggestion}?").format(
                id=quote(role_id), key=quote(entry.key), suggestion=quote(close[0])
            )
        else:
            message = _("unknown role {id} in {key}; the roles are: {ids}").format(
                id=quote(role_id), key=quote(entry.key), ids=", ".join(sorted(role_ids))
            )
        self.problem(entry.value.line, message)
        return INVALID


def parse_date(text: str) -> date | None:
    """A quoted ISO date ("2026-01-12") is still a date."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text, re.ASCII):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _close_matches(word: str, possibilities: Iterable[str], n: int) -> list[str]:
    """`difflib.get_close_matches`; difflib loads only when a key is wrong."""
    import difflib

    return difflib.get_close_matches(word, possibilities, n=n)
