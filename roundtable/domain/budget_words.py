"""A budget's area and period as the reader's language names them.

Areas are typed as free text, and a store may hold them in English from before the
team switched language (or from the demo): "communication" in German minutes read
"bei communication gekürzt". The areas the round table usually budgets are known
words (`KNOWN_AREAS`, offered as suggestions in the budget form); those are shown in
the current language, anything else exactly as typed. A period written `2026-Q4` reads
`Q4/2026` in German; other periods ("H2 2026", "2026") are shown as typed.
"""

from __future__ import annotations

import re

from roundtable.i18n import N_, _, pgettext

__all__ = ["KNOWN_AREAS", "area_label", "period_label"]

KNOWN_AREAS = (
    N_("sales"),
    N_("communication"),
    N_("product marketing"),
    N_("dialog marketing"),
)
"""The areas the round table usually budgets, by their English names."""

_BY_NAME = {area.casefold(): area for area in KNOWN_AREAS}
# As text, compiled (and cached by `re`) at the first budget shown: not at import, which
# the meeting screen's first frame waits for.
_QUARTER = r"(?i)([0-9]{4})-?Q([1-4])"


def area_label(area: str) -> str:
    """`area` in the current language if it is one of `KNOWN_AREAS` (in English,
    however capitalised) and the language has its own word for it, else as typed."""
    known = _BY_NAME.get(" ".join(area.split()).casefold())
    if known is None:
        return area
    label = _(known)
    # In English the message is the English name: show it as the team typed it.
    return area if label == known else label


def period_label(period: str) -> str:
    """`2026-Q4` as the reader writes a quarter (`Q4/2026` in German); other periods
    as typed."""
    quarter = re.fullmatch(_QUARTER, period.strip())
    if quarter is None:
        return period
    year, number = quarter.groups()
    template = pgettext("period", "{year}-Q{quarter}")
    if template == "{year}-Q{quarter}":
        return period  # English writes it as the team did
    return template.format(year=year, quarter=number)
