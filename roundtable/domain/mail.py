"""Mail between meetings: building the messages, sending them through the team's SMTP
server, and remembering what was sent so a retry sends nothing twice.

A run sends each person at most one message. A person without an address, an address
the server refuses, or a server that cannot be reached is an `Outcome` naming that
person; the caller says who did not get mail. Every message that went out is written to
the sent log (beside the store) at once, keyed by the day, the address and the content:
running the same command again the same day, after a failure, sends only what did not
go out.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import smtplib
import ssl
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from enum import StrEnum
from pathlib import Path

from roundtable.domain.contacts import MailSettings, Security
from roundtable.errors import RoundtableError
from roundtable.i18n import _

__all__ = [
    "Delivery",
    "Letter",
    "Outcome",
    "SentLog",
    "build_message",
    "send_letters",
    "sent_log_path",
    "write_eml",
]

TIMEOUT_SECONDS = 30
_KEPT_DAYS = 7
"""The sent log only has to answer for today; a week covers a clock that jumped."""


@dataclass(frozen=True)
class Letter:
    """One message for one person."""

    person: str
    address: str | None
    subject: str
    body: str
    """Plain text."""


class Delivery(StrEnum):
    SENT = "sent"
    ALREADY_SENT = "already-sent"
    NO_ADDRESS = "no-address"
    REFUSED = "refused"
    FAILED = "failed"


@dataclass(frozen=True)
class Outcome:
    letter: Letter
    delivery: Delivery
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.delivery in (Delivery.SENT, Delivery.ALREADY_SENT)


def build_message(letter: Letter, sender: str, today: date) -> EmailMessage:
    """The message as it goes out: UTF-8 plain text (umlauts intact), the person's name
    on the To line, a Message-ID of our own."""
    assert letter.address is not None  # callers leave people without address out
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((letter.person, letter.address))
    message["Subject"] = letter.subject
    message["Date"] = _mail_date(today)
    message["Message-ID"] = make_msgid(domain="roundtable.invalid")
    message.set_content(letter.body, charset="utf-8")
    return message


def _mail_date(today: date) -> str:
    from email.utils import format_datetime, localtime

    now = localtime()
    # The command's today (a testing aid may move it) with the machine's time of day.
    return format_datetime(now.replace(year=today.year, month=today.month, day=today.day))


def sent_log_path(store: Path) -> Path:
    """Where the sent log of the store at `store` lives: beside it, private like it."""
    return store.with_name(store.name + ".mail-sent.json")


class SentLog:
    """What was sent, per day: content keys, written through at every message."""

    def __init__(self, path: Path, today: date) -> None:
        self.path = path
        self.today = today
        self._days: dict[str, list[str]] = self._read()

    def _read(self) -> dict[str, list[str]]:
        try:
            raw = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise RoundtableError(
                _(
                    "Cannot read the sent-mail log {path}: {reason}. Nothing was sent; "
                    "move the file away to start a new log."
                ).format(path=self.path, reason=error)
            ) from None
        if not isinstance(raw, dict):
            return {}
        oldest = (self.today - timedelta(days=_KEPT_DAYS)).isoformat()
        return {
            day: [key for key in keys if isinstance(key, str)]
            for day, keys in raw.items()
            if isinstance(day, str) and day >= oldest and isinstance(keys, list)
        }

    @staticmethod
    def key(kind: str, letter: Letter) -> str:
        content = "\0".join((kind, (letter.address or "").casefold(), letter.subject, letter.body))
        return hashlib.sha256(content.encode("utf-8")).hexdigest()

    def was_sent(self, key: str) -> bool:
        return key in self._days.get(self.today.isoformat(), [])

    def record(self, key: str) -> None:
        self._days.setdefault(self.today.isoformat(), []).append(key)
        _write_private(self.path, json.dumps(self._days, indent=1).encode("utf-8"))


def _write_private(path: Path, data: bytes) -> None:
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


Connect = Callable[[MailSettings], smtplib.SMTP]


def connect(settings: MailSettings) -> smtplib.SMTP:
    """An SMTP session with the server, encrypted as the settings say."""
    if settings.security is Security.TLS:
        return smtplib.SMTP_SSL(
            settings.host,
            settings.port,
            timeout=TIMEOUT_SECONDS,
            context=ssl.create_default_context(),
        )
    session = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_SECONDS)
    if settings.security is Security.STARTTLS:
        session.starttls(context=ssl.create_default_context())
    return session


def send_letters(
    letters: Sequence[Letter],
    settings: MailSettings,
    password: str | None,
    log: SentLog,
    kind: str,
    *,
    open_session: Connect = connect,
) -> list[Outcome]:
    """Send every letter not sent today already; one outcome per letter, in order."""
    outcomes: dict[int, Outcome] = {}
    due: list[tuple[int, Letter, str]] = []
    for index, letter in enumerate(letters):
        if letter.address is None:
            outcomes[index] = Outcome(letter, Delivery.NO_ADDRESS)
            continue
        key = SentLog.key(kind, letter)
        if log.was_sent(key):
            outcomes[index] = Outcome(letter, Delivery.ALREADY_SENT)
        else:
            due.append((index, letter, key))
    if due:
        outcomes.update(_deliver(due, settings, password, log, open_session))
    return [outcomes[index] for index in range(len(letters))]


def _deliver(
    due: Iterable[tuple[int, Letter, str]],
    settings: MailSettings,
    password: str | None,
    log: SentLog,
    open_session: Connect,
) -> dict[int, Outcome]:
    pending = list(due)
    where = f"{settings.host}:{settings.port}"
    try:
        session = open_session(settings)
    except (OSError, smtplib.SMTPException) as error:
        reason = _("the mail server {server} cannot be reached: {reason}").format(
            server=where, reason=_reason(error)
        )
        return {index: Outcome(letter, Delivery.FAILED, reason) for index, letter, _key in pending}
    outcomes: dict[int, Outcome] = {}
    try:
        if settings.user is not None:
            if password is None:
                reason = _("no password: set {env} for the mail user {user}").format(
                    env="ROUNDTABLE_SMTP_PASSWORD", user=settings.user
                )
                return {
                    index: Outcome(letter, Delivery.FAILED, reason) for index, letter, _k in pending
                }
            try:
                _login(session, settings.user, password)
            except (OSError, smtplib.SMTPException) as error:
                reason = _("the mail server {server} did not accept the login: {reason}").format(
                    server=where, reason=_reason(error)
                )
                return {
                    index: Outcome(letter, Delivery.FAILED, reason) for index, letter, _k in pending
                }
        for position, (index, letter, key) in enumerate(pending):
            try:
                session.send_message(build_message(letter, settings.sender, log.today))
            except smtplib.SMTPRecipientsRefused as error:
                refused = next(iter(error.recipients.values()), (0, b""))
                outcomes[index] = Outcome(letter, Delivery.REFUSED, _smtp_reply(refused))
                continue
            except smtplib.SMTPResponseException as error:
                outcomes[index] = Outcome(
                    letter, Delivery.FAILED, _smtp_reply((error.smtp_code, error.smtp_error))
                )
                continue
            except (OSError, smtplib.SMTPException) as error:
                # The connection is gone: nothing after this one goes out either.
                reason = _("the mail server {server} broke off: {reason}").format(
                    server=where, reason=_reason(error)
                )
                for later, letter_later, _key in pending[position:]:
                    outcomes[later] = Outcome(letter_later, Delivery.FAILED, reason)
                return outcomes
            log.record(key)
            outcomes[index] = Outcome(letter, Delivery.SENT)
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            session.quit()
    return outcomes


def _login(session: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; a user or password beyond ASCII goes as UTF-8 with AUTH PLAIN (RFC 4616),
    which `smtplib` cannot send (it encodes the login as ASCII)."""
    if (user + password).isascii():
        session.login(user, password)
        return
    session.ehlo_or_helo_if_needed()
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
    code, reply = session.docmd("AUTH", "PLAIN " + token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _smtp_reply(reply: tuple[int, bytes | str]) -> str:
    code, text = reply
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return _("the server answered {code} {text}").format(code=code, text=" ".join(words.split()))


def write_eml(
    letters: Sequence[Letter], sender: str, folder: Path, stem: str, today: date
) -> list[Path]:
    """Write each letter with an address as `STEM-PERSON.eml` in `folder`, replacing a
    file of the same name; returns the paths in order."""
    import re

    written = []
    for letter in letters:
        if letter.address is None:
            continue
        name = re.sub(r"\W+", "-", letter.person.casefold()).strip("-") or "person"
        path = folder / f"{stem}-{name}.eml"
        _write_private(path, bytes(build_message(letter, sender, today)))
        written.append(path)
    return written
