"""Tests of wijktools.workshop."""
