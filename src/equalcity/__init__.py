"""Equalcity: programmes against sexual and gender-based violence in migrant communities."""

__version__ = "0.1.0"
