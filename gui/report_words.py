"""What an import or a merge did, or why an import was refused, in the user's language:
the lines the command line prints (cli.py) after `import` and `merge`, through tr() as
every message of gui/messages.py. The core reports counts and codes only."""
from __future__ import annotations

from .i18n import language, tr
from .messages import reason_text


def import_summary(report) -> str:
    """What an import did (a db.importer.ImportReport), or would do in a dry run."""
    if report.written:
        text = tr("%n row(s): {new} new, {updated} updated, {unchanged} unchanged, {refused} "
                  "refused", "", report.rows)
    else:
        text = tr("%n row(s): {new} would be new, {updated} would be updated, {unchanged} "
                  "unchanged, {refused} refused (dry run: nothing written)", "", report.rows)
    return text.format(new=report.new, updated=report.updated, unchanged=report.unchanged,
                       refused=report.refused)


def agreed_command(command: str) -> str:
    """After a dry run: the `command` that imports exactly what it said, or nothing."""
    return tr("To import exactly this: {command}").format(command=command)


def ignored_columns(report) -> str:
    """The columns an import does not read, named ("" when it reads every column): their
    values are not imported, and the user is told before anything is written."""
    columns = report.ignored_columns
    if not columns:
        return ""
    arabic = language() == "ar"
    names = []
    for column in columns:
        name = (f"«{column.header}»" if arabic else f'"{column.header}"') if column.header \
            else tr("column {n}, which has no header").format(n=column.number)
        if column.sheet == "Victims":
            name = tr("{column} on the Victims sheet").format(column=name)
        elif column.sheet == "Sources":
            name = tr("{column} on the Sources sheet").format(column=name)
        names.append(name)
    return tr("%n column(s) not read, their values not imported: {columns}", "",
              len(columns)).format(columns=("، " if arabic else ", ").join(names))


def import_refusal(report) -> list[str]:
    """The lines of an import refused (a db.importer.ImportReport): each row with its
    reason, how many more, and that nothing was written."""
    lines = [tr("row {row}: {reason}").format(row=row, reason=reason_text(code, params))
             for row, code, params in report.problems]
    if report.more_problems:
        lines.append(tr("and %n more row(s)", "", report.more_problems))
    lines.append(tr("{refused} of %n row(s) cannot be imported; nothing was written", "",
                    report.rows).format(refused=report.refused))
    return lines


def merge_summary(report) -> str:
    """What a merge did (a db.merge.MergeReport)."""
    breaches = tr("{added} added, {updated} updated, {deleted} deleted, {left} left as they "
                  "were").format(added=report.added, updated=report.updated,
                                 deleted=report.deleted, left=report.left)
    return tr("{breaches}; {sources}, {history}").format(
        breaches=breaches, sources=tr("%n source(s) added or updated", "", report.sources),
        history=tr("%n history entr(ies) brought in", "", report.history))
