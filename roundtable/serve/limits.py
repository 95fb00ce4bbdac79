"""How many viewers `roundtable serve` lets in by default; its own module so that
building the CLI's parser (which shows it in `serve --help`) loads nothing of the server."""

from __future__ import annotations

__all__ = ["DEFAULT_MAX_VIEWERS"]

DEFAULT_MAX_VIEWERS = 20
"""Each viewer is a `roundtable follow` process of about 70 MB resident."""
