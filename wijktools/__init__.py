"""wijktools: werkboek voor wijkgerichte samenwerking in de eerstelijnszorg."""

__version__ = "0.1.0"
