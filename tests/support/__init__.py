"""Helpers shared by the tests (session builders, stand-ins, export fixtures)."""
