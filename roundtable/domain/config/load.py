"""Loading a config folder: roles.yaml and every agenda file next to it, all problems
of all files at once (`ConfigError`), or only the roles, or only the language."""

from __future__ import annotations

from pathlib import Path

from roundtable.domain.config.documents import load_roles_file, read_agenda
from roundtable.domain.config.fields import Checker
from roundtable.domain.config.model import (
    AGENDA_SUFFIXES,
    ROLES_FILE,
    Agenda,
    Language,
    Role,
    TeamConfig,
)
from roundtable.domain.config.yamlfile import MAX_FILE_BYTES, YamlMap, YamlScalar, quote, read_yaml
from roundtable.errors import ConfigError, Problem
from roundtable.i18n import _

__all__ = ["load_config", "load_roles", "peek_language"]


def load_config(directory: Path, source: str) -> TeamConfig:
    """Read and validate the config folder `directory` (`source` says how it was found).

    Raises `ConfigError` listing every problem in every file, never anything else.
    """
    try:
        is_folder = directory.is_dir()
        exists = is_folder or directory.exists()
        names = sorted(directory.iterdir()) if is_folder else []
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise ConfigError(
            [
                Problem(
                    directory,
                    None,
                    _("cannot read the config folder: {reason}").format(reason=reason),
                )
            ]
        ) from None
    if not is_folder:
        message = (
            _("this is a file, not a config folder")
            if exists
            else _("the config folder does not exist")
        )
        raise ConfigError([Problem(directory, None, message)])

    problems: list[Problem] = []
    roles_path = directory / ROLES_FILE
    misnamed_roles = directory / "roles.yml"
    team, roles, role_ids, language = load_roles_file(
        roles_path, roles_path in names, misnamed_roles in names, problems
    )

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
        agenda = read_agenda(checker, role_ids)
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

    if problems or team is None:
        raise ConfigError(problems)
    return TeamConfig(directory, source, team, roles, tuple(agendas), language)


def load_roles(directory: Path) -> tuple[Role, ...]:
    """Only the roles of the config folder `directory`, validated as `load_config` does
    but without reading the agendas: for commands that only match owners, and start
    faster for it. Raises `ConfigError` for problems in roles.yaml (not in agendas)."""
    roles_path = directory / ROLES_FILE
    try:
        listed = roles_path.is_file()
        misnamed = not listed and (directory / "roles.yml").is_file()
        is_folder = listed or directory.is_dir()
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise ConfigError(
            [
                Problem(
                    directory,
                    None,
                    _("cannot read the config folder: {reason}").format(reason=reason),
                )
            ]
        ) from None
    if not is_folder:
        message = (
            _("this is a file, not a config folder")
            if directory.exists()
            else _("the config folder does not exist")
        )
        raise ConfigError([Problem(directory, None, message)])
    problems: list[Problem] = []
    team, roles, _role_ids, _language = load_roles_file(roles_path, listed, misnamed, problems)
    if problems or team is None:
        raise ConfigError(problems)
    return roles


def peek_language(directory: Path) -> str | None:
    """The `language` roles.yaml in `directory` sets, read before anything else is: the
    CLI needs it before it prints a word. None when it is absent, unreadable or not one
    of ours; `load_config` reports what is wrong. Costs one small file read when roles.yaml
    has no `language` at all, the common case."""
    path = directory / ROLES_FILE
    try:
        with path.open("rb") as file:
            head = file.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError):
        return None
    if b"language" not in head:
        return None
    root, _problems = read_yaml(path)
    if not isinstance(root, YamlMap):
        return None
    entry = root.get("language")
    if entry is None or not isinstance(entry.value, YamlScalar):
        return None
    text = entry.value.text.strip()
    return text if text in {member.value for member in Language} else None
