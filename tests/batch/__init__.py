"""Tests of wijktools.batch."""
