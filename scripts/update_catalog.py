"""Bring the translation catalogs in step with the source, and optionally compile them.

    .venv/bin/python scripts/update_catalog.py            # extract + update every .po
    .venv/bin/python scripts/update_catalog.py --compile  # also write the .mo files
    .venv/bin/python scripts/update_catalog.py --compile-only

1. Extract every message of `roundtable/` (keywords `_`, `ngettext` and `pgettext`; a
   `pgettext("key", "End")` becomes an entry with `msgctxt "key"`) into
   `roundtable/locale/roundtable.pot`.
2. Update `roundtable/locale/<lang>/LC_MESSAGES/roundtable.po` for every language
   that has one (a new language: `--init xx`). New and changed messages arrive
   untranslated (Babel's fuzzy matching is off: its guesses pair unrelated messages);
   messages the source dropped are removed.
3. With `--compile`: write the `.mo` next to each `.po`, for running from this source
   tree. Installing the package compiles them too (`hatch_build.py`); `.mo` files are
   not committed. Both keep the contexts (gettext's `context\\x04msgid` keys).

The same as the pybabel commands (Babel is a dependency of roundtable)::

    pybabel extract --no-default-keywords -k _ -k N_ -k ngettext:1,2 \\
        -k pgettext:1c,2 -k NP_:1c,2 \\
        --add-location=file --sort-by-file --project=roundtable \\
        -o roundtable/locale/roundtable.pot roundtable
    pybabel update -i roundtable/locale/roundtable.pot -d roundtable/locale \\
        -D roundtable --ignore-obsolete --no-fuzzy-matching --no-wrap
    pybabel compile -d roundtable/locale -D roundtable
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "roundtable"
LOCALE = PACKAGE / "locale"
DOMAIN = "roundtable"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"

# Messages are marked with these and nothing else (Babel's defaults would also pick up
# `gettext` and others roundtable does not use). `N_` and `NP_` mark text made at import
# time, translated where it is shown.
KEYWORDS = ("_", "N_", "ngettext:1,2", "pgettext:1c,2", "NP_:1c,2")


def pybabel(*arguments: str) -> None:
    """Run one pybabel command in this process; a failure stops the script."""
    status = CommandLineInterface().run(["pybabel", "--quiet", *arguments])
    if status:
        raise SystemExit(status)


def extract() -> None:
    keywords = [part for keyword in KEYWORDS for part in ("-k", keyword)]
    pybabel(
        "extract",
        "--no-default-keywords",
        *keywords,
        # File names without line numbers: the .po does not churn with every edit.
        "--add-location=file",
        "--sort-by-file",
        "--no-wrap",
        f"--project={DOMAIN}",
        "--copyright-holder=roundtable contributors",
        "--msgid-bugs-address=",
        "-o",
        str(TEMPLATE.relative_to(REPO)),
        # Relative, so the catalog names `roundtable/cli.py`, not this machine's path.
        str(PACKAGE.relative_to(REPO)),
    )


def languages() -> list[str]:
    return sorted(path.parent.parent.name for path in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def update() -> None:
    for language in languages():
        pybabel(
            "update",
            "-i",
            str(TEMPLATE),
            "-d",
            str(LOCALE),
            "-D",
            DOMAIN,
            "-l",
            language,
            "--ignore-obsolete",
            "--no-fuzzy-matching",
            "--no-wrap",
        )


def init(language: str) -> None:
    pybabel("init", "-i", str(TEMPLATE), "-d", str(LOCALE), "-D", DOMAIN, "-l", language)


def compile_catalogs() -> None:
    for language in languages():
        pybabel("compile", "-d", str(LOCALE), "-D", DOMAIN, "-l", language, "--statistics")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compile", action="store_true", help="also write the .mo files")
    parser.add_argument(
        "--compile-only", action="store_true", help="only write the .mo files from the .po"
    )
    parser.add_argument("--init", metavar="LANG", help="start a catalog for a new language")
    args = parser.parse_args(argv)
    os.chdir(REPO)
    if not args.compile_only:
        extract()
        if args.init:
            init(args.init)
        update()
    if args.compile or args.compile_only:
        compile_catalogs()
    return 0


if __name__ == "__main__":
    sys.exit(main())
