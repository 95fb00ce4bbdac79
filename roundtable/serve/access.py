"""Who may see the served meeting: the access token, the websocket's origin, loopback.

Plain functions on strings, no web framework: the server asks them, the tests too. The
token is required on every request, on loopback as well: a shared machine or a browser
tab of another site can reach loopback, and a link without the token is worth nothing.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from roundtable.errors import ConfigError, Problem
from roundtable.i18n import _
from roundtable.serve.limits import DEFAULT_MAX_VIEWERS

__all__ = [
    "DEFAULT_MAX_VIEWERS",
    "MIN_TOKEN_LENGTH",
    "is_loopback",
    "new_token",
    "read_token_file",
    "same_origin",
    "token_matches",
]


MIN_TOKEN_LENGTH = 16
"""A fixed token shorter than this is refused: it could be guessed."""


def new_token() -> str:
    """A random token for one start of the server (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def read_token_file(path: Path) -> str:
    """The fixed token kept in `path` (its first line, spaces around it ignored);
    `ConfigError` naming the file if it cannot be read or holds no usable token."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise ConfigError(
            [Problem(path, None, _("cannot read the token file: {reason}").format(reason=reason))]
        ) from None
    lines = text.strip().splitlines()
    token = lines[0].strip() if lines else ""
    if len(token) < MIN_TOKEN_LENGTH:
        raise ConfigError(
            [
                Problem(
                    path,
                    1,
                    _("the token must be at least {count} characters long").format(
                        count=MIN_TOKEN_LENGTH
                    ),
                )
            ]
        )
    if any(not (char.isalnum() or char in "-_.~") for char in token):
        raise ConfigError(
            [
                Problem(
                    path,
                    1,
                    _("the token may hold only letters, digits and - _ . ~ (it goes into a link)"),
                )
            ]
        )
    return token


def token_matches(given: str | None, token: str) -> bool:
    """Whether `given` is the token, compared in constant time."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def is_loopback(host: str) -> bool:
    """Whether binding to `host` keeps the server on this machine."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def same_origin(origin: str | None, hosts: list[str]) -> bool:
    """Whether a websocket's `Origin` header names one of `hosts` (the `Host` the
    browser asked for, or the one a reverse proxy says it was asked for).

    A browser always sends `Origin` on a websocket upgrade; a page of another site that
    tries to open our websocket is refused here. A request without `Origin` does not come
    from a browser page and is let through to the token check.
    """
    if origin is None:
        return True
    netloc = urlsplit(origin.strip()).netloc.lower()
    if not netloc:
        return False  # "null" (a sandboxed frame, a file:// page) or nonsense
    return any(netloc == host.strip().lower() for host in hosts if host.strip())
