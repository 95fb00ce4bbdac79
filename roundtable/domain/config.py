"""Roles and agendas: the team's YAML configuration, loaded and validated.

A config folder holds `roles.yaml` (the team and its roles) and one file per agenda
template: every other `*.yaml` or `*.yml` in the folder; the agenda's id is the file
name without its suffix (`round-table.yaml` → `round-table`). Files whose name starts
with a dot are ignored.

roles.yaml::

    team: Marketing & Sales Round Table      # the team's name, shown on screens and in minutes
    language: en                             # optional: en | de, for screens, messages, minutes
    roles:
      - id: product-marketing                # lowercase letters, digits and dashes; unique
        title: Product Marketing
        department: marketing                # free word: marketing, sales, controlling, …
        holders: [Jana Richter]              # people; at least one
        responsibilities:                    # optional: sentences
          - Positions the products and defines the target groups for each campaign.
        committed_by: Dr. Martin Keller      # optional: who committed the role
        committed_on: 2026-01-12             # optional date
        signs_off: false                     # optional: true if its holders sign off budgets

An agenda file, e.g. round-table.yaml::

    title: Marketing & Sales Round Table
    timebox: 180            # minutes, 1 to 180 (default 180)
    cadence: biweekly       # weekly | biweekly (default weekly)
    facilitator: sales-marketing   # optional role id
    items:                  # at least one; titles unique (ignoring case)
      - title: Open action items
        minutes: 15         # a positive whole number
        role: sales-marketing          # the owning role's id
        kind: report        # report | discussion | decision (default discussion)
        review: true        # optional: reviews the open action items (at most one item)
        notes: Everything still open from earlier meetings, overdue first.   # optional

The items' minutes together must fit in the time box. `load_config` reports every
problem in every file at once, each as `FILE:LINE: message`, through `ConfigError`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from roundtable.domain.yamlfile import (
    MAX_FILE_BYTES,
    YamlEntry,
    YamlList,
    YamlMap,
    YamlScalar,
    YamlValue,
    describe,
    quote,
    read_yaml,
)
from roundtable.errors import ConfigError, Problem
from roundtable.i18n import _

__all__ = [
    "AGENDA_SUFFIXES",
    "MAX_TIMEBOX_MINUTES",
    "ROLES_FILE",
    "Agenda",
    "AgendaItem",
    "Cadence",
    "ItemKind",
    "Role",
    "TeamConfig",
    "is_role_id",
    "load_config",
    "load_roles",
    "peek_language",
]

MAX_TIMEBOX_MINUTES = 180
"""The round table never runs longer than three hours."""

ROLES_FILE = "roles.yaml"
AGENDA_SUFFIXES = (".yaml", ".yml")

MAX_PROBLEMS_PER_FILE = 100
"""More than this from one file is noise (it is probably not a config file at all)."""

_ROLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)

# (allowed keys, required keys) of each kind of mapping
_ROLES_FILE_KEYS = (("team", "language", "roles"), ("team", "roles"))
_ROLE_KEYS = (
    (
        "id",
        "title",
        "department",
        "holders",
        "responsibilities",
        "committed_by",
        "committed_on",
        "signs_off",
    ),
    ("id", "title", "department", "holders"),
)
_AGENDA_KEYS = (("title", "timebox", "cadence", "facilitator", "items"), ("title", "items"))
_ITEM_KEYS = (("title", "minutes", "role", "kind", "review", "notes"), ("title", "minutes", "role"))


class ItemKind(StrEnum):
    """What an agenda item is for."""

    REPORT = "report"
    DISCUSSION = "discussion"
    DECISION = "decision"


class _Language(StrEnum):
    """The values of roles.yaml's `language` key: `roundtable.i18n.LANGUAGES`."""

    ENGLISH = "en"
    GERMAN = "de"


class Cadence(StrEnum):
    """How often a meeting of this agenda takes place."""

    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"

    @property
    def days(self) -> int:
        return 7 if self is Cadence.WEEKLY else 14


@dataclass(frozen=True)
class Role:
    """Who is responsible for what, as the managers committed it."""

    id: str
    title: str
    department: str
    holders: tuple[str, ...]
    responsibilities: tuple[str, ...] = ()
    committed_by: str | None = None
    committed_on: date | None = None
    signs_off: bool = False
    """Its holders sign off (or reject) budget agreements that need management."""


