"""The German catalog against the source: complete, current, and placeholder-true.

Messages are extracted from `roundtable/` the way `scripts/update_catalog.py` does
(keywords `_`, `N_`, `ngettext`, `pgettext` and `NP_`) and compared with
`roundtable/locale/de/LC_MESSAGES/roundtable.po`. When a test here fails after source
changes, run `.venv/bin/python scripts/update_catalog.py --compile` and translate what it
added (entries with an empty `msgstr` or a `fuzzy` flag).
"""

from __future__ import annotations

import gettext
import io
import string
from collections.abc import Iterable
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

REPO = Path(__file__).parents[2]
PACKAGE = REPO / "roundtable"
CATALOG_DIR = PACKAGE / "locale" / "de" / "LC_MESSAGES"
PO_FILE = CATALOG_DIR / "roundtable.po"
MO_FILE = CATALOG_DIR / "roundtable.mo"
KEYWORDS: dict[str, tuple[int | tuple[int, str], ...] | None] = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "NP_": ((1, "c"), 2),
}
UPDATE = "run `.venv/bin/python scripts/update_catalog.py --compile`"

MessageId = str | tuple[str, ...]
# A `pgettext("key", "End")` and a `_("End")` are different entries: keyed by both.
MessageKey = tuple[MessageId, str | None]


def _key(message_id: MessageId | list[str], context: str | None = None) -> MessageKey:
    return (tuple(message_id) if isinstance(message_id, list | tuple) else message_id, context)


def _lookup(catalog: Catalog, key: MessageKey) -> Message | None:
    message_id, context = key
    return catalog.get(message_id if isinstance(message_id, str) else message_id[0], context)


@pytest.fixture(scope="module")
def source_messages() -> dict[MessageKey, set[str]]:
    """Every message the source marks for translation → the files it appears in."""
    found: dict[MessageKey, set[str]] = {}
    for filename, _lineno, message, _comments, context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.setdefault(_key(message, context), set()).add(f"roundtable/{filename}")
    return found


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    with PO_FILE.open("rb") as file:
        return read_po(file, abort_invalid=True)


def _shown(key: MessageKey) -> str:
    message_id, context = key
    return repr(message_id) if context is None else f"{message_id!r} (context {context!r})"


def _entries(catalog: Catalog) -> Iterable[Message]:
    return (message for message in catalog if message.id)


def _translations(message: Message) -> tuple[str, ...]:
    string_ = message.string
    if isinstance(string_, list | tuple):
        return tuple(string_)
    return (string_ or "",)


def _placeholders(text: str) -> set[tuple[str, str | None, str]]:
    """The `{name!conversion:spec}` fields of a `str.format` text (ValueError if broken)."""
    fields = set()
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            fields.add((name, conversion, spec or ""))
    return fields


def test_the_source_has_messages(source_messages: dict[MessageKey, set[str]]) -> None:
    # Guards the extraction itself: a wrong path or keyword would make every check pass.
    assert _key("OK") in source_messages
    assert _key(("{count} role: {ids}", "{count} roles: {ids}")) in source_messages
    assert _key("End", "key") in source_messages
    assert len(source_messages) > 100


def test_every_message_has_a_german_translation(
    source_messages: dict[MessageKey, set[str]], catalog: Catalog
) -> None:
    missing = []
    for key, files in sorted(source_messages.items(), key=lambda item: str(item[0])):
        entry = _lookup(catalog, key)
        if entry is None:
            missing.append(f"not in the catalog: {_shown(key)} ({', '.join(sorted(files))})")
        elif entry.fuzzy:
            missing.append(f"fuzzy (unchecked): {_shown(key)}")
        elif not all(text.strip() for text in _translations(entry)):
            missing.append(f"untranslated: {_shown(key)} ({', '.join(sorted(files))})")
    assert not missing, f"{len(missing)} messages lack German; {UPDATE}:\n" + "\n".join(missing)


