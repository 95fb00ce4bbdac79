"""The error hierarchy: every failure a user can meet carries a message meant for them.

Errors are raised deep in the domain and printed once, at the edge: the CLI prints
`message` on stderr and exits with `exit_code`; the app shows it and exits the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

__all__ = [
    "ConfigError",
    "NotFoundError",
    "OutputError",
    "Problem",
    "RoundtableError",
    "StoreError",
    "UsageError",
]


class RoundtableError(Exception):
    """Base of every error whose message is written for the user."""

    exit_code: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class Problem(NamedTuple):
    """One thing wrong in a config file, located as precisely as we can (a named tuple:
    every command loads this module, and defining a frozen dataclass costs it several
    times as long)."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else f"{self.path}"
        return f"{where}: {self.message}"


class ConfigError(RoundtableError):
    """The roles or agendas cannot be used; carries every problem found, not just the first."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class StoreError(RoundtableError):
    """The store cannot be read or written; the file on disk is left as it was."""

    exit_code = 3


class OutputError(RoundtableError):
    """What a command prints or writes cannot be written (a full disk, a closed file)."""

    exit_code = 3


class NotFoundError(RoundtableError):
    """Something the user named (an action item id, a meeting, an agenda) does not exist."""

    exit_code = 4


class UsageError(RoundtableError):
    """The command line or a form value is not understood."""

    exit_code = 2
