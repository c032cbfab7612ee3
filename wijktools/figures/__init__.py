"""Figures: theme, profile figures and their rendering, vote charts, SVG backend."""
