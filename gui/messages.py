"""The core's messages in the user's language: each error and failed rule of db/ carries
a code and parameters, turned here into words through tr(), the one copy of each message
(the window and the command line both say these). An unknown code is shown as it is."""
from __future__ import annotations

import db

from .bidi import isolate
from .i18n import language, tr
from .labels import choice_label, field_label


def problem_text(code: str, params: dict) -> str:
    """The words of one failed rule (the codes of db/rules.py, db/dates.py, db/lists.py)."""
    p = dict(params)
    if "field" in p and "label" not in p:  # a label given (a column's header) wins
        p["label"] = field_label(p["field"])
    if "allowed" in p:
        p["allowed"] = allowed_text(p["allowed"])
    for number in ("limit", "length"):
        if isinstance(p.get(number), int):
            p[number] = f"{p[number]:,}"
    if code == "no_such_day" and p.get("value"):  # a typed date: kept in its order
        p["value"] = isolate(p["value"])
    if code == "source_cited":
        return tr("This source cannot be deleted: it is cited by %n breach(es). Merge it "
                  "into another source instead.", "", p["count"])
    if code == "below_victims":
        return tr("{label} ({count}) cannot be below the %n named victim(s) it lists.", "",
                  p["victims"]).format(**p)
    templates = {
        "required": tr("{label} is required."),
        "not_a_date": tr("{label} must be a date, like 4.1.2017 or 2017-01-04."),
        "no_such_day": tr("{label}: {value} is not a day of the calendar."),
        "year_range": tr("{label}: the year must be between {first} and {last}."),
        "future": tr("{label} cannot be in the future."),
        "not_a_time": tr("Time must be a time of day, like 14:30."),
        "unknown_truce": tr("Truce is not in this database."),
        "unknown_governorate": tr("Governorate must be one of the gazetteer's governorates."),
        "unknown_type": tr("Type must be one of the list of breach types."),
        "unknown_actor": tr("Perpetrator must be one of the list of actors."),
        "too_long": tr("{label} is too long: at most {limit} characters."),
        "description_too_long": tr("Description is too long: {length} characters, "
                                   "at most {limit}."),
        "coordinates_pair": tr("Give both latitude and longitude, or neither."),
        "coordinate_range": tr("{label} must be a number between -{limit} and {limit}."),
        "grading": tr("Grading must be reported, confirmed, contested or discounted."),
        "count": tr("{label} must be a whole number, 0 or more (at most {limit})."),
        "count_max": tr("{label} (up to) must be a whole number, 0 or more (at most {limit})."),
        "below_least": tr("{label} (up to) cannot be below {label} (at least), {least}."),
        "over_killed": tr("Women ({women}) and children ({children}) killed add up to more "
                          "than Killed ({killed})."),
        "over_killed_max": tr("Women ({women}) and children ({children}) killed (up to) add "
                              "up to more than Killed (up to), {killed}."),
        "no_source": tr("Cite at least one source."),
        "in_trash": tr("This breach is in the Trash: restore it first."),
        "citation_source": tr("Source {n}: choose a source."),
        "citation_unknown_source": tr("Source {n}: the source is not in this database."),
        "citation_name_too_long": tr("Source {n}: the name is too long: at most {limit}."),
        "citation_semicolon": tr("Source {n}: a source's name cannot hold \";\" or \"؛\" "
                                 "(they separate sources in spreadsheets)."),
        "citation_not_a_date": tr("Source {n}: date reported must be a date, like 2017-01-06."),
        "citation_future": tr("Source {n}: date reported cannot be in the future."),
        "citation_too_long": tr("Source {n}: reference is too long: at most {limit}."),
        "citation_twice": tr("Source {n} is already cited by this breach: cite each source "
                             "once."),
        "victim_name": tr("Victim {n}: give a name, in Arabic or Latin script."),
        "victim_choice": tr("Victim {n}: {label} must be one of {allowed}."),
        "victim_age": tr("Victim {n}: age must be a whole number of years, 0 to 130."),
        "victim_child_not_adult": tr("Victim {n}: age {age} is a child, not an adult."),
        "victim_adult_not_child": tr("Victim {n}: age {age} is an adult, not a child."),
        "one_of": tr("{label} must be one of: {allowed}."),
        "semicolon": tr("{label} cannot hold \";\" or \"؛\" (they separate sources in "
                        "spreadsheets)."),
        "end_before_start": tr("End date must be a date on or after the start date."),
        "source_name_taken": tr("There is already a source of that name: merge the two "
                                "instead."),
        "merge_same_source": tr("A source cannot be merged into itself."),
    }
    template = templates.get(code)
    return template.format(**p) if template else code


