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

from pathlib import Path

import yaml
from yaml.nodes import Node, ScalarNode

from roundtable.domain.config.files import MAX_FILE_BYTES, NotAPlainFile, read_plain_file
from roundtable.domain.config.yamlbuild import MAX_VALUES, YamlBuilder, node_line
from roundtable.domain.config.yamlvalues import YamlValue, quote
from roundtable.domain.text import single_line
from roundtable.errors import Problem
from roundtable.i18n import _

__all__ = ["MAX_FILE_BYTES", "MAX_VALUES", "read_yaml"]


_TAG = "tag:yaml.org,2002:"

_C_LOADER: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)
_C_MAX_NESTING = 1000
"""Text that might nest deeper goes through the pure-Python loader (see `_parse`)."""
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
"""What the pure-Python reader refuses (libyaml's limits differ): such text goes to it."""


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
    builder = YamlBuilder(path, problems)
    try:
        # What aliases add beyond the values written out; a long plain file is no bomb.
        if builder.size(node) - len(builder.sizes) > MAX_VALUES:
            problems.append(
                Problem(
                    path,
                    node_line(node),
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


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    try:
        data = read_plain_file(path, MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        problems.append(Problem(path, None, _("the file does not exist")))
        return None
    except IsADirectoryError:
        problems.append(Problem(path, None, _("this is a folder, not a file")))
        return None
    except NotAPlainFile:
        problems.append(
            Problem(
                path,
                None,
                _("this is a pipe, device or socket, not a file; it was not read"),
            )
        )
        return None
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        reason = single_line(
            error.strerror or str(error) if isinstance(error, OSError) else str(error)
        )
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
    if (
        _C_LOADER is not None
        and not _NON_PRINTABLE.search(text)
        and (_nests_shallowly(text) or _nests_shallowly_as_parsed(text, _C_LOADER))
    ):
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


def _nests_shallowly_as_parsed(text: str, loader_class: type[yaml.CSafeLoader]) -> bool:
    """Whether `text` nests less than `_C_MAX_NESTING` deep, counted exactly from
    libyaml's events (its parser keeps its own stack; only composing recurses). For the
    long but flat file the quick guess in `_nests_shallowly` cannot vouch for."""
    loader = loader_class(text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth >= _C_MAX_NESTING:
                    return False
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return False  # the pure-Python loader says what is wrong, as for any file
    finally:
        loader.dispose()
    return True


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
