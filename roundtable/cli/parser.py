"""The command line's parser, in the chosen language, and the registry of commands.

Each command module has a `register(commands)` that adds its commands with
`commands.add(name, help, handler)` (`roundtable.cli.commands`); a new module is one
line in `COMMAND_MODULES`, with the names of the commands it adds.

A command line that names its command builds the parser of that command's module
only: an attendee's `roundtable actions` should not import, and build the options of,
every other command. The root options before the command are read the way the full
parser reads them; whenever that reading is unsure (help, `--version`, `--`, an
unknown option or command, no command at all) the full parser is built and decides.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn

from roundtable.cli import argparse_words
from roundtable.cli.commands import Commands, Handler, location_options, path_option
from roundtable.domain.locations import CONFIG_ENV, DB_ENV
from roundtable.i18n import _

__all__ = ["COMMAND_MODULES", "Commands", "Handler", "Parser", "build_parser", "path_option"]

COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    # One line per module, with the commands it adds (tests/unit/test_command_registry.py
    # holds them to it); `--help` lists the commands in this order.
    "roundtable.cli.setup": ("check", "demo"),
    "roundtable.cli.meeting": ("start", "follow"),
    "roundtable.cli.discard": ("discard",),
    "roundtable.cli.minutes": ("export", "meetings"),
    "roundtable.cli.actions": ("actions", "done", "reopen"),
    "roundtable.cli.campaigns": ("campaigns", "figures"),
    "roundtable.cli.store_commands": ("store",),
    "roundtable.cli.serve": ("serve",),
    "roundtable.cli.reminders": ("calendar", "remind"),
    "roundtable.cli.between": ("decisions", "search"),
    "roundtable.cli.signoff": ("signoff",),
    "roundtable.cli.approval": ("approve-minutes",),
    "roundtable.cli.stats": ("stats",),
}


class _Formatter(argparse.HelpFormatter):
    """argparse's help, its "usage:" in the chosen language."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        # argparse makes a formatter for every option it adds, and without a width it
        # imports shutil (with bz2 and lzma) to ask for one: every command would pay.
        super().__init__(
            prog,
            indent_increment,
            max_help_position,
            _terminal_columns() - 2 if width is None else width,
        )

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


def _terminal_columns() -> int:
    """What `shutil.get_terminal_size().columns` says: $COLUMNS, else the terminal's
    width, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__
        try:
            columns = 0 if stdout is None else os.get_terminal_size(stdout.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


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


class _Scan(argparse.ArgumentParser):
    """The root options alone, to find the command a line names; it never prints."""

    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def _named_command(arguments: Sequence[str]) -> str | None:
    """The command `arguments` name, read past the root options as the full parser
    reads them (abbreviations, `--db=FILE`); None when that is unsure."""
    if "--" in arguments:
        return None
    # The same option strings as the root parser, so an abbreviation resolves alike;
    # values unchecked: the real parser checks them once the command is known.
    scan = _Scan(prog="roundtable", add_help=False, formatter_class=_Formatter)
    scan.add_argument("-h", "--help", action="store_true")
    scan.add_argument("--version", action="store_true")
    for option in ("--config", "--db", "--lang"):
        scan.add_argument(option)
    scan.add_argument("rest", nargs=argparse.REMAINDER)
    try:
        found, unknown = scan.parse_known_args(arguments)
    except ValueError:
        return None
    if found.help or found.version or unknown or not found.rest:
        return None
    command: str = found.rest[0]
    return command


def _modules_for(arguments: Sequence[str] | None) -> Iterable[str]:
    if arguments is not None:
        command = _named_command(arguments)
        for module, names in COMMAND_MODULES.items():
            if command in names:
                return (module,)
    return COMMAND_MODULES


def build_parser(arguments: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given the `arguments` it will parse, only with the
    command they name (see the module's docstring), else with every command."""
    argparse_words.install()
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
    location_options(parser, default=None)
    commands = Commands(parser)
    for name in _modules_for(arguments):
        # By name: a new command module is one line in COMMAND_MODULES, nothing else.
        register: Callable[[Commands], None] = importlib.import_module(name).register
        register(commands)
    return parser
