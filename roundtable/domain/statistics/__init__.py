"""What the team's own history says: how long agenda items really take (`timing`),
what to change in the template (`advice`), and where the meeting will be cut at the
usual pace (`forecast`). Plain Python, no Textual."""
