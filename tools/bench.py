"""`make bench`: the hot paths, each timed against a baseline measured in the same run.

These machines are noisy, so every line reports a ratio to something simple done on the same
data a moment before, not an absolute time alone:

- highlighting a 1 MB article with 5,000 claims: the interval-index QSyntaxHighlighter vs
  building and sending 5,000 ExtraSelections (the approach DESIGN.md measured and rejected);
- adding one highlight to it vs re-highlighting everything;
- re-anchoring 1,000 claims on a 1 MB article vs the one diff of the two texts;
- one saved edit (a service call: one transaction, WAL, synchronous=FULL) vs a bare sqlite3
  UPDATE + commit with the same pragmas;
- then the export benchmark (every format vs JSON, 10,000 claims), the re-anchoring
  benchmark, the claim-suggestion benchmark (scoring the CLEF training sentences vs reading
  them) and the claim library's (feed import vs json.loads, matching vs BM25 alone), each
  a script of its own.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QTextEdit  # noqa: E402

from annotator.domain.body import plain_body  # noqa: E402
from annotator.domain.reanchor import reanchor  # noqa: E402
from annotator.domain.text import Utf16Index, make_anchor  # noqa: E402
from annotator.domain.textdiff import position_map  # noqa: E402
from annotator.formats.importers import import_pasted_text  # noqa: E402
from annotator.services import Workspace  # noqa: E402
from annotator.ui.widgets.article_document import build_text_document  # noqa: E402
from annotator.ui.widgets.highlighter import ClaimHighlighter, Span  # noqa: E402

SENTENCE = "Officials said exports to Russia grew by 12% in 2017, while imports fell sharply. "


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def article(size: int = 1_000_000) -> str:
    lines = []
    total = 0
    while total < size:
        line = SENTENCE * 4
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)


def spans(text: str, count: int) -> list[Span]:
    index = Utf16Index(text)
    step = len(text) // count
    colors = ["#2e7d32", "#c62828", "#f9a825", "#9e9e9e"]
    return [
        Span(index.to_utf16(i * step), index.to_utf16(i * step + 40), f"c{i}", colors[i % 4])
        for i in range(count)
    ]


def bench_highlighting(app: QApplication) -> list[tuple[str, float, float]]:
    text = article()
    blocks = plain_body(text)
    claim_spans = spans(text, 5000)
    view = QTextEdit()
    view.resize(900, 700)

    def with_highlighter() -> ClaimHighlighter:
        document = build_text_document(blocks, base_font=view.font(), spaced=False)
        highlighter = ClaimHighlighter(document)
        highlighter.set_spans(claim_spans)
        view.setDocument(document)
        app.processEvents()
        return highlighter

    def with_extra_selections() -> None:
        document = build_text_document(blocks, base_font=view.font(), spaced=False)
        view.setDocument(document)
        selections = []
        for span in claim_spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(span.start)
            cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(span.color))
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        view.setExtraSelections(selections)
        app.processEvents()

    baseline = best_of(3, with_extra_selections)
    ours = best_of(3, with_highlighter)
    highlighter = with_highlighter()
    extra = Span(
        spans(text, 5000)[10].start + 50, spans(text, 5000)[10].start + 90, "new", "#000000"
    )
    full = best_of(5, lambda: highlighter.set_spans(claim_spans))
    one = best_of(20, lambda: highlighter.upsert(extra))
    return [
        ("highlight 1 MB article, 5,000 claims (vs ExtraSelections)", ours, baseline),
        ("add one highlight (vs re-highlighting all 5,000)", one, full),
    ]


def _bare_edit(folder: Path, name: str, *pragmas: str) -> Callable[[], None]:
    """One UPDATE and commit with plain sqlite3 on a file set up with ``pragmas``."""
    raw = sqlite3.connect(folder / name, isolation_level=None)
    for pragma in ("PRAGMA synchronous=FULL", *pragmas):
        raw.execute(pragma)
    raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    raw.execute("INSERT INTO t VALUES (1, '')")

    def edit() -> None:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("UPDATE t SET v = ? WHERE id = 1", (str(time.time()),))
        raw.execute("COMMIT")

    return edit


def bench_commit() -> list[tuple[str, float, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bare = _bare_edit(folder, "wal.db", "PRAGMA journal_mode=WAL")
        checkpointed = _bare_edit(
            folder, "ckpt.db", "PRAGMA journal_mode=WAL", "PRAGMA wal_autocheckpoint=1"
        )
        rollback = _bare_edit(folder, "delete.db", "PRAGMA journal_mode=DELETE")

        with Workspace.create(folder / "p.factcheck") as workspace:
            document = workspace.documents.add(import_pasted_text(SENTENCE * 50, "Bench"))
            claim = workspace.claims.add(document.id, 0, 20)
            ratings = ["true", "false"]
            counter = iter(range(10**9))

            def service() -> None:
                workspace.claims.set_verdict(claim.id, ratings[next(counter) % 2], "why")

            def median(work: Callable[[], object]) -> float:
                return statistics.median(best_of(1, work) for _ in range(60))

            ours, baseline = median(service), median(bare)
            journal, former = median(rollback), median(checkpointed)
    return [
        ("one saved edit: set a verdict (vs bare sqlite3 UPDATE+commit, WAL)", ours, baseline),
        (
            "bare edit, rollback journal (ours) vs WAL + checkpoint per commit (former design)",
            journal,
            former,
        ),
    ]


def bench_reanchor_megabyte() -> list[tuple[str, float, float]]:
    """Re-anchoring 1,000 claims on a 1 MB article after 200 scattered edits, against the one
    diff of the two texts it is built on (the test suite checks the diff is made only once)."""
    rng = random.Random(7)
    words = [f"w{n}" for n in range(3000)] + ["the", "of", "and", "to", "in", "said"] * 50
    sentences = (" ".join(rng.choices(words, k=rng.randint(8, 25))) for _ in range(10_000))
    old = "".join(
        f"{s.capitalize()}.{' ' if n % 5 else chr(10) * 2}" for n, s in enumerate(sentences)
    )
    starts = sorted(rng.sample(range(len(old) - 200), 1000))
    anchors = [make_anchor(old, s, s + 60) for s in starts if old[s : s + 60].strip()]
    new = old
    for _ in range(200):
        at = rng.randrange(len(new))
        new = new[:at] + " inserted words " + new[at + rng.randint(0, 5) :]

    def diff_only() -> None:
        position_map.cache_clear()
        position_map(old, new)

    def everything() -> None:
        position_map.cache_clear()
        reanchor(old, new, anchors)

    baseline = best_of(3, diff_only)
    ours = best_of(3, everything)
    return [("re-anchor 1,000 claims on 1 MB (vs the one diff of the texts)", ours, baseline)]


BARE_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "window = QMainWindow()\n"
    "window.setWindowTitle('Bare Qt window')\n"
    "window.show()\n"
    "app.exec()\n"
)


def bench_startup() -> list[tuple[str, float, float]]:
    """Seconds from launch until the window is mapped, and until the project is open."""
    from tests import xvfb

    if not xvfb.available():
        return []

    def launch(command: list[str], title: str, display: str, env: dict[str, str]) -> float:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            xvfb.wait_for_window(display, title, timeout=60)
            return time.perf_counter() - start
        finally:
            process.terminate()
            process.wait()

    with tempfile.TemporaryDirectory() as tmp, xvfb.virtual_display() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "ANNOTATOR_HOME": tmp}
        project = Path(tmp) / "startup.factcheck"
        with Workspace.create(project, "Start-up") as workspace:
            workspace.documents.add(import_pasted_text(article(200_000), "Bench"))
        app = [sys.executable, "-m", "annotator", str(project)]
        bare = min(
            launch([sys.executable, "-c", BARE_WINDOW], "Bare Qt", display, env) for _ in range(3)
        )
        shown = min(launch(app, "Annotator", display, env) for _ in range(3))
        opened = min(launch(app, project.name, display, env) for _ in range(3))
    return [
        ("start-up: window shown (vs a bare Qt window)", shown, bare),
        ("start-up: 200 kB project open (vs a bare Qt window)", opened, bare),
    ]


def bench_open_check() -> list[tuple[str, float, float]]:
    """Opening for editing runs the check (quick_check, hashes, anchors) on 2 MB of articles."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.factcheck"
        with Workspace.create(path) as workspace:
            for number in range(20):
                text = f"Article {number}. " + SENTENCE * 1000
                document = workspace.documents.add(import_pasted_text(text, f"A{number}"))
                for start in range(0, 2000, 20):
                    workspace.claims.add(document.id, start, start + 10)

        def writer() -> None:
            Workspace.open(path).close()

        def reader() -> None:
            Workspace.open(path, read_only=True).close()

        return [
            (
                "open for editing, with the check (vs open to read), 2 MB, 2,000 claims",
                statistics.median(best_of(1, writer) for _ in range(9)),
                statistics.median(best_of(1, reader) for _ in range(9)),
            )
        ]


def main() -> int:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    rows = (
        bench_highlighting(app)
        + bench_commit()
        + bench_open_check()
        + bench_reanchor_megabyte()
        + bench_startup()
    )
    print(f"{'measure':<66}{'ours':>10}{'baseline':>10}{'ratio':>8}")
    for name, ours, baseline in rows:
        print(f"{name:<66}{ours * 1000:>8.1f}ms{baseline * 1000:>8.1f}ms{ours / baseline:>8.3g}")
    print()
    sys.stdout.flush()
    for script in (
        "bench_export.py",
        "bench_reanchor.py",
        "bench_suggest.py",
        "bench_snapshots.py",
        "bench_library.py",
    ):
        if (ROOT / "tools" / script).exists():
            subprocess.run([sys.executable, str(ROOT / "tools" / script)], check=False)
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
