"""Building located values from the nodes PyYAML composed: plain data only (text,
numbers, true/false, null, dates), keys unique, merge keys as in the safe loader, every
problem reported with its line rather than raised."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from roundtable.domain.config.files import MAX_FILE_BYTES
from roundtable.domain.config.yamlvalues import (
    YamlEntry,
    YamlList,
    YamlMap,
    YamlScalar,
    YamlValue,
    describe,
    quote,
)
from roundtable.errors import Problem
from roundtable.i18n import _

__all__ = ["MAX_VALUES", "YamlBuilder", "node_line"]

MAX_VALUES = 100_000
"""Values a document may expand to through aliases (guards against "billion laughs")."""
_SURROGATE = re.compile("[\ud800-\udfff]")

_TAG = "tag:yaml.org,2002:"
_BUILT_SCALAR_TAGS = frozenset(_TAG + name for name in ("str", "int", "float", "bool", "null"))
_TIMESTAMP = _TAG + "timestamp"
# The resolver gives these to the plain scalars `<<` and `=`; outside a key they are text.
_TEXT_SCALAR_TAGS = frozenset((_TAG + "merge", _TAG + "value"))
_MERGE = _TAG + "merge"
_MAP = _TAG + "map"
_SEQ = _TAG + "seq"


def node_line(node: Node) -> int:
    return int(node.start_mark.line) + 1


class YamlBuilder:
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
        # Capped so a bomb stays a small number; a file has fewer nodes than bytes.
        self.sizes[id(node)] = min(total, MAX_FILE_BYTES + MAX_VALUES + 1)
        return self.sizes[id(node)]

    def build(self, node: Node) -> YamlValue:
        done = self.built.get(id(node))
        if done is not None:
            return done
        if id(node) in self.building:
            self.problem(node_line(node), _("an alias refers to the value that contains it"))
            return YamlScalar(None, "", node_line(node))
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
            return YamlList(tuple(self.build(child) for child in node.value), node_line(node))
        return self._scalar(node)

    def _check_tag(self, node: Node, allowed: tuple[str, ...]) -> None:
        if node.tag not in allowed:
            self.problem(
                node_line(node),
                _("the tag {tag} is not allowed: config files hold plain values only").format(
                    tag=quote(_short_tag(node.tag))
                ),
            )

    def _scalar(self, node: Node) -> YamlScalar:
        text = str(node.value)
        line = node_line(node)
        surrogate = _SURROGATE.search(text)
        if surrogate is not None:
            # An escape like "\ud800" in quotes: no terminal, file or store can take it.
            self.problem(
                line,
                _(
                    "the text holds {code}, half of a character pair; write the character itself"
                ).format(code=f"U+{ord(surrogate.group()):04X}"),
            )
            text = _SURROGATE.sub("\ufffd", text)
            return YamlScalar(text, text, line)
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
            entry = YamlEntry(key, node_line(key_node), self.build(value_node))
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
        return YamlMap(tuple(entries.values()), node_line(node))

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
        self.problem(node_line(node), _("a key must be a single word, not a list or mapping"))
        return ""


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
