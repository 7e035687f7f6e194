"""The errors the core raises. Each carries a message fit to show a user as it is."""
from __future__ import annotations


class LedgerError(Exception):
    """Base of every error the core raises on purpose; its text is for the user."""


class BadFileError(LedgerError):
    """The file cannot be opened as a Truce Ledger database; it was not changed."""


class NotFoundError(LedgerError):
    """A record that the caller named is not in the database."""


class ValidationError(LedgerError):
    """One or more rules failed. `errors` maps each field to its message.

    Field names are those of the dataclasses in `db.records`; a victim's or a
    citation's field is named like ``victims[2].age``.
    """

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(self.errors.values()))


class ConflictError(LedgerError):
    """The record was changed by someone else (another copy of the program) since the
    caller read it; saving would silently undo their change. Nothing was saved."""


class DuplicateBreachError(LedgerError):
    """A live breach has the same date, governorate, place and type.

    The save did not happen; saving again with ``allow_duplicate=True`` stores it.
    """

    def __init__(self, resembles_id: str, summary: str):
        self.resembles_id = resembles_id
        self.summary = summary
        super().__init__(
            f"This looks like a breach already recorded ({summary}); "
            "save it anyway only if it is a different incident."
        )
