"""The Textual app: screens and widgets that show the domain and turn keys into calls on it."""