def problem_texts(error: db.ValidationError) -> dict[str, str]:
    """Each failed field of `error` with its words in the user's language."""
    return {field: problem_text(code, params) for field, (code, params) in error.codes.items()}


def error_text(error: Exception) -> str:
    """Why something failed, in the user's language where the core gave a code."""
    from .reason_words import merge_reasons, reason_text  # they use this module's words
    code, p = getattr(error, "code", None), dict(getattr(error, "params", {}) or {})
    if isinstance(error, db.ValidationError):
        return "\n".join(problem_texts(error).values())
    if code == "merge_refused":
        p["reasons"] = merge_reasons(p["reasons"], p.get("more", 0))
    if code == "import_refused":
        return tr("{refused} of {rows} rows cannot be imported, so nothing was: {reasons}.") \
            .format(refused=p["refused"], rows=p["rows"], reasons="; ".join(
                tr("row {row}: {reason}").format(row=row, reason=reason_text(c, params))
                for row, c, params in p["problems"]))
    if code == "demo_mix":
        return {"demo_export": tr("{name} is an export of the demo database: the demo is "
                                  "never mixed with real breaches."),
                "real_into_demo": tr("{name} holds real breaches and this database is the "
                                     "demo: the demo is never mixed with real breaches."),
                "demo_database": tr("{name} is a demo database: the demo is never mixed with "
                                    "real breaches."),
                "real_database": tr("{name} is a database of real breaches: the demo is never "
                                    "mixed with real breaches."),
                }.get(p.get("which"), tr("{name}: the demo is never mixed with real "
                                         "breaches.")).format(**p)
    if code == "import_stale":
        return (tr("{name} changed after it was read: nothing was imported. Read it again (a "
                   "dry run) to see what importing it would do now.")
                if p.get("what") == "file" else
                tr("Another copy of the program changed breaches or lists this import would "
                   "write: nothing was imported. Read {name} again (a dry run) to see what "
                   "importing it would do now.")).format(**p)
    if code == "disk_full" and p.get("action"):
        return (tr("The disk holding {folder} is full: nothing was imported and nothing was "
                   "changed. Free some space on it and import again.")
                if p["action"] == "import" else
                tr("The disk holding {folder} is full: nothing was merged and nothing was "
                   "changed. Free some space on it and merge again.")).format(**p)
    if code == "not_written" and p.get("action"):
        return (tr("Cannot write {name}: {reason}; nothing was imported.")
                if p["action"] == "import" else
                tr("Cannot write {name}: {reason}; nothing was changed.")).format(**p)
    if code == "foreign_schema" and isinstance(p.get("reason"), (tuple, list)):
        p["reason"] = schema_reason(*p["reason"])
    if code == "missing_columns" and isinstance(p.get("columns"), (tuple, list)):
        return tr("{name} lacks %n column(s) an import needs: {columns} (its first row must "
                  "name the columns, as the Breaches sheet of an export does).", "",
                  len(p["columns"])).format(name=p["name"], columns=headers(p["columns"]))
    if code == "count_out_of_range" and isinstance(p.get("value"), int):
        p["value"] = f"{p['value']:,}"
    for day in _DATES.get(code, ()):  # 2017-01-04 beside Arabic words reads 04-01-2017
        if p.get(day):
            p[day] = isolate(p[day])
    if code in _RULE_CODES:  # a rule's code raised alone (a date typed on the command line)
        return problem_text(code, p)
    if code == "truce_in_use":
        text = tr("The truce {name} cannot be deleted: it has %n breach(es). Give them "
                  "another truce in the editor first.", "", p["count"]).format(**p)
        if p.get("trashed"):
            text += " " + tr("(Of these, %n breach(es) in the Trash.)", "", p["trashed"])
        return text
    templates = {
        "no_truce": tr("This truce is no longer in the database (another copy of the "
                       "program may have deleted it)."),
        "missing": tr("There is no file {name}."),
        "folder": tr("{name} is a folder, not a Truce Ledger database."),
        "unreadable": tr("{name} cannot be read: {reason}."),
        "unreadable_to_end": tr("{name} cannot be read to the end ({reason}); nothing was "
                                "changed."),
        "damaged_open": tr("{name} is damaged and cannot be opened ({reason})."),
        "no_wal": tr("{name} cannot be opened for writing (journal mode {mode})."),
        "no_breach": tr("This breach is no longer in the database (another copy of the "
                        "program may have changed it)."),
        "folder_not_made": tr("Cannot make the folder {name}: {reason}."),
        "cancelled": tr("Cancelled: nothing was written."),
        "demo_size": tr("--size must be 0 or more."),
        "not_a_day": tr("{value} is not a date (use YYYY-MM-DD)."),
        "week_start": tr("A week starts on monday, saturday or sunday, not {value}."),
        "grouping": tr("Totals are by governorate, actor or type, not {value}."),
        "export_language": tr("A workbook is written in ar or en, not {language}."),
        "duplicate": tr("This looks like a breach already recorded; save it anyway only "
                        "if it is a different incident."),
        "no_such_name": tr("There is no {kind} called {name!r}."),
        "not_xlsx": tr("{name}: the workbook's name must end in .xlsx."),
        "not_pdf": tr("{name}: the PDF's name must end in .pdf."),
        "not_csv_out": tr("{name}: --out writes a .csv file, with --format csv."),
        "export_exists": tr("{name} already exists: give --force to replace it, or another "
                            "name."),
        "press_without_ids": tr("{name} is a workbook for the press, written without breach "
                                "IDs: nothing in it says which breaches it holds, and an "
                                "import would add them all a second time. Nothing was "
                                "imported. To import corrections, export with Settings → "
                                "\"Breach IDs in press files\" (export --breach-ids) and "
                                "import that workbook."),
        "export_needs_out": tr("export writes a workbook (--out FILE.xlsx), a PDF for the "
                               "press (--pdf FILE.pdf), or both: give one."),
        "no_window": tr("the window cannot start: {reason}"),
        "empty": tr("{name} is empty: it is not a Truce Ledger database."),
        "not_sqlite": tr("{name} is not a Truce Ledger database (it is not a SQLite file)."),
        "passphrase_needed": tr("{name} is encrypted, or it is not a Truce Ledger "
                                "database: its passphrase is needed to open it."),
        "passphrase_wrong": tr("This passphrase does not open {name}: it is not the "
                               "passphrase of this file, or the file is not a Truce Ledger "
                               "database. Nothing was changed."),
        "passphrase_not_given": tr("{name} is encrypted: give its passphrase in the first "
                                   "line of a file (--passphrase-file FILE) or in "
                                   "{variable}, or run the command in a terminal to be "
                                   "asked for it."),
        "other_passphrase_not_given": tr("{name} is encrypted: give its passphrase in the "
                                         "first line of a file (--other-passphrase-file "
                                         "FILE), or run the command in a terminal to be "
                                         "asked for it."),
        "passphrase_file_unreadable": tr("The passphrase cannot be read from {name}: "
                                         "{reason}."),
        "passphrase_unusable": tr("The passphrase or password from {where} is empty, holds "
                                  "a control character, or begins or ends with a space: "
                                  "it cannot be used."),
        "passphrase_short": tr("A new passphrase has at least {n} characters (better a few "
                               "words): a short one is soon guessed."),
        "encrypt_needs_passphrase": tr("Give the passphrase to encrypt with (in a file with "
                                       "--passphrase-file, in TRUCE_LEDGER_PASSPHRASE, or "
                                       "typed twice in a terminal)."),
        "copy_exists": tr("{name} already exists: a plain copy is never written over a "
                          "file."),
        "passphrases_differ": tr("The two passphrases typed differ: nothing was made."),
        "new_exists": tr("{name} already exists: a new database is never made over a file."),
        "new_passphrase_not_given": tr("Give the new passphrase in the first line of a file "
                                       "(--new-passphrase-file FILE), or run the command in a "
                                       "terminal to type it twice."),
        "decrypt_not_confirmed": tr("A plain copy is written only when asked for on a "
                                    "terminal, or with --yes: anyone who gets it reads every "
                                    "record."),
        "not_encrypted": tr("{name} is not encrypted."),
        "password_public": tr("A public workbook is meant to be shared: only a full "
                              "workbook (--full) is protected with a password."),
        "already_encrypted": tr("{name} is already encrypted: change its passphrase "
                                "instead."),
        "file_in_use": tr("{name} is open in another copy of Truce Ledger (or another "
                          "program): close it there first. Nothing was changed."),
        "copy_differs": tr("The copy {name} differs from the database (table {table}): it "
                           "was not kept, and nothing was changed."),
        "new_needs_passphrase": tr("A new database is encrypted: give its passphrase (in a "
                                   "file with --passphrase-file, in "
                                   "TRUCE_LEDGER_PASSPHRASE, or typed in a terminal), or "
                                   "--no-encryption for a plain one."),
        "truncated": tr("{name} is truncated: part of the database is missing."),
        "foreign": tr("{name} is a database of another program, not of Truce Ledger."),
        "newer": tr("{name} was written by a newer version of Truce Ledger (its schema is "
                    "number {version}; this program reads up to number {latest}): update the "
                    "program to open it."),
        "damaged": tr("{name} is damaged: {reason}."),
        "not_written": tr("Cannot write {name}: {reason}."),
        "not_a_file": tr("{name} is not a file (it is {kind}): give the path of a Truce "
                         "Ledger database."),
        "read_only": tr("{name} is in a read-only folder ({folder}): it can be read but not "
                        "written."),
        "read_only_file": tr("{name} is read-only: it can be read but not written."),
        "read_only_log": tr("{name} is in a read-only folder ({folder}) and its last saves "
                            "are still in {name}-wal, which SQLite reads only in a folder it "
                            "can write to: copy both files to such a folder to open them."),
        "opened_read_only": tr("{name} was opened read-only: nothing can be written to it "
                               "here."),
        "linked_log": tr("{name} cannot be opened: {file} beside it is a link to another "
                         "file, not a file of its own, and a ledger's log is kept only "
                         "beside it. Nothing was changed; put the file itself in place of "
                         "the link {file}."),
        "unfinished_journal": tr("{name} holds a save that another program began and has "
                                 "not finished (it stopped, or is writing now): {file} beside "
                                 "it holds the file as it was before, to be put back before "
                                 "it is read. Nothing was changed; open the file once with "
                                 "that program (or with sqlite3), which puts it back, then "
                                 "open it here."),
        "check_failed": tr("{name} failed its last check ({reason}): nothing is written to "
                           "it until a check passes. Restore it from a backup in {folder}, "
                           "or have it repaired, then run the check again."),
        "export_disk_full": tr("The disk is full: there is no room in {folder} for {name}. "
                               "Nothing was written; free some space there, or export into "
                               "another folder."),
        "export_onto_ledger": tr("{name} is the database itself: an export never replaces "
                                 "it. Choose another name for the workbook."),
        "count_out_of_range": tr("Breaches hold a casualty count outside 0 to {limit:,} "
                                 "(breaches: {count}; the first on {day}; the largest count "
                                 "{value}): no totals are given until they are corrected "
                                 "in the editor."),
        "day_sums_differ": tr("{name}: the totals it keeps for each day differ from its "
                              "breaches (the first day that differs: {day}), so its weekly "
                              "totals would be wrong; a program other than Truce Ledger may "
                              "have written to it. The breaches themselves are whole. Nothing "
                              "was backed up: run the check again with --recount to count the "
                              "totals again from the breaches."),
        "search_index_differs": tr("{name}: its search index differs from the texts it "
                                   "indexes ({reason}), so a search may miss breaches. The "
                                   "breaches themselves are whole. Nothing was backed up: run "
                                   "the check again with --recount to build the index again."),
        "place_counts_differ": tr("{name}: the counts of places it keeps for the place "
                                  "field differ from its breaches (the first place that "
                                  "differs: {place}), so the place field would offer places "
                                  "wrongly. The breaches themselves are whole. Nothing was "
                                  "backed up: run the check again with --recount to count "
                                  "them again."),
        "copy_onto_self": tr("A copy cannot replace the database it is made from."),
        "demo_exists": tr("{name} already exists: the demo needs a file of its own."),
        "conflict": tr("This breach was changed elsewhere since you opened it (another copy "
                       "of the program saved it). Open it again to see that change."),
        "not_saved": tr("The breach was not saved: {reason}."),
        "demo_mix": tr("{name}: the demo is never mixed with real breaches."),
        "merge_self": tr("A database cannot be merged into itself."),
        "merge_changed": tr("{name} changed while it was being merged: nothing was changed. "
                            "Merge it again."),
        "foreign_schema": tr("{name} is not a Truce Ledger database as this program makes "
                             "them: {reason}; nothing was changed."),
        "merge_refused": tr("{name} cannot be merged, so nothing was changed: {reasons}."),
        "disk_full": tr("The disk holding {folder} is full: nothing was changed. Free some "
                        "space on it and try again."),
        "busy": tr("Another copy of Truce Ledger is writing to {name} (an import or a "
                   "merge); nothing was written: try again in a moment."),
        "missing_columns": tr("{name} has no column {columns} (its first row must name the "
                              "columns, as the Breaches sheet of an export does)."),
        "empty_sheet": tr("{name} holds no rows."),
        "not_workbook": tr("{name} is not a workbook that can be read."),
        "not_csv": tr("{name} is not a CSV file (it holds a NUL byte)."),
        "csv_encoding": tr("{name} is not text in an encoding Truce Ledger reads (tried "
                           "{tried}): save it from the spreadsheet as \"CSV UTF-8\"."),
        "import_kind": tr("{name}: import reads .xlsx and .csv files."),
        "import_token": tr("{value} is not what a dry run printed: run import --dry-run "
                           "again."),
        "duplicate_columns": tr("{name}: row 1 of the {sheet} sheet has two columns for one "
                                "field ({columns}): which one is meant cannot be told. "
                                "Nothing was imported; keep one of them."),
        "victims_unlinked": tr("{name}: the Victims sheet has no column \"Breach ID\", so its "
                               "victims cannot be tied to breaches. Nothing was imported. A "
                               "workbook for the press has no IDs unless Settings → \"Breach "
                               "IDs in press files\" was on when it was written: export it "
                               "again so, put the column back, or delete the Victims sheet "
                               "to leave the victims in this database as they are."),
        "csv_quote": tr("{name}, row {row} ({lines}): a quote (\") opens a cell and does not "
                        "close where the cell ends, so the lines after it would be read as "
                        "one cell: correct the quotes in that row."),
        "sheet_too_large": tr("{name} is too large to read: a sheet spans {rows} rows and "
                              "{columns} columns. Delete the cells far from the table (Ctrl+End "
                              "in the spreadsheet finds them) and save it again."),
        "reader_crashed": tr("{name} could not be read: the spreadsheet reader stopped (exit "
                             "status {status}). Nothing was imported; save the file again from "
                             "the spreadsheet program, or as CSV."),
        "reversed_range": tr("The range ends ({end}) before it begins ({start})."),
        "unknown_truce_name": tr("There is no truce called {name!r} (truces: {truces})."),
        "no_such_source": tr("This source is no longer in the database (another copy of the "
                             "program may have merged or deleted it)."),
    }
    template = templates.get(code or "")
    try:
        return template.format(**p) if template else str(error)
    except (KeyError, IndexError, ValueError):
        return str(error)


