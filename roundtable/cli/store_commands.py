"""`roundtable store verify` and `roundtable store reseal`: the whole store checked, and
sealed again after a deliberate hand edit (see `roundtable.store.verify`)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from roundtable.cli.context import db_path
from roundtable.cli.parser import Commands
from roundtable.domain.text import terminal_safe
from roundtable.errors import StoreError
from roundtable.i18n import _, ngettext, pgettext

if TYPE_CHECKING:
    from roundtable.store.verify import Report

__all__ = ["register"]

VERIFY = "verify"
RESEAL = "reseal"


def register(commands: Commands) -> None:
    """Add the `store` command to the parser."""
    command = commands.add(
        "store",
        _("check the whole store file (verify), or seal it again after a hand edit (reseal)"),
        cmd_store,
    )
    command.add_argument(
        "action",
        choices=[VERIFY, RESEAL],
        metavar=pgettext("metavar", "ACTION"),
        help=_(
            "verify: report every problem of the store (exit 3 if any); reseal: after "
            "editing the file by hand, keep a backup and write it again with fresh checksums"
        ),
    )


def _say(text: str) -> None:
    print(terminal_safe(text))


def _findings(report: Report) -> None:
    for finding in report.findings:
        _say(f"{report.path}:{finding.line}: {finding.message}")


def cmd_store(args: argparse.Namespace) -> int:
    from roundtable.store.store import SCHEMA_VERSION
    from roundtable.store.verify import reseal_store, verify_store

    path = db_path(args)
    if args.action == VERIFY:
        report = verify_store(path, schema=SCHEMA_VERSION)
        if report.torn_line is not None:
            _say(
                _(
                    "{file}:{line}: the unfinished last line of a write that was cut off "
                    "(not saved; the next change removes it)"
                ).format(file=path, line=report.torn_line)
            )
        if report.ok:
            _say(
                ngettext(
                    "{file}: the store is sound ({documents} document).",
                    "{file}: the store is sound ({documents} documents).",
                    report.documents,
                ).format(file=path, documents=report.documents)
            )
            return 0
        _findings(report)
        raise StoreError(
            ngettext(
                "{file} has {count} problem; nothing was changed.",
                "{file} has {count} problems; nothing was changed.",
                len(report.findings),
            ).format(file=path, count=len(report.findings))
        )
    report = reseal_store(path, schema=SCHEMA_VERSION, now=datetime.now(UTC))
    if report.backup is None:
        _say(_("{file}: the store is sound; there is nothing to seal.").format(file=path))
        return 0
    _findings(report)
    _say(
        ngettext(
            "Sealed {file} again over {count} edited line; the file as it was is kept in {backup}.",
            "Sealed {file} again over {count} edited lines; the file as it was is kept in "
            "{backup}.",
            len(report.findings),
        ).format(file=path, count=len(report.findings), backup=report.backup)
    )
    return 0
