"""Mail settings, addresses and the time zone from roles.yaml, with FILE:LINE problems."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from roundtable.domain.contacts import MailSettings, Security, load_contacts, local_zone
from roundtable.errors import ConfigError

ROLES = """\
team: Runde
timezone: Europe/Berlin
mail:
  host: smtp.example.com
  sender: Runder Tisch <runde@example.com>
  user: runde
roles:
  - id: sales-marketing
    title: Sales Marketing
    department: marketing
    holders:
      - {name: Katrin Vogel, email: katrin.vogel@example.com}
      - Tom Becker
"""


def folder(tmp_path: Path, text: str) -> Path:
    (tmp_path / "roles.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_reads_mail_addresses_and_zone(tmp_path: Path) -> None:
    contacts = load_contacts(folder(tmp_path, ROLES))
    assert contacts.mail == MailSettings(
        "smtp.example.com", 587, "Runder Tisch <runde@example.com>", Security.STARTTLS, "runde"
    )
    assert contacts.address("katrin  VOGEL") == "katrin.vogel@example.com"
    assert contacts.address("Tom Becker") is None
    assert contacts.zone() == ZoneInfo("Europe/Berlin")


def test_an_umlaut_domain_is_written_the_way_mail_servers_take_it(tmp_path: Path) -> None:
    text = ROLES.replace("katrin.vogel@example.com", "katrin.vogel@müller.de")
    contacts = load_contacts(folder(tmp_path, text))
    assert contacts.address("Katrin Vogel") == "katrin.vogel@xn--mller-kva.de"


def test_tls_flag_and_its_port(tmp_path: Path) -> None:
    text = ROLES.replace("  user: runde\n", "  tls: true\n")
    mail = load_contacts(folder(tmp_path, text)).mail
    assert mail is not None and (mail.security, mail.port) == (Security.TLS, 465)


def test_without_mail_and_zone_the_machine_zone(tmp_path: Path) -> None:
    contacts = load_contacts(folder(tmp_path, "team: Runde\nroles: []\n"))
    assert contacts.mail is None
    assert contacts.zone() == local_zone()
    assert local_zone({"TZ": "America/New_York"}) == ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("replace", "by", "line", "words"),
    [
        ("  host: smtp.example.com\n", "", 4, "missing key 'host'"),
        ("timezone: Europe/Berlin", "timezone: Mars/Olympus", 2, "no time zone"),
        ("  user: runde\n", "  port: 99999\n", 6, "port number"),
        ("  user: runde\n", "  security: ssl\n", 6, "starttls, tls, none"),
        ("katrin.vogel@example.com", "katrin vogel", 12, "no mail address"),
        ("{name: Katrin Vogel, email:", "{nam: Katrin Vogel, email:", 12, "unknown key 'nam'"),
        # Mail headers cannot carry an umlaut before the @: refused here, not a traceback
        # when the first reminder goes out.
        ("katrin.vogel@example.com", "krüger@example.com", 12, "plain ASCII"),
        ("<runde@example.com>", "<ründe@example.com>", 5, "plain ASCII"),
    ],
)
def test_problems_name_file_and_line(
    tmp_path: Path, replace: str, by: str, line: int, words: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        load_contacts(folder(tmp_path, ROLES.replace(replace, by)))
    problem = raised.value.problems[0]
    assert (problem.path, problem.line) == (tmp_path / "roles.yaml", line)
    assert words in problem.message
