"""Mail addresses as mail servers take them."""

from __future__ import annotations

from roundtable.i18n import _

__all__ = ["not_plain", "plain_address"]


def plain_address(address: str) -> str | None:
    """`address` as a mail server takes it: an umlaut domain in its ASCII (IDNA) form
    (`jana@müller.de` → `jana@xn--mller-kva.de`); None when the part before the @ is
    not plain ASCII (`krüger@…`), which servers without SMTPUTF8 refuse and Python's
    mail headers cannot carry."""
    local, _at, domain = address.rpartition("@")
    if not local.isascii():
        return None
    try:
        ascii_domain = domain if domain.isascii() else domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return f"{local}@{ascii_domain}"


def not_plain(quoted: str) -> str:
    """The problem of an address whose part before the @ is not plain ASCII."""
    return _(
        "{address}: the part before the @ must be plain ASCII (mail servers refuse umlauts "
        "there); write it as the mail system knows it, e.g. krueger@example.com"
    ).format(address=quoted)
