"""Palaute server: the sync API, accounts and the product team's web page."""
