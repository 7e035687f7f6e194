"""The breach being typed, kept in a draft file beside the database every few seconds,
so that a power cut or a crash does not take it: the next start offers it back.

Each running copy of the program has a draft of its own beside the database
(`office.sqlite3.draft-<process>-<n>.db`, db/drafts.py: encrypted with the database's
passphrase when the database is encrypted), written in one transaction each time, and
removed once its breach is saved or discarded. At start, only the drafts of copies no
longer running are offered (also those an older version wrote in plain JSON).
"""
from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, fields
from datetime import date
from pathlib import Path

import db
from db import drafts
from db.paths import alive


def new_owner() -> str:
    """The name of one editor's drafts: this process, and a number of its own."""
    import uuid  # made with the editor: a start without it does not import uuid
    return f"{os.getpid()}-{uuid.uuid4().hex[:8]}"


def draft_path(database: Path, owner: str) -> Path:
    return database.with_name(f"{database.name}.draft-{owner}.db")


def _database_of(draft: Path) -> Path:
    """The database a draft file (draft_path's name) was written for."""
    return draft.with_name(draft.name.split(".draft-")[0])


def orphan_drafts(database: Path) -> list[Path]:
    """Drafts left by copies of the program that are no longer running, newest first."""
    found = []
    for path in database.parent.glob(f"{database.name}.draft-*"):
        if path.suffix not in (".db", ".json"):
            continue  # a journal beside a draft
        pid = path.name.removeprefix(f"{database.name}.draft-").split("-")[0]
        if not _running(pid):
            found.append(path)
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def _running(pid: str) -> bool:
    return pid.isdigit() and alive(int(pid))


def write_draft(database: Path, owner: str, breach: db.Breach, editing: str | None,
                editing_updated_at: str | None) -> None:
    """Keep `breach` (the form as it is) for `database`; `editing` is the key of the saved
    breach being edited, if any."""
    document = {"editing": editing, "editing_updated_at": editing_updated_at,
                "breach": asdict(breach)}
    # Not kept (a full disk, a folder made read-only): the form still holds the edits.
    with contextlib.suppress(OSError, db.SQLiteError):
        drafts.keep(draft_path(database, owner),
                    json.dumps(document, ensure_ascii=False, default=_plain),
                    db.cipher.key_of(database))


def read_draft(path: Path) -> tuple[db.Breach, str | None, str | None] | None:
    """The draft in `path`: the breach, the key it edits and the version it started from;
    None if it cannot be read."""
    try:
        if path.suffix == ".json":  # an older version's
            text = path.read_text(encoding="utf-8")
        else:  # encrypted with the database's passphrase, when it has one
            text = drafts.read(path, db.cipher.key_of(_database_of(path)))
        document = json.loads(text or "")
        data = document["breach"]
        data["citations"] = [db.Citation(**_known(db.Citation, c)) for c in data["citations"]]
        data["victims"] = [db.Victim(**_known(db.Victim, v)) for v in data["victims"]]
        return (db.Breach(**_known(db.Breach, data)), document.get("editing"),
                document.get("editing_updated_at"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remove_draft(path: Path) -> None:
    drafts.remove(path)


def _known(kind, data: dict) -> dict:
    names = {f.name for f in fields(kind)}
    return {k: v for k, v in data.items() if k in names}


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot keep {type(value).__name__} in a draft")
