"""What roles.yaml and an agenda file must hold: their keys, read into the model with
every problem reported at its line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from roundtable.domain.config.fields import Checker, Invalid, line_of, written_text
from roundtable.domain.config.model import (
    MAX_TIMEBOX_MINUTES,
    Agenda,
    AgendaItem,
    Cadence,
    FixedBudget,
    ItemKind,
    Language,
)
from roundtable.domain.config.roles import ROLES_FILE, Role, is_role_id
from roundtable.domain.config.yamlvalues import YamlEntry, YamlMap, YamlScalar, quote
from roundtable.errors import Problem
from roundtable.i18n import _

__all__ = ["RolesFile", "load_roles_file", "read_agenda", "store_setting"]

# (allowed keys, required keys) of each kind of mapping
# `timezone` and `mail` are read by domain/contacts.py, for the commands that need them.
_ROLES_FILE_KEYS = (
    ("team", "language", "store", "timezone", "mail", "budgets", "roles"),
    ("team", "roles"),
)
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
_AGENDA_KEYS = (
    ("title", "timebox", "cadence", "facilitator", "minute_taker", "location", "items"),
    ("title", "items"),
)
_ITEM_KEYS = (("title", "minutes", "role", "kind", "review", "notes"), ("title", "minutes", "role"))


@dataclass(frozen=True)
class RolesFile:
    """What roles.yaml holds, as far as it could be read."""

    team: str | None = None
    roles: tuple[Role, ...] = ()
    role_ids: set[str] | None = None
    """Every role id written in the file; None when the role list could not be read, so
    agendas are not checked against it."""
    language: str | None = None
    """The language, if the file sets a valid one."""
    store: Path | None = None
    """The team's store, if the file names one: relative to the config folder."""
    budgets: tuple[FixedBudget, ...] = ()
    """The fixed budgets per area and period."""


def load_roles_file(path: Path, listed: bool, misnamed: bool, problems: list[Problem]) -> RolesFile:
    """roles.yaml at `path` (`listed`: it exists; `misnamed`: roles.yml does instead)."""
    if not listed:
        hint = (
            _("the config folder has no {roles} (found roles.yml: rename it to {roles})")
            if misnamed
            else _("the config folder has no {roles} with the team and its roles")
        )
        problems.append(Problem(path, None, hint.format(roles=ROLES_FILE)))
        return RolesFile()
    checker = Checker(path)
    roles_file = _read_roles(checker)
    problems.extend(checker.finish())
    return roles_file


def store_setting(check: Checker, entry: YamlEntry | None) -> Path | None:
    """The `store:` of roles.yaml in the config folder `check.path.parent`: a file name,
    relative to that folder, or absolute (`~` is the user's home)."""
    text = check.text(entry)
    if text is None:
        return None
    return check.path.parent / Path(text).expanduser()


def _read_roles(check: Checker) -> RolesFile:
    root = check.read()
    if root is None:
        return RolesFile()
    top = check.mapping(root, _("{roles} (with 'team' and 'roles')").format(roles=ROLES_FILE))
    if top is None:
        return RolesFile()
    check.keys(top, *_ROLES_FILE_KEYS, ROLES_FILE)
    from roundtable.domain.contacts import contact_problems  # mail and time zone

    check.problems.extend(contact_problems(top, check.path))
    team = check.text(top.get("team"))
    language_entry = top.get("language")
    chosen = (
        None if language_entry is None else check.choice(language_entry, Language, Language.ENGLISH)
    )
    language = None if chosen is None else chosen.value
    store_entry = top.get("store")
    store = None if store_entry is None else store_setting(check, store_entry)
    from roundtable.domain.config.budgets import read_budgets

    budgets = read_budgets(check, top.get("budgets"))
    entry = top.get("roles")
    unread = RolesFile(team, (), None, language, store, budgets)
    if entry is None:
        return unread
    listed = check.listed(entry)
    if listed is None:
        return unread
    if not listed:
        check.problem(entry.line, _("{roles} lists no roles").format(roles=ROLES_FILE))
        return unread

    # Ids as written, even those with problems, so agendas naming them are not also
    # reported as naming an unknown role.
    id_lines: dict[str, int] = {}
    roles: list[Role] = []
    for value in listed:
        mapping = check.mapping(value, _("a role"))
        if mapping is None:
            continue
        role = _read_role(check, mapping)
        written_id = written_text(mapping.get("id"))
        if written_id is None:
            continue
        id_line = line_of(mapping, "id")
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
    return RolesFile(team, tuple(roles), set(id_lines), language, store, budgets)


def _read_role(check: Checker, mapping: YamlMap) -> Role | None:
    check.keys(mapping, *_ROLE_KEYS, _("a role"))
    role_id = check.text(mapping.get("id"))
    if role_id is not None and not is_role_id(role_id):
        check.problem(
            line_of(mapping, "id"),
            _(
                "the role id {id} must be lowercase letters, digits and dashes, like "
                "sales-marketing"
            ).format(id=quote(role_id)),
        )
        role_id = None
    title = check.text(mapping.get("title"))
    department = check.text(mapping.get("department"))
    from roundtable.domain.contacts import holder_names  # `{name:, email:}` holders

    holders = check.text_list(holder_names(mapping.get("holders")))
    if holders == ():
        check.problem(
            line_of(mapping, "holders"),
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
        or isinstance(committed_by, Invalid)
        or isinstance(committed_on, Invalid)
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


def read_agenda(check: Checker, role_ids: set[str] | None) -> Agenda | None:
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
    minute_taker = check.optional_text(top.get("minute_taker"))
    if isinstance(minute_taker, str):
        minute_taker = check.role_reference(top.get("minute_taker"), minute_taker, role_ids)
    location = check.optional_text(top.get("location"))
    read = _read_items(check, top.get("items"), role_ids)
    items = None if read is None else read[0]

    if read is not None:
        planned = read[1]
        # A box that is itself wrong is still checked against the longest one allowed.
        box = timebox if timebox is not None else MAX_TIMEBOX_MINUTES
        if planned > box:
            check.problem(
                line_of(top, "items"),
                _(
                    "the items plan {planned} minutes, {over} more than the time box of "
                    "{box} minutes"
                ).format(planned=planned, over=planned - box, box=box),
            )
    if (
        title is None
        or timebox is None
        or cadence is None
        or isinstance(facilitator, Invalid)
        or isinstance(minute_taker, Invalid)
        or isinstance(location, Invalid)
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
        minute_taker=minute_taker,
        location=location or "",
    )


def _read_timebox(check: Checker, entry: YamlEntry | None) -> int | None:
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
    check: Checker, entry: YamlEntry | None, role_ids: set[str] | None
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
        title = written_text(mapping.get("title"))
        title_line = line_of(mapping, "title")
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
    check: Checker, mapping: YamlMap, role_ids: set[str] | None
) -> tuple[AgendaItem | None, int | None]:
    """The item (None if it has problems) and its minutes (None if those are wrong)."""
    check.keys(mapping, *_ITEM_KEYS, _("an agenda item"))
    title = check.text(mapping.get("title"))
    role_entry = mapping.get("role")
    role = check.text(role_entry)
    if role is not None:
        checked = check.role_reference(role_entry, role, role_ids)
        role = None if isinstance(checked, Invalid) else checked
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
        or isinstance(notes, Invalid)
    ):
        return None, minutes
    return AgendaItem(title, minutes, role, kind, notes or "", review), minutes
