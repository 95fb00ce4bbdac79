"""`COMMAND_MODULES` names every module's commands truly, and a parser built for one
command line reads it as the full parser does, without the other commands' modules."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from roundtable.cli.commands import Commands
from roundtable.cli.parser import COMMAND_MODULES, Parser, build_parser


def _commands_of(parser: argparse.ArgumentParser) -> list[str]:
    [subparsers] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(subparsers.choices)


@pytest.mark.parametrize("module", sorted(COMMAND_MODULES))
def test_each_module_adds_the_commands_listed_for_it(module: str) -> None:
    root = Parser(prog="roundtable")
    importlib.import_module(module).register(Commands(root))
    assert _commands_of(root) == list(COMMAND_MODULES[module])


def test_the_full_parser_has_every_command_once() -> None:
    listed = [name for names in COMMAND_MODULES.values() for name in names]
    assert _commands_of(build_parser()) == listed


LINES = [
    ["actions"],
    ["actions", "--owner", "sales", "--json"],
    ["--db", "x.db", "actions", "--all", "--csv"],
    ["--db=x.db", "--lang=de", "actions"],
    ["--lan", "de", "--d", "x.db", "--conf", "c", "actions", "--owner", "jana"],
    ["--db", "actions", "stats"],
    ["--config", "c", "done", "A-1", "A-2", "--by", "Jana Richter"],
    ["reopen", "7", "--note", "again", "--db", "y.db"],
    ["campaigns", "--json"],
    ["figures", "Messe", "--cost", "1000"],
    ["meetings", "--csv"],
    ["search", "webinar"],
    ["start"],
    ["signoff", "B-7", "--reject"],
    ["approve-minutes", "--correction", "typo"],
]


@pytest.mark.parametrize("line", LINES, ids=" ".join)
def test_a_parser_for_one_line_reads_it_as_the_full_parser(line: list[str]) -> None:
    full = vars(build_parser().parse_args(line))
    assert vars(build_parser(line).parse_args(line)) == full


@pytest.mark.parametrize(
    "line",
    [["--help"], ["-h", "actions"], ["--version"], ["--", "actions"], ["--bogus", "actions"], []],
    ids=" ".join,
)
def test_an_unsure_line_gets_every_command(line: list[str]) -> None:
    assert _commands_of(build_parser(line)) == _commands_of(build_parser())


def test_the_actions_line_imports_no_other_command() -> None:
    probe = (
        "import sys\n"
        "from roundtable.cli.parser import build_parser\n"
        "build_parser(['--db', 'x.db', 'actions', '--owner', 'sales'])\n"
        "print(' '.join(sorted(n for n in sys.modules if n.startswith('roundtable.cli.'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())
    assert "roundtable.cli.actions" in loaded
    others = set(COMMAND_MODULES) - {"roundtable.cli.actions"}
    assert not loaded & others
