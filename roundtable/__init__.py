"""roundtable: runs the marketing–sales round-table meeting in the terminal."""

__all__ = ["__version__"]

__version__ = "0.1.0"
"""The package version; pyproject.toml reads it from here (`[tool.hatch.version]`), so
`roundtable --version` needs no `importlib.metadata`, which costs tens of milliseconds."""
