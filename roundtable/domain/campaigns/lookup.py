"""Finding the campaign a person named on the command line."""

from __future__ import annotations

from collections.abc import Iterable

from roundtable.domain.campaigns.model import Campaign
from roundtable.errors import NotFoundError, UsageError
from roundtable.i18n import _

__all__ = ["find_campaign"]


def find_campaign(campaigns: Iterable[Campaign], typed: str) -> Campaign:
    """The campaign `typed` names: its whole name, or a part of it that no other
    campaign's name has (case and runs of spaces do not matter). `NotFoundError` for
    none, `UsageError` listing them for several."""
    wanted = " ".join(typed.split()).casefold()
    if not wanted:
        raise UsageError(_("Name the campaign, like “Anwendertag”."))
    candidates = list(campaigns)
    named = [c for c in candidates if " ".join(c.name.split()).casefold() == wanted]
    if named:
        return named[0]
    found = [c for c in candidates if wanted in " ".join(c.name.split()).casefold()]
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFoundError(
            _("There is no campaign “{typed}”. `roundtable campaigns` lists them.").format(
                typed=typed
            )
        )
    raise UsageError(
        _("“{typed}” could be any of: {names}. Type more of the name.").format(
            typed=typed, names="; ".join(sorted(c.name for c in found))
        )
    )
