"""The verdict section of the claim editor: a rating from the project's scale and a rationale.

It shows one claim's verdict and emits ``verdict_requested`` when the checker picks another
rating or finishes writing the rationale; the editor adds the claim id.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from annotator.domain.model import Rating, Verdict
from annotator.domain.ratings import UNRATED_COLOR
from annotator.ui.widgets.editor_fields import (
    CommitTextEdit,
    FormGrid,
    guard_wheel,
    is_being_edited,
    quiet_label,
)
from annotator.ui.widgets.verdict_chip import color_swatch_icon

_RATIONALE_HINT = "Why this verdict? Summarise what the sources show."
_UNRATED_HINT = "Choose a verdict to write its rationale."


class VerdictSection(QObject):
    """Rating combo (with colour swatches, plus "Unrated") and the rationale text.

    A section, not a widget: its rows go into the editor's one form so every label lines up.
    """

    verdict_requested = Signal(object, str)  # rating key or None to clear, rationale

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scale: tuple[Rating, ...] = ()
        self._verdict: Verdict | None = None
        self._sent_rationale: str | None = None
        self._init_widgets()
        self._connect_signals()
        self.set_scale(())

    def _init_widgets(self) -> None:
        self.rating = QComboBox()
        self.rating.setAccessibleName("Verdict")
        self.rating.setToolTip("The rating from the project's scale; Unrated clears the verdict.")
        guard_wheel(self.rating)
        self.rationale = CommitTextEdit(lines=4)
        self.rationale.setAccessibleName("Rationale")
        self.rationale.setToolTip("Saved when you leave the field, pause typing, or Ctrl+Return.")
        self.rated_by = quiet_label()
        self.rated_by.setAccessibleName("Rated by")

    def add_rows(self, form: FormGrid) -> None:
        rationale = QWidget()
        layout = QVBoxLayout(rationale)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.rationale)
        layout.addWidget(self.rated_by)
        form.add_row("&Verdict:", self.rating)
        form.add_row("Ra&tionale:", rationale, buddy=self.rationale)

    def _connect_signals(self) -> None:
        self.rating.currentIndexChanged.connect(self._on_rating_changed)
        self.rationale.committed.connect(self._on_rationale_committed)

    def set_scale(self, scale: tuple[Rating, ...]) -> None:
        self._scale = scale
        self._fill_combo()

    def show_verdict(self, verdict: Verdict | None, same_claim: bool) -> None:
        """Show a snapshot's verdict without emitting; keep a rationale being typed."""
        previous = self._verdict
        self._verdict = verdict
        self._sent_rationale = None
        self._fill_combo()
        text = verdict.rationale if verdict else ""
        old_text = (previous.rationale if previous else "") if same_claim else None
        if not is_being_edited(self.rationale, self.rationale.toPlainText(), old_text):
            self.rationale.set_text_quietly(text)
        self._update_rationale_state()
        self._update_caption()

    def current_key(self) -> str | None:
        key = self.rating.currentData()
        return key if isinstance(key, str) else None

    def _fill_combo(self) -> None:
        blocked = self.rating.blockSignals(True)
        self.rating.clear()
        self.rating.addItem(color_swatch_icon(UNRATED_COLOR), "Unrated", None)
        for rating in self._scale:
            self.rating.addItem(color_swatch_icon(rating.color), rating.label, rating.key)
            if rating.value is not None:
                tip = f"{rating.label} ({rating.value:g})"
                self.rating.setItemData(self.rating.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        key = self._verdict.rating if self._verdict else None
        if key is not None and self.rating.findData(key) < 0:
            # A rating removed from the scale still deserves to be shown, not silently dropped.
            self.rating.addItem(color_swatch_icon(UNRATED_COLOR), f"{key} (not in scale)", key)
        self.rating.setCurrentIndex(max(self.rating.findData(key), 0) if key else 0)
        self.rating.blockSignals(blocked)

    def _update_rationale_state(self) -> None:
        rated = self.current_key() is not None
        self.rationale.setEnabled(rated)
        self.rationale.setPlaceholderText(_RATIONALE_HINT if rated else _UNRATED_HINT)

    def _update_caption(self) -> None:
        verdict = self._verdict
        parts = []
        if verdict and verdict.rated_by:
            parts.append(f"Rated by {verdict.rated_by}")
        if verdict and verdict.rated_at:
            parts.append(verdict.rated_at[:10])
        self.rated_by.setText(" · ".join(parts))
        self.rated_by.setVisible(bool(parts))

    def _on_rating_changed(self, _index: int) -> None:
        key = self.current_key()
        self._update_rationale_state()
        if key == (self._verdict.rating if self._verdict else None):
            return
        rationale = self.rationale.toPlainText().strip() if key is not None else ""
        self.verdict_requested.emit(key, rationale)

    def _on_rationale_committed(self) -> None:
        key = self.current_key()
        if key is None or self._verdict is None or key != self._verdict.rating:
            return
        text = self.rationale.toPlainText().strip()
        sent = self._sent_rationale
        if text == (sent if sent is not None else self._verdict.rationale):
            return
        self._sent_rationale = text
        self.verdict_requested.emit(key, text)
