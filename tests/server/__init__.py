"""Tests of the server: API, protocol, accounts, concurrency and the real server process."""
