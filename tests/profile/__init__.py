"""Tests of wijktools.profile.build."""
