"""Numbered SQL migrations; the number is the schema version (PRAGMA user_version)."""
