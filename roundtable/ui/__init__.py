"""The Textual app: screens and widgets that show the domain and turn keys into calls on it.

Start it with `roundtable.ui.app.make_app`; nothing is imported here, so the CLI's
attendee commands never pay for Textual.
"""

__all__: list[str] = []
