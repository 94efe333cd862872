"""Tests of the privacy detector (desktop.privacy)."""
