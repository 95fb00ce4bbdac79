"""roundtable: runs the marketing–sales round-table meeting in the terminal."""

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__ = version("roundtable")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
