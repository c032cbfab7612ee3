"""Tests of wijktools.render."""
