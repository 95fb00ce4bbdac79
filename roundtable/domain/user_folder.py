"""The user's config folder for roundtable, as platformdirs names it, remembered.

An attendee's `roundtable actions --owner …` looks for the user's config folder on
every run; importing platformdirs (it brings tempfile, shutil, random and the
compressors with it) cost that command more than reading its store. What platformdirs
answers depends only on the platform, the user, their `HOME` and `XDG_CONFIG_HOME`,
and platformdirs itself, so the answer is kept in the cache folder with all of those,
and asked again whenever one of them differs (a new platformdirs included: its
package file's path and modification time are part of the key).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from roundtable.domain.config.remembered import cache_folder, kept_for, write_cache

__all__ = ["user_config_dir"]

APP_NAME = "roundtable"


def user_config_dir() -> Path:
    """`platformdirs.user_config_path("roundtable")`, from the cache when nothing it
    depends on has changed since it was last asked."""
    key = _key()
    folder = cache_folder()
    cache = None if key is None or folder is None else folder / "user-config-folder.json"
    if cache is not None:
        kept = kept_for(cache, key)
        if kept is not None and isinstance(kept.get("path"), str):
            return Path(kept["path"])
    import platformdirs

    path = platformdirs.user_config_path(APP_NAME)
    if cache is not None:
        write_cache(cache, {"key": key, "path": str(path)})
    return path


def _key() -> list[object] | None:
    """Everything platformdirs' answer depends on; None when that cannot be told."""
    # Imported here: importlib.util (and importlib._abc) only for the user's folder, not
    # for a command given its config folder (`roundtable start` in a team's checkout).
    from importlib.util import find_spec

    try:
        spec = find_spec("platformdirs")
        origin = spec.origin if spec is not None else None
        if origin is None:
            return None
        stamp = os.stat(origin).st_mtime_ns
    except (OSError, ImportError, ValueError):
        return None
    return [
        sys.platform,
        os.geteuid() if hasattr(os, "geteuid") else None,
        os.environ.get("HOME"),
        os.environ.get("XDG_CONFIG_HOME"),
        origin,
        stamp,
    ]
