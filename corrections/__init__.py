"""corrections: change published articles honestly."""

__version__ = "0.1.0"
