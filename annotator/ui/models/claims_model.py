"""The claims table: a QAbstractTableModel over claim snapshots, and its filter proxy.

Rows are claims of the current document in article order. Changes arrive one claim at a time
(from the session's signals) and touch one row, so the view never reloads everything.
"""

from __future__ import annotations

import bisect
import enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from annotator.domain.model import Claim, ClaimStatus, ProjectInfo

Index = QModelIndex | QPersistentModelIndex

STATUS_LABELS = {
    ClaimStatus.DRAFT: "Draft",
    ClaimStatus.IN_REVIEW: "In review",
    ClaimStatus.DONE: "Done",
}

RATING_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(enum.IntEnum):
    CLAIM = 0
    VERDICT = 1
    STATUS = 2
    SOURCES = 3


HEADERS = {
    Column.CLAIM: "Claim",
    Column.VERDICT: "Verdict",
    Column.STATUS: "Status",
    Column.SOURCES: "Sources",
}


def _order(claim: Claim) -> tuple[int, int, str]:
    return (claim.start, claim.end, claim.id)


class ClaimsTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._claims: list[Claim] = []
        self._keys: list[tuple[int, int, str]] = []
        self._info: ProjectInfo | None = None

    def set_claims(self, claims: list[Claim], info: ProjectInfo) -> None:
        self.beginResetModel()
        self._claims = sorted(claims, key=_order)
        self._keys = [_order(c) for c in self._claims]
        self._info = info
        self.endResetModel()

    def set_project_info(self, info: ProjectInfo) -> None:
        self._info = info
        if self._claims:
            self.dataChanged.emit(
                self.index(0, Column.VERDICT), self.index(len(self._claims) - 1, Column.VERDICT)
            )

    def claims(self) -> list[Claim]:
        return list(self._claims)

    def claim_at(self, row: int) -> Claim:
        return self._claims[row]

    def row_of(self, claim_id: str) -> int | None:
        return next((i for i, c in enumerate(self._claims) if c.id == claim_id), None)

    def upsert(self, claim: Claim) -> None:
        row = self.row_of(claim.id)
        if row is not None and self._keys[row] == _order(claim):
            self._claims[row] = claim
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
            return
        if row is not None:
            self.remove(claim.id)
        row = bisect.bisect_left(self._keys, _order(claim))
        self.beginInsertRows(QModelIndex(), row, row)
        self._claims.insert(row, claim)
        self._keys.insert(row, _order(claim))
        self.endInsertRows()

    def remove(self, claim_id: str) -> None:
        row = self.row_of(claim_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._claims[row]
        del self._keys[row]
        self.endRemoveRows()

    # Qt model interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._claims)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[Column(section)]
        # Rows are numbered in article order by the vertical header.
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._claims):
            return None
        claim = self._claims[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(claim, column)
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.CLAIM:
            return claim.summary or claim.quote
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.SOURCES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column is Column.CLAIM
            and claim.anchor_state.needs_review
        ):
            return QColor("#b45309")
        if role == RATING_ROLE:
            return self._info.rating(claim.rating_key) if self._info and claim.rating_key else None
        return None

    def _display(self, claim: Claim, column: Column) -> str:
        if column is Column.CLAIM:
            flag = "⚠ " if claim.anchor_state.needs_review else ""
            number = f"{claim.label}  " if claim.number else ""
            return flag + number + " ".join((claim.summary or claim.quote).split())
        if column is Column.VERDICT:
            rating = (
                self._info.rating(claim.rating_key) if self._info and claim.rating_key else None
            )
            return rating.label if rating else "Unrated"
        if column is Column.STATUS:
            return STATUS_LABELS[claim.status]
        return str(len(claim.sources)) if claim.sources else ""


UNRATED = ""
"""The verdict filter value that selects claims without a verdict."""


class ClaimsFilterProxy(QSortFilterProxyModel):
    """Filters claims by free text, verdict, status and tag."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._rating: str | None = None
        self._status: ClaimStatus | None = None
        self._tag: str | None = None

    def set_text(self, text: str) -> None:
        self._refilter("_text", text.casefold().strip())

    def set_rating(self, rating: str | None) -> None:
        """A rating key, UNRATED for claims without a verdict, or None for all."""
        self._refilter("_rating", rating)

    def set_status(self, status: ClaimStatus | None) -> None:
        self._refilter("_status", status)

    def set_tag(self, tag: str | None) -> None:
        self._refilter("_tag", tag)

    def _refilter(self, attribute: str, value: object) -> None:
        # Qt 6.10 replaced invalidateFilter() with a begin/end pair; support both.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            setattr(self, attribute, value)
            self.endFilterChange()
        else:
            setattr(self, attribute, value)
            self.invalidateFilter()

    @property
    def rating(self) -> str | None:
        return self._rating

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ClaimsTableModel)
        claim = model.claim_at(source_row)
        if self._rating is not None and (claim.rating_key or UNRATED) != self._rating:
            return False
        if self._status is not None and claim.status is not self._status:
            return False
        if self._tag is not None and self._tag not in claim.tags:
            return False
        if self._text:
            haystack = " ".join(
                (claim.quote, claim.summary, claim.notes, claim.claimant.name, " ".join(claim.tags))
            ).casefold()
            return all(word in haystack for word in self._text.split())
        return True
