"""Helpers shared by test suites (e.g. a real Palaute server in a subprocess)."""
