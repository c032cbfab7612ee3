"""ipywidgets forms and table views wired to the package functions; the notebooks only display them."""
