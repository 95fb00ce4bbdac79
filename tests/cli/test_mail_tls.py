"""Mail through an encrypted server that wants a login: STARTTLS and implicit TLS against
a real aiosmtpd server on loopback with a certificate made for the test, `roundtable
remind --mail` and `export --mail` as real processes. The password comes only from
$ROUNDTABLE_SMTP_PASSWORD."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from roundtable.store.store import Store
from tests.cli.test_between_meetings_cli import JANA, KATRIN, run
from tests.tls_smtp_server import PASSWORD, USER, tls_smtp_server
from tests.unit.between_data import SHIPPED, fill

# The implicit-TLS server is encrypted from the first byte; aiosmtpd only counts STARTTLS.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

MODES = [pytest.param(False, id="starttls"), pytest.param(True, id="tls")]


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """The shipped config, with addresses for Katrin Vogel and Jana Richter."""
    folder = tmp_path / "team-config"
    shutil.copytree(SHIPPED, folder)
    roles = folder / "roles.yaml"
    text = roles.read_text("utf-8")
    text = text.replace(
        "holders: [Katrin Vogel]", f"holders: [{{name: Katrin Vogel, email: {KATRIN}}}]"
    ).replace(
        "holders: [Jana Richter, Felix Bauer]",
        f"holders:\n      - {{name: Jana Richter, email: {JANA}}}\n      - Felix Bauer",
    )
    roles.write_text(text, "utf-8")
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "roundtable.db"
    with Store.open(path) as store:
        fill(store)
    return path


def with_tls_mail(config: Path, port: int, implicit: bool, *, extra: str = "") -> None:
    roles = config / "roles.yaml"
    roles.write_text(
        roles.read_text("utf-8")
        + f"mail:\n  host: 127.0.0.1\n  port: {port}\n  sender: Runder Tisch <runde@example.com>\n"
        f"  security: {'tls' if implicit else 'starttls'}\n  user: {USER}\n{extra}",
        "utf-8",
    )


@pytest.mark.parametrize("implicit", MODES)
def test_remind_logs_in_and_sends_over_tls(
    tmp_path: Path,
    db: Path,
    config: Path,
    implicit: bool,
) -> None:
    with tls_smtp_server(tmp_path, implicit=implicit) as (mailbox, logins, port, cert):
        with_tls_mail(config, port, implicit)
        result = run(
            tmp_path,
            db,
            config,
            "--lang",
            "de",
            "remind",
            "--mail",
            ROUNDTABLE_SMTP_PASSWORD=PASSWORD,
            SSL_CERT_FILE=str(cert),
        )
    assert result.returncode == 0, result.stderr
    assert logins.tried == [(USER, PASSWORD)]
    assert logins.encrypted == [True]
    assert sorted(arrived.recipients[0] for arrived in mailbox.arrived) == [JANA, KATRIN]
    message = next(a.message for a in mailbox.arrived if a.recipients == [JANA])
    body = message.get_content().replace("\r\n", "\n")
    assert "Zielgruppen für Messe schärfen" in body  # umlauts arrive intact


@pytest.mark.parametrize("implicit", MODES)
def test_export_mails_the_minutes_over_tls(
    tmp_path: Path,
    db: Path,
    config: Path,
    implicit: bool,
) -> None:
    with tls_smtp_server(tmp_path, implicit=implicit) as (mailbox, _logins, port, cert):
        with_tls_mail(config, port, implicit)
        result = run(
            tmp_path,
            db,
            config,
            "export",
            "1",
            "--mail",
            ROUNDTABLE_SMTP_PASSWORD=PASSWORD,
            SSL_CERT_FILE=str(cert),
        )
    assert result.returncode == 0, result.stderr
    assert sorted(arrived.recipients[0] for arrived in mailbox.arrived) == [JANA, KATRIN]


@pytest.mark.parametrize("implicit", MODES)
def test_a_wrong_password_is_named_and_nothing_is_sent(
    tmp_path: Path,
    db: Path,
    config: Path,
    implicit: bool,
) -> None:
    with tls_smtp_server(tmp_path, implicit=implicit) as (mailbox, _logins, port, cert):
        with_tls_mail(config, port, implicit)
        result = run(
            tmp_path,
            db,
            config,
            "remind",
            "--mail",
            ROUNDTABLE_SMTP_PASSWORD="falsch",
            SSL_CERT_FILE=str(cert),
        )
        assert result.returncode == 1
        assert "did not accept the login" in result.stderr
        assert f"Jana Richter <{JANA}>" in result.stderr
        assert mailbox.arrived == []
        # With the right password the retry sends each mail once.
        retry = run(
            tmp_path,
            db,
            config,
            "remind",
            "--mail",
            ROUNDTABLE_SMTP_PASSWORD=PASSWORD,
            SSL_CERT_FILE=str(cert),
        )
    assert retry.returncode == 0, retry.stderr
    assert len(mailbox.arrived) == 2


def test_no_password_says_where_it_comes_from(
    tmp_path: Path,
    db: Path,
    config: Path,
) -> None:
    with tls_smtp_server(tmp_path, implicit=False) as (mailbox, logins, port, cert):
        with_tls_mail(config, port, False)
        result = run(tmp_path, db, config, "remind", "--mail", SSL_CERT_FILE=str(cert))
    assert result.returncode == 1
    assert "ROUNDTABLE_SMTP_PASSWORD" in result.stderr
    assert (logins.tried, mailbox.arrived) == ([], [])


def test_a_password_in_the_config_is_refused(
    tmp_path: Path,
    db: Path,
    config: Path,
) -> None:
    with_tls_mail(config, 2525, False, extra="  password: geheim\n")
    result = run(tmp_path, db, config, "remind", "--mail", ROUNDTABLE_SMTP_PASSWORD=PASSWORD)
    assert result.returncode == 2
    assert "roles.yaml" in result.stderr and "password" in result.stderr
    assert "geheim" not in result.stderr


@pytest.mark.parametrize("implicit", MODES)
def test_a_certificate_nobody_trusts_is_refused_clearly(
    tmp_path: Path,
    db: Path,
    config: Path,
    implicit: bool,
) -> None:
    with tls_smtp_server(tmp_path, implicit=implicit) as (mailbox, logins, port, _cert):
        with_tls_mail(config, port, implicit)
        result = run(tmp_path, db, config, "remind", "--mail", ROUNDTABLE_SMTP_PASSWORD=PASSWORD)
    assert result.returncode == 1
    assert "127.0.0.1" in result.stderr and "certificate" in result.stderr
    # No password goes to a server that could not show who it is.
    assert (logins.tried, mailbox.arrived) == ([], [])
