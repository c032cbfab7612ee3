"""Spreadsheets (CSV and xlsx): reading and writing."""
