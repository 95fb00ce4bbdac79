"""The command line's parser, in the chosen language, and the registry of commands.

Each command module has a `register(commands)` that adds its commands with
`commands.add(name, help, handler)`; a new module is one line in `COMMAND_MODULES`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from roundtable.domain.locations import CONFIG_ENV, DB_ENV
from roundtable.i18n import LANG_ENV, LANGUAGES, _

__all__ = ["COMMAND_MODULES", "Commands", "Handler", "Parser", "build_parser"]

Handler = Callable[[argparse.Namespace], int]
"""Runs one command; returns its exit status, raises `RoundtableError` for the user."""

COMMAND_MODULES: tuple[str, ...] = (
    # One line per module; `--help` lists the commands in this order.
    "roundtable.cli.setup",
    "roundtable.cli.meeting",
    "roundtable.cli.minutes",
    "roundtable.cli.actions",
    "roundtable.cli.campaigns",
    "roundtable.cli.stats",
)


class _Formatter(argparse.HelpFormatter):
    """argparse's help, its "usage:" in the chosen language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An `ArgumentParser` whose own words (the help option, "options", "usage:") are in
    the chosen language too; the commands' parsers are made of this class as well."""

    def __init__(self, *, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(add_help=False, **kwargs)
        # argparse has no public way to name its two default groups.
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", help=_("show this help message and exit")
            )


class _VersionAction(argparse.Action):
    """`--version`, with the version looked up only when asked for (it costs startup
    time every other command should not pay)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        import roundtable

        # On stdout, as argparse's own version action prints it.
        sys.stdout.write(f"roundtable {roundtable.__version__}\n")
        parser.exit()


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
    # Read twice: `main` scans for it before the parser exists (the help is translated).
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=default,
        help=_(
            "the language of screens, messages and minutes (also ${env}; default: the "
            "config's language, else the locale)"
        ).format(env=LANG_ENV),
    )


class Commands:
    """What a command module's `register` gets: adds commands to the parser."""

    def __init__(self, root: Parser) -> None:
        self._root = root
        self._add_parser: Callable[..., argparse.ArgumentParser] = root.add_subparsers(
            title=_("commands"), metavar="COMMAND"
        ).add_parser

    def add(self, name: str, help: str, handler: Handler) -> argparse.ArgumentParser:
        """A new command `name`, run by `handler`; add its own arguments to the parser
        returned. `--config`, `--db` and `--lang` it has already, before and after."""
        command = self._add_parser(name, help=help, description=help)
        # SUPPRESS keeps a command's absent option from hiding the one given before it.
        _location_options(command, default=argparse.SUPPRESS)
        command.set_defaults(handler=handler)
        return command

    def set_default(self, handler: Handler) -> None:
        """What `roundtable` without a command runs."""
        self._root.set_defaults(handler=handler)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
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
    parser.add_argument(
        "--version", action=_VersionAction, help=_("show the version number and exit")
    )
    _location_options(parser, default=None)
    commands = Commands(parser)
    for name in COMMAND_MODULES:
        # By name, not imported above: the command modules import `Commands` from here.
        register: Callable[[Commands], None] = importlib.import_module(name).register
        register(commands)
    return parser
