"""Clausebook: governance analyses of platform terms, from YAML to a static MkDocs site."""

__version__ = "0.1.0"
