"""The errors the core raises. Each carries a message fit to show a user as it is, in
English, and a code with parameters (see db/messages.py) so the window can translate it."""
from __future__ import annotations


class LedgerError(Exception):
    """Base of every error the core raises on purpose; its text is for the user."""

    def __init__(self, message: str, code: str | None = None, **params):
        super().__init__(message)
        self.code = code
        self.params = params


class BadFileError(LedgerError):
    """The file cannot be opened as a Truce Ledger database; it was not changed."""


class NotFoundError(LedgerError):
    """A record that the caller named is not in the database."""


class ConflictError(LedgerError):
    """The record was changed by someone else (another copy of the program) since the
    caller read it; saving would silently undo their change. Nothing was saved."""


class BusyError(LedgerError):
    """Another copy of the program held the file's write lock for longer than this one
    would wait (an import, a merge). Nothing was written; the same action may be tried
    again, and will succeed once the other copy is done."""


class ValidationError(LedgerError):
    """One or more rules failed. `errors` maps each field to its message, `codes` each
    field to its (code, params).

    Field names are those of the dataclasses in `db.records`; a victim's or a
    citation's field is named like ``victims[2].age``.
    """

    def __init__(self, errors: dict[str, str], codes: dict[str, tuple[str, dict]] | None = None):
        self.errors = dict(errors)
        self.codes = dict(codes or {})
        super().__init__("; ".join(self.errors.values()))

    @classmethod
    def of(cls, field: str, code: str, **params) -> "ValidationError":
        """One failed rule."""
        from .messages import english
        return cls({field: english(code, params)}, {field: (code, params)})


class DuplicateBreachError(LedgerError):
    """A live breach has the same date, governorate, place and type.

    The save did not happen; saving again with ``allow_duplicate=True`` stores it.
    """

    def __init__(self, resembles_id: str, summary: str):
        self.resembles_id = resembles_id
        self.summary = summary
        super().__init__(
            f"This looks like a breach already recorded ({summary}); "
            "save it anyway only if it is a different incident.", "duplicate", summary=summary)
