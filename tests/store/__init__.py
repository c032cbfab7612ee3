"""Tests of wijktools.store.connection."""
