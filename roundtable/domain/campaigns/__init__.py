"""Campaigns and what they bring: the figures controlling reports at every meeting.

Marketing could always say what a campaign costs, never what it brings. At the round
table marketing communication and dialog marketing feed sales with pre-qualified
leads, sales marketing turns them into an estimated revenue, and controlling reports
at every meeting what each campaign has actually brought so far.

- `model`: the campaign and its snapshots (what the store keeps)
- `arithmetic`: exact sums and rounded quotients
- `scoreboard`: the figures as of one meeting, row by row
- `labels`: the values in words
- `input`: checking what people typed
- `lookup`: finding a campaign by (part of) its name
- `calibration`: how far estimates were from reality, and what a new one is worth
"""

from __future__ import annotations

from roundtable.domain.campaigns.arithmetic import cost_per_lead, percent
from roundtable.domain.campaigns.calibration import (
    Calibration,
    EstimateOutcome,
    calibrate,
    calibration_lines,
    calibration_text,
    estimate_outcomes,
)
from roundtable.domain.campaigns.input import (
    CampaignDraft,
    check_campaign,
    check_figures,
    parse_count,
    parse_day,
    parse_money,
)
from roundtable.domain.campaigns.labels import (
    channel_label,
    format_change,
    format_percent,
    status_label,
)
from roundtable.domain.campaigns.lookup import find_campaign
from roundtable.domain.campaigns.meeting_board import meeting_board
from roundtable.domain.campaigns.model import (
    MAX_NAME_LENGTH,
    Campaign,
    CampaignStatus,
    Channel,
    FieldError,
    Snapshot,
    SnapshotFigures,
)
from roundtable.domain.campaigns.scoreboard import (
    CampaignRow,
    Scoreboard,
    SeriesPoint,
    Totals,
    build_scoreboard,
    totals,
)

__all__ = [
    "MAX_NAME_LENGTH",
    "Calibration",
    "Campaign",
    "CampaignDraft",
    "CampaignRow",
    "CampaignStatus",
    "Channel",
    "EstimateOutcome",
    "FieldError",
    "Scoreboard",
    "SeriesPoint",
    "Snapshot",
    "SnapshotFigures",
    "Totals",
    "build_scoreboard",
    "calibrate",
    "calibration_lines",
    "calibration_text",
    "channel_label",
    "check_campaign",
    "check_figures",
    "cost_per_lead",
    "estimate_outcomes",
    "find_campaign",
    "format_change",
    "format_percent",
    "meeting_board",
    "parse_count",
    "parse_day",
    "parse_money",
    "percent",
    "status_label",
    "totals",
]
