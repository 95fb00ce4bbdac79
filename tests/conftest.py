"""Every test runs in the same neutral surroundings, whatever the developer's shell has.

The CLI tests start real subprocesses, which inherit the environment: a German
locale, a `ROUNDTABLE_DB` pointing at someone's real store or a config folder in
`~/.config/roundtable` must not change what a test sees, nor may a test ever write
into the user's real data folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from roundtable.i18n import set_language

_CLEARED = ("ROUNDTABLE_DB", "ROUNDTABLE_CONFIG", "ROUNDTABLE_LANG", "ROUNDTABLE_TODAY", "LANGUAGE")
# pytest-xdist's workers export COLUMNS=80: the commands' tables would fit themselves to
# it. A test that wants a width sets COLUMNS itself.
_CLEARED_WIDTH = ("COLUMNS", "LINES")


@pytest.fixture(autouse=True, scope="session")
def neutral_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    saved = dict(os.environ)
    for name in (*_CLEARED, *_CLEARED_WIDTH):
        os.environ.pop(name, None)
    os.environ.update(
        {
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(Path(home, "config")),
            "XDG_DATA_HOME": str(Path(home, "data")),
        }
    )
    set_language("en")
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture(autouse=True)
def english_again() -> Iterator[None]:
    """Every test starts in English, whatever the one before it switched to (an app on
    a German config sets the language for the whole process)."""
    set_language("en")
    yield
    set_language("en")
