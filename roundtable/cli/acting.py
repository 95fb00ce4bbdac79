"""Who changes the record from a terminal: `--by NAME`, checked against the role
holders (without it, the store takes the OS user). Shared by the commands that change
the record (`done`, `reopen`, `approve-minutes`, `signoff`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from roundtable.errors import UsageError
from roundtable.i18n import _, pgettext

if TYPE_CHECKING:
    from roundtable.domain.config import TeamConfig

__all__ = ["acting_person", "add_by_option", "folded_name"]


def add_by_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--by",
        metavar=pgettext("metavar", "NAME"),
        default=None,
        help=_("who is acting: a holder of a role (default: your user name)"),
    )


def folded_name(name: str) -> str:
    """A name as two spellings of it compare: spaces and case do not count."""
    return " ".join(name.split()).casefold()


def acting_person(by: str | None, config: Callable[[], TeamConfig]) -> str | None:
    """The holder `by` names, spelled as in the roles file (`UsageError` if nobody
    holds a role by that name); None without `--by` (the store then takes the OS
    user)."""
    if by is None:
        return None
    wanted = folded_name(by)
    for role in config().roles:
        for holder in role.holders:
            if folded_name(holder) == wanted:
                return holder
    raise UsageError(
        _("“{name}” holds no role in the roles file; --by takes a role holder's name.").format(
            name=" ".join(by.split())
        )
    )
