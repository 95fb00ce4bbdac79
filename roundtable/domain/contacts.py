"""How the team is reached between meetings: its mail server, each person's address, and
the time zone its calendar lives in. All of it is written in `roles.yaml`::

    timezone: Europe/Berlin          # optional IANA name; default: the machine's zone
    mail:                            # optional; needed only for --mail
      host: smtp.example.com
      port: 587                      # default: 587 for starttls, 465 for tls, 25 for none
      sender: Round Table <roundtable@example.com>
      security: starttls             # starttls | tls | none (default starttls)
      user: roundtable               # optional; the password only from $ROUNDTABLE_SMTP_PASSWORD
    roles:
      - id: dialog-marketing
        holders:
          - {name: Jana Richter, email: jana.richter@example.com}
          - Tom Becker               # a holder without an address: no mail for Tom

Read here, apart from the roles' validation, so the mail settings never slow down the
commands that do not send mail. Problems are `FILE:LINE: message`, like every config
problem.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import tzinfo
from enum import StrEnum
from pathlib import Path

from roundtable.domain.config.yamlfile import read_yaml as _read_yaml
from roundtable.domain.config.yamlvalues import (
    YamlEntry,
    YamlList,
    YamlMap,
    YamlScalar,
    YamlValue,
    describe,
    quote,
)
from roundtable.domain.mail_address import not_plain, plain_address
from roundtable.errors import ConfigError, Problem
from roundtable.i18n import _

__all__ = [
    "MAIL_KEYS",
    "Contacts",
    "MailSettings",
    "Security",
    "contact_problems",
    "holder_names",
    "load_contacts",
    "local_zone",
]

MAIL_KEYS = ("host", "port", "sender", "security", "starttls", "tls", "user")
_HOLDER_KEYS = ("name", "email")
# Deliberately loose: the server is the judge of an address; this only catches typos
# like a missing @ or a space before anything is sent.
_ADDRESS = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+")


class Security(StrEnum):
    STARTTLS = "starttls"
    TLS = "tls"
    NONE = "none"

    @property
    def default_port(self) -> int:
        return {Security.STARTTLS: 587, Security.TLS: 465, Security.NONE: 25}[self]


@dataclass(frozen=True)
class MailSettings:
    """The team's SMTP server, as `mail:` in roles.yaml gives it."""

    host: str
    port: int
    sender: str
    """The From header: an address, optionally with a name (`Round Table <rt@example.com>`)."""
    security: Security = Security.STARTTLS
    user: str | None = None
    """Log in as this user, with the password from `$ROUNDTABLE_SMTP_PASSWORD`."""


@dataclass(frozen=True)
class Contacts:
    """Everything roles.yaml says about reaching people; parts may be missing."""

    path: Path
    """The roles.yaml it came from, for messages."""
    mail: MailSettings | None = None
    addresses: Mapping[str, str] = field(default_factory=dict)
    """Holder name → mail address, for the holders written as `{name:, email:}`."""
    zone_name: str | None = None
    """The `timezone:` roles.yaml sets, an IANA name; None for the machine's zone."""

    def address(self, person: str) -> str | None:
        """The address of `person` (a holder's name, spaces and case ignored)."""
        wanted = _folded(person)
        return next(
            (mail for name, mail in self.addresses.items() if _folded(name) == wanted), None
        )

    def zone(self) -> tzinfo:
        """The team's time zone: roles.yaml's `timezone:`, else the machine's."""
        if self.zone_name is not None:
            from zoneinfo import ZoneInfo

            return ZoneInfo(self.zone_name)
        return local_zone()


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def holder_names(entry: YamlEntry | None) -> YamlEntry | None:
    """A role's `holders:` with every `{name: …, email: …}` holder read as its name, for
    the roles' validation, which checks names only (the addresses are read here). A
    holder mapping without a name stays a mapping, so the validation reports it."""
    if entry is None or not isinstance(entry.value, YamlList):
        return entry
    items = tuple(_holder_name(value) for value in entry.value.items)
    return YamlEntry(entry.key, entry.line, YamlList(items, entry.value.line))


