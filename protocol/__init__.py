"""The sync protocol's schema, shared by the desktop client and the server (see docs/protocol.md)."""
