"""What the team types in the demo, per language: `texts_<language>.yaml` beside this
module. The lists keep their lengths across languages, so one seed gives the same
history in every language, only in other words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from roundtable.i18n import LANGUAGES

__all__ = ["DemoTexts", "demo_texts"]

_FOLDER = Path(__file__).parent


@dataclass(frozen=True)
class DemoTexts:
    """The demo's words in one language ({c} a campaign, {n} a number, … see the files)."""

    segments: tuple[str, ...]
    actions: dict[str, tuple[str, ...]]
    """Per role id: what the role typically takes away from the table."""
    generic_actions: tuple[str, ...]
    decisions: tuple[str, ...]
    constituting_decisions: tuple[str, ...]
    budget_notes: dict[str, str]
    """`sales_allocation`, `communication_allocation`, `cut`, `shift`."""
    campaign_note: str
    notes: tuple[str, ...] = ()
    """What was reported under an item, in a few words."""
    approval_corrections: tuple[str, ...] = ()
    """Corrections the table asks for when it approves the last minutes."""
    guests: tuple[str, ...] = ()
    amendment: str = "{text}"
    """A decision corrected after its meeting: `{text}` is the decision as taken."""
    reopen_note: str = ""
    signoff_note: str = ""
    reject_note: str = ""
    day_format: str = "%d.%m."
    """A day without its year in a text (`strftime`): `13.05.` in German, `May 13`."""
    thousands: str = "."
    """The thousands separator of an amount typed in a text."""


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(text) for text in value)


@cache
def demo_texts(language: str) -> DemoTexts:
    """The demo's texts in `language` (English for one without its own file)."""
    if language not in LANGUAGES or not (_FOLDER / f"texts_{language}.yaml").is_file():
        language = "en"
    with open(_FOLDER / f"texts_{language}.yaml", encoding="utf-8") as file:
        data = yaml.safe_load(file)
    return DemoTexts(
        segments=_strings(data["segments"]),
        actions={role: _strings(texts) for role, texts in data["actions"].items()},
        generic_actions=_strings(data["generic_actions"]),
        decisions=_strings(data["decisions"]),
        constituting_decisions=_strings(data["constituting_decisions"]),
        budget_notes={key: str(text) for key, text in data["budget_notes"].items()},
        campaign_note=str(data["campaign_note"]),
        notes=_strings(data["notes"]),
        approval_corrections=_strings(data["approval_corrections"]),
        guests=_strings(data["guests"]),
        amendment=str(data["amendment"]),
        reopen_note=str(data["reopen_note"]),
        signoff_note=str(data["signoff_note"]),
        reject_note=str(data["reject_note"]),
        day_format=str(data["day_format"]),
        thousands=str(data["thousands"]),
    )
