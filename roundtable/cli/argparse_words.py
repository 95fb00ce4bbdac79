"""argparse's own words in the chosen language.

argparse writes its messages ("usage:", "the following arguments are required: ID",
"invalid choice: …") through the module-level `_` and `ngettext` it imported from
`gettext`, in gettext's default domain, which roundtable has no catalog for. Those two
names are looked up when a message is made, so pointing them at roundtable's catalog
(`install`) puts argparse's messages in the language the command line chose, German
included, with the English text unchanged. The messages a user can meet are marked
below so the catalog has them; the others (a programming error's) stay English.
"""

from __future__ import annotations

import argparse

from roundtable.i18n import N_, _, ngettext

__all__ = ["ARGPARSE_MESSAGES", "install"]

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
)
"""argparse's messages a user of the command line can see."""


def _argparse_gettext(message: str) -> str:
    # argparse also passes None (a subparsers group without a description).
    return _(message) if isinstance(message, str) and message else message


def _argparse_ngettext(singular: str, plural: str, count: int) -> str:
    if singular == "expected %s argument":
        return ngettext("expected %s argument", "expected %s arguments", count)
    return singular if count == 1 else plural


def install() -> None:
    """Route argparse's messages through roundtable's catalog (idempotent; English is
    unchanged)."""
    argparse._ = _argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]
