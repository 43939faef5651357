"""Scrutiny: review government demands against human-rights safeguards."""

__all__ = ["__version__"]

__version__ = "0.1.0"