@dataclass(frozen=True)
class AgendaItem:
    """One item of an agenda template."""

    title: str
    minutes: int
    role: str
    """The id of the owning role."""
    kind: ItemKind = ItemKind.DISCUSSION
    notes: str = ""
    review: bool = False
    """True for the item that reviews the open action items of earlier meetings."""


@dataclass(frozen=True)
class Agenda:
    """An agenda template: what a meeting of this kind covers and in how long."""

    id: str
    """The file name without `.yaml`; what `roundtable start ID` takes."""
    title: str
    timebox_minutes: int
    cadence: Cadence
    items: tuple[AgendaItem, ...]
    path: Path
    facilitator: str | None = None
    """Role id of whoever usually runs this meeting."""

    @property
    def planned_minutes(self) -> int:
        """The items' planned minutes together."""
        return sum(item.minutes for item in self.items)


@dataclass(frozen=True)
class TeamConfig:
    """Everything read from one config folder."""

    directory: Path
    source: str
    """How the folder was found, in words for `roundtable check`."""
    team: str
    roles: tuple[Role, ...]
    agendas: tuple[Agenda, ...]
    language: str | None = None
    """`en` or `de` if roles.yaml sets `language`; None leaves it to `--lang` and the locale."""

    def role(self, role_id: str) -> Role | None:
        """The role with this id, or None."""
        return next((role for role in self.roles if role.id == role_id), None)

    def agenda(self, agenda_id: str) -> Agenda | None:
        """The agenda with this id, or None."""
        return next((agenda for agenda in self.agendas if agenda.id == agenda_id), None)


def is_role_id(text: str) -> bool:
    """True if `text` is written like a role id: lowercase letters, digits, single dashes."""
    return _ROLE_ID.fullmatch(text) is not None


# --- loading --------------------------------------------------------------------------


def load_config(directory: Path, source: str) -> TeamConfig:
    """Read and validate the config folder `directory` (`source` says how it was found).

    Raises `ConfigError` listing every problem in every file, never anything else.
    """
    try:
        is_folder = directory.is_dir()
        exists = is_folder or directory.exists()
        names = sorted(directory.iterdir()) if is_folder else []
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise ConfigError(
            [
                Problem(
                    directory,
                    None,
                    _("cannot read the config folder: {reason}").format(reason=reason),
                )
            ]
        ) from None
    if not is_folder:
        message = (
            _("this is a file, not a config folder")
            if exists
            else _("the config folder does not exist")
        )
        raise ConfigError([Problem(directory, None, message)])

    problems: list[Problem] = []
    roles_path = directory / ROLES_FILE
    misnamed_roles = directory / "roles.yml"
    team, roles, role_ids, language = _load_roles(
        roles_path, roles_path in names, misnamed_roles in names, problems
    )

    agendas: list[Agenda] = []
    agenda_files: dict[str, Path] = {}
    for path in names:
        if path.suffix not in AGENDA_SUFFIXES or path.name.startswith("."):
            continue
        if path in (roles_path, misnamed_roles):
            continue
        first = agenda_files.get(path.stem)
        if first is not None:
            problems.append(
                Problem(
                    path,
                    None,
                    _("{other} has the same agenda id {id}; keep only one of the two").format(
                        other=first.name, id=quote(path.stem)
                    ),
                )
            )
            continue
        agenda_files[path.stem] = path
        checker = _Checker(path)
        agenda = _read_agenda(checker, role_ids)
        problems.extend(checker.finish())
        if agenda is not None:
            agendas.append(agenda)
    if not agenda_files:
        problems.append(
            Problem(
                directory,
                None,
                _(
                    "no agenda in the config folder: add one YAML file per agenda next to {roles}"
                ).format(roles=ROLES_FILE),
            )
        )

    if problems or team is None:
        raise ConfigError(problems)
    return TeamConfig(directory, source, team, roles, tuple(agendas), language)


def load_roles(directory: Path) -> tuple[Role, ...]:
    """Only the roles of the config folder `directory`, validated as `load_config` does
    but without reading the agendas: for commands that only match owners, and start
    faster for it. Raises `ConfigError` for problems in roles.yaml (not in agendas)."""
    roles_path = directory / ROLES_FILE
    try:
        listed = roles_path.is_file()
        misnamed = not listed and (directory / "roles.yml").is_file()
        is_folder = listed or directory.is_dir()
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise ConfigError(
            [
                Problem(
                    directory,
                    None,
                    _("cannot read the config folder: {reason}").format(reason=reason),
                )
            ]
        ) from None
    if not is_folder:
        message = (
            _("this is a file, not a config folder")
            if directory.exists()
            else _("the config folder does not exist")
        )
        raise ConfigError([Problem(directory, None, message)])
    problems: list[Problem] = []
    team, roles, _role_ids, _language = _load_roles(roles_path, listed, misnamed, problems)
    if problems or team is None:
        raise ConfigError(problems)
    return roles


