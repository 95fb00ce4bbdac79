"""`roundtable serve`: the follow view for browsers (attendees at other sites).

Parses the options, checks the config and the store before anything listens, and hands
over to `roundtable.serve.server`. Every viewer's process is `roundtable follow` on the
same config folder, store and language.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roundtable.cli.commands import Commands
from roundtable.cli.context import config_location, db_path, team_config
from roundtable.errors import UsageError
from roundtable.i18n import _, current_language
from roundtable.serve.limits import DEFAULT_MAX_VIEWERS

__all__ = ["cmd_serve", "register"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            _("not a port number (0 to 65535): {text}").format(text=text)
        )
    return port


def _viewers(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(
            _("not a number of viewers (1 or more): {text}").format(text=text)
        )
    return count


def register(commands: Commands) -> None:
    """Add `serve`."""
    serve = commands.add(
        "serve",
        _(
            "serve the read-only follow view of the running meeting to browsers "
            "(attendees at other sites); prints the link to open"
        ),
        cmd_serve,
    )
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=_(
            "the address to listen on (default: {host}, this machine only; 0.0.0.0 for "
            "every network)"
        ).format(host=DEFAULT_HOST),
    )
    serve.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=_("the port to listen on (default: {port}; 0 picks a free one)").format(
            port=DEFAULT_PORT
        ),
    )
    serve.add_argument(
        "--token-file",
        type=Path,
        metavar="FILE",
        default=None,
        help=_(
            "read the access token from FILE (its first line) instead of making a new one "
            "at every start"
        ),
    )
    serve.add_argument(
        "--max-viewers",
        type=_viewers,
        metavar="N",
        default=DEFAULT_MAX_VIEWERS,
        help=_("at most N browsers at once, each a process (default: {count})").format(
            count=DEFAULT_MAX_VIEWERS
        ),
    )
    serve.add_argument(
        "--title",
        default=None,
        help=_("the browser window's title (default: the team's name)"),
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the follow view until interrupted."""
    import asyncio

    from roundtable.domain.text import single_line
    from roundtable.serve.access import is_loopback, new_token, read_token_file
    from roundtable.serve.server import FollowServer
    from roundtable.store.store import Store

    config = team_config(args)
    path = db_path(args).resolve()
    # Refuse a broken store now, once, rather than in every viewer's window.
    with Store.open(path, read_only=True):
        pass
    token = read_token_file(args.token_file) if args.token_file is not None else new_token()
    argv = [
        sys.executable,
        "-m",
        "roundtable",
        "--config",
        str(config_location(args).directory.resolve()),
        "--db",
        str(path),
        "--lang",
        current_language(),
        "follow",
    ]
    title = single_line(args.title) if args.title else single_line(config.team)
    if not title:
        raise UsageError(_("--title must not be empty"))
    server = FollowServer(
        argv,
        host=args.host,
        port=args.port,
        token=token,
        title=title,
        max_viewers=args.max_viewers,
    )

    def ready(url: str) -> None:
        print(_("Serving the follow view of {path}.").format(path=path))
        print(_("Open: {url}").format(url=url), flush=True)
        if not is_loopback(args.host):
            print(
                _(
                    "Anyone who can reach this machine and has the link sees the meeting: "
                    "hand it out like a meeting room's key."
                )
            )
        else:
            print(
                _(
                    "Only this machine can open it. For attendees elsewhere: --host, a "
                    "reverse proxy or an SSH tunnel (see the README)."
                )
            )
        print(_("Ctrl+C stops the server and closes every viewer."), flush=True)

    asyncio.run(server.run(ready))
    return 0
