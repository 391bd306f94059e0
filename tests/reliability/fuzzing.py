"""What every fuzz test checks, and the figures it keeps.

A case passes when the importer either accepts the input or refuses it with an AnnotatorError
whose message names the file, in one readable line; anything else (a traceback) fails the test,
and hypothesis shrinks the input to the smallest one that still fails. After a refused import
the project is unchanged: the same rows, and not a byte of its files written.
"""

from __future__ import annotations

import importlib.util
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import reject
from sqlalchemy import event, text

from annotator.errors import AnnotatorError
from annotator.services import Workspace

MAX_MESSAGE_CHARS = 1_000
D5_FIXED = importlib.util.find_spec("annotator.formats.json_input") is not None
"""D5 (JSON numbers thousands of digits long) is fixed on branch i12 by that module."""
_LONG_NUMBER = re.compile(r"\d{101}")


@dataclass
class FuzzFigures:
    """What one fuzz test saw; ``tracebacks`` stays 0, since a traceback fails the test."""

    cases: int = 0
    accepted: int = 0
    refused: int = 0
    tracebacks: int = 0
    changed_after_refusal: int = 0
    filtered_d5: int = 0
    started: float = field(default_factory=time.process_time, repr=False)

    def finish(self) -> dict[str, Any]:
        """The figures, with the CPU seconds spent since they were started (load on a shared
        machine stretches the wall-clock time, not this)."""
        figures = {k: v for k, v in asdict(self).items() if k != "started"}
        return {**figures, "cpu_seconds": round(time.process_time() - self.started, 1)}

    def refusal(self, exc: AnnotatorError, name: str) -> None:
        """Count a refusal, once its message is known to be fit for the user."""
        message = str(exc)
        if not D5_FIXED and _LONG_NUMBER.search(message):
            # A 1,000-digit version number quoted back; D5's fix refuses such numbers first.
            self.cases -= 1
            self.filtered_d5 += 1
            reject()
        assert name in message, f"the message does not name {name}: {message!r}"
        assert len(message) <= MAX_MESSAGE_CHARS, f"a {len(message)}-character message"
        assert "Traceback" not in message
        self.refused += 1


def is_d5(exc: BaseException) -> bool:
    """D5 (fixed on branch i12): Python's ``json`` refuses integers of over 4,300 digits with a
    bare ValueError. Until that fix is on main, such cases are filtered out, and counted."""
    return isinstance(exc, ValueError) and "Exceeds the limit (4300 digits)" in str(exc)


def run_case(figures: FuzzFigures, name: str, attempt: Callable[[], Any]) -> Any:
    """Run one import attempt: its result, or None after a refusal that passes the checks."""
    figures.cases += 1
    try:
        result = attempt()
    except AnnotatorError as exc:
        figures.refusal(exc, name)
        return None
    except ValueError as exc:
        if D5_FIXED or not is_d5(exc):
            raise
        figures.cases -= 1
        figures.filtered_d5 += 1
        reject()
    figures.accepted += 1
    return result


def fast_commits(workspace: Workspace) -> None:
    """Commits without waiting for the disk (``synchronous=OFF``) for a fuzz test's own
    throw-away project: thousands of cases would otherwise spend minutes in fsync. Nothing the
    tests check depends on durability after a power cut."""
    engine = workspace.database.engine

    @event.listens_for(engine, "connect")
    def _no_sync(connection: Any, _record: Any) -> None:
        connection.execute("PRAGMA synchronous=OFF")

    engine.dispose()
    with engine.connect():  # opened once: later fingerprints see the -wal file it makes
        pass


def fingerprint(workspace: Workspace) -> tuple[Any, ...]:
    """The project's rows (counted, and the rowids they reach) and its files' sizes and
    modification times: a refused import that wrote anything changes one of them."""
    files = [workspace.path, *_sidecars(workspace.path)]
    stats = tuple(
        (path.name, info.st_size, info.st_mtime_ns)
        for path in files
        if path.exists() and (info := path.stat())
    )
    with workspace.database.engine.connect() as connection:
        tables = [row[0] for row in connection.execute(text(_TABLE_QUERY))]
        counts = tuple(
            (table, *connection.execute(text(f'SELECT count(*), max(rowid) FROM "{table}"')).one())
            for table in tables
        )
    return stats, counts


# The full-text index's shadow tables (some WITHOUT ROWID) mirror claim_search, which is counted.
_TABLE_QUERY = (
    "SELECT name FROM sqlite_master WHERE type = 'table' "
    "AND name NOT LIKE 'claim\\_search\\_%' ESCAPE '\\' ORDER BY name"
)


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-journal")]


def project_files(folder: Path) -> list[str]:
    """The project files and their side files in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if ".factcheck" in p.name)


@contextmanager
def unchanged_unless_accepted(workspace: Workspace, figures: FuzzFigures) -> Iterator[None]:
    """Checks, around one import, that a refused one left the project as it was."""
    before = fingerprint(workspace)
    refused_before = figures.refused
    yield
    if figures.refused > refused_before and fingerprint(workspace) != before:
        figures.changed_after_refusal += 1
        raise AssertionError("a refused import changed the project")
