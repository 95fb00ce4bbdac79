"""The commands that open the app: none (the home screen), `start` and `follow`.

Only these load Textual, and only once the config and the store have been checked, so
their problems are printed once like every other command's errors.
"""

from __future__ import annotations

import argparse

from roundtable.cli.commands import Commands
from roundtable.cli.context import db_path, existing_db_path, team_config
from roundtable.errors import NotFoundError
from roundtable.i18n import _, pgettext

__all__ = ["cmd_app", "cmd_follow", "register"]


def cmd_app(args: argparse.Namespace) -> int:
    """Open the app on its home screen, or straight into a meeting for `start`.

    Config and store problems are raised here, before the app takes the terminal, so
    they are printed once like every other command's errors.
    """
    start = getattr(args, "start", False)
    agenda_id: str | None = getattr(args, "agenda", None)
    config = team_config(args)
    if agenda_id is not None and config.agenda(agenda_id) is None:
        raise NotFoundError(
            _("No agenda {id}. Available agendas: {ids}").format(
                id=agenda_id, ids=", ".join(agenda.id for agenda in config.agendas) or _("none")
            )
        )
    if start and not config.agendas:
        raise NotFoundError(_("There is no agenda to start a meeting from."))
    # Only the app needs Textual and the store; attendee commands must not pay for them.
    from roundtable.store.store import Store
    from roundtable.ui.app import make_app
    from roundtable.ui.preferences import Preferences, preferences_path

    with Store.open(db_path(args)) as store:
        preferences = Preferences.load(preferences_path())
        app = make_app(config, store, start_agenda=agenda_id, start=start, preferences=preferences)
        try:
            app.run()
        finally:
            app.store_thread.close()
    return app.return_code or 0


def cmd_follow(args: argparse.Namespace) -> int:
    """Show the running meeting live and read-only, for a second screen or an attendee's
    own terminal; waits for one when none runs. Never writes the store."""
    config = team_config(args)
    # Only the app needs Textual and the store; attendee commands must not pay for them.
    from roundtable.store.store import Store
    from roundtable.ui.follow import follow_preferences, make_follow_app
    from roundtable.ui.preferences import preferences_path

    with Store.open(existing_db_path(args), read_only=True) as store:
        app = make_follow_app(config, store, preferences=follow_preferences(preferences_path()))
        try:
            app.run()
        finally:
            app.store_thread.close()
    return app.return_code or 0


def register(commands: Commands) -> None:
    commands.set_default(cmd_app)
    start = commands.add(
        "start",
        _("open the app straight into a meeting: resume the running one, or start one"),
        cmd_app,
    )
    start.add_argument(
        "agenda",
        nargs="?",
        metavar=pgettext("metavar", "AGENDA"),
        help=_(
            "the agenda's id (its file name without .yaml); without it, the only agenda, "
            "or a choice of them with the one used last selected"
        ),
    )
    start.set_defaults(start=True)
    commands.add(
        "follow",
        _(
            "follow the running meeting live and read-only (clocks, agenda, log), for a "
            "second screen or your own terminal"
        ),
        cmd_follow,
    )
