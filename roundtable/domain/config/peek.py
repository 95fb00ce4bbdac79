"""What the CLI must know from roles.yaml before anything else is read: the language
(before it prints a word) and the team's store. Cheap when roles.yaml does not mention
them: one small read, no YAML."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from roundtable.domain.config.files import MAX_FILE_BYTES, read_plain_file
from roundtable.domain.config.roles import ROLES_FILE
from roundtable.errors import ConfigError

if TYPE_CHECKING:
    from roundtable.domain.config.yamlvalues import YamlEntry

__all__ = ["peek_language", "peek_store"]


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
    from roundtable.domain.config.yamlfile import read_yaml  # YAML only if needed
    from roundtable.domain.config.yamlvalues import YamlMap

    root, _problems = read_yaml(path)
    return root.get(key) if isinstance(root, YamlMap) else None


def peek_language(directory: Path) -> str | None:
    """The `language` roles.yaml in `directory` sets: the CLI needs it before it prints a
    word. None when it is absent, unreadable or not one of ours."""
    entry = _peek(directory, "language")
    if entry is None:
        return None
    # The model only for a roles.yaml that sets a language (YAML is loaded by then).
    from roundtable.domain.config.model import Language
    from roundtable.domain.config.yamlvalues import YamlScalar  # loaded by _peek already

    if not isinstance(entry.value, YamlScalar):
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
    # The field checks (and YAML) only for a roles.yaml that names a store.
    from roundtable.domain.config.documents import store_setting
    from roundtable.domain.config.fields import Checker

    checker = Checker(directory / ROLES_FILE)
    store = store_setting(checker, entry)
    problems = checker.finish()
    if problems:
        raise ConfigError(problems)
    return store
