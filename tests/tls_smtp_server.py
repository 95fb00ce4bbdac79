"""A real SMTP server on loopback speaking TLS (STARTTLS or implicit) with a self-signed
certificate made for the test, and a login it checks (aiosmtpd)."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.smtp_server import Mailbox, free_port

USER = "roundtable"
PASSWORD = "Geheim-ß-42"


@dataclass
class Logins:
    """Every login the server was offered, and whether it was the right one."""

    tried: list[tuple[str, str]] = field(default_factory=list)
    encrypted: list[bool] = field(default_factory=list)
    """Per login: whether the connection was encrypted when it came."""

    def __call__(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login, password = data.login.decode(), data.password.decode()
        self.tried.append((login, password))
        self.encrypted.append(
            session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None
        )
        return AuthResult(success=(login, password) == (USER, PASSWORD))


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made by `openssl` for this test only."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@contextmanager
def tls_smtp_server(folder: Path, *, implicit: bool) -> Iterator[tuple[Mailbox, Logins, int, Path]]:
    """A server on 127.0.0.1 that wants a login: STARTTLS first (`implicit` False: it
    refuses mail and login before it) or TLS from the first byte. Yields the mailbox,
    the logins tried, the port and the certificate a client must trust."""
    cert, key = self_signed(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    mailbox, logins = Mailbox(), Logins()
    options: dict[str, Any] = {"authenticator": logins, "auth_required": True}
    if implicit:
        # The whole connection is TLS; aiosmtpd only knows STARTTLS as "encrypted".
        options.update(ssl_context=context, auth_require_tls=False)
    else:
        options.update(tls_context=context, require_starttls=True)
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    try:
        yield mailbox, logins, controller.port, cert
    finally:
        controller.stop()
