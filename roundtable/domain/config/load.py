"""Loading a config folder: roles.yaml and every agenda file next to it, all problems
of all files at once (`ConfigError`), or only the roles, or only the language."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from roundtable.domain.config.documents import load_roles_file, read_agenda
from roundtable.domain.config.fields import Checker
from roundtable.domain.config.model import AGENDA_SUFFIXES, Agenda, TeamConfig
from roundtable.domain.config.roles import ROLES_FILE, Role
from roundtable.domain.config.yamlvalues import quote
from roundtable.errors import ConfigError, Problem
from roundtable.i18n import _

__all__ = ["load_config", "load_roles"]


def _config_folder(directory: Path) -> None:
    """`ConfigError` unless `directory` is a folder that can be looked into."""
    try:
        mode = os.stat(directory).st_mode
    except FileNotFoundError:
        raise ConfigError(
            [Problem(directory, None, _("the config folder does not exist"))]
        ) from None
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        raise _unreadable_folder(directory, error) from None
    if not stat.S_ISDIR(mode):
        raise ConfigError([Problem(directory, None, _("this is a file, not a config folder"))])


def _unreadable_folder(directory: Path, error: OSError | ValueError) -> ConfigError:
    if isinstance(error, OSError) and error.errno == errno.ELOOP:
        reason = _("its path is a loop of symbolic links")
    elif isinstance(error, OSError) and error.strerror:
        reason = error.strerror
    else:
        reason = str(error)
    return ConfigError(
        [
            Problem(
                directory,
                None,
                _("cannot read the config folder: {reason}").format(reason=reason),
            )
        ]
    )


def load_config(directory: Path, source: str) -> TeamConfig:
    """Read and validate the config folder `directory` (`source` says how it was found).

    Raises `ConfigError` listing every problem in every file, never anything else.
    """
    _config_folder(directory)
    try:
        names = sorted(directory.iterdir())
    except OSError as error:
        raise _unreadable_folder(directory, error) from None

    problems: list[Problem] = []
    roles_path = directory / ROLES_FILE
    misnamed_roles = directory / "roles.yml"
    roles_file = load_roles_file(roles_path, roles_path in names, misnamed_roles in names, problems)

    agendas: list[Agenda] = []
    agenda_files: dict[str, Path] = {}
    for path in names:
        if path.suffix not in AGENDA_SUFFIXES or path.name.startswith("."):
            continue
        if path in (roles_path, misnamed_roles):
            continue
        first = agenda_files.get(path.stem)
        if first is not None:
            problems.append(
                Problem(
                    path,
                    None,
                    _("{other} has the same agenda id {id}; keep only one of the two").format(
                        other=first.name, id=quote(path.stem)
                    ),
                )
            )
            continue
        agenda_files[path.stem] = path
        checker = Checker(path)
        agenda = read_agenda(checker, roles_file.role_ids)
        problems.extend(checker.finish())
        if agenda is not None:
            agendas.append(agenda)
    if not agenda_files:
        problems.append(
            Problem(
                directory,
                None,
                _(
                    "no agenda in the config folder: add one YAML file per agenda next to {roles}"
                ).format(roles=ROLES_FILE),
            )
        )

    if problems or roles_file.team is None:
        raise ConfigError(problems)
    return TeamConfig(
        directory,
        source,
        roles_file.team,
        roles_file.roles,
        tuple(agendas),
        roles_file.language,
        roles_file.store,
        roles_file.budgets,
    )


def load_roles(directory: Path) -> tuple[Role, ...]:
    """Only the roles of the config folder `directory`, validated as `load_config` does
    but without reading the agendas: for commands that only match owners, and start
    faster for it. Raises `ConfigError` for problems in roles.yaml (not in agendas)."""
    roles_path = directory / ROLES_FILE
    _config_folder(directory)
    try:
        listed = os.path.lexists(roles_path)
        misnamed = not listed and os.path.lexists(directory / "roles.yml")
    except ValueError as error:  # a NUL in the path
        raise _unreadable_folder(directory, error) from None
    problems: list[Problem] = []
    roles_file = load_roles_file(roles_path, listed, misnamed, problems)
    if problems or roles_file.team is None:
        raise ConfigError(problems)
    return roles_file.roles
