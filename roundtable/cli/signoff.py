"""Management's sign-off.

`roundtable signoff B-7 [--reject] [--note TEXT] [--by NAME]` lets a holder of a role
with `signs_off: true` answer a budget agreement that awaits management (`--by`: see
`roundtable.cli.acting`).
"""

from __future__ import annotations

import argparse
import re

from roundtable.cli.acting import acting_person, add_by_option, folded_name
from roundtable.cli.commands import Commands
from roundtable.cli.context import existing_db_path, team_config
from roundtable.cli.output import out
from roundtable.domain.budget_words import area_label, period_label
from roundtable.domain.money import format_amount
from roundtable.errors import NotFoundError, UsageError
from roundtable.i18n import _, pgettext

__all__ = ["register"]


_BUDGET_REF = re.compile(r"\s*(?:b-?)?\s*(\d+)\s*", re.IGNORECASE)


def _budget_id(ref: str) -> int:
    match = _BUDGET_REF.fullmatch(ref)
    if match is None:
        raise NotFoundError(
            _("There is no budget agreement {ref!r}; ids look like B-7.").format(ref=ref)
        )
    return int(match.group(1))


def cmd_signoff(args: argparse.Namespace) -> int:
    """Sign off (or reject) a budget agreement that awaits management."""
    from roundtable.domain.text import single_line
    from roundtable.store.events import os_user
    from roundtable.store.store import Store

    config = team_config(args)
    named = acting_person(args.by, lambda: config)
    person = named or os_user() or ""
    signers = {
        folded_name(holder): holder
        for role in config.roles
        if role.signs_off
        for holder in role.holders
    }
    if folded_name(person) not in signers:
        roles = ", ".join(role.title for role in config.roles if role.signs_off)
        if roles:
            message = _(
                "{name} may not sign off budget agreements: only holders of {roles} may "
                "(say who with --by NAME)."
            ).format(name=person or _("(unknown user)"), roles=roles)
        else:
            message = _(
                "No role signs off budget agreements: mark one with signs_off: true in the "
                "roles file."
            )
        raise UsageError(message)
    signer = signers[folded_name(person)]
    budget_id = _budget_id(args.budget)
    with Store.open(existing_db_path(args)) as store:
        budget = store.sign_off_budget(
            budget_id, approved=not args.reject, by=signer, note=args.note or ""
        )
    what = single_line(
        " ".join(
            (
                area_label(budget.area),
                format_amount(budget.amount, budget.currency),
                period_label(budget.period),
            )
        )
    )
    if args.reject:
        out(_("{ref} rejected by {name}: {what}").format(ref=budget.ref, name=signer, what=what))
    else:
        out(_("{ref} signed off by {name}: {what}").format(ref=budget.ref, name=signer, what=what))
    return 0


def register(commands: Commands) -> None:
    """The `signoff` command."""
    command = commands.add(
        "signoff",
        _("sign off (or reject) a budget agreement that awaits management"),
        cmd_signoff,
    )
    command.add_argument(
        "budget", metavar=pgettext("metavar", "ID"), help=_("the budget agreement, like B-7 or 7")
    )
    command.add_argument(
        "--reject", action="store_true", help=_("reject it instead of signing it off")
    )
    command.add_argument(
        "--note", metavar=pgettext("metavar", "TEXT"), default=None, help=_("why, in a few words")
    )
    add_by_option(command)
