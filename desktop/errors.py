"""Error kinds: what the user did, what their machine did, and what the store could not do.

Every error the user can meet carries `user_message`, a sentence a support rep understands, so the CLI and
the windows show the same words. Anything else that escapes is a bug and is logged as one.
"""

from __future__ import annotations


class PalauteError(Exception):
    """Base of every expected failure; `user_message` is what to show, `exit_code` what the CLI returns."""

    exit_code = 1

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class InvalidInput(PalauteError):
    """The user's input cannot be saved as it is (empty text, too long, unknown community...)."""

    exit_code = 2


class StoreError(PalauteError):
    """The local database cannot be used right now."""

    exit_code = 3


class StoreLocked(StoreError):
    """Another program holds the database for longer than the busy timeout."""


class StoreTooNew(StoreError):
    """The database was written by a newer Palaute; opening it here could damage it."""


class StoreWriteFailed(StoreError):
    """The disk is full or the data folder is read-only: nothing was written."""


class NotFound(PalauteError):
    """An insight (or other object) the user named does not exist here."""

    exit_code = 4


def store_open_crashed() -> StoreError:
    """What to say when opening the store failed by a bug (logged): the tray must still say something."""
    from desktop.language import _

    return StoreError(_("Palaute could not open its database; the log file has the details."))
