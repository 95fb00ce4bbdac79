"""`python -m roundtable` runs the same entry point as the `roundtable` command."""

import sys

from roundtable.cli import main

sys.exit(main())
