"""Registering `serve` costs the other commands nothing: building the parser (which
every command does) loads neither the web server nor Textual."""

from __future__ import annotations

import subprocess
import sys


def test_building_the_parser_does_not_load_the_web_server() -> None:
    probe = (
        "from roundtable.cli import build_parser\n"
        "build_parser().parse_args(['serve', '--help'][:1])\n"
        "import sys\n"
        "print('\\n'.join(sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(result.stdout.split())
    assert "roundtable.cli.serve" in loaded
    for heavy in ("aiohttp", "textual_serve", "textual", "roundtable.serve.server"):
        assert heavy not in loaded, heavy
