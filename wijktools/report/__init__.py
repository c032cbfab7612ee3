"""The report: model and sections assembled from profile and workshop."""
