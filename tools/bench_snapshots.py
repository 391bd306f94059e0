"""`make bench`, source snapshots: each measurement against a baseline timed in the same run.

- adding a 20 MB PDF as a snapshot (checks, SHA-256, chunks, one committed transaction with
  synchronous=FULL, text extraction) vs copying the file and fsyncing the copy;
- the same without text extraction (what storing alone costs);
- opening a project holding 100 snapshots of 5 MB (500 MB), vs the same project without the
  snapshots: opening must not read snapshot bytes; and listing the snapshots' details too.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.domain.model import Source  # noqa: E402
from annotator.services import Workspace  # noqa: E402
from annotator.services.snapshots import NewSnapshot  # noqa: E402

MB = 1024 * 1024


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def fake_pdf(path: Path, size: int) -> None:
    """A PDF-like file whose streams do not compress, as a real PDF's (images, fonts)."""
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.write(os.urandom(size - 9))


def bench_add(tmp: Path) -> list[tuple[str, float, float]]:
    pdf = tmp / "evidence.pdf"
    fake_pdf(pdf, 20 * MB)

    def copy() -> None:
        target = tmp / "copy.pdf"
        shutil.copyfile(pdf, target)
        with target.open("rb+") as handle:
            os.fsync(handle.fileno())
        target.unlink()

    project = tmp / "add.factcheck"
    with Workspace.create(project, "Bench") as workspace:
        source = workspace.sources.add(Source(id="", url="https://example.org/report"))
        added = best_of(3, lambda: workspace.snapshots.add_file(NewSnapshot(source.id), pdf))
        data = pdf.read_bytes()
        new = NewSnapshot(source.id, media_type="application/pdf")
        stored = best_of(3, lambda: workspace.snapshots.add_bytes(new, data, text=""))
    baseline = best_of(3, copy)
    return [
        ("snapshot: add a 20 MB PDF (vs copying it, fsync)", added, baseline),
        ("snapshot: store 20 MB, no text extraction (vs copying it)", stored, baseline),
    ]


def bench_open(tmp: Path) -> list[tuple[str, float, float]]:
    plain, heavy = tmp / "plain.factcheck", tmp / "heavy.factcheck"
    for path in (plain, heavy):
        with Workspace.create(path, "Bench") as workspace:
            for index in range(100):
                source = workspace.sources.add(
                    Source(id="", url=f"https://example.org/{index}", title=f"Source {index}")
                )
                if path == heavy:
                    new = NewSnapshot(source.id, media_type="application/pdf", filename="x.pdf")
                    workspace.snapshots.add_bytes(new, os.urandom(5 * MB), text="")

    def open_project(path: Path) -> None:
        with Workspace.open(path) as workspace:  # what the window reads when a project opens
            workspace.project.info()
            workspace.documents.all()
            workspace.sources.all()

    def open_and_list(path: Path) -> None:
        with Workspace.open(path) as workspace:
            workspace.sources.all()
            workspace.snapshots.all()

    size = heavy.stat().st_size
    opened = best_of(10, lambda: open_project(heavy))
    opened_plain = best_of(10, lambda: open_project(plain))
    listed = best_of(10, lambda: open_and_list(heavy))
    listed_plain = best_of(10, lambda: open_and_list(plain))
    return [
        (f"open a project with 100 snapshots, {size / 1e6:.0f} MB (vs none)", opened, opened_plain),
        ("open + list the 100 snapshots' details (vs none to list)", listed, listed_plain),
    ]


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ANNOTATOR_HOME"] = folder
        rows = bench_add(Path(folder)) + bench_open(Path(folder))
    print(f"{'measure':<66}{'ours':>10}{'baseline':>10}{'ratio':>8}")
    for name, ours, baseline in rows:
        print(f"{name:<66}{ours * 1000:>8.1f}ms{baseline * 1000:>8.1f}ms{ours / baseline:>8.3g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
