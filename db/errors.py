"""The errors the core raises. Each carries a code and its parameters, never words: the
window and the command line turn a code into words in the user's language
(gui/messages.py), so that there is one copy of each message."""
from __future__ import annotations


class LedgerError(Exception):
    """Base of every error the core raises on purpose: `code` says what went wrong and
    `params` (names, counts, reasons) fill in its words (gui/messages.py)."""

    def __init__(self, code: str | None = None, *legacy, **params):
        if legacy:  # LedgerError("English", "code", …) of code written before the change
            code = legacy[0]
        super().__init__(code)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        """The code and its parameters, for logs and tests; never shown to a user."""
        listed = ", ".join(f"{key}={value!r}" for key, value in self.params.items())
        return f"{self.code}({listed})" if listed else str(self.code)



class Cancelled(LedgerError):
    """The user cancelled a long piece of work (an import, a merge, an export, a copy)
    before anything was kept: the one exception of every cancel."""

    def __init__(self):
        super().__init__("cancelled")

class CellError(ValueError):
    """A cell of an imported sheet that cannot be read: `code` and `params` say why (the
    column, as its English header, is `label`)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params

    def __str__(self) -> str:
        listed = ", ".join(f"{key}={value!r}" for key, value in self.params.items())
        return f"{self.code}({listed})"


class BadFileError(LedgerError):
    """The file cannot be opened as a Truce Ledger database; it was not changed."""


class PassphraseError(BadFileError):
    """The file may be an encrypted ledger, and its passphrase is needed ("passphrase_needed")
    or the one given does not open it ("passphrase_wrong"): ask for it (again). The file
    was not changed."""


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
    """One or more rules failed. `codes` maps each field to its (code, params).

    Field names are those of the dataclasses in `db.records`; a victim's or a
    citation's field is named like ``victims[2].age``.
    """

    def __init__(self, codes: dict[str, tuple[str, dict]]):
        self.codes = dict(codes)
        super().__init__("invalid", fields=list(self.codes))

    @property
    def errors(self) -> dict[str, str]:
        """Each failed field with its code (the words are gui/messages.py's)."""
        return {field: code for field, (code, _params) in self.codes.items()}

    @classmethod
    def of(cls, field: str, code: str, **params) -> "ValidationError":
        """One failed rule."""
        return cls({field: (code, params)})


class DuplicateBreachError(LedgerError):
    """A live breach has the same date, governorate, place and type.

    The save did not happen; saving again with ``allow_duplicate=True`` stores it. It
    carries the key of the breach it resembles, never words: the window describes that
    breach in its own language (gui/breach_parts.py).
    """

    def __init__(self, resembles_id: str):
        self.resembles_id = resembles_id
        super().__init__("duplicate", resembles_id=resembles_id)
