"""The roles (and the `language`) as last read from a roles.yaml, remembered for the
commands attendees run often (`roundtable actions --owner …`): reading YAML and
checking every field costs more than the listing itself, and the file changes a few
times a year.

A remembered reading is used only when the file's bytes are exactly those it was read
from, by exactly this code: the cache holds the whole file and a fingerprint of the
config package, so an edited file or an upgraded roundtable is always read afresh.
Only a roles.yaml that loaded without problems is remembered; problems are reported by
`load_roles` as always. The cache lives in `$XDG_CACHE_HOME/roundtable` (else
`~/.cache/roundtable`); when it cannot be read or written, the file is simply read.
"""

from __future__ import annotations

import json
import os
import zlib
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Any

from roundtable import __version__
from roundtable.domain.config.files import MAX_FILE_BYTES, read_plain_file
from roundtable.domain.config.roles import ROLES_FILE, Role

__all__ = [
    "CACHE_ENV",
    "cache_file",
    "cache_folder",
    "code_fingerprint",
    "kept_for",
    "remembered_language",
    "remembered_roles",
    "role_doc",
    "role_from_doc",
    "write_cache",
]

CACHE_ENV = "XDG_CACHE_HOME"
_FORMAT = 2


def remembered_roles(directory: Path) -> tuple[Role, ...]:
    """What `load_roles(directory)` returns (and raises), from the cache when roles.yaml
    is unchanged since it was last read."""
    try:
        content = read_plain_file(directory / ROLES_FILE, MAX_FILE_BYTES + 1)
    except (OSError, ValueError):
        return _load(directory)  # it says what is wrong
    text = content.decode("latin-1")  # every byte as itself: compared, never parsed
    cache = cache_file(directory, "roles")
    code = code_fingerprint()
    if cache is not None:
        found = _read(cache, text, code)
        if found is not None:
            return found
    roles = _load(directory)
    if cache is not None:
        _write(cache, text, code, roles, _peek_language(directory))
    return roles


def remembered_language(directory: Path) -> str | None:
    """What `peek_language(directory)` returns, from the cache when roles.yaml is
    unchanged since its roles were last read: a team whose roles.yaml sets `language`
    would otherwise have every command read it as YAML before printing a word."""
    try:
        content = read_plain_file(directory / ROLES_FILE, MAX_FILE_BYTES + 1)
    except (OSError, ValueError):
        return _peek_language(directory)  # it says None, as it always has
    if b"language" not in content:
        return _peek_language(directory)  # one read, no YAML: nothing to remember
    cache = cache_file(directory, "roles")
    if cache is not None:
        kept = _kept(cache, content.decode("latin-1"), code_fingerprint())
        if kept is not None and "language" in kept:
            language = kept["language"]
            if language is None or isinstance(language, str):
                return language
    return _peek_language(directory)


def _load(directory: Path) -> tuple[Role, ...]:
    # YAML and the field checks load only when the file has to be read.
    from roundtable.domain.config.load import load_roles

    return load_roles(directory)


def _peek_language(directory: Path) -> str | None:
    from roundtable.domain.config.peek import peek_language

    return peek_language(directory)


def cache_folder() -> Path | None:
    """roundtable's folder in the user's cache; None when there is no home to keep it in."""
    base = os.environ.get(CACHE_ENV, "").strip()
    try:
        return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "roundtable"
    except RuntimeError:
        return None


def cache_file(directory: Path, kind: str) -> Path | None:
    """Where what was read of `kind` from the config folder `directory` is remembered;
    None when there is no home to keep it in."""
    folder = cache_folder()
    try:
        where = os.path.realpath(directory).encode("utf-8", "surrogateescape")
    except (OSError, ValueError):
        return None
    if folder is None:
        return None
    return folder / f"{kind}-{zlib.crc32(where):08x}.json"


def kept_for(cache: Path, key: object) -> dict[str, Any] | None:
    """What `cache` keeps for exactly `key` (written by `write_cache` with it under
    "key"), or None: not there, not ours, or kept for another key."""
    try:
        kept = json.loads(cache.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or kept.get("key") != key:
        return None
    return kept


def code_fingerprint() -> list[object]:
    """This roundtable's version and when the modules that read the config folder last changed
    (an editable install changes code without a new version)."""
    here = Path(__file__).parent
    modules = [*sorted(here.glob("*.py")), here.parent / "contacts.py"]
    stamps: list[object] = [__version__]
    for module in modules:
        try:
            stamps.append(os.stat(module).st_mtime_ns)
        except OSError:
            stamps.append(None)
    return stamps


def _kept(cache: Path, text: str, code: list[object]) -> dict[str, Any] | None:
    """The cache's reading of exactly `text` by exactly this code, or None."""
    try:
        kept = json.loads(cache.read_bytes())
    except (OSError, ValueError):
        return None  # not there, or not ours: read the file
    if not isinstance(kept, dict):
        return None
    if kept.get("format") != _FORMAT or kept.get("code") != code or kept.get("file") != text:
        return None
    return kept


def _read(cache: Path, text: str, code: list[object]) -> tuple[Role, ...] | None:
    kept = _kept(cache, text, code)
    if kept is None:
        return None
    try:
        return tuple(role_from_doc(role) for role in kept["roles"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # not there, or not ours: read the file


def _write(
    cache: Path, text: str, code: list[object], roles: tuple[Role, ...], language: str | None
) -> None:
    kept = {
        "format": _FORMAT,
        "code": code,
        "file": text,
        "language": language,
        "roles": [role_doc(role) for role in roles],
    }
    write_cache(cache, kept)


def write_cache(cache: Path, kept: dict[str, Any]) -> None:
    """Write `kept` as the JSON file `cache`, whole or not at all; a cache that cannot be
    written is simply not there next time."""
    temp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, cache)  # whole or not at all, whoever reads it meanwhile
    except (OSError, ValueError):
        with suppress(OSError):
            temp.unlink(missing_ok=True)


def role_doc(role: Role) -> dict[str, Any]:
    """`role` as JSON values (`role_from_doc` reads it back)."""
    return {
        "id": role.id,
        "title": role.title,
        "department": role.department,
        "holders": list(role.holders),
        "responsibilities": list(role.responsibilities),
        "committed_by": role.committed_by,
        "committed_on": None if role.committed_on is None else role.committed_on.isoformat(),
        "signs_off": role.signs_off,
    }


def role_from_doc(doc: dict[str, Any]) -> Role:
    """The role `role_doc` wrote (KeyError, TypeError or ValueError if it is not one)."""
    return Role(
        id=doc["id"],
        title=doc["title"],
        department=doc["department"],
        holders=tuple(doc["holders"]),
        responsibilities=tuple(doc["responsibilities"]),
        committed_by=doc["committed_by"],
        committed_on=(
            None if doc["committed_on"] is None else date.fromisoformat(doc["committed_on"])
        ),
        signs_off=doc["signs_off"],
    )
