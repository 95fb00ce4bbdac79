"""Sending mail through a real SMTP server on loopback (aiosmtpd), and the sent log."""

from __future__ import annotations

import smtplib
from datetime import date
from pathlib import Path

from roundtable.domain.contacts import MailSettings, Security
from roundtable.domain.mail import Delivery, Letter, SentLog, send_letters, write_eml
from tests.smtp_server import free_port, smtp_server

DAY = date(2026, 3, 20)
TOMORROW = date(2026, 3, 21)
SENDER = "Runder Tisch <runde@example.com>"
JANA = Letter(
    "Jana Richter",
    "jana@example.com",
    "Überfällig: 1 Aufgabe",
    "Hallo Jana,\nA-1 „Messe“ ist überfällig.\n",
)
KLAUS = Letter("Klaus Weber", "klaus@example.com", "Fällig", "Hallo Klaus,\nA-2.\n")
NOBODY = Letter("Tom Becker", None, "Fällig", "Hallo Tom,\n")


def settings(port: int) -> MailSettings:
    return MailSettings("127.0.0.1", port, SENDER, Security.NONE)


def test_each_letter_arrives_once_with_umlauts_intact(tmp_path: Path) -> None:
    log = SentLog(tmp_path / "sent.json", DAY)
    with smtp_server() as (mailbox, port):
        outcomes = send_letters([JANA, KLAUS, NOBODY], settings(port), None, log, "remind")
    assert [o.delivery for o in outcomes] == [Delivery.SENT, Delivery.SENT, Delivery.NO_ADDRESS]
    assert [a.recipients for a in mailbox.arrived] == [["jana@example.com"], ["klaus@example.com"]]
    first = mailbox.arrived[0].message
    assert first["Subject"] == "Überfällig: 1 Aufgabe"
    assert first["To"] == "Jana Richter <jana@example.com>"
    assert first["From"] == SENDER
    assert first.get_content_type() == "text/plain"
    assert first.get_content_charset() == "utf-8"
    body = first.get_content().replace("\r\n", "\n")
    assert body == "Hallo Jana,\nA-1 „Messe“ ist überfällig.\n"
    # On the wire the subject is an encoded word: 7-bit headers every server takes.
    assert "=?utf-8?" in first.as_string(policy=first.policy.clone(cte_type="7bit")).lower()
    assert mailbox.arrived[0].sender == "runde@example.com"


def test_a_retry_the_same_day_sends_nothing_twice(tmp_path: Path) -> None:
    with smtp_server() as (mailbox, port):
        mailbox.refuse.add("klaus@example.com")
        first = send_letters(
            [JANA, KLAUS], settings(port), None, SentLog(tmp_path / "sent.json", DAY), "remind"
        )
        assert [o.delivery for o in first] == [Delivery.SENT, Delivery.REFUSED]
        assert "550" in first[1].reason and "No such user" in first[1].reason
        mailbox.refuse.clear()
        again = send_letters(
            [JANA, KLAUS], settings(port), None, SentLog(tmp_path / "sent.json", DAY), "remind"
        )
        assert [o.delivery for o in again] == [Delivery.ALREADY_SENT, Delivery.SENT]
        # Another day is another reminder.
        tomorrow = send_letters(
            [JANA],
            settings(port),
            None,
            SentLog(tmp_path / "sent.json", date(2026, 3, 21)),
            "remind",
        )
        assert [o.delivery for o in tomorrow] == [Delivery.SENT]
    assert [a.recipients[0] for a in mailbox.arrived] == [
        "jana@example.com",
        "klaus@example.com",
        "jana@example.com",
    ]


def test_a_server_that_is_down_sends_nothing_and_says_where(tmp_path: Path) -> None:
    log = SentLog(tmp_path / "sent.json", DAY)
    port = free_port()
    outcomes = send_letters([JANA, KLAUS], settings(port), None, log, "remind")
    assert [o.delivery for o in outcomes] == [Delivery.FAILED, Delivery.FAILED]
    assert f"127.0.0.1:{port}" in outcomes[0].reason
    assert not (tmp_path / "sent.json").exists()
    with smtp_server() as (mailbox, live):
        retry = send_letters([JANA, KLAUS], settings(live), None, log, "remind")
    assert [o.delivery for o in retry] == [Delivery.SENT, Delivery.SENT]
    assert len(mailbox.arrived) == 2


def test_a_user_without_password_is_not_sent(tmp_path: Path) -> None:
    with smtp_server() as (mailbox, port):
        with_user = MailSettings("127.0.0.1", port, SENDER, Security.NONE, user="runde")
        outcomes = send_letters([JANA], with_user, None, SentLog(tmp_path / "s.json", DAY), "x")
    assert outcomes[0].delivery is Delivery.FAILED
    assert "ROUNDTABLE_SMTP_PASSWORD" in outcomes[0].reason
    assert mailbox.arrived == []


def test_dry_run_files_read_back_as_the_mail(tmp_path: Path) -> None:
    import email
    import email.policy

    paths = write_eml([JANA, NOBODY], SENDER, tmp_path, "remind-2026-03-20", DAY)
    assert [p.name for p in paths] == ["remind-2026-03-20-jana-richter.eml"]
    message = email.message_from_bytes(paths[0].read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "Überfällig: 1 Aufgabe"
    assert message.get_content() == JANA.body  # type: ignore[attr-defined]
    assert message["To"] == "Jana Richter <jana@example.com>"


def test_the_session_is_closed_even_when_sending_breaks(tmp_path: Path) -> None:
    class Broken(smtplib.SMTP):
        def send_message(self, *args: object, **kwargs: object) -> dict[str, tuple[int, bytes]]:
            raise smtplib.SMTPServerDisconnected("gone")

    with smtp_server() as (_mailbox, port):
        outcomes = send_letters(
            [JANA, KLAUS],
            settings(port),
            None,
            SentLog(tmp_path / "s.json", DAY),
            "x",
            open_session=lambda s: Broken(s.host, s.port),
        )
    assert [o.delivery for o in outcomes] == [Delivery.FAILED, Delivery.FAILED]
    assert "broke off" in outcomes[0].reason
