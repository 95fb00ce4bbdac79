"""One journal line = one committed change: its JSON, its shape, how it applies.

A change line is `{"drop":[table…],"rm":{table:[id…]},"put":{table:{id:doc…}}}`,
applied in that order (each key optional); a compacted file's lines add a `chunk` key
(see `chunks`). Anything else on a line is damage, reported as `Damaged` naming the
file and the line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

from roundtable.errors import StoreError
from roundtable.i18n import _

__all__ = [
    "Damaged",
    "apply_change",
    "damaged",
    "dumps",
    "loads",
    "shape_problem",
]

_CHANGE_KEYS = frozenset({"put", "rm", "drop", "chunk"})


class Damaged(StoreError):
    """The file cannot be read as a store (as opposed to: cannot be reached or written)."""

    def __init__(self, message: str, line: int, what: str) -> None:
        super().__init__(message)
        self.line = line
        self.what = what


def damaged(path: Path, line: int, what: str) -> Damaged:
    return Damaged(
        _(
            "{file}:{line}: the store is damaged: {what}. Nothing was changed; "
            "fix or remove that line, or restore the file from a backup."
        ).format(file=path, line=line, what=what),
        line,
        what,
    )


def dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode(
        "utf-8"
    )


def loads(raw: bytes | memoryview) -> Any:
    """One JSON value; `ValueError` (with the standard parser's message) if invalid."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        # orjson is stricter than the parser that wrote the file (no integers beyond
        # 64 bits, no lone surrogates): only what neither reads is damage.
        return json.loads(bytes(raw))


def _are_ids(keys: Any) -> bool:
    # Plain ASCII digits only ("²" is a digit to `str.isdigit`, not to `int`); joined,
    # the check stays at C speed, for it runs over every document on a full load.
    return "".join(keys).isascii() and all(map(str.isdigit, keys))


def shape_problem(change: object) -> str | None:
    """What is wrong with one journal line's structure, or None."""
    if not isinstance(change, dict) or not change:
        return _("a change line must be a non-empty JSON object")
    unknown = change.keys() - _CHANGE_KEYS
    if unknown:
        return _("unknown key {key}").format(key=", ".join(sorted(unknown)))
    drop = change.get("drop", [])
    if not isinstance(drop, list) or not all(isinstance(name, str) for name in drop):
        return _('"drop" must be a list of table names')
    removes = change.get("rm", {})
    if not isinstance(removes, dict):
        return _('"rm" must map table names to lists of ids')
    for ids in removes.values():
        if not (isinstance(ids, list) and all(isinstance(i, str) for i in ids) and _are_ids(ids)):
            return _('"rm" must map table names to lists of ids')
    puts = change.get("put", {})
    if not isinstance(puts, dict):
        return _('"put" must map table names to documents by id')
    for table, docs in puts.items():
        if not isinstance(docs, dict) or not set(map(type, docs.values())) <= {dict}:
            return _('"put" must map table names to documents by id')
        if not _are_ids(docs):
            bad = next(key for key in docs if not (key.isascii() and key.isdigit()))
            return _("table {table}: the document id {id} is not a number").format(
                table=table, id=repr(bad)
            )
    return None


def apply_change(tables: dict[str, dict[str, Any]], change: Mapping[str, Any]) -> None:
    for name in change.get("drop", ()):
        tables.pop(name, None)
    for name, ids in change.get("rm", {}).items():
        table = tables.get(name)
        if table is not None:
            for doc_id in ids:
                table.pop(doc_id, None)
    for name, docs in change.get("put", {}).items():
        tables.setdefault(name, {}).update(docs)
