"""ipywidgets forms wired to the package functions; the notebooks only display them."""
