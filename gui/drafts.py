"""The breach being typed, kept in a draft file beside the database every few seconds,
so that a power cut or a crash does not take it: the next start offers it back.

The draft lives next to the database (`office.sqlite3.draft.json`), written whole under
a temporary name and renamed, and is removed once the breach is saved or discarded.
"""
from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, fields
from datetime import date
from pathlib import Path

import db


def draft_path(database: Path) -> Path:
    return database.with_name(database.name + ".draft.json")


def write_draft(database: Path, breach: db.Breach, editing: str | None,
                editing_updated_at: str | None) -> None:
    """Keep `breach` (the form as it is) for `database`; `editing` is the key of the saved
    breach being edited, if any."""
    target = draft_path(database)
    temporary = target.with_name(target.name + ".part")
    document = {"editing": editing, "editing_updated_at": editing_updated_at,
                "breach": asdict(breach)}
    with contextlib.suppress(OSError):
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, default=_plain)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)


def read_draft(database: Path) -> tuple[db.Breach, str | None, str | None] | None:
    """The draft kept for `database`: the breach, the key it edits and the version it
    started from; None if there is none (or it cannot be read)."""
    try:
        document = json.loads(draft_path(database).read_text(encoding="utf-8"))
        data = document["breach"]
        data["citations"] = [db.Citation(**_known(db.Citation, c)) for c in data["citations"]]
        data["victims"] = [db.Victim(**_known(db.Victim, v)) for v in data["victims"]]
        return (db.Breach(**_known(db.Breach, data)), document.get("editing"),
                document.get("editing_updated_at"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remove_draft(database: Path) -> None:
    with contextlib.suppress(OSError):
        draft_path(database).unlink()


def _known(kind, data: dict) -> dict:
    names = {f.name for f in fields(kind)}
    return {k: v for k, v in data.items() if k in names}


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot keep {type(value).__name__} in a draft")
