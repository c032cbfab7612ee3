"""Tests of wijktools.widgets."""
