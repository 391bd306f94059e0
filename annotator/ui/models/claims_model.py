"""The claims table: a QAbstractTableModel over claim snapshots, and its filter proxy.

Rows are claims of the current document in article order. Changes arrive one claim at a time
(from the session's signals) and touch one row, so the view never reloads everything.
"""

from __future__ import annotations

import bisect
import enum
from collections import Counter
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
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


def search_text(claim: Claim) -> str:
    """What the free-text filter looks in, casefolded once per change of the claim."""
    return " ".join(
        (claim.quote, claim.summary, claim.notes, claim.claimant.name, " ".join(claim.tags))
    ).casefold()


class ClaimsTableModel(QAbstractTableModel):
    """Rows in article order. Beside the claims it keeps, per change and not per question:
    each row's casefolded search text, each claim's sort key (finding a claim's row is a
    binary search), and how many claims carry each rating and each tag."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._claims: list[Claim] = []
        self._keys: list[tuple[int, int, str]] = []
        self._search: list[str] = []
        self._key_of: dict[str, tuple[int, int, str]] = {}
        self._ratings: Counter[str] = Counter()
        self._tags: Counter[str] = Counter()
        self._info: ProjectInfo | None = None

    def set_claims(self, claims: list[Claim], info: ProjectInfo) -> None:
        self.beginResetModel()
        self._claims = sorted(claims, key=_order)
        self._keys = [_order(c) for c in self._claims]
        self._search = [search_text(c) for c in self._claims]
        self._key_of = {c.id: key for c, key in zip(self._claims, self._keys, strict=True)}
        self._ratings = Counter(c.rating_key or "" for c in self._claims)
        self._tags = Counter(t for c in self._claims for t in c.tags)
        self._info = info
        self.endResetModel()

    def rating_counts(self) -> dict[str, int]:
        """Claims per rating key ("" for unrated), kept up to date with every change."""
        return {key: count for key, count in self._ratings.items() if count}

    def tags(self) -> list[str]:
        """The tags of the claims shown, sorted case-insensitively."""
        return sorted((t for t, count in self._tags.items() if count), key=str.casefold)

    def search_text(self, row: int) -> str:
        return self._search[row]

    def search_texts(self) -> list[str]:
        """Every row's search text, in row order (do not change the list)."""
        return self._search

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
        key = self._key_of.get(claim_id)
        if key is None:
            return None
        return bisect.bisect_left(self._keys, key)

    def upsert(self, claim: Claim) -> None:
        row = self.row_of(claim.id)
        if row is not None and self._keys[row] == _order(claim):
            self._count(self._claims[row], -1)
            self._claims[row] = claim
            self._search[row] = search_text(claim)
            self._count(claim, 1)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
            return
        if row is not None:
            self.remove(claim.id)
        key = _order(claim)
        row = bisect.bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._claims.insert(row, claim)
        self._keys.insert(row, key)
        self._search.insert(row, search_text(claim))
        self._key_of[claim.id] = key
        self._count(claim, 1)
        self.endInsertRows()

    def remove(self, claim_id: str) -> None:
        row = self.row_of(claim_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        self._count(self._claims[row], -1)
        del self._claims[row]
        del self._keys[row]
        del self._search[row]
        del self._key_of[claim_id]
        self.endRemoveRows()

    def _count(self, claim: Claim, step: int) -> None:
        self._ratings[claim.rating_key or ""] += step
        for tag in claim.tags:
            self._tags[tag] += step

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
    """Filters claims by free text, verdict, status and tag.

    A filter change decides every row in one pass over the model's casefolded search texts
    and then re-maps the view once (a layout change): letting Qt drop and add thousands of
    row ranges one signal at a time cost more than the matching itself. Rows the model adds
    later are decided one by one, as usual."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._rating: str | None = None
        self._status: ClaimStatus | None = None
        self._tag: str | None = None
        self._passing: list[bool] | None = None  # per source row, while rows stay put

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        super().setSourceModel(model)
        if model is not None:
            # Before the proxy itself handles the change: decided rows have moved.
            for signal in (
                model.rowsAboutToBeInserted,
                model.rowsAboutToBeRemoved,
                model.modelAboutToBeReset,
                model.layoutAboutToBeChanged,
                model.dataChanged,
            ):
                signal.connect(self._forget)

    def set_text(self, text: str) -> None:
        self._refilter("_words", tuple(text.casefold().split()))

    def set_rating(self, rating: str | None) -> None:
        """A rating key, UNRATED for claims without a verdict, or None for all."""
        self._refilter("_rating", rating)

    def set_status(self, status: ClaimStatus | None) -> None:
        self._refilter("_status", status)

    def set_tag(self, tag: str | None) -> None:
        self._refilter("_tag", tag)

    def _refilter(self, attribute: str, value: object) -> None:
        if getattr(self, attribute) == value:
            return  # the same rows pass: nothing to do (typing a space, say)
        setattr(self, attribute, value)
        model = self.sourceModel()
        if isinstance(model, ClaimsTableModel):
            self._passing = self._decide_all(model)
        self.invalidate()
        self._forget()

    def _decide_all(self, model: ClaimsTableModel) -> list[bool]:
        texts = model.search_texts()
        words = self._words
        if len(words) == 1:
            (word,) = words
            passing = [word in text for text in texts]
        else:
            passing = [all(w in text for w in words) for text in texts]
        if self._rating is not None or self._status is not None or self._tag is not None:
            claims = model.claims()
            passing = [ok and self._accepts(c, None) for ok, c in zip(passing, claims, strict=True)]
        return passing

    def _forget(self, *_args: object) -> None:
        self._passing = None

    @property
    def rating(self) -> str | None:
        return self._rating

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        passing = self._passing
        if passing is not None and source_row < len(passing):
            return passing[source_row]
        model = self.sourceModel()
        assert isinstance(model, ClaimsTableModel)
        return self._accepts(model.claim_at(source_row), model.search_text(source_row))

    def _accepts(self, claim: Claim, haystack: str | None) -> bool:
        """Whether a claim passes the filters (the free text too, unless ``haystack`` is
        None)."""
        if self._rating is not None and (claim.rating_key or UNRATED) != self._rating:
            return False
        if self._status is not None and claim.status is not self._status:
            return False
        if self._tag is not None and self._tag not in claim.tags:
            return False
        return haystack is None or all(word in haystack for word in self._words)
