"""Tests of wijktools.cli."""
