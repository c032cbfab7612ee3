"""Reference sets shipped as package data (documented YAML files)."""
