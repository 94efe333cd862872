"""Tests of the privacy detector (privacy)."""
