"""Exporting the minutes: which meeting the user means, and writing the file safely.

Shared by `roundtable export` and the app. The Markdown itself comes from `minutes`;
this module only finds the meeting and puts the text on disk without ever leaving a
half-written file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from roundtable.domain.meeting import Meeting
from roundtable.errors import NotFoundError, OutputError, RoundtableError, UsageError
from roundtable.i18n import _
from roundtable.store.files import umask
from roundtable.store.store import Store

__all__ = ["LATEST", "find_meeting", "write_minutes"]

LATEST = "latest"
"""What `roundtable export` takes for the most recent meeting."""

# Minutes are meant to be shared: a new file gets what the umask allows, like any file
# the user makes, not the owner-only mode of a temporary file (nor the store's).
_NEW_FILE_MODE = 0o666


def find_meeting(store: Store, which: str | None) -> Meeting:
    """The meeting `which` names: its number as `roundtable meetings` shows it, or
    `latest` (also None) for the one with the highest number, the last one started.
    Raises `NotFoundError` or `UsageError` with a message for the user."""
    wanted = (which or LATEST).strip()
    if wanted.casefold() != LATEST and not (wanted.isascii() and wanted.isdigit()):
        raise UsageError(
            _("“{which}” is not a meeting; give its number, like 12, or “latest”.").format(
                which=wanted
            )
        )
    with store.reading():
        numbers = sorted(store.meeting_numbers().values())
        if not numbers:
            raise NotFoundError(_("There are no meetings in {file} yet.").format(file=store.path))
        number = numbers[-1] if wanted.casefold() == LATEST else int(wanted)
        try:
            return store.meeting_by_number(number)
        except NotFoundError:
            raise NotFoundError(
                _(
                    "There is no meeting {number}; the meetings are numbered {first} to {last}."
                ).format(number=number, first=numbers[0], last=numbers[-1])
            ) from None


def write_minutes(path: Path, text: str) -> None:
    """Write `text` to `path` atomically: a temporary file in the same folder, synced,
    then renamed over `path`. Readers see the old file or the new one, never a part.

    Refuses a folder that does not exist (`NotFoundError`) rather than creating it: a
    typo in the path should not scatter minutes into new folders.
    """
    folder = path.parent
    if not folder.is_dir():
        raise NotFoundError(
            _("The folder {folder} does not exist; create it or choose another file.").format(
                folder=folder
            )
        )
    if path.is_dir():
        raise UsageError(_("{path} is a folder; name the file to write.").format(path=path))
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _NEW_FILE_MODE & ~umask()
    except OSError as error:
        raise _cannot_write(path, error) from error
    temp_name: str | None = None
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as temp:
            temp.write(text.encode("utf-8"))
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
        temp_name = None
        _sync_folder(folder)
    except OSError as error:
        raise _cannot_write(path, error) from error
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def _cannot_write(path: Path, error: OSError) -> RoundtableError:
    return OutputError(
        _("Cannot write {path}: {reason}. Nothing was changed.").format(
            path=path, reason=error.strerror or error
        )
    )


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; not every system can open a folder for that."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
