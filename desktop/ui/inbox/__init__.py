"""The rep's inbox: a lazily paged table of insights, filters, and the thread of the one opened."""

from desktop.ui.inbox.window import InboxWindow

__all__ = ["InboxWindow"]