def _holder_name(value: YamlValue) -> YamlValue:
    if not isinstance(value, YamlMap):
        return value
    name = value.get("name")
    return name.value if name is not None and isinstance(name.value, YamlScalar) else value


def local_zone(environ: Mapping[str, str] | None = None) -> tzinfo:
    """The machine's time zone, by name where the system tells it (`$TZ`, the
    /etc/localtime link), so a calendar names it; else the fixed offset it has now."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    env = os.environ if environ is None else environ
    names = [env.get("TZ", "").removeprefix(":")]
    try:
        target = os.readlink("/etc/localtime")
        names.append(target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "")
    except OSError:
        pass
    for name in names:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    from datetime import datetime

    zone = datetime.now().astimezone().tzinfo
    assert zone is not None  # astimezone() always gives an aware time
    return zone


def contact_problems(root: YamlMap, path: Path) -> list[Problem]:
    """What is wrong in the `mail:`, `timezone:` and holder addresses of roles.yaml, read
    as `root`: for the config's validation (`roundtable check`)."""
    reader = _Reader(path)
    reader.mail(root.get("mail"))
    reader.zone(root.get("timezone"))
    reader.addresses(root.get("roles"))
    return reader.problems


def load_contacts(directory: Path) -> Contacts:
    """The mail settings, addresses and time zone of the config folder `directory`;
    `ConfigError` naming FILE:LINE for anything written wrong. A folder without
    roles.yaml has no contacts (the roles' own loading reports that)."""
    path = directory / "roles.yaml"
    if not path.is_file():
        return Contacts(path)
    root, problems = _read_yaml(path)
    if problems:
        raise ConfigError(problems)
    if not isinstance(root, YamlMap):
        return Contacts(path)
    reader = _Reader(path)
    mail = reader.mail(root.get("mail"))
    zone_name = reader.zone(root.get("timezone"))
    addresses = reader.addresses(root.get("roles"))
    if reader.problems:
        raise ConfigError(sorted(reader.problems, key=lambda problem: problem.line or 0))
    return Contacts(path, mail, addresses, zone_name)


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def text(self, entry: YamlEntry) -> str | None:
        value = entry.value
        if isinstance(value, YamlScalar) and value.value is not None and value.text.strip():
            return value.text.strip()
        self.problem(
            entry.line,
            _("{key} must be text, not {found}").format(
                key=quote(entry.key), found=describe(value)
            ),
        )
        return None

    def zone(self, entry: YamlEntry | None) -> str | None:
        if entry is None:
            return None
        name = self.text(entry)
        if name is None:
            return None
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self.problem(
                entry.value.line,
                _("{zone} is no time zone; write one like Europe/Berlin").format(zone=quote(name)),
            )
            return None
        return name

    def mail(self, entry: YamlEntry | None) -> MailSettings | None:
        if entry is None:
            return None
        section = entry.value
        if not isinstance(section, YamlMap):
            self.problem(
                section.line,
                _("{key} must be a mapping of keys and values, not {found}").format(
                    key=quote("mail"), found=describe(section)
                ),
            )
            return None
        for item in section.entries:
            if item.key not in MAIL_KEYS:
                self.problem(
                    item.line,
                    _("unknown key {key} in {what}; the keys are: {keys}").format(
                        key=quote(item.key), what=quote("mail"), keys=", ".join(MAIL_KEYS)
                    ),
                )
        values: dict[str, str | None] = {}
        for key in ("host", "sender"):
            found = section.get(key)
            if found is None:
                self.problem(
                    section.line,
                    _("missing key {key} in {what}").format(key=quote(key), what=quote("mail")),
                )
                values[key] = None
            else:
                values[key] = self.text(found)
        sender = values["sender"]
        # Imported here: every start of the app reads the roles file, few have mail.
        from email.utils import parseaddr

        if sender is not None and _ADDRESS.search(sender) is None:
            self.problem(
                _line(section, "sender"),
                _("the sender {sender} holds no mail address").format(sender=quote(sender)),
            )
        elif sender is not None and plain_address(parseaddr(sender)[1]) is None:
            self.problem(
                _line(section, "sender"),
                not_plain(quote(sender)),
            )
        security = self.security(section)
        port = self.port(section.get("port"))
        user_entry = section.get("user")
        user = None if user_entry is None else self.text(user_entry)
        host = values["host"]
        if host is None or sender is None or security is None or port is False:
            return None
        return MailSettings(
            host, security.default_port if port is None else port, sender, security, user
        )

    def security(self, section: YamlMap) -> Security | None:
        entry = section.get("security")
        if entry is not None:
            text = self.text(entry)
            if text is None:
                return None
            try:
                return Security(text.lower())
            except ValueError:
                self.problem(
                    entry.line,
                    _("{key} must be one of {choices}, not {found}").format(
                        key=quote("security"),
                        choices=", ".join(member.value for member in Security),
                        found=quote(text),
                    ),
                )
                return None
        # `tls: true` or `starttls: false` read as people write them.
        for key, member in (("tls", Security.TLS), ("starttls", Security.STARTTLS)):
            flag = section.get(key)
            if flag is None:
                continue
            if not isinstance(flag.value, YamlScalar) or not isinstance(flag.value.value, bool):
                self.problem(
                    flag.line,
                    _("{key} must be true or false, not {found}").format(
                        key=quote(key), found=describe(flag.value)
                    ),
                )
                return None
            if flag.value.value:
                return member
        if section.get("tls") is not None or section.get("starttls") is not None:
            return Security.NONE
        return Security.STARTTLS

    def port(self, entry: YamlEntry | None) -> int | bool | None:
        """The port, None when not given, False when wrong."""
        if entry is None:
            return None
        value = entry.value
        if (
            isinstance(value, YamlScalar)
            and isinstance(value.value, int)
            and not isinstance(value.value, bool)
            and 0 < value.value < 65536
        ):
            return value.value
        self.problem(
            entry.line,
            _("{key} must be a port number from 1 to 65535, not {found}").format(
                key=quote("port"), found=describe(value)
            ),
        )
        return False

    def addresses(self, entry: YamlEntry | None) -> dict[str, str]:
        found: dict[str, str] = {}
        if entry is None or not isinstance(entry.value, YamlList):
            return found
        for role in entry.value.items:
            if not isinstance(role, YamlMap):
                continue
            holders = role.get("holders")
            if holders is None or not isinstance(holders.value, YamlList):
                continue
            for holder in holders.value.items:
                if isinstance(holder, YamlMap):
                    self.holder(holder, found)
        return found

    def holder(self, holder: YamlMap, found: dict[str, str]) -> None:
        for item in holder.entries:
            if item.key not in _HOLDER_KEYS:
                self.problem(
                    item.line,
                    _("unknown key {key} in {what}; the keys are: {keys}").format(
                        key=quote(item.key), what=_("a holder"), keys=", ".join(_HOLDER_KEYS)
                    ),
                )
        name_entry, mail_entry = holder.get("name"), holder.get("email")
        if name_entry is None:
            self.problem(
                holder.line,
                _("missing key {key} in {what}").format(key=quote("name"), what=_("a holder")),
            )
        name = None if name_entry is None else self.text(name_entry)
        address = None if mail_entry is None else self.text(mail_entry)
        if address is not None and _ADDRESS.fullmatch(address) is None:
            assert mail_entry is not None
            self.problem(
                mail_entry.line,
                _("{address} is no mail address; write one like jana@example.com").format(
                    address=quote(address)
                ),
            )
            return
        if address is not None:
            plain = plain_address(address)
            if plain is None:
                assert mail_entry is not None
                self.problem(
                    mail_entry.line,
                    not_plain(quote(address)),
                )
                return
            address = plain
        if name is not None and address is not None:
            found[" ".join(name.split())] = address


def _line(mapping: YamlMap, key: str) -> int:
    entry = mapping.get(key)
    return entry.line if entry is not None else mapping.line
