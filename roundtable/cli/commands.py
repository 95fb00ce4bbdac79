"""What a command module needs to add its commands: `Commands`, the options every
command shares, and the type of a path option."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from roundtable.i18n import LANG_ENV, LANGUAGES, _, pgettext

__all__ = ["Commands", "Handler", "location_options", "path_option"]

Handler = Callable[[argparse.Namespace], int]
"""Runs one command; returns its exit status, raises `RoundtableError` for the user."""


def path_option(text: str) -> Path:
    """A path typed on the command line; an empty one would mean the current folder."""
    if not text:
        raise argparse.ArgumentTypeError(_("must name a file or folder, not be empty"))
    return Path(text)


def location_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--config",
        type=path_option,
        metavar=pgettext("metavar", "DIR"),
        default=default,
        help=_("folder with roles.yaml and the agendas (default: see README)"),
    )
    parser.add_argument(
        "--db",
        type=path_option,
        metavar=pgettext("metavar", "FILE"),
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

    def __init__(self, root: argparse.ArgumentParser) -> None:
        self._root = root
        self._add_parser: Callable[..., argparse.ArgumentParser] = root.add_subparsers(
            # `prog` given: argparse would otherwise build a help formatter to work it
            # out, and that imports shutil (with zlib, bz2, lzma) on every start.
            title=_("commands"),
            metavar=pgettext("metavar", "COMMAND"),
            prog=root.prog,
        ).add_parser

    def add(self, name: str, help: str, handler: Handler) -> argparse.ArgumentParser:
        """A new command `name`, run by `handler`; add its own arguments to the parser
        returned. `--config`, `--db` and `--lang` it has already, before and after."""
        command = self._add_parser(name, help=help, description=help)
        # SUPPRESS keeps a command's absent option from hiding the one given before it.
        location_options(command, default=argparse.SUPPRESS)
        command.set_defaults(handler=handler)
        return command

    def set_default(self, handler: Handler) -> None:
        """What `roundtable` without a command runs."""
        self._root.set_defaults(handler=handler)