def test_every_message_of_the_cli_and_check_is_translated(
    source_messages: dict[MessageKey, set[str]], catalog: Catalog
) -> None:
    # Part 1 of the German issue translated these; they must stay translated.
    done = {
        "roundtable/cli/__init__.py",
        "roundtable/cli/actions.py",
        "roundtable/cli/campaigns.py",
        "roundtable/cli/commands.py",
        "roundtable/cli/context.py",
        "roundtable/cli/meeting.py",
        "roundtable/cli/minutes.py",
        "roundtable/cli/output.py",
        "roundtable/cli/parser.py",
        "roundtable/cli/setup.py",
        "roundtable/errors.py",
        "roundtable/i18n.py",
        "roundtable/domain/config/__init__.py",
        "roundtable/domain/config/model.py",
        "roundtable/domain/config/fields.py",
        "roundtable/domain/config/documents.py",
        "roundtable/domain/config/load.py",
        "roundtable/domain/config/files.py",
        "roundtable/domain/config/peek.py",
        "roundtable/domain/config/yamlfile.py",
        "roundtable/domain/locations.py",
        "roundtable/domain/l10n.py",
        "roundtable/domain/money.py",
        "roundtable/domain/dates.py",
    }
    missing = []
    for key, files in source_messages.items():
        if not files & done:
            continue
        entry = _lookup(catalog, key)
        if entry is None or entry.fuzzy or not all(t.strip() for t in _translations(entry)):
            missing.append(f"{_shown(key)} ({', '.join(sorted(files & done))})")
    assert not missing, f"untranslated or fuzzy; {UPDATE}:\n" + "\n".join(sorted(missing))


def test_no_catalog_entry_outlives_its_source(
    source_messages: dict[MessageKey, set[str]], catalog: Catalog
) -> None:
    stale = [
        _shown(_key(message.id, message.context))
        for message in _entries(catalog)
        if _key(message.id, message.context) not in source_messages
    ]
    assert not stale, f"in the catalog but no longer in the source; {UPDATE}:\n" + "\n".join(stale)


def test_translations_keep_the_placeholders_of_their_source(catalog: Catalog) -> None:
    wrong = []
    for message in _entries(catalog):
        if message.fuzzy:
            continue  # not compiled, so never shown
        sources = message.id if isinstance(message.id, list | tuple) else (message.id,)
        expected = set().union(*(_placeholders(text) for text in sources))
        for text in _translations(message):
            if not text:
                continue
            try:
                fields = _placeholders(text)
            except ValueError as error:
                wrong.append(f"{message.id!r}: the translation is no format string ({error})")
                continue
            # A plural form may leave out a placeholder (German "eine Rolle"), never add one.
            ok = fields <= expected if len(sources) > 1 else fields == expected
            if not ok:
                wrong.append(f"{message.id!r} → {text!r}: {sorted(fields)} ≠ {sorted(expected)}")
    assert not wrong, "\n".join(wrong)


def test_the_compiled_catalog_is_current(catalog: Catalog) -> None:
    if not MO_FILE.exists():
        pytest.fail(f"{MO_FILE} is missing: `pip install -e .` compiles it, or {UPDATE}")
    fresh = io.BytesIO()
    write_mo(fresh, catalog, use_fuzzy=False)
    fresh.seek(0)
    with MO_FILE.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    expected = gettext.GNUTranslations(fresh)
    assert compiled._catalog == expected._catalog, f"the .mo is older than the .po; {UPDATE}"  # type: ignore[attr-defined]


def test_the_catalog_is_german_with_german_plurals(catalog: Catalog) -> None:
    assert str(catalog.locale) == "de"
    assert catalog.num_plurals == 2
    entry = catalog.get("{count} role: {ids}")
    assert entry is not None
    assert _translations(entry) == ("{count} Rolle: {ids}", "{count} Rollen: {ids}")
