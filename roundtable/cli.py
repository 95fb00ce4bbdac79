"""The command line: parses, calls the domain, prints. Errors are printed once, here.

Attendee commands (`actions`, `done`, …) must start fast and never import Textual;
only the commands that open the app import `roundtable.ui`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from roundtable import __version__
from roundtable.domain.config import TeamConfig, load_config
from roundtable.domain.locations import (
    CONFIG_ENV,
    DB_ENV,
    ConfigLocation,
    default_db_path,
    find_config_dir,
)
from roundtable.domain.text import terminal_safe
from roundtable.errors import RoundtableError
from roundtable.i18n import _

__all__ = ["build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]


def config_location(args: argparse.Namespace) -> ConfigLocation:
    return find_config_dir(args.config, os.environ, Path.cwd())


def team_config(args: argparse.Namespace) -> TeamConfig:
    location = config_location(args)
    return load_config(location.directory, location.source)


def db_path(args: argparse.Namespace) -> Path:
    return default_db_path(args.db, os.environ)


def out(text: str = "") -> None:
    """Print `text` for a person: control characters in it are made visible."""
    print(terminal_safe(text))


# --- commands ---------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    location = config_location(args)
    out(_("Config folder: {path} (from {source})").format(
        path=location.directory, source=location.source
    ))
    config = load_config(location.directory, location.source)
    out(_("Team: {team}").format(team=config.team))
    out(_("{count} roles: {ids}").format(
        count=len(config.roles), ids=", ".join(role.id for role in config.roles)
    ))
    for agenda in config.agendas:
        out(_("Agenda {id}: {title} — {planned} of {box} minutes planned, {count} items").format(
            id=agenda.id,
            title=agenda.title,
            planned=agenda.planned_minutes,
            box=agenda.timebox_minutes,
            count=len(agenda.items),
        ))
    out(_("OK"))
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    """Open the app on its home screen."""
    out(_("The meeting app is not built yet; try `roundtable check`."))
    return 1


# --- parser -----------------------------------------------------------------------


def _location_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        metavar="DIR",
        default=default,
        help=_("folder with roles.yaml and the agendas (default: see README)"),
    )
    parser.add_argument(
        "--db",
        type=Path,
        metavar="FILE",
        default=default,
        help=_("the store file (default: roundtable.db in the user data folder)"),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roundtable",
        description=_(
            "Runs the marketing–sales round table: agenda timers inside the three-hour "
            "time box, decisions, action items, budget agreements and minutes."
        ),
        epilog=_(
            "Without a command the app opens on its home screen. Environment: "
            "{config_env} (config folder), {db_env} (store file)."
        ).format(config_env=CONFIG_ENV, db_env=DB_ENV),
    )
    parser.add_argument("--version", action="version", version=f"roundtable {__version__}")
    _location_options(parser, default=None)
    parser.set_defaults(handler=cmd_app)
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND")

    # `--config` and `--db` work before and after the command; SUPPRESS keeps a
    # command's absent option from hiding the one given before it.
    common = argparse.ArgumentParser(add_help=False)
    _location_options(common, default=argparse.SUPPRESS)

    def add_command(name: str, help: str, handler: Handler) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help, description=help, parents=[common])
        command.set_defaults(handler=handler)
        return command

    add_command(
        "check", _("validate the roles and agendas and say which folder was used"), cmd_check
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except RoundtableError as error:
        print(terminal_safe(f"roundtable: {error.message}"), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
