"""The Qt side of the desktop app: tray, windows, and the Qt adapters around the core."""
