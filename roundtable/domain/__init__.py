"""The domain: roles, agendas, the time box, the store and the minutes.

Nothing in this package imports Textual; `tests/unit/test_import_hygiene.py` proves it.
"""
