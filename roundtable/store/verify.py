"""Checking a whole store file, and sealing one edited by hand on purpose.

`verify_store` reads every line, also the chunks a command would never look at, and
reports every problem (not just the first), each with its line. `reseal_store` is for
the one who edited the file by hand: it reads the lines as they are (a chunk whose
checksum no longer matches is taken as edited, not as damaged), but still refuses what
is not JSON or not the shape of a store; it keeps the file's bytes as a private backup
`<store>.bak-<timestamp>` and then writes the store again, compacted, with fresh
checksums, atomically and under the store's lock.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from roundtable.errors import NotFoundError, StoreError
from roundtable.i18n import _, ngettext
from roundtable.store import compaction
from roundtable.store.changes import apply_change, damaged, loads, shape_problem
from roundtable.store.chunks import (
    Chunk,
    chunk_of,
    content_problem,
    header_problem,
    is_chunk_line,
    parse_header,
)
from roundtable.store.files import lines_from, read_from
from roundtable.store.journal import DEFAULT_LOCK_TIMEOUT
from roundtable.store.locking import StoreLock
from roundtable.store.reader import with_last

__all__ = ["Finding", "Report", "reseal_store", "verify_store"]


@dataclass(frozen=True)
class Finding:
    line: int
    message: str
    sealable: bool
    """A seal that no longer matches (a hand edit): `reseal_store` may seal over it."""


@dataclass
class Report:
    path: Path
    findings: list[Finding] = field(default_factory=list)
    torn_line: int | None = None
    """A killed writer's unfinished last line (not a problem: the next write drops it)."""
    lines: int = 0
    documents: int = 0
    backup: Path | None = None
    """Where `reseal_store` kept the file as it was."""

    @property
    def ok(self) -> bool:
        return not self.findings

    def add(self, line: int, message: str, *, sealable: bool = False) -> None:
        self.findings.append(Finding(line, message, sealable))


def _open(path: Path) -> tuple[Path, int]:
    """The store's real path and the file open for reading."""
    real = Path(os.path.realpath(path))
    try:
        return real, os.open(real, os.O_RDONLY)
    except FileNotFoundError:
        raise NotFoundError(_("There is no store at {path}.").format(path=path)) from None
    except OSError as error:
        raise _unreadable(path, error) from error


def _unreadable(path: Path, error: OSError) -> StoreError:
    return StoreError(
        _("Cannot read the store {file}: {reason}").format(
            file=path, reason=error.strerror or error
        )
    )


def _check(
    path: Path, fd: int, schema: int, *, documents: bool
) -> tuple[Report, dict[str, dict[str, Any]]]:
    """Every problem of the store open as `fd`, read a line at a time, and its tables
    as far as they read (with their `documents`, else their ids only)."""
    report = Report(path)
    tables: dict[str, dict[str, Any]] = {}
    lines = with_last(lines_from(fd, 0))
    first = next(lines, None)
    header = parse_header(first[0][1]) if first is not None and first[0][2] else None
    if header is None:
        report.add(1, header_problem(schema))
        return report, tables
    sealed = header.chunks
    chunks_seen = count = 0
    for (_offset, raw, complete), last in lines:
        number = count + 2
        if not complete:
            if is_chunk_line(raw):
                report.add(number, _("a chunk line cut short"))
            else:
                report.torn_line = number
            break
        count += 1
        expected_chunk = sealed is not None and count <= sealed
        chunk = chunk_of(raw, number)
        if isinstance(chunk, str):
            report.add(number, chunk, sealable=True)
        elif chunk is None and expected_chunk:
            report.add(number, _("a chunk line was expected here (the file was cut or edited)"))
        elif chunk is not None and sealed is not None and not expected_chunk:
            report.add(number, _("a chunk line after the compacted part of the file"))
        try:
            change = loads(raw)
        except ValueError as error:
            if last and b"\0" in raw:
                report.torn_line = number
                count -= 1
                break
            report.add(number, _("not valid JSON ({error})").format(error=error))
            continue
        problem = shape_problem(change)
        if problem is None and is_chunk_line(raw):
            chunks_seen += 1
            problem = content_problem(change, chunk if isinstance(chunk, Chunk) else None)
        if problem is not None:
            report.add(number, problem)
            continue
        if not documents and "put" in change:
            # Counting needs the ids only: years of history need not fit in memory.
            change["put"] = {name: dict.fromkeys(docs) for name, docs in change["put"].items()}
        apply_change(tables, change)
    if sealed is not None and chunks_seen < sealed:
        report.add(
            chunks_seen + 2,
            ngettext(
                "the file was cut: its compaction wrote {count} chunk line, it holds {found}",
                "the file was cut: its compaction wrote {count} chunk lines, it holds {found}",
                sealed,
            ).format(count=sealed, found=chunks_seen),
        )
    if header.schema > schema:
        report.add(
            1,
            _(
                "written by a newer roundtable (store version {found}; this one reads up to {ours})"
            ).format(found=header.schema, ours=schema),
        )
    report.lines = count
    report.documents = sum(len(table) for table in tables.values())
    return report, tables


def _checked(
    path: Path, fd: int, schema: int, *, documents: bool
) -> tuple[Report, dict[str, dict[str, Any]]]:
    try:
        return _check(path, fd, schema, documents=documents)
    except OSError as error:
        raise _unreadable(path, error) from error


def verify_store(path: Path, *, schema: int) -> Report:
    """Every problem of the store at `path` (`NotFoundError` if there is none)."""
    _real, fd = _open(path)
    try:
        return _checked(path, fd, schema, documents=False)[0]
    finally:
        os.close(fd)


def reseal_store(
    path: Path, *, schema: int, now: datetime, lock_timeout: float = DEFAULT_LOCK_TIMEOUT
) -> Report:
    """Seal the store at `path` again after a deliberate hand edit (see the module
    docstring). Returns what was sealed over and where the backup is; raises
    `StoreError` naming the first line that keeps it from being read, changing nothing."""
    real, fd = _open(path)  # a store to lock, not a folder or nothing at all
    os.close(fd)
    with StoreLock(path, real, lock_timeout).held():
        real, fd = _open(path)
        try:
            report, tables = _checked(path, fd, schema, documents=True)
            refused = [finding for finding in report.findings if not finding.sealable]
            if refused:
                first = refused[0]
                raise damaged(path, first.line, first.message)
            if report.ok:
                return report
            data = read_from(fd, 0)
        except OSError as error:
            raise _unreadable(path, error) from error
        finally:
            os.close(fd)
        header = parse_header(data[: data.find(b"\n") + 1])
        assert header is not None
        stamp = now.strftime("%Y%m%dT%H%M%S")
        try:
            report.backup = compaction.keep_backup(
                real, real.with_name(f"{real.name}.bak-{stamp}"), data
            )
        except OSError as error:
            raise StoreError(
                _("Cannot keep a backup of {file}: {reason}. Nothing was changed.").format(
                    file=path, reason=error.strerror or error
                )
            ) from error
        del data
        fd, _rewritten = compaction.rewrite(real, path, header.schema, tables, {})
        os.close(fd)
        return report