def peek_language(directory: Path) -> str | None:
    """The `language` roles.yaml in `directory` sets, read before anything else is: the
    CLI needs it before it prints a word. None when it is absent, unreadable or not one
    of ours; `load_config` reports what is wrong. Costs one small file read when roles.yaml
    has no `language` at all, the common case."""
    path = directory / ROLES_FILE
    try:
        with path.open("rb") as file:
            head = file.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError):
        return None
    if b"language" not in head:
        return None
    root, _problems = read_yaml(path)
    if not isinstance(root, YamlMap):
        return None
    entry = root.get("language")
    if entry is None or not isinstance(entry.value, YamlScalar):
        return None
    text = entry.value.text.strip()
    return text if text in {member.value for member in _Language} else None


def _load_roles(
    path: Path, listed: bool, misnamed: bool, problems: list[Problem]
) -> tuple[str | None, tuple[Role, ...], set[str] | None, str | None]:
    """The team name, the valid roles, every role id written in the file (None when
    the role list could not be read, so agendas are not checked against it), and the
    language if the file sets a valid one."""
    if not listed:
        hint = (
            _("the config folder has no {roles} (found roles.yml: rename it to {roles})")
            if misnamed
            else _("the config folder has no {roles} with the team and its roles")
        )
        problems.append(Problem(path, None, hint.format(roles=ROLES_FILE)))
        return None, (), None, None
    checker = _Checker(path)
    team, roles, role_ids, language = _read_roles(checker)
    problems.extend(checker.finish())
    return team, roles, role_ids, language


def _read_roles(
    check: _Checker,
) -> tuple[str | None, tuple[Role, ...], set[str] | None, str | None]:
    root = check.read()
    if root is None:
        return None, (), None, None
    top = check.mapping(root, _("{roles} (with 'team' and 'roles')").format(roles=ROLES_FILE))
    if top is None:
        return None, (), None, None
    check.keys(top, *_ROLES_FILE_KEYS, ROLES_FILE)
    team = check.text(top.get("team"))
    language_entry = top.get("language")
    chosen = (
        None
        if language_entry is None
        else check.choice(language_entry, _Language, _Language.ENGLISH)
    )
    language = None if chosen is None else chosen.value
    entry = top.get("roles")
    if entry is None:
        return team, (), None, language
    listed = check.listed(entry)
    if listed is None:
        return team, (), None, language
    if not listed:
        check.problem(entry.line, _("{roles} lists no roles").format(roles=ROLES_FILE))
        return team, (), None, language

    # Ids as written, even those with problems, so agendas naming them are not also
    # reported as naming an unknown role.
    id_lines: dict[str, int] = {}
    roles: list[Role] = []
    for value in listed:
        mapping = check.mapping(value, _("a role"))
        if mapping is None:
            continue
        role = _read_role(check, mapping)
        written_id = _written_text(mapping.get("id"))
        if written_id is None:
            continue
        id_line = _line_of(mapping, "id")
        if written_id in id_lines:
            check.problem(
                id_line,
                _("the role id {id} is used twice: at line {first} and at line {again}").format(
                    id=quote(written_id), first=id_lines[written_id], again=id_line
                ),
            )
            continue
        id_lines[written_id] = id_line
        if role is not None:
            roles.append(role)
    return team, tuple(roles), set(id_lines), language


def _read_role(check: _Checker, mapping: YamlMap) -> Role | None:
    check.keys(mapping, *_ROLE_KEYS, _("a role"))
    role_id = check.text(mapping.get("id"))
    if role_id is not None and not is_role_id(role_id):
        check.problem(
            _line_of(mapping, "id"),
            _(
                "the role id {id} must be lowercase letters, digits and dashes, like "
                "sales-marketing"
            ).format(id=quote(role_id)),
        )
        role_id = None
    title = check.text(mapping.get("title"))
    department = check.text(mapping.get("department"))
    holders = check.text_list(mapping.get("holders"))
    if holders == ():
        check.problem(
            _line_of(mapping, "holders"),
            _("the role {id} has no holders: name at least one person").format(
                id=quote(role_id or "")
            ),
        )
        holders = None
    responsibilities = check.text_list(mapping.get("responsibilities"), default=())
    committed_by = check.optional_text(mapping.get("committed_by"))
    committed_on = check.day(mapping.get("committed_on"))
    signs_off = check.flag(mapping.get("signs_off"), default=False)
    if (
        role_id is None
        or title is None
        or department is None
        or holders is None
        or responsibilities is None
        or isinstance(committed_by, _Invalid)
        or isinstance(committed_on, _Invalid)
        or signs_off is None
    ):
        return None
    return Role(
        role_id,
        title,
        department,
        holders,
        responsibilities,
        committed_by,
        committed_on,
        signs_off,
    )


