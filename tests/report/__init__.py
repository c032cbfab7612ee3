"""Tests of wijktools.report.model."""
