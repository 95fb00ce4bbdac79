"""Safe, line-aware YAML reading: every value knows the line it came from.

`read_yaml(path)` returns the document as `YamlMap` / `YamlList` / `YamlScalar`
values, each with its 1-based line, plus every problem met while reading, as
`Problem(path, line, message)`: the file is missing, too large or not UTF-8, the YAML
does not parse, a key is written twice in one mapping (PyYAML would silently keep the
last), a tag asks for anything but plain data (`!!python/object` and the like are
refused, never constructed), an alias refers to itself, or aliases expand into more
values than any config needs. Reading never raises for any file content.

Only the YAML 1.1 plain types are built: text, whole numbers, decimals, true/false,
null and dates. Merge keys (`<<: *defaults`) work as in PyYAML's safe loader.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from roundtable.domain.text import single_line
from roundtable.errors import Problem
from roundtable.i18n import _

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_VALUES",
    "YamlEntry",
    "YamlList",
    "YamlMap",
    "YamlScalar",
    "YamlValue",
    "describe",
    "quote",
    "read_yaml",
]

MAX_FILE_BYTES = 1024 * 1024
"""A roles or agenda file is a few kilobytes; anything past this is the wrong file."""

MAX_VALUES = 100_000
"""Values a document may expand to through aliases (guards against "billion laughs")."""

_TAG = "tag:yaml.org,2002:"
_BUILT_SCALAR_TAGS = frozenset(_TAG + name for name in ("str", "int", "float", "bool", "null"))
_TIMESTAMP = _TAG + "timestamp"
# The resolver gives these to the plain scalars `<<` and `=`; outside a key they are text.
_TEXT_SCALAR_TAGS = frozenset((_TAG + "merge", _TAG + "value"))
_MERGE = _TAG + "merge"
_MAP = _TAG + "map"
_SEQ = _TAG + "seq"

_QUOTE_LIMIT = 80
_C_LOADER: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)
_C_MAX_NESTING = 1000
"""Text that might nest deeper goes through the pure-Python loader (see `_parse`)."""
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
"""What the pure-Python reader refuses (libyaml's limits differ): such text goes to it."""


@dataclass(frozen=True)
class YamlScalar:
    """A single value: `value` as YAML reads it, `text` as the file wrote it."""

    value: str | int | float | bool | date | datetime | None
    text: str
    """The scalar as written (after unquoting): what a person should see in a message."""
    line: int


@dataclass(frozen=True)
class YamlList:
    """A sequence; `line` is where it starts."""

    items: tuple[YamlValue, ...]
    line: int


@dataclass(frozen=True)
class YamlEntry:
    """One `key: value` pair of a mapping, with the key's own line."""

    key: str
    """The key as written; a key that is not a single scalar reads as ``""``."""
    line: int
    value: YamlValue


@dataclass(frozen=True)
class YamlMap:
    """A mapping whose keys are unique (a repeated key is reported, the first one kept)."""

    entries: tuple[YamlEntry, ...]
    line: int

    def get(self, key: str) -> YamlEntry | None:
        """The entry for `key`, or None."""
        return next((entry for entry in self.entries if entry.key == key), None)


YamlValue = YamlScalar | YamlList | YamlMap


def quote(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """`text` from a file, quoted for a one-line message: control characters made
    visible, whitespace folded, long text cut to `limit` characters."""
    safe = single_line(text)
    if len(safe) > limit:
        safe = safe[: limit - 1] + "…"
    return f"'{safe}'"


def describe(value: YamlValue) -> str:
    """What kind of value this is, in words for "must be …, not …" messages."""
    if isinstance(value, YamlMap):
        return _("a mapping")
    if isinstance(value, YamlList):
        return _("a list")
    if value.value is None:
        return _("nothing")
    if isinstance(value.value, bool):
        return _("the yes/no value {text}").format(text=quote(value.text))
    if isinstance(value.value, int | float):
        return _("the number {text}").format(text=quote(value.text))
    if isinstance(value.value, date):
        return _("the date {text}").format(text=quote(value.text))
    return _("the text {text}").format(text=quote(value.text))


def read_yaml(path: Path) -> tuple[YamlValue | None, list[Problem]]:
    """Read one YAML file. Returns its root (None if nothing usable was read, or the
    file holds no document) and every problem found; never raises."""
    problems: list[Problem] = []
    text = _read_text(path, problems)
    if text is None:
        return None, problems
    node = _compose(path, text, problems)
    if node is None:
        return None, problems
    builder = _Builder(path, problems)
    try:
        if builder.size(node) > MAX_VALUES:
            problems.append(
                Problem(
                    path,
                    _line(node),
                    _("the document expands to more than {limit} values through aliases").format(
                        limit=MAX_VALUES
                    ),
                )
            )
            return None, problems
        return builder.build(node), problems
    except RecursionError:
        # Building takes more stack per level than PyYAML's composer, so nesting the
        # parser survived can still end here.
        problems.append(Problem(path, None, _("the YAML is nested too deeply")))
        return None, problems


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        problems.append(Problem(path, None, _("the file does not exist")))
        return None
    except IsADirectoryError:
        problems.append(Problem(path, None, _("this is a folder, not a file")))
        return None
    except OSError as error:
        reason = single_line(error.strerror or str(error))
        problems.append(
            Problem(path, None, _("cannot read the file: {reason}").format(reason=reason))
        )
        return None
    if len(data) > MAX_FILE_BYTES:
        problems.append(
            Problem(
                path,
                None,
                _("the file is larger than {size} KiB; is it the right file?").format(
                    size=MAX_FILE_BYTES // 1024
                ),
            )
        )
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(
            Problem(
                path,
                line,
                _("the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8").format(
                    byte=data[error.start]
                ),
            )
        )
        return None


def _compose(path: Path, text: str, problems: list[Problem]) -> Node | None:
    """Parse `text` into a node tree; syntax problems become one `Problem`."""
    try:
        node = _parse(text)
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_problem(path, error))
        return None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        problems.append(
            Problem(
                path,
                line,
                _("the file holds a character YAML does not allow ({code})").format(
                    code=f"U+{error.character:04X}"
                    if isinstance(error.character, int)
                    else single_line(repr(error.character))
                ),
            )
        )
        return None
    except yaml.YAMLError as error:
        reason = quote(str(error), limit=200)[1:-1]
        problems.append(Problem(path, None, _("YAML error: {reason}").format(reason=reason)))
        return None
    except RecursionError:
        problems.append(Problem(path, None, _("the YAML is nested too deeply")))
        return None
    if node is None or (isinstance(node, ScalarNode) and node.tag == _TAG + "null"):
        problems.append(Problem(path, 1, _("the file is empty")))
        return None
    return node


def _parse(text: str) -> Node | None:
    if _C_LOADER is not None and _nests_shallowly(text) and not _NON_PRINTABLE.search(text):
        # libyaml composes about ten times faster, which every start of the app pays
        # for; what it refuses is read again below, so problems read the same either way.
        c_loader = _C_LOADER(text)
        try:
            fast: Node | None = c_loader.get_single_node()
            return fast
        except yaml.YAMLError:
            pass
        finally:
            c_loader.dispose()
    # The pure-Python loader: deep nesting ends in a catchable RecursionError instead of
    # overflowing the C stack. Its constructor already checks for forbidden characters,
    # so it is made inside the caller's `try`.
    loader = yaml.SafeLoader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def _nests_shallowly(text: str) -> bool:
    """Whether `text` surely nests less than `_C_MAX_NESTING` deep, for libyaml's
    recursive composer. A level needs a flow bracket, or on its line more indentation
    or one more indicator (`- `, `? `, `: `), so this bounds the depth from above."""
    brackets = text.count("[") + text.count("{")
    if brackets >= _C_MAX_NESTING:
        return False
    deepest = max(
        (
            len(line) - len(line.lstrip(" ")) + line.count("-") + line.count("?") + line.count(":")
            for line in text.splitlines()
        ),
        default=0,
    )
    return brackets + deepest + 1 < _C_MAX_NESTING


def _syntax_problem(path: Path, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = int(mark.line) + 1 if mark is not None else None
    parts = [part for part in (error.context, error.problem) if part]
    reason = quote(": ".join(parts), limit=200)[1:-1] if parts else _("the YAML cannot be read")
    message = _("YAML syntax error: {reason}").format(reason=reason)
    if "'\\t'" in (error.problem or ""):
        message += _(" (indent with spaces; YAML does not allow tabs there)")
    return Problem(path, line, message)


class _Builder:
    """Turns composed nodes into located values; each node is built once, so aliases
    cost nothing extra and problems inside a shared node are reported once."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        self.built: dict[int, YamlValue] = {}
        self.sizes: dict[int, int] = {}
        self.building: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def size(self, node: Node) -> int:
        """How many values `node` stands for once every alias is expanded."""
        known = self.sizes.get(id(node))
        if known is not None:
            return known
        # A node still being sized is an alias to itself; build() reports it.
        self.sizes[id(node)] = 1
        total = 1
        if isinstance(node, SequenceNode):
            total += sum(self.size(child) for child in node.value)
        elif isinstance(node, MappingNode):
            total += sum(self.size(key) + self.size(value) for key, value in node.value)
        self.sizes[id(node)] = min(total, MAX_VALUES + 1)
        return self.sizes[id(node)]

    def build(self, node: Node) -> YamlValue:
        done = self.built.get(id(node))
        if done is not None:
            return done
        if id(node) in self.building:
            self.problem(_line(node), _("an alias refers to the value that contains it"))
            return YamlScalar(None, "", _line(node))
        self.building.add(id(node))
        try:
            value = self._build(node)
        finally:
            self.building.discard(id(node))
        self.built[id(node)] = value
        return value

    def _build(self, node: Node) -> YamlValue:
        if isinstance(node, MappingNode):
            self._check_tag(node, (_MAP,))
            return self._mapping(node)
        if isinstance(node, SequenceNode):
            self._check_tag(node, (_SEQ,))
            return YamlList(tuple(self.build(child) for child in node.value), _line(node))
        return self._scalar(node)

    def _check_tag(self, node: Node, allowed: tuple[str, ...]) -> None:
        if node.tag not in allowed:
            self.problem(
                _line(node),
                _("the tag {tag} is not allowed: config files hold plain values only").format(
                    tag=quote(_short_tag(node.tag))
                ),
            )

    def _scalar(self, node: Node) -> YamlScalar:
        text = str(node.value)
        line = _line(node)
        if node.tag in _TEXT_SCALAR_TAGS:
            return YamlScalar(text, text, line)
        if node.tag not in _BUILT_SCALAR_TAGS and node.tag != _TIMESTAMP:
            self._check_tag(node, ())
            return YamlScalar(text, text, line)
        try:
            value = self.constructor.construct_object(node)
        except (ValueError, OverflowError, yaml.YAMLError):
            # A month 13, a number past int's digit limit, `!!int abc`: keep the text,
            # so the field's own check says what it expected.
            return YamlScalar(text, text, line)
        if isinstance(value, str | int | float | bool | date | datetime) or value is None:
            return YamlScalar(value, text, line)
        return YamlScalar(text, text, line)

    def _mapping(self, node: MappingNode) -> YamlMap:
        entries: dict[str, YamlEntry] = {}
        merged: list[YamlEntry] = []
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.tag == _MERGE:
                merged.extend(self._merged(value_node))
                continue
            key = self._key(key_node)
            entry = YamlEntry(key, _line(key_node), self.build(value_node))
            first = entries.get(key)
            if first is not None:
                self.problem(
                    entry.line,
                    _("the key {key} is written twice: at line {first} and at line {again}").format(
                        key=quote(key), first=first.line, again=entry.line
                    ),
                )
                continue
            entries[key] = entry
        # Keys written out win over merged ones, wherever the `<<` stands.
        for entry in merged:
            entries.setdefault(entry.key, entry)
        return YamlMap(tuple(entries.values()), _line(node))

    def _merged(self, node: Node) -> list[YamlEntry]:
        value = self.build(node)
        sources = value.items if isinstance(value, YamlList) else (value,)
        entries: list[YamlEntry] = []
        for source in sources:
            if isinstance(source, YamlMap):
                entries.extend(source.entries)
            else:
                self.problem(
                    source.line,
                    _("a merge (<<) takes a mapping or a list of mappings, not {what}").format(
                        what=describe(source)
                    ),
                )
        return entries

    def _key(self, node: Node) -> str:
        if isinstance(node, ScalarNode):
            key = self.build(node)
            if isinstance(key, YamlScalar):
                return key.text
        self.problem(_line(node), _("a key must be a single word, not a list or mapping"))
        return ""


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