def schema_reason(code: str, params: dict) -> str:
    """Why a file's schema is not one this program makes (db/schema.py schema_difference):
    its first table, index, view or trigger not ours, changed or missing."""
    p = dict(params)
    if "kind" in p:
        p["kind"] = {"table": tr("table"), "index": tr("index"), "view": tr("view"),
                     "trigger": tr("trigger")}.get(p["kind"], p["kind"])
    template = {
        "schema_not_ours": tr("its {kind} {name} is not ours"),
        "schema_changed": tr("its {kind} {name} is changed"),
        "schema_missing": tr("it has no {kind} {name}"),
        "schema_too_many_rows": tr("it holds more rows than a file of its size can"),
    }.get(code)
    return template.format(**p) if template else code


def allowed_text(allowed) -> str:
    """The keys db/ allows ("reported, confirmed…", or a list) in the user's words."""
    keys = allowed.split(", ") if isinstance(allowed, str) else list(allowed)
    return ("، " if language() == "ar" else ", ").join(choice_label(key) for key in keys)


def headers(columns: list[str]) -> str:
    """Columns of a sheet, each as the header an export in the window's language writes
    (db/workbook_words.py; the English header is the key), quoted and listed."""
    if language() == "ar":
        from db.workbook_words import word  # only an import's message names columns
        return "، ".join(f"«{word(column, 'ar')}»" for column in columns)
    return ", ".join(f'"{column}"' for column in columns)


# The dates among the parameters of an error (kept in their order in an Arabic sentence).
_DATES = {"count_out_of_range": ("day",), "reversed_range": ("start", "end"),
          "not_a_day": ("value",), "day_sums_differ": ("day",)}
# The codes of the editor's rules (problem_text), which db/ may also raise alone.
_RULE_CODES = frozenset({"required", "not_a_date", "no_such_day", "year_range", "future",
                         "not_a_time", "too_long", "one_of", "semicolon", "end_before_start",
                         "source_name_taken", "merge_same_source", "source_cited"})


def __getattr__(name: str):
    """reason_text and merge_reasons, whose home is gui/reason_words.py, also from here."""
    if name in ("reason_text", "merge_reasons"):
        from . import reason_words
        return getattr(reason_words, name)
    raise AttributeError(name)
