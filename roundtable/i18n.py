"""The one translation function every user-facing string goes through.

gettext style: `_("Start meeting")`. Placeholders are filled after translation with
`str.format`, so a translator can move them: `_("{count} open").format(count=3)`.
Catalogs live in `roundtable/locale/<lang>/LC_MESSAGES/roundtable.mo`; until one is
installed for a language, English text is shown.
"""

from __future__ import annotations

import gettext
from pathlib import Path

__all__ = ["_", "current_language", "ngettext", "set_language"]

DOMAIN = "roundtable"
LOCALE_DIR = Path(__file__).parent / "locale"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def set_language(language: str) -> None:
    """Switch every later `_()` call to `language` (falls back to English text)."""
    global _translation, _language
    _translation = gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True
    )
    _language = language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate `message` into the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message whose form depends on `count`."""
    return _translation.ngettext(singular, plural, count)
