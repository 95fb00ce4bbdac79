"""Loading a config folder: roles.yaml and every agenda file next to it, all problems
of all files at once (`ConfigError`), or only the roles, or only the language."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from roundtable.domain.config.documents import load_roles_file, read_agenda, store_setting
from roundtable.domain.config.fields import Checker
from roundtable.domain.config.model import (
    AGENDA_SUFFIXES,
    ROLES_FILE,
    Agenda,
    Language,
    Role,
    TeamConfig,
)
from roundtable.domain.config.yamlfile import (
    MAX_FILE_BYTES,
    YamlEntry,
    YamlMap,
    YamlScalar,
    quote,
    read_plain_file,
    read_yaml,
)
from roundtable.errors import ConfigError, Problem
from roundtable.i18n import _

__all__ = ["load_config", "load_roles", "peek_language", "peek_store"]


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


def _peek(directory: Path, key: str) -> YamlEntry | None:
    """roles.yaml's top-level `key`, read before anything else is; None when it is
    absent or the file cannot be read (`load_config` reports why). Costs one small file
    read when the file does not mention `key` at all, the common case."""
    path = directory / ROLES_FILE
    try:
        head = read_plain_file(path, MAX_FILE_BYTES + 1)
    except (OSError, ValueError):
        return None
    if key.encode() not in head:
        return None
    root, _problems = read_yaml(path)
    return root.get(key) if isinstance(root, YamlMap) else None


def peek_language(directory: Path) -> str | None:
    """The `language` roles.yaml in `directory` sets: the CLI needs it before it prints a
    word. None when it is absent, unreadable or not one of ours."""
    entry = _peek(directory, "language")
    if entry is None or not isinstance(entry.value, YamlScalar):
        return None
    text = entry.value.text.strip()
    return text if text in {member.value for member in Language} else None


def peek_store(directory: Path) -> Path | None:
    """The store roles.yaml in `directory` names (`store:`), resolved against the folder;
    None when it names none. `ConfigError` when `store:` is there but not a file name:
    a command must not quietly read another store instead."""
    entry = _peek(directory, "store")
    if entry is None:
        return None
    checker = Checker(directory / ROLES_FILE)
    store = store_setting(checker, entry)
    problems = checker.finish()
    if problems:
        raise ConfigError(problems)
    return store
