"""The one translation function every user-facing string goes through, and the language.

gettext style: `_("Start meeting")`. Placeholders are filled after translation with
`str.format`, so a translator can move them: `_("{count} open").format(count=3)`.
Plural forms go through `ngettext(singular, plural, count)`. An English word used in two
senses that German tells apart gets a context: `pgettext("key", "End")` (the key that
ends the meeting, "Beenden") and `pgettext("campaign", "End")` (its end date, "Ende") are
two catalog entries.

Catalogs: `roundtable/locale/<lang>/LC_MESSAGES/roundtable.po` is the source the
translators edit; the `.mo` next to it is compiled at build time (the hatch build hook in
`hatch_build.py`, or `scripts/update_catalog.py --compile` in a source tree) and is not
committed. Without a compiled catalog, English text is shown.

Which language: `--lang` (or `$ROUNDTABLE_LANG`) first, then the config's `language`
key, then the environment's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), then English.
The CLI decides this in `roundtable.cli.main` with `requested_language` and
`locale_language`, and calls `set_language`.

Text made before the language is known (class-level Textual `BINDINGS` descriptions,
anything at module level) is *marked*, not translated: `N_("Start meeting")` is the
English message itself, and `NP_("key", "End")` is the English message that remembers
its context. Both are translated where they are shown (the footer, the help screen and
the command palette call `_()` on binding descriptions), so a process that imported the
screens in one language and switched later shows the new one, in either direction.
`_()` itself must never run at import time (`tests/unit/test_i18n_lazy.py` checks).
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Self

from roundtable.errors import UsageError

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANG_ENV",
    "NP_",
    "N_",
    "SOURCE_LANGUAGE",
    "_",
    "current_language",
    "locale_language",
    "ngettext",
    "normalize_language",
    "pgettext",
    "requested_language",
    "set_language",
]

DOMAIN = "roundtable"
LOCALE_DIR = Path(__file__).parent / "locale"

LANGUAGES = ("en", "de")
"""The languages roundtable speaks; English is the source language of every message."""

DEFAULT_LANGUAGE = "en"

SOURCE_LANGUAGE = "en"
"""The language the messages are written in: it has no catalog."""

LANG_ENV = "ROUNDTABLE_LANG"
"""Chooses the language like `--lang` does; `--lang` wins over it."""

LANG_OPTION = "--lang"

# POSIX order: the first of these that is set decides; a later one is not consulted.
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def normalize_language(text: str) -> str | None:
    """The supported language `text` names, or None: `de`, `DE`, `de_DE.UTF-8`,
    `de-AT` and `de_CH@euro` all name `de`; `C`, `POSIX`, `fr_FR` name none of ours."""
    code = text.strip().lower()
    for separator in ("@", ".", "_", "-"):
        code = code.partition(separator)[0]
    return code if code in LANGUAGES else None


def locale_language(env: Mapping[str, str]) -> str | None:
    """The language the environment's locale asks for, if it is one of ours.

    The first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set decides, as for every
    other program: `LC_ALL=C` means English even when `LANG=de_DE.UTF-8`.
    """
    for variable in _LOCALE_VARIABLES:
        value = env.get(variable, "")
        if value:
            return normalize_language(value)
    return None


def requested_language(argv: Sequence[str], env: Mapping[str, str]) -> str | None:
    """The language asked for explicitly: `--lang X` / `--lang=X` in `argv` (the last
    one, as argparse reads it), else `$ROUNDTABLE_LANG`; None if neither is given.

    Scanned before the parser is built, because the help text is translated. A `--lang`
    value that is not a language is skipped here; argparse then refuses it. A wrong
    `$ROUNDTABLE_LANG` raises `UsageError`: nothing else would report it.
    """
    found: str | None = None
    tokens = list(argv)
    for index, token in enumerate(tokens):
        if token == "--":
            break
        value: str | None = None
        if token == LANG_OPTION and index + 1 < len(tokens):
            value = tokens[index + 1]
        elif token.startswith(LANG_OPTION + "="):
            value = token.partition("=")[2]
        if value is not None:
            found = normalize_language(value) or found
    if found is not None:
        return found
    wanted = env.get(LANG_ENV, "").strip()
    if not wanted:
        return None
    language = normalize_language(wanted)
    if language is None:
        raise UsageError(
            _("{env} must be one of {languages}, not {value!r}.").format(
                env=LANG_ENV, languages=", ".join(LANGUAGES), value=wanted
            )
        )
    return language


def set_language(language: str) -> None:
    """Switch every later `_()` call to `language` (`de`, `en`, or a locale name such as
    `de_DE.UTF-8`). Messages the catalog lacks stay in English.

    Raises `ValueError` for a language roundtable does not speak: user input is checked
    before it gets here, so this is a programming error.
    """
    global _translation, _language
    code = normalize_language(language)
    if code is None:
        raise ValueError(f"unsupported language {language!r}; supported: {LANGUAGES}")
    # English is the messages' own language, with no catalog to look for (the search
    # alone imports `locale` and probes a dozen paths on every command's start).
    _translation = (
        gettext.NullTranslations()
        if code == SOURCE_LANGUAGE
        else gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[code], fallback=True)
    )
    _language = code


def current_language() -> str:
    """The language `_()` translates into: one of `LANGUAGES`."""
    return _language


class _InContext(str):
    """What `pgettext` and `NP_` return: the text, plus the context and English message
    it came from.

    A binding description is marked when its class is defined and translated by `_()`
    where it is shown (`roundtable.ui.widgets.footer`). Plain text cannot carry its
    context to that call, and `_("End")` would find no entry (or the wrong sense). This
    `str` can, and is otherwise an ordinary string.
    """

    context: str
    message: str

    def __new__(cls, text: str, context: str, message: str) -> Self:
        self = super().__new__(cls, text)
        self.context = context
        self.message = message
        return self

    def __getnewargs__(self) -> tuple[str, str, str]:  # type: ignore[override]
        # copy and pickle rebuild a str subclass from these; str's own has only the text.
        return (str(self), self.context, self.message)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it: for text made at import
    time, translated by `_()` where it is shown."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark `message` in `context` for the catalog without translating it; `_()` of the
    result translates it in that context where it is shown."""
    return _InContext(message, context, message)


def _(message: str) -> str:
    """Translate `message` into the current language.

    A `pgettext` result is translated again in its own context, so showing it through
    `_()` is right whichever language was current when it was made.
    """
    if isinstance(message, _InContext):
        return pgettext(message.context, message.message)
    return _translation.gettext(message)


def pgettext(context: str, message: str) -> str:
    """Translate `message` as meant in `context` (a short word such as `"key"` or
    `"campaign"`); English, and any message the catalog lacks in that context, is
    `message` itself. Like `gettext.pgettext`: the catalog entry has `msgctxt context`.

    Use it only where German needs two words for one English one; everything else goes
    through `_()`.
    """
    return _InContext(_translation.pgettext(context, message), context, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message whose form depends on `count`."""
    return _translation.ngettext(singular, plural, count)
