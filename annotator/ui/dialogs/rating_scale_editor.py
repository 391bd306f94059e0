"""The rating-scale table of the project settings: keys, labels, colours and numbers.

It validates on every change with the domain's own rules (``validate_scale``) and refuses to
drop or rename a rating that claims already use, since their verdicts point at its key.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import Rating
from annotator.domain.ratings import DEFAULT_SCALE, validate_scale
from annotator.errors import ValidationError
from annotator.ui.widgets.editor_fields import FieldMessage
from annotator.ui.widgets.verdict_chip import color_swatch_icon

KEY, LABEL, COLOR, NUMBER = range(4)
USED_KEY_TIP = "Claims use this rating, so its key cannot be renamed and it cannot be removed."
_NEW_COLOR = "#607d8b"

Row = tuple[str, str, str, str]  # key, label, colour, number as typed


class RatingScaleEditor(QWidget):
    """An editable table of ratings with add / remove / move / colour / reset buttons."""

    changed = Signal()

    def __init__(
        self, scale: tuple[Rating, ...], used_keys: set[str], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._used = set(used_keys)
        self._error = ""
        self._init_table()
        self._init_buttons()
        self._init_layout()
        self._connect_signals()
        self._set_rows([_row(r) for r in scale], 0)

    def _init_table(self) -> None:
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName("Rating scale")
        self.table.setHorizontalHeaderLabels(["Key", "Label", "Colour", "Number"])
        self.table.verticalHeader().setVisible(False)
        row_height = self.table.fontMetrics().lineSpacing() + 10
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        self.table.setMinimumHeight(8 * row_height)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Double-click is handled by hand: on the colour column it opens the colour picker.
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        for column in (KEY, COLOR, NUMBER):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setToolTip("Double-click a colour to pick another; the key is what files store.")
        self.message = FieldMessage()

    def _init_buttons(self) -> None:
        def button(text: str, tip: str) -> QPushButton:
            widget = QPushButton(text)
            widget.setToolTip(tip)
            widget.setAutoDefault(False)
            return widget

        self.add_button = button("&Add", "Add a rating at the end of the scale")
        self.remove_button = button("Remo&ve", "Remove the selected rating")
        self.up_button = button("Move &Up", "Move the selected rating up")
        self.down_button = button("Move Do&wn", "Move the selected rating down")
        self.color_button = button("&Colour…", "Pick the colour of the selected rating")
        self.reset_button = button(
            "&Reset to Default", "Replace the scale with the default one (ratings in use stay)"
        )

    def _init_layout(self) -> None:
        buttons = QVBoxLayout()
        for widget in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.color_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row, 1)
        layout.addWidget(self.message)

    def _connect_signals(self) -> None:
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.up_button.clicked.connect(lambda: self._move_selected(-1))
        self.down_button.clicked.connect(lambda: self._move_selected(1))
        self.color_button.clicked.connect(self._on_color_clicked)
        self.reset_button.clicked.connect(self._on_reset_clicked)

    # -- reading and writing rows --------------------------------------------------------------

    def rows(self) -> list[Row]:
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text().strip() if item is not None else ""

        return [
            (text(r, KEY), text(r, LABEL), text(r, COLOR), text(r, NUMBER))
            for r in range(self.table.rowCount())
        ]

    def _set_rows(self, rows: list[Row], select: int) -> None:
        blocked = self.table.blockSignals(True)
        self.table.setRowCount(0)
        for key, label, color, number in rows:
            row = self.table.rowCount()
            self.table.insertRow(row)
            key_item = QTableWidgetItem(key)
            if key in self._used:
                key_item.setFlags(key_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                key_item.setToolTip(USED_KEY_TIP)
                key_item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            self.table.setItem(row, KEY, key_item)
            self.table.setItem(row, LABEL, QTableWidgetItem(label))
            color_item = QTableWidgetItem(color)
            color_item.setIcon(color_swatch_icon(color, 14))
            self.table.setItem(row, COLOR, color_item)
            number_item = QTableWidgetItem(number)
            number_item.setTextAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            self.table.setItem(row, NUMBER, number_item)
        self.table.blockSignals(blocked)
        if rows:
            self.table.selectRow(max(0, min(select, len(rows) - 1)))
        self._revalidate()

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    # -- validation ---------------------------------------------------------------------------

    def scale(self) -> tuple[Rating, ...]:
        """The scale as typed; raises ValidationError naming the first problem."""
        ratings = tuple(_rating(row) for row in self.rows())
        validate_scale(ratings)
        missing = sorted(self._used - {r.key for r in ratings})
        if missing:
            raise ValidationError(
                f"Claims use the rating {missing[0]!r}; it cannot be removed from the scale."
            )
        return ratings

    def error(self) -> str:
        return self._error

    def _revalidate(self) -> None:
        try:
            self.scale()
        except ValidationError as error:
            self._error = str(error)
        else:
            self._error = ""
        self.message.show_error(self._error)
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        row = self.selected_row()
        rows = self.rows()
        key = rows[row][0] if row >= 0 else ""
        self.remove_button.setEnabled(row >= 0 and key not in self._used)
        self.remove_button.setToolTip(
            USED_KEY_TIP if key in self._used else "Remove the selected rating"
        )
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(rows) - 1)
        self.color_button.setEnabled(row >= 0)

    # -- slots --------------------------------------------------------------------------------

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == COLOR:
            blocked = self.table.blockSignals(True)
            item.setIcon(color_swatch_icon(item.text().strip(), 14))
            self.table.blockSignals(blocked)
        self._revalidate()

    def _on_table_cell_double_clicked(self, row: int, column: int) -> None:
        if column == COLOR:
            self._pick_color(row)
            return
        item = self.table.item(row, column)
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
            self.table.editItem(item)

    def _on_add_clicked(self) -> None:
        rows = self.rows()
        keys = {row[0] for row in rows}
        key = next(f"rating-{n}" for n in range(1, len(rows) + 2) if f"rating-{n}" not in keys)
        self._set_rows([*rows, (key, "New rating", _NEW_COLOR, "")], len(rows))
        label = self.table.item(len(rows), LABEL)
        if label is not None:
            self.table.setFocus()
            self.table.editItem(label)

    def _on_remove_clicked(self) -> None:
        row = self.selected_row()
        rows = self.rows()
        if row >= 0 and rows[row][0] not in self._used:
            del rows[row]
            self._set_rows(rows, row)

    def _move_selected(self, step: int) -> None:
        row = self.selected_row()
        rows = self.rows()
        target = row + step
        if row >= 0 and 0 <= target < len(rows):
            rows[row], rows[target] = rows[target], rows[row]
            self._set_rows(rows, target)

    def _on_color_clicked(self) -> None:
        if self.selected_row() >= 0:
            self._pick_color(self.selected_row())

    def _pick_color(self, row: int) -> None:
        item = self.table.item(row, COLOR)
        if item is None:
            return
        color = QColorDialog.getColor(QColor(item.text().strip()), self, "Rating Colour")
        if color.isValid():
            item.setText(color.name())

    def _on_reset_clicked(self) -> None:
        # Ratings in use survive a reset (appended after the defaults): dropping them would
        # leave verdicts pointing at nothing.
        default_keys = {r.key for r in DEFAULT_SCALE}
        kept = [row for row in self.rows() if row[0] in self._used and row[0] not in default_keys]
        self._set_rows([_row(r) for r in DEFAULT_SCALE] + kept, 0)


def _row(rating: Rating) -> Row:
    number = "" if rating.value is None else f"{rating.value:g}"
    return rating.key, rating.label, rating.color, number


def _rating(row: Row) -> Rating:
    key, label, color, number = row
    try:
        value = float(number) if number else None
        if value is not None and not math.isfinite(value):
            raise ValueError(number)
    except ValueError:
        raise ValidationError(
            f"Rating {key!r} has the number {number!r}; leave it empty or give a number."
        ) from None
    return Rating(key, label, color, value)
