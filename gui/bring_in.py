"""File → Import and File → Merge office database: the work runs on the thread pool with
progress and Cancel, through a connection of its own; an import first shows what it
would do and asks, then writes that plan (or, when the file or the database changed
meanwhile, says so and asks again); a cancel leaves the database as it was."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

import db
from db.importer import ImportRefused, ImportStale, plan_import, write_import
from db.merge import merge_file

from . import dialogs
from .i18n import tr
from .messages import error_text, reason_text
from .report_words import ignored_columns
from .worker import run_with_progress


def bring_in_file(parent: QWidget, ledger: db.Ledger) -> bool:
    """Import a spreadsheet into `ledger`'s file. Returns whether anything was written.
    What the user agrees to is what is written: the plan of the dry run, or nothing when
    the file or the breaches it decided changed meanwhile (then it is planned and asked
    again, saying why)."""
    path = dialogs.import_path(parent, str(ledger.path.parent))
    if path is None:
        return False
    source, user, office = ledger.path, ledger.user, ledger.office

    def planning(progress):
        with db.open_ledger(source, user=user, office=office, create=False) as own:
            return plan_import(own, path, progress)

    def writing(plan):
        def work(progress):
            with db.open_ledger(source, user=user, office=office, create=False) as own:
                return write_import(own, plan, progress)
        return work

    changed = ""  # why the file is asked about again, if it is
    while True:
        plan, error = run_with_progress(
            parent, tr("Reading {name}…").format(name=path.name), planning)
        if error is not None:
            _refused(parent, path.name, error)
            return False
        report = plan.report
        # A column the import does not read is said before anything is written (and after).
        unread = ignored_columns(report)
        if report.new + report.updated == 0:
            dialogs.show_info(parent, tr("Nothing to import"), _with(unread, changed + tr(
                "{name}: all {rows} rows are already in this database.").format(
                name=path.name, rows=report.rows)))
            return False
        if not dialogs.ask_yes_no(parent, tr("Import"), _with(unread, changed + tr(
                "{name}: {new} new breaches, {updated} updated, {unchanged} unchanged.\n"
                "Import them?").format(name=path.name, new=report.new,
                                       updated=report.updated, unchanged=report.unchanged))):
            return False
        report, error = run_with_progress(
            parent, tr("Importing {name}…").format(name=path.name), writing(plan))
        if not isinstance(error, ImportStale):
            break
        changed = _stale_text(error, path.name) + "\n\n"
    if error is not None:
        _refused(parent, path.name, error)
        return False
    dialogs.show_info(parent, tr("Imported"), _with(unread, tr(
        "{name}: {new} new breaches, {updated} updated.").format(
        name=path.name, new=report.new, updated=report.updated)))
    return True


def _stale_text(error: ImportStale, name: str) -> str:
    """Why nothing was imported and the user is asked again."""
    if error.params.get("what") == "file":
        return tr("{name} changed after it was read, so nothing was imported. This is "
                  "what importing it as it is now would do.").format(name=name)
    return tr("Another copy of the program changed breaches or lists this import would "
              "write, so nothing was imported. This is what importing {name} would do "
              "now.").format(name=name)


def _with(unread: str, text: str) -> str:
    """`text`, after the columns not read when there are any: said first, not missed."""
    return f"{unread}\n\n{text}" if unread else text


def _refused(parent: QWidget, name: str, error: Exception) -> None:
    if getattr(error, "code", None) == "cancelled":
        return
    if isinstance(error, ImportRefused):
        report = error.report
        lines = [tr("Row {row}: {reason}").format(row=row, reason=reason_text(code, params))
                 for row, code, params in report.problems]
        if report.more_problems:
            lines.append(tr("…and {n} more rows.").format(n=report.more_problems))
        dialogs.show_error(parent, tr("Not imported"), tr(
            "{name}: {refused} of {rows} rows cannot be imported, so nothing was. Correct "
            "them and import the file again.\n\n{rows_text}").format(
            name=name, refused=report.refused, rows=report.rows, rows_text="\n".join(lines)))
        return
    dialogs.show_error(parent, tr("Not imported"), error_text(error))


def merge_office_file(parent: QWidget, ledger: db.Ledger) -> bool:
    """Merge another office's database into `ledger`'s file. Returns whether it did."""
    path = dialogs.merge_path(parent, str(ledger.path.parent))
    if path is None:
        return False
    source, user, office = ledger.path, ledger.user, ledger.office
    theirs: str | None = None  # the other file's passphrase, when it is encrypted

    def work(progress):
        with db.open_ledger(source, user=user, office=office, create=False) as own:
            return merge_file(own, path, progress, other_passphrase=theirs)

    while True:
        report, error = run_with_progress(
            parent, tr("Merging {name}…").format(name=path.name), work)
        if not isinstance(error, db.PassphraseError):
            break
        # Their file is encrypted: its passphrase (again, with the reason, if wrong).
        problem = error_text(error) if error.code == "passphrase_wrong" else ""
        theirs = dialogs.ask_passphrase(parent, path.name, problem)
        if theirs is None:
            return False
    if error is not None:
        if getattr(error, "code", None) != "cancelled":
            dialogs.show_error(parent, tr("Not merged"), error_text(error))
        return False
    dialogs.show_info(parent, tr("Merged"), tr(
        "{name}: {added} breaches added, {updated} updated, {deleted} deleted, {left} left as "
        "they were; {sources} sources added or updated.").format(
        name=path.name, added=report.added, updated=report.updated, deleted=report.deleted,
        left=report.left, sources=report.sources))
    return True
