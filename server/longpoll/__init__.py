"""Long-polls: who waits for which changes, and how each process hears of committed changes."""
