"""One module per screen or modal, named for what it is."""
