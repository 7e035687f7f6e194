"""Working out a merge of another office's file (db.merge): their file checked as it is
read (db.merge_checks), their list entries joined to ours by name, and the step each
breach of both files, newer in theirs, takes here (a breach new to us takes none: db.merge
copies those from their file).

A step is worked out from what our file holds, first from a snapshot before the write lock
is taken (the plan), then again inside the write for a breach saved meanwhile; it says
what the write puts in our file: the columns of the breach theirs changes, their citations
and victims that replace or join ours, and the change-log entry. A step whose breach would
break the editor's rules with the rows of ours it keeps refuses the merge. The lists are
joined here too, and, in the write, what we lack is added. Writing the steps is
db.merge's.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from .cipher import sqlite3
from .breach_read import CITATION_COLUMNS, VICTIM_COLUMNS, live_children
from .breaches import log_change
from .ledger import key_taken
from .merge_checks import (CHILD_TABLES, MergeRefused, _breach_label, _breach_of, _Checks,
                           _name_key, _Progress, _Reasons, _Theirs)
from .rules import check_breach
from .store import Ledger, fetch_dicts

# Steps worked out at once (their rows read again in one read of each table), and the most
# a plan keeps for the write: beyond, the write works them out again, a chunk at a time, so
# that a merge's memory stays small however many breaches both offices changed.
_CHUNK = 2000
_KEPT = 20_000
# Our breaches read at once for the steps, each whole (its JSON read back), a few MB.
_OURS_AT_ONCE = 250


@dataclass
class _Step:
    """What merging one breach of theirs that we hold too writes: the columns of our breach
    that theirs changes, their citations and victims that replace or join ours, and the
    change-log entry (ours before, the whole breach after). `stamp` is our updated_at it
    was worked out against."""

    key: str
    stamp: str
    action: str  # update, delete, restore
    changed: dict  # the columns of the breach theirs changes -> their values
    children: dict[str, list[tuple]]
    entry: tuple
    # A rule the breach would break, with what it keeps here: (code, params) of a reason.
    problem: tuple[str, dict] | None = None


@dataclass
class _Plan:
    """The steps of a merge, worked out from a snapshot of our file before the write lock
    is taken; the write uses each one while our file still matches it."""

    keys: dict  # their keys of list entries -> ours, as the steps use them
    steps: dict[str, _Step]  # of breaches newer there than here, the first _KEPT of them
    total: int  # their breaches


def _plan(ledger: Ledger, conn: sqlite3.Connection, theirs: _Theirs, chosen: dict,
          progress: _Progress) -> _Plan:
    """Their file checked, row by row as it is read (MergeRefused with every reason found),
    then a step for each breach of theirs newer there than here, from what our file holds
    now (read here, outside the write lock, where reading is free). A breach new to us
    takes no step: the write copies those from their file in one statement a table."""
    checks = _Checks(conn, theirs)
    changed, total = [], 0
    for row, children, stamp in theirs.breaches():
        checks.breach(row, children)
        if row is not None:
            total += 1
            progress.tell(total)
            if stamp is not None and row["updated_at"] > stamp:
                changed.append(row["id"])
    total += theirs.same  # held here as there: not read one by one (_Theirs.breaches)
    progress.tell(total, every=1)
    checks.refuse(conn)
    keys, _ = _join_all(ledger, conn, theirs, chosen, write=False)
    plan, reasons = _Plan(keys, {}, total), _Reasons()
    for step in _steps(ledger, conn, theirs, changed, keys):
        _add_problem(reasons, step)
        if len(plan.steps) < _KEPT:
            plan.steps[step.key] = step
    _refuse(theirs.name, reasons)
    return plan


def _steps(ledger: Ledger, conn, theirs: _Theirs, changed: list[str], keys: dict):
    """The steps of these breaches of theirs against what our file holds of them on
    `conn`, worked out _CHUNK at a time (each chunk of their rows, and of ours, read in one
    go: one statement a table, not three a breach)."""
    for start in range(0, len(changed), _CHUNK):
        waiting = []
        for row, sent in theirs.some(changed[start:start + _CHUNK]):
            waiting.append((row, sent))
            if len(waiting) == _OURS_AT_ONCE:
                yield from _steps_of(ledger, conn, waiting, keys)
                waiting = []
        yield from _steps_of(ledger, conn, waiting, keys)


def _steps_of(ledger: Ledger, conn, theirs: list[tuple[dict, dict]], keys: dict):
    """The steps of these breaches of theirs, each with its citations and victims, against
    ours of them, read at once."""
    befores, mine = _ours_of(conn, [row["id"] for row, _ in theirs])
    for row, sent in theirs:
        yield _step(ledger, row, sent, keys, befores[row["id"]],
                    {table: mine[table].get(row["id"], {}) for table in CHILD_TABLES})


# Our breaches of some keys (a JSON list), each as breach_document reads it back: the same
# statement, for many keys at once.
_DOCUMENTS = (f"SELECT b.*, {live_children('citation', CITATION_COLUMNS)} AS citations,"
              f" {live_children('victim', VICTIM_COLUMNS)} AS victims"
              " FROM breach b WHERE b.id IN (SELECT value FROM json_each(?))")


def _ours_of(conn, keys: list[str]) -> tuple[dict[str, dict], dict[str, dict[str, dict]]]:
    """Our breaches of these keys as breach_document reads each back, and all our
    citations and victims of them (deleted ones too), by table, by breach, by key, in the
    order they were written."""
    listed = (json.dumps(keys),)
    befores = {}
    for document in fetch_dicts(conn, _DOCUMENTS, listed):
        document["citations"] = json.loads(document["citations"])
        document["victims"] = json.loads(document["victims"])
        befores[document["id"]] = document
    mine: dict[str, dict[str, dict]] = {}
    for table in CHILD_TABLES:
        grouped = mine[table] = {}
        for row in fetch_dicts(conn, f"SELECT * FROM {table} WHERE breach_id IN"
                                     " (SELECT value FROM json_each(?)) ORDER BY rowid", listed):
            grouped.setdefault(row["breach_id"], {})[row["id"]] = row
    return befores, mine


def _add_problem(reasons: _Reasons, step: _Step) -> None:
    if step.problem:
        reasons.add(step.problem[0], **step.problem[1])


def _refuse(name: str, reasons: _Reasons) -> None:
    if reasons:
        raise MergeRefused(name, reasons.shown, reasons.more)


def _join_all(ledger: Ledger, conn, theirs: _Theirs, chosen: dict,
              write: bool) -> tuple[dict, int]:
    """Their keys -> ours, for each list; with `write`, what we lack is added."""
    keys = {table: _join_list(ledger, conn, theirs.rows[table], table, by, chosen, write)
            for table, by in (("gazetteer", ("kind", "name")), ("breach_type", ("name",)),
                              ("actor", ("name",)), ("truce", ("name",)))}
    keys["source"], sources = _join_sources(ledger, conn, theirs.rows["source"], chosen, write)
    return keys, sources


def _join_list(ledger: Ledger, conn, rows: list[dict], table: str, by: tuple[str, ...],
               chosen: dict, write: bool) -> dict:
    """Their keys → ours for a list joined by name; with `write`, entries we lack are added
    (with their key when no record of ours has it, else under a new key: a key is never
    taken over), under the key `chosen` for them when the plan was made."""
    ours = {_name_key(*(r[c] for c in by)): r["id"]
            for r in fetch_dicts(conn, f"SELECT * FROM {table} WHERE deleted_at IS NULL")}
    mapping = {}
    for row in rows:
        name = _name_key(*(row[c] for c in by))
        if name in ours:
            mapping[row["id"]] = ours[name]
            continue
        key = _key_for(conn, table, row["id"], chosen)
        if write:
            values = {**row, "id": key}
            if table == "gazetteer" and values.get("parent_id"):
                values["parent_id"] = mapping.get(values["parent_id"], None)
            _insert(conn, table, values)
            log_change(conn, ledger, table, key, "insert", None, values, row["updated_at"])
        ours[name] = mapping[row["id"]] = key
    return mapping


def _key_for(conn, table: str, theirs: str, chosen: dict) -> str:
    """The key a list entry new to us gets: the one chosen before, while no record of ours
    has it; else theirs, while no record of ours has it; else a new one."""
    key = chosen.get((table, theirs))
    if key is None or key_taken(conn, table, key):
        key = theirs if not key_taken(conn, table, theirs) else _new_key()
    chosen[(table, theirs)] = key
    return key


def _join_sources(ledger: Ledger, conn, rows: list[dict], chosen: dict,
                  write: bool) -> tuple[dict, int]:
    """Sources joined by name; with `write`, those we lack are added and one changed later
    there is updated here."""
    ours = {_name_key(r["name"]): r for r in fetch_dicts(
        conn, "SELECT * FROM source WHERE deleted_at IS NULL")}
    mapping, changed = {}, 0
    for row in rows:
        mine = ours.get(_name_key(row["name"]))
        if mine is None:
            values = {**row, "id": _key_for(conn, "source", row["id"], chosen)}
            if write:
                _insert(conn, "source", values)
                log_change(conn, ledger, "source", values["id"], "insert", None, values,
                           row["updated_at"])
            ours[_name_key(row["name"])] = values
            mapping[row["id"]], changed = values["id"], changed + 1
            continue
        mapping[row["id"]] = mine["id"]
        fields = ("kind", "reliability", "contact", "notes")
        # Theirs, where changed later, but never an empty value over one we have: an
        # office that imported our public export has sources without contacts.
        wanted = {f: (row[f] if row[f] not in ("", None, "other", "unknown") else mine[f])
                  for f in fields}
        if write and row["updated_at"] > mine["updated_at"] \
                and any(wanted[f] != mine[f] for f in fields):
            conn.execute("UPDATE source SET kind = ?, reliability = ?, contact = ?, notes = ?,"
                         " updated_at = ? WHERE id = ?",
                         [wanted[f] for f in fields] + [row["updated_at"], mine["id"]])
            after = fetch_dicts(conn, "SELECT * FROM source WHERE id = ?", (mine["id"],))[0]
            log_change(conn, ledger, "source", mine["id"], "update", mine, after,
                       row["updated_at"])
            changed += 1
    return mapping, changed


def _mapped(row: dict, keys: dict) -> dict:
    """Their breach row with our keys of the list entries it names (every one is in their
    lists: the checks refused a file with a key of ours, or of nothing, in its place)."""
    values = dict(row)
    for column, table in (("governorate_id", "gazetteer"), ("actor_id", "actor"),
                          ("breach_type_id", "breach_type"), ("truce_id", "truce")):
        if values[column] is not None:
            values[column] = keys[table][values[column]]
    return values


def _step(ledger: Ledger, row: dict, sent: dict[str, list[dict]], keys: dict,
          before: dict, mine: dict[str, dict[str, dict]]) -> _Step:
    """What merging `row` writes, given their citations and victims of it (`sent`, deleted
    ones too), our breach (`before`) and all our citations and victims of it (`mine`,
    deleted ones too, in the order they were written).

    Their citations and victims, deleted ones too, replace ours of the same key (a victim
    confidential here stays so). Ours they never had stay: they did not delete them, they
    never saw them (an office that has only our public export has no confidential victims,
    nor our references). One of theirs that is the same as one of ours kept under our own
    key (the same source, the same victim's name: an import gave each office its own key)
    is left out. The breach afterwards is worked out here, as breach_document will read
    it back, for the change log; when it keeps rows of ours, it must pass the editor's
    rules as it will be, or the merge is refused (their count of killed below the named
    victims they never saw, say)."""
    values = _mapped(row, keys)
    after, children, kept = dict(values), {}, False
    for table in CHILD_TABLES:
        ours, written = mine[table], []
        theirs = [dict(child) for child in sent[table]]
        for child in theirs:
            if table == "citation":
                child["source_id"] = keys["source"][child["source_id"]]
        known_to_them = {child["id"] for child in theirs}
        ours_only = {_same(table, r) for key, r in ours.items()
                     if r["deleted_at"] is None and key not in known_to_them}
        kept = kept or bool(ours_only)
        result = dict(ours)
        for child in theirs:
            if child["id"] not in ours and _same(table, child) in ours_only:
                continue  # the same source or victim we have already, under our own key
            written.append(child)
            result[child["id"]] = dict(child)
            if table == "victim" and child["id"] in ours:
                result[child["id"]]["confidential"] = max(ours[child["id"]]["confidential"],
                                                          child["confidential"])
        children[table] = [tuple(child.values()) for child in written]  # smaller than dicts
        live = sorted((r for r in result.values() if r["deleted_at"] is None),
                      key=lambda r: (r["position"], r["created_at"]))
        after[f"{table}s"] = [{k: v for k, v in r.items() if k != "breach_id"} for r in live]
    if row["deleted_at"] and not before["deleted_at"]:
        action = "delete"
    else:
        action = "restore" if before["deleted_at"] and not row["deleted_at"] else "update"
    entry = (_new_key(), row["updated_at"], ledger.user, ledger.office, "breach", row["id"],
             action, _json(before), _json(after))  # as log_change writes one
    return _Step(row["id"], before["updated_at"], action,
                 {c: v for c, v in values.items() if v != before[c]}, children, entry,
                 _problem_as_merged(values, after) if kept else None)


def _problem_as_merged(values: dict, after: dict) -> tuple[str, dict] | None:
    """Why their breach, with the citations and victims it keeps here that their file
    lacks, breaks the editor's rules; None when it passes. Its list keys are ours, mapped
    from theirs, which were checked."""
    grouped = {table: after[f"{table}s"] for table in CHILD_TABLES}
    problems = check_breach(_breach_of(values, grouped), lambda kind, key: True).codes
    if not problems:
        return None
    return "merge_kept", {"row_ref": _breach_label(values, values["id"]),
                          "problems": list(problems.values())}


def _json(document: dict | None) -> str | None:
    return json.dumps(document, ensure_ascii=False) if document is not None else None


def _same(table: str, child: dict) -> tuple:
    """What makes two citations (their source) or two victims (their names) the same,
    when an import gave one office's copy keys of its own."""
    if table == "citation":
        return (child["source_id"],)
    return _name_key(child["name"], child["name_latin"])


def _insert(conn, table: str, values: dict) -> None:
    columns = list(values)
    conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES"
                 f" ({', '.join('?' * len(columns))})", [values[c] for c in columns])


def _new_key() -> str:
    from .records import new_id
    return new_id()
