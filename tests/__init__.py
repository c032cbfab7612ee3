"""Tests of wijktools, one folder per package."""