def _read_agenda(check: _Checker, role_ids: set[str] | None) -> Agenda | None:
    root = check.read()
    if root is None:
        return None
    top = check.mapping(root, _("an agenda file (with 'title' and 'items')"))
    if top is None:
        return None
    check.keys(top, *_AGENDA_KEYS, _("an agenda"))
    title = check.text(top.get("title"))
    timebox = _read_timebox(check, top.get("timebox"))
    cadence = check.choice(top.get("cadence"), Cadence, Cadence.WEEKLY)
    facilitator = check.optional_text(top.get("facilitator"))
    if isinstance(facilitator, str):
        facilitator = check.role_reference(top.get("facilitator"), facilitator, role_ids)
    read = _read_items(check, top.get("items"), role_ids)
    items = None if read is None else read[0]

    if read is not None:
        planned = read[1]
        # A box that is itself wrong is still checked against the longest one allowed.
        box = timebox if timebox is not None else MAX_TIMEBOX_MINUTES
        if planned > box:
            check.problem(
                _line_of(top, "items"),
                _(
                    "the items plan {planned} minutes, {over} more than the time box of "
                    "{box} minutes"
                ).format(planned=planned, over=planned - box, box=box),
            )
    if (
        title is None
        or timebox is None
        or cadence is None
        or isinstance(facilitator, _Invalid)
        or items is None
        or any(item is None for item in items)
    ):
        return None
    return Agenda(
        id=check.path.stem,
        title=title,
        timebox_minutes=timebox,
        cadence=cadence,
        items=tuple(item for item in items if item is not None),
        path=check.path,
        facilitator=facilitator,
    )


def _read_timebox(check: _Checker, entry: YamlEntry | None) -> int | None:
    if entry is None:
        return MAX_TIMEBOX_MINUTES
    minutes = check.positive_whole(entry)
    if minutes is not None and minutes > MAX_TIMEBOX_MINUTES:
        check.problem(
            entry.value.line,
            _(
                "the time box is {box} minutes, more than {max}: the round table never runs "
                "longer than three hours"
            ).format(box=minutes, max=MAX_TIMEBOX_MINUTES),
        )
        return None
    return minutes


def _read_items(
    check: _Checker, entry: YamlEntry | None, role_ids: set[str] | None
) -> tuple[list[AgendaItem | None], int] | None:
    """The items in order (None for each item with problems) and the minutes they plan,
    counting every valid `minutes` even of an item with other problems; None if there is
    no list of items."""
    if entry is None:
        return None
    listed = check.listed(entry)
    if listed is None:
        return None
    if not listed:
        check.problem(entry.line, _("the agenda has no items"))
        return None
    items: list[AgendaItem | None] = []
    planned = 0
    titles: dict[str, int] = {}
    review_at: tuple[str, int] | None = None
    for value in listed:
        mapping = check.mapping(value, _("an agenda item"))
        if mapping is None:
            items.append(None)
            continue
        item, minutes = _read_item(check, mapping, role_ids)
        planned += minutes or 0
        # Titles and review flags as written, so an item with another problem still
        # counts as the first of a pair.
        title = _written_text(mapping.get("title"))
        title_line = _line_of(mapping, "title")
        if title is not None and title.casefold() in titles:
            check.problem(
                title_line,
                _(
                    "the item title {title} is used twice: at line {first} and at line "
                    "{again} (titles must differ, ignoring case)"
                ).format(title=quote(title), first=titles[title.casefold()], again=title_line),
            )
            item = None
        elif title is not None:
            titles[title.casefold()] = title_line
        review = mapping.get("review")
        if (
            review is not None
            and isinstance(review.value, YamlScalar)
            and review.value.value is True
        ):
            if review_at is not None:
                check.problem(
                    review.line,
                    _(
                        "more than one review item: {title} at line {line} already reviews the "
                        "open action items"
                    ).format(title=quote(review_at[0]), line=review_at[1]),
                )
                item = None
            else:
                review_at = (title or "", review.line)
        items.append(item)
    return items, planned


