"""Tests of wijktools.survey."""
