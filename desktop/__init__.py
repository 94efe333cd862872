"""Palaute desktop: capture product insights during calls and hear back from the product team."""

__version__ = "0.1.0"
APP_ID = "fi.palaute.Palaute"
APP_NAME = "Palaute"
