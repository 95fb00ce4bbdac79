"""The demo history of the round table: realistic meetings for trying the app."""
