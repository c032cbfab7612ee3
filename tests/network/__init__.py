"""Tests of wijktools.network."""