def _read_item(
    check: _Checker, mapping: YamlMap, role_ids: set[str] | None
) -> tuple[AgendaItem | None, int | None]:
    """The item (None if it has problems) and its minutes (None if those are wrong)."""
    check.keys(mapping, *_ITEM_KEYS, _("an agenda item"))
    title = check.text(mapping.get("title"))
    role_entry = mapping.get("role")
    role = check.text(role_entry)
    if role is not None:
        checked = check.role_reference(role_entry, role, role_ids)
        role = None if isinstance(checked, _Invalid) else checked
    minutes_entry = mapping.get("minutes")
    minutes = check.positive_whole(minutes_entry) if minutes_entry is not None else None
    kind = check.choice(mapping.get("kind"), ItemKind, ItemKind.DISCUSSION)
    review = check.flag(mapping.get("review"), default=False)
    notes = check.optional_text(mapping.get("notes"), one_line=False)
    if (
        title is None
        or role is None
        or minutes is None
        or kind is None
        or review is None
        or isinstance(notes, _Invalid)
    ):
        return None, minutes
    return AgendaItem(title, minutes, role, kind, notes or "", review), minutes


def _line_of(mapping: YamlMap, key: str) -> int:
    entry = mapping.get(key)
    return entry.line if entry is not None else mapping.line


def _written_text(entry: YamlEntry | None) -> str | None:
    """The text of a scalar as `_Checker.text` would read it, without reporting anything."""
    if entry is None or not isinstance(entry.value, YamlScalar) or entry.value.value is None:
        return None
    return " ".join(entry.value.text.split()) or None


class _Invalid:
    """Marks an optional value that was written but is wrong (None means "not given")."""


_INVALID = _Invalid()

_E = TypeVar("_E", bound=StrEnum)


