"""kill -9 rounds against a writer, with or without a reader process running alongside: the
machinery shared by the suite-size test and the torture run.

Each round forks a writer (from this already-imported process, so a round costs milliseconds,
not an interpreter start) that adds sources one transaction at a time and reports each id on a
pipe only after its commit returned: an acknowledged edit. The round kills it with SIGKILL
after a random delay, then copies the ``.factcheck`` file alone (as a backup tool, a sync folder
or an e-mail would) and checks that every acknowledged edit is in the copy; when the kill
landed inside a commit (SQLite's journal is beside the file), the file alone may be torn,
which is counted, not promised, and the copy of the file with its journal must hold every
acknowledged edit. At the end the project itself must pass ``check``.
"""

from __future__ import annotations

import os
import random
import select
import shutil
import signal
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from annotator.domain.model import Source
from annotator.services import Workspace
from annotator.services.integrity import check_project
from annotator.services.reports import build_report


@dataclass
class CrashFigures:
    kills: int = 0
    acknowledged: int = 0
    lost_in_copy: int = 0
    lost_in_project: int = 0
    damaged_copies: int = 0
    damaged_projects: int = 0
    hot_journals: int = 0
    torn_alone_mid_commit: int = 0
    problems: list[str] = field(default_factory=list)


def _writer(path: Path, ack: int) -> None:
    with Workspace.open(path, wait=30) as workspace:
        for number in range(10**9):
            source = workspace.sources.add(
                Source("", f"https://example.org/{os.getpid()}/{number}")
            )
            os.write(ack, f"{source.id}\n".encode())


def _reader(path: Path) -> None:
    while True:
        with Workspace.open(path, read_only=True) as workspace:
            build_report(workspace)


def _fork(work: object, *args: object) -> int:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 0
        try:
            work(*args)  # type: ignore[operator]
        except BaseException:
            code = 1
        os._exit(code)
    return pid


def _read_all(fd: int) -> str:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks).decode()


def _stored_urls(path: Path) -> set[str] | None:
    try:
        with Workspace.open(path, read_only=True) as workspace:
            return {s.id for s in workspace.sources.all()}
    except Exception:
        return None


def _check_copies(path: Path, acknowledged: set[str], figures: CrashFigures) -> None:
    """Copy the project as a backup tool would: the file alone, and (when the kill left a
    commit half-written, so SQLite's journal is there) the file with its journal."""
    journal = path.with_name(path.name + "-journal")
    mid_commit = journal.exists() and journal.stat().st_size > 0
    alone = path.with_name("copy-alone.factcheck")
    shutil.copyfile(path, alone)
    stored = _stored_urls(alone)
    alone.unlink()
    if mid_commit:
        figures.hot_journals += 1
        if stored is None:
            figures.torn_alone_mid_commit += 1  # not promised: a copy taken inside a commit
        # The whole folder's copy (file and journal): SQLite rolls the half commit back.
        # (The reader process may roll it back meanwhile: then the file alone is whole again.)
        folder = path.parent / "copy-with-journal"
        folder.mkdir(exist_ok=True)
        shutil.copyfile(path, folder / path.name)
        with suppress(FileNotFoundError):
            shutil.copyfile(journal, folder / journal.name)
        if not (folder / journal.name).exists():
            shutil.copyfile(path, folder / path.name)
        stored = _stored_urls(folder / path.name)
        shutil.rmtree(folder)
    if stored is None:
        figures.damaged_copies += 1
    else:
        figures.lost_in_copy += len(acknowledged - stored)


def run_rounds(path: Path, rounds: int, *, with_reader: bool, seed: int = 12) -> CrashFigures:
    """Kill a writer ``rounds`` times; the figures say what held."""
    rng = random.Random(seed)
    figures = CrashFigures()
    reader = _fork(_reader, path) if with_reader else None
    acknowledged: set[str] = set()
    try:
        for number in range(rounds):
            read_end, write_end = os.pipe()
            writer = _fork(_writer, path, write_end)
            os.close(write_end)
            first = b""
            if number % 2:
                # Every other round kills only once the writer is saving (the others may land
                # while it opens the project): each round tests some acknowledged edits.
                ready, _, _ = select.select([read_end], [], [], 60)
                first = os.read(read_end, 65536) if ready else b""
            time.sleep(rng.uniform(0.0, 0.15))
            os.kill(writer, signal.SIGKILL)
            os.waitpid(writer, 0)
            acknowledged.update((first.decode() + _read_all(read_end)).split())
            os.close(read_end)
            figures.kills += 1
            _check_copies(path, acknowledged, figures)
    finally:
        if reader is not None:
            os.kill(reader, signal.SIGKILL)
            os.waitpid(reader, 0)
    figures.acknowledged = len(acknowledged)
    stored = _stored_urls(path)
    figures.lost_in_project = len(acknowledged - (stored or set()))
    figures.problems = check_project(path)
    figures.damaged_projects = int(bool(figures.problems))
    return figures
