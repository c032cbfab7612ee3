"""Tests of wijktools.demo.run."""
