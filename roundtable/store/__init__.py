"""Persistence: the journal file under TinyDB, its locking and compaction, and the
meeting log's records. Imports the domain's models; never Textual or the UI."""
