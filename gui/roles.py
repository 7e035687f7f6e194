"""Qt's names that a model's data() and flags() ask for at every cell painted, looked up
once: in PySide6 a short name such as Qt.DisplayRole costs a search of 10 to 40 µs a
time, the full name Qt.ItemDataRole.DisplayRole about 1 µs, and a module constant less."""
from __future__ import annotations

from PySide6.QtCore import Qt

DISPLAY = Qt.ItemDataRole.DisplayRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
FONT = Qt.ItemDataRole.FontRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
HORIZONTAL = Qt.Orientation.Horizontal
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEADING = int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
NOTHING = Qt.ItemFlag.NoItemFlags
