"""Renderers lay out plain data (Profile, Report); they never query data or the store."""
