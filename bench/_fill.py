"""Fills a store quickly with realistic action items, for the benchmarks."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tinydb.table import Document, Table

from roundtable.domain.entries import ActionItem, ActionStatus
from roundtable.store import codec, values
from roundtable.store.journal import JournalStorage
from roundtable.store.records import ACTIONS, META, SHARD_SIZE
from roundtable.store.schema import SCHEMA_VERSION

__all__ = ["OWNERS", "fill_actions"]

OWNERS = (
    "product-marketing",
    "sales-marketing",
    "marketing-communication",
    "dialog-marketing",
    "sales-controlling",
    "sales",
    "management",
    "Jana Richter",
    "Katrin Vogel",
    "Lukas Hoffmann",
    "Stefan Krüger",
    "Monika Schneider",
    "Thomas Wagner",
    "Julia Neumann",
    "Markus Becker",
)
TEXTS = (
    "Leads aus der Frühjahrs-Webinarreihe an den Außendienst übergeben und nachfassen",
    "Messe Hannover Follow-up: Angebote für die 14 heißen Kontakte schreiben",
    "Umsatzschätzung für die Newsletter-Kampagne Q3 mit Controlling abgleichen",
    "Budgetverschiebung Kommunikation → Vertrieb bei der Geschäftsleitung vorlegen",
    "Qualifizierungskriterien für Leads aus dem Mailing überarbeiten",
    "Account-Team Maschinenbau Süd mit Technik und After-Sales besetzen",
)


def fill_actions(path: Path, start: int, count: int, seed: int = 1) -> None:
    """Add action items `start + 1 … start + count` in one transaction (one line)."""
    rng = random.Random(seed + start)
    storage = JournalStorage(path, schema=SCHEMA_VERSION)
    opened = datetime(2024, 1, 9, 9, 30, tzinfo=UTC)
    docs: dict[str, list[Document]] = {}
    for number in range(start + 1, start + count + 1):
        status = rng.choices(list(ActionStatus), weights=(3, 6, 1))[0]
        at = opened + timedelta(hours=number)
        action = ActionItem(
            id=number,
            ref=values.ref_of(number),
            text=f"{rng.choice(TEXTS)} ({number})",
            owner=rng.choice(OWNERS),
            due=date(2024, 1, 16) + timedelta(days=number // 8),
            status=status,
            meeting_id=number // 10 + 1,
            item_index=rng.randrange(7),
            opened_at=at,
            closed_at=None if status is ActionStatus.OPEN else at + timedelta(days=6),
            closed_in=None if status is ActionStatus.OPEN else number // 10 + 2,
        )
        table = f"{ACTIONS}.{number // SHARD_SIZE}"
        docs.setdefault(table, []).append(Document(codec.action_doc(action), doc_id=number))
    with storage.transaction():
        for table, shard in docs.items():
            Table(storage, table, cache_size=0).insert_multiple(shard)
        meta = Table(storage, META, cache_size=0)
        meta.upsert(Document({ACTIONS: start + count}, doc_id=1))
    storage.close()
