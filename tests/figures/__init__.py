"""Tests of wijktools.figures.profile."""
