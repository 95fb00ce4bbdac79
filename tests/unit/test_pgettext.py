"""Message contexts: one English word, two German ones (`pgettext`)."""

from __future__ import annotations

import copy
import gettext
import io
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from roundtable.i18n import _, pgettext, set_language

PO_FILE = (
    Path(__file__).parents[2] / "roundtable" / "locale" / "de" / "LC_MESSAGES" / "roundtable.po"
)


@pytest.fixture(autouse=True)
def english_again() -> Iterator[None]:
    yield
    set_language("en")


def test_english_is_the_message_itself_whatever_the_context() -> None:
    assert pgettext("key", "End") == "End"
    assert pgettext("campaign", "End") == "End"
    assert pgettext("no such context", "Nothing like this") == "Nothing like this"


def test_german_tells_the_senses_apart() -> None:
    set_language("de")
    assert pgettext("key", "End") == "Beenden"
    assert pgettext("campaign", "End") == "Ende"
    # Quitting the app must not read like ending the meeting, which sits next to it.
    assert _("Quit") == "Schließen"
    # A context the catalog lacks falls back to English, not to another sense.
    assert pgettext("elsewhere", "End") == "End"


def test_a_context_result_is_translated_again_in_its_context() -> None:
    # How binding descriptions work: made at import (here in English), shown through
    # `_()` after the language changed.
    made_in_english = pgettext("key", "End")
    set_language("de")
    assert _(made_in_english) == "Beenden"
    assert _(pgettext("campaign", "End")) == "Ende"
    # And the other way round: made in German, shown in German, then in English.
    made_in_german = pgettext("key", "End")
    assert _(made_in_german) == "Beenden"
    set_language("en")
    assert _(made_in_german) == "End"


def test_a_context_result_is_an_ordinary_string() -> None:
    set_language("de")
    text = pgettext("key", "End")
    assert isinstance(text, str)
    assert text + "!" == "Beenden!"
    assert f"[{text}]" == "[Beenden]"
    assert {text: 1}["Beenden"] == 1
    # A copy (of a binding, of a screen's state) keeps what `_()` needs.
    for again in (copy.copy(text), copy.deepcopy(text), pickle.loads(pickle.dumps(text))):
        assert again == "Beenden"
        set_language("en")
        assert _(again) == "End"
        set_language("de")


def test_the_build_hook_compiles_contexts_into_the_mo() -> None:
    # hatch_build.py compiles with Babel's write_mo, as `update_catalog.py --compile` does.
    with PO_FILE.open("rb") as file:
        catalog = read_po(file, abort_invalid=True)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    translations = gettext.GNUTranslations(compiled)
    assert translations.pgettext("key", "End") == "Beenden"
    assert translations.pgettext("campaign", "End") == "Ende"
    assert translations.gettext("End") == "End"
