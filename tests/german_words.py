"""Finds English words left in German output.

What counts as English: every word of the catalog's English messages that no German
translation uses (so "Budget", "Status", "Team", "Webinar" or "in" are German as well,
and "meeting", "agenda", "owner", "leads", "the" are not), plus a few common English
words no message happens to contain. Before looking, the text is cleared of what is
not ours to translate: the team's own words (names of people, roles, agendas and
campaigns, what they typed: `names`), command-line syntax (`--owner`, `roles.yaml`,
`roundtable start`, `$ROUNDTABLE_DB`), addresses and paths. `ALLOWED` lists the few
English words a German team uses as they are (see docs/GLOSSARY.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

PO_FILE = Path(__file__).parents[1] / "roundtable/locale/de/LC_MESSAGES/roundtable.po"

COMMON_ENGLISH = frozenset(
    """the a an and or of to for from with without by on at is are was were be been not
    no yes this that these those it its there here what which who when where how why
    meeting meetings agenda agendas item items owner owners lead leads minutes decision
    decisions action actions note notes store help quit back next previous open done
    save cancel close search edit delete new all none present absent due overdue week
    weeks day days today tomorrow error usage options arguments required invalid choice
    unrecognized expected argument show message exit palette space enter escape keys
    key theme screenshot maximize minimize focus cursor page up down left right""".split()  # noqa: SIM905
)

ALLOWED = frozenset(
    """roundtable yaml yml json csv md db eml ics smtp utf markdown readme token crm
    ok id ids html http https url pdf svg cpu
    de en latest verify reseal
    true false host port sender security user mail language store team roles title items
    timebox cadence signs_off""".split()  # noqa: SIM905
)
"""English words that stay English in German: file formats, protocol and program names,
and the literal keys and values of the config files (`signs_off: true`)."""

_STRIP = (
    re.compile(r"https?://\S+"),
    re.compile(r"(?<!\w)--?[A-Za-z][\w-]*(?:=\S*)?"),  # options: --owner, -h
    re.compile(r"\$?\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b"),  # ROUNDTABLE_DB
    re.compile(r"(?:[\w.~-]*/)+[\w.~-]*"),  # paths
    re.compile(r"\b[\w-]+\.(?:ya?ml|md|db|eml|ics|lock|json|csv|txt)\b"),
    re.compile(r"`[^`\n]*`"),  # code in Markdown and help
    re.compile(r"\broundtable(?: [a-z]+)+"),  # commands: roundtable store verify
    re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # mail addresses
    re.compile(r"\{[^{}\n]*\}"),  # argparse choices {en,de}
    re.compile(r"'[^'\s]*'"),  # what the user typed, or the choices: 'nosuch', 'check'
    # Mermaid's own words in the minutes' timing chart.
    re.compile(r"^\s*(?:gantt|section|dateFormat|axisFormat|todayMarker off)\b", re.MULTILINE),
)
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")


def _words(text: str) -> set[str]:
    text = re.sub(r"\{[^{}]*\}", " ", text)  # placeholders
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    return {word.casefold() for word in _WORD.findall(text)}


@cache
def english_only_words() -> frozenset[str]:
    """Words of the English messages that no German translation uses, and common
    English words, except those in `ALLOWED`."""
    with PO_FILE.open("rb") as file:
        catalog = read_po(file)
    english: set[str] = set(COMMON_ENGLISH)
    german: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            english |= _words(text)
        for text in strings:
            german |= _words(text or "")
    return frozenset(word for word in english - german - ALLOWED if len(word) > 1)


def english_words_in(text: str, names: Iterable[str] = ()) -> list[str]:
    """The English words of `text` (in order, each once), once `names` (the team's
    own words) and command-line syntax are taken out.

    A word of the team's own texts is never counted, even alone: a table cuts a long
    text ("Messe-Leads nachf…"), nor the start of one that a dialog cuts ("Lead" of
    "Leadliste"). Nor is a word of two letters: beside a dialog the
    screen shows the ends of cut words ("no" of "noch").
    """
    names = [name for name in names if name.strip()]
    theirs = _words(" ".join(names))
    for name in sorted(set(names), key=len, reverse=True):
        text = text.replace(name, " ")
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    found: list[str] = []
    english = english_only_words()
    for word in _WORD.findall(text):
        folded = word.casefold()
        # A dialog over a table may cut a team word anywhere ("Leadliste" → "Lead").
        cut_from_theirs = any(whole.startswith(folded) for whole in theirs)
        if (
            len(folded) > 2
            and folded in english
            and folded not in theirs | set(found)
            and not cut_from_theirs
        ):
            found.append(folded)
    return found
