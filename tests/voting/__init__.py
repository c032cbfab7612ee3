"""Tests of wijktools.voting."""
