"""The minutes' budget picture: per area and period with a fixed budget, what was
allocated, cut and shifted so far and what is left; then what this meeting's cuts
touch on the other side of the table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roundtable.domain.budget_picture import BudgetLine
from roundtable.domain.markdown import inline
from roundtable.domain.minutes.text import amount_text, cell_or_dash, md_table, text_or_dash
from roundtable.i18n import _

if TYPE_CHECKING:
    from roundtable.domain.minutes.render import Minutes

__all__ = ["budget_picture_parts"]


def _row(line: BudgetLine) -> list[str]:
    currency = line.fixed.currency
    left = amount_text(line.left, currency)
    if line.left < 0:
        left = "**" + left + "**"
    return [
        cell_or_dash(line.fixed.area),
        cell_or_dash(line.fixed.period),
        amount_text(line.fixed.amount, currency),
        amount_text(line.allocated, currency),
        amount_text(line.cut, currency),
        amount_text(line.shifted_in, currency),
        amount_text(line.shifted_out, currency),
        left,
    ]


def budget_picture_parts(m: Minutes) -> list[str]:
    """Nothing when the config fixes no budgets (and no cut was agreed)."""
    parts: list[str] = []
    if m.data.budget_picture:
        table = md_table(
            [
                _("Area"),
                _("Period"),
                _("Fixed budget"),
                _("Allocated"),
                _("Cut"),
                _("Shifted in"),
                _("Shifted out"),
                _("Left"),
            ],
            ["---", "---", "--:", "--:", "--:", "--:", "--:", "--:"],
            [_row(line) for line in m.data.budget_picture],
        )
        parts.append(
            "## "
            + _("Fixed budgets so far")
            + "\n\n"
            + _("As of the end of this meeting; rejected agreements do not count.")
            + "\n\n"
            + table
        )
    if m.data.cut_touches:
        lines = []
        for touch in m.data.cut_touches:
            cut = _("{amount} cut from {area}, {period}").format(
                amount=amount_text(touch.cut.amount, touch.cut.currency),
                area=text_or_dash(touch.cut.area),
                period=text_or_dash(touch.cut.period),
            )
            if touch.touched:
                refs = ", ".join(
                    _("{ref} ({amount} for {area}, {period})").format(
                        ref=inline(b.ref),
                        amount=amount_text(b.amount, b.currency),
                        area=text_or_dash(b.area),
                        period=text_or_dash(b.period),
                    )
                    for b in touch.touched
                )
                if touch.sales_cut:
                    what = _("touches the marketing agreements {refs}").format(refs=refs)
                else:
                    what = _("touches the sales agreements {refs}").format(refs=refs)
            else:
                what = _("touches no agreement of the other side")
            lines.append(
                _("- **{ref}** {cut}: {what}").format(ref=inline(touch.cut.ref), cut=cut, what=what)
            )
        level = "### " if parts else "## "
        parts.append(level + _("What the cuts touch") + "\n\n" + "\n".join(lines))
    return parts
