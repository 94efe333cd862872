"""Sync with the Palaute server: plain Python (no Qt); desktop/ui/sync_worker.py runs it off the UI thread."""
