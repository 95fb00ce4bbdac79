"""`python -m roundtable` runs the same entry point as the `roundtable` command."""

from roundtable.launch import main

main()
