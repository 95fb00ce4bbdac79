"""The options of a command that mails (`remind`, `export`), and where the SMTP
password comes from. Light on purpose: every command's parser is built at start, and
the mail and contacts modules load only when mail is sent."""

from __future__ import annotations

import argparse
from pathlib import Path

from roundtable.i18n import _

__all__ = ["PASSWORD_ENV", "add_mail_options"]

PASSWORD_ENV = "ROUNDTABLE_SMTP_PASSWORD"
"""The only place the SMTP user's password is read from (never roles.yaml)."""


def add_mail_options(command: argparse.ArgumentParser, what: str) -> None:
    """`--mail` and `--dry-run [--eml-dir DIR]` for a command that sends `what`."""
    command.add_argument(
        "--mail",
        action="store_true",
        help=_("send {what} by mail through the SMTP server in roles.yaml").format(what=what),
    )
    command.add_argument(
        "--dry-run",
        action="store_true",
        help=_("write the messages as .eml files instead of sending them"),
    )
    command.add_argument(
        "--eml-dir",
        type=Path,
        metavar="DIR",
        default=Path(),
        help=_("the folder for the .eml files of --dry-run (default: the current folder)"),
    )
