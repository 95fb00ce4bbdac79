"""The command line: parses, calls the domain, prints. Errors are printed once, here.

Attendee commands (`actions`, `done`, …) must start fast and never import Textual;
only the commands that open the app import `roundtable.ui`. The commands live in one
module per group (`setup`, `meeting`, `minutes`, `actions`, `campaigns`), registered in
`roundtable.cli.parser`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from roundtable.cli.commands import Handler
from roundtable.cli.context import config_location
from roundtable.cli.parser import build_parser
from roundtable.domain.text import terminal_safe
from roundtable.errors import ConfigError, OutputError, RoundtableError, UsageError
from roundtable.i18n import (
    DEFAULT_LANGUAGE,
    _,
    locale_language,
    requested_language,
    set_language,
)

__all__ = ["build_parser", "main"]


def _apply_language(args: argparse.Namespace, explicit: str | None) -> None:
    """Once the command line is parsed: `--lang` (also abbreviated, which the scan in
    `main` misses) or `$ROUNDTABLE_LANG`, else the config's `language`, else the
    language already chosen from the locale stays."""
    chosen: str | None = getattr(args, "lang", None) or explicit
    if chosen is None:
        # Read only when it decides: the language asked for needs no config file.
        from roundtable.domain.config.remembered import remembered_language

        chosen = remembered_language(config_location(args).directory)
    if chosen is not None:
        set_language(chosen)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    # The help and usage are translated, so the language is chosen before the parser is
    # built: `--lang` or `$ROUNDTABLE_LANG`, else the locale. The config's `language`
    # can only be read once `--config` is known, so it applies after parsing.
    try:
        explicit = requested_language(arguments, os.environ)
    except UsageError as error:
        print(terminal_safe(f"roundtable: {error.message}"), file=sys.stderr)
        return error.exit_code
    set_language(explicit or locale_language(os.environ) or DEFAULT_LANGUAGE)
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    handler: Handler = args.handler
    try:
        _apply_language(args, explicit)
        status = handler(args)
        # What was printed may still sit in the buffer: a full disk shows only now.
        sys.stdout.flush()
        return status
    except ConfigError as error:
        # One problem stays one `roundtable: FILE:LINE: message` line; several get a
        # header, and each keeps FILE:LINE at the start of its line for editors.
        if len(error.problems) > 1:
            header = _("roundtable: the config has {count} problems:").format(
                count=len(error.problems)
            )
            print(terminal_safe(f"{header}\n{error.message}"), file=sys.stderr)
        else:
            print(terminal_safe(f"roundtable: {error.message}"), file=sys.stderr)
        return error.exit_code
    except RoundtableError as error:
        print(terminal_safe(f"roundtable: {error.message}"), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `roundtable actions | head`: the reader left; say nothing more, like other
        # Unix tools, and keep Python from complaining again when stdout is flushed.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as error:
        # `roundtable actions > /dev/full`: one plain line, not a traceback.
        reason = error.strerror or str(error)
        if error.filename is None:
            # The buffered rest would fail again when Python flushes stdout on exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            message = _("cannot write the output: {reason}").format(reason=reason)
        else:
            message = _("cannot use {path}: {reason}").format(path=error.filename, reason=reason)
        print(terminal_safe(f"roundtable: {message}"), file=sys.stderr)
        return OutputError.exit_code
