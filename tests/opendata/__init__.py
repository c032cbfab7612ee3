"""Tests of wijktools.opendata.fetch."""
