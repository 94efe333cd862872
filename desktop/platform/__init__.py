"""Platform-specific pieces (global hotkey, start at login), each one small interface with one module per OS."""