class _Checker:
    """Collects the problems of one file; each reader returns None when the value is
    wrong, after reporting why at the value's line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def finish(self) -> list[Problem]:
        """The problems in line order, at most `MAX_PROBLEMS_PER_FILE` of them."""
        ordered = sorted(self.problems, key=lambda problem: problem.line or 0)
        if len(ordered) <= MAX_PROBLEMS_PER_FILE:
            return ordered
        rest = len(ordered) - MAX_PROBLEMS_PER_FILE
        return [
            *ordered[:MAX_PROBLEMS_PER_FILE],
            Problem(self.path, None, _("… and {count} more problems").format(count=rest)),
        ]

    def read(self) -> YamlValue | None:
        root, problems = read_yaml(self.path)
        self.problems.extend(problems)
        return root

    def mapping(self, value: YamlValue, what: str) -> YamlMap | None:
        if isinstance(value, YamlMap):
            return value
        self.problem(
            value.line,
            _("{what} must be a mapping of keys and values, not {found}").format(
                what=what, found=describe(value)
            ),
        )
        return None

    def keys(
        self, mapping: YamlMap, allowed: tuple[str, ...], required: tuple[str, ...], what: str
    ) -> None:
        """Report unknown keys (with a did-you-mean) and missing required ones."""
        for entry in mapping.entries:
            # A key that is no single word ("") was reported while reading.
            if entry.key in allowed or not entry.key:
                continue
            close = difflib.get_close_matches(entry.key, allowed, n=1)
            if close:
                message = _("unknown key {key} in {what}; did you mean {suggestion}?").format(
                    key=quote(entry.key), what=what, suggestion=quote(close[0])
                )
            else:
                message = _("unknown key {key} in {what}; the keys are: {keys}").format(
                    key=quote(entry.key), what=what, keys=", ".join(allowed)
                )
            self.problem(entry.line, message)
        for key in required:
            if mapping.get(key) is None:
                self.problem(
                    mapping.line,
                    _("missing key {key} in {what}").format(key=quote(key), what=what),
                )

    def listed(self, entry: YamlEntry) -> tuple[YamlValue, ...] | None:
        if isinstance(entry.value, YamlList):
            return entry.value.items
        if isinstance(entry.value, YamlScalar) and entry.value.value is None:
            return ()
        self.problem(
            entry.value.line,
            _("{key} must be a list, not {found}").format(
                key=quote(entry.key), found=describe(entry.value)
            ),
        )
        return None

    def text(self, entry: YamlEntry | None, *, one_line: bool = True) -> str | None:
        """Required text; a missing key is reported by `keys`."""
        if entry is None:
            return None
        return self._text(entry.value, quote(entry.key), one_line=one_line)

    def _text(self, value: YamlValue, name: str, *, one_line: bool = True) -> str | None:
        if not isinstance(value, YamlScalar):
            self.problem(
                value.line,
                _("{key} must be text, not {found}").format(key=name, found=describe(value)),
            )
            return None
        # Text is taken as written: `title: 2026` is the text 2026, not a number.
        text = " ".join(value.text.split()) if one_line else value.text.strip()
        if value.value is None or not text:
            self.problem(value.line, _("{key} must not be empty").format(key=name))
            return None
        return text

    def optional_text(
        self, entry: YamlEntry | None, *, one_line: bool = True
    ) -> str | _Invalid | None:
        """Optional text: None if absent, left empty or null; `_INVALID` if wrong."""
        value = None if entry is None else entry.value
        if entry is None or (
            isinstance(value, YamlScalar) and (value.value is None or not value.text.strip())
        ):
            return None
        text = self._text(entry.value, quote(entry.key), one_line=one_line)
        return _INVALID if text is None else text

    def text_list(
        self, entry: YamlEntry | None, default: tuple[str, ...] | None = None
    ) -> tuple[str, ...] | None:
        """A list of text; `()` for an empty list (the caller decides whether that is
        allowed), `default` when the key is absent, None when it is wrong."""
        if entry is None:
            return default
        listed = self.listed(entry)
        if listed is None:
            return None
        texts = [
            self._text(value, _("each entry of {key}").format(key=quote(entry.key)))
            for value in listed
        ]
        if any(text is None for text in texts):
            return None
        return tuple(text for text in texts if text is not None)

    def positive_whole(self, entry: YamlEntry) -> int | None:
        value = entry.value
        if (
            isinstance(value, YamlScalar)
            and isinstance(value.value, int)
            and not isinstance(value.value, bool)  # YAML's true is no number of minutes
            and value.value > 0
        ):
            return value.value
        self.problem(
            value.line,
            _("{key} must be a positive whole number of minutes, not {found}").format(
                key=quote(entry.key), found=describe(value)
            ),
        )
        return None

    def choice(self, entry: YamlEntry | None, kind: type[_E], default: _E) -> _E | None:
        if entry is None:
            return default
        allowed = [member.value for member in kind]
        value = entry.value
        if isinstance(value, YamlScalar) and value.text in allowed:
            return kind(value.text)
        self.problem(
            value.line,
            _("{key} must be one of {allowed}, not {found}").format(
                key=quote(entry.key), allowed=", ".join(allowed), found=describe(value)
            ),
        )
        return None

    def flag(self, entry: YamlEntry | None, *, default: bool) -> bool | None:
        if entry is None:
            return default
        value = entry.value
        if isinstance(value, YamlScalar) and isinstance(value.value, bool):
            return value.value
        self.problem(
            value.line,
            _("{key} must be true or false, not {found}").format(
                key=quote(entry.key), found=describe(value)
            ),
        )
        return None

    def day(self, entry: YamlEntry | None) -> date | _Invalid | None:
        """An optional date: None if absent or left empty."""
        if entry is None:
            return None
        value = entry.value
        if isinstance(value, YamlScalar):
            if value.value is None:
                return None
            if isinstance(value.value, date) and not isinstance(value.value, datetime):
                return value.value
            if isinstance(value.value, str):
                parsed = _parse_date(value.value.strip())
                if parsed is not None:
                    return parsed
        self.problem(
            value.line,
            _("{key} must be a date like 2026-01-12, not {found}").format(
                key=quote(entry.key), found=describe(value)
            ),
        )
        return _INVALID

    def role_reference(
        self, entry: YamlEntry | None, role_id: str, role_ids: set[str] | None
    ) -> str | _Invalid:
        """`role_id` if roles.yaml has it (or could not be read, so nothing is known)."""
        if role_ids is None or role_id in role_ids or entry is None:
            return role_id
        close = difflib.get_close_matches(role_id, sorted(role_ids), n=1)
        if close:
            message = _("unknown role {id} in {key}; did you mean {suggestion}?").format(
                id=quote(role_id), key=quote(entry.key), suggestion=quote(close[0])
            )
        else:
            message = _("unknown role {id} in {key}; the roles are: {ids}").format(
                id=quote(role_id), key=quote(entry.key), ids=", ".join(sorted(role_ids))
            )
        self.problem(entry.value.line, message)
        return _INVALID


def _parse_date(text: str) -> date | None:
    """A quoted ISO date ("2026-01-12") is still a date."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text, re.ASCII):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
