"""A record's history: who changed what, and when, from the change log."""
from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

import db

from .bidi import TextDirectionDelegate, isolated_always as isolate, without_isolates
from .labels import action_label, field_label
from .i18n import tr


def local_time(stamp: str) -> str:
    """A UTC ISO stamp of the change log, in the machine's local time."""
    try:
        moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return stamp
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def value_text(value) -> str:
    if value is None or value == "":
        return "—"
    return str(value)


class HistoryView(QTreeWidget):
    """The changes of one breach, newest first; each opens to the fields it changed. The
    What column takes the width the other two leave, its header always in view: a line
    longer than that ends in "…" and is shown whole as its tooltip."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels([tr("When"), tr("Who"), tr("What")])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.header().setStretchLastSection(True)
        self.setItemDelegate(TextDirectionDelegate(self))  # a Latin name reads left to right

    def show_history(self, changes: list[db.Change], names: dict[str, str]) -> None:
        """Show `changes`; `names` turns the keys of list entries (actors…) into names."""
        self.clear()
        for change in reversed(changes):
            who = change.user + (f" ({change.office})" if change.office else "")
            item = QTreeWidgetItem([local_time(change.changed_at), who,
                                    action_label(change.action)])
            if change.action == "update":
                for field, before, after in db.changed_fields(change):
                    if isinstance(before, list):
                        line = tr("{field}: changed ({before} → {after})").format(
                            field=field_label(field), before=isolate(len(before)),
                            after=isolate(len(after)))
                    else:
                        line = tr("{field}: {before} → {after}").format(
                            field=field_label(field),
                            before=isolate(value_text(names.get(before, before))),
                            after=isolate(value_text(names.get(after, after))))
                    if self.isRightToLeft():
                        line = line.replace("→", "←")  # from the old value to the new
                    child = QTreeWidgetItem(item, ["", "", line])
                    child.setToolTip(2, line)
            self.addTopLevelItem(item)
        self.expandAll()
        for column in range(2):  # the last, What, takes the rest of the width
            self.resizeColumnToContents(column)

    def lines(self) -> list[str]:
        """Every line shown, top to bottom, as text (for tests and copying)."""
        result = []
        for number in range(self.topLevelItemCount()):
            item = self.topLevelItem(number)
            result.append(" | ".join(item.text(c) for c in range(3)))
            result += [without_isolates(item.child(i).text(2))
                       for i in range(item.childCount())]
        return result
