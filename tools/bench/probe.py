"""Child processes of `make bench`: the baselines that must run in a process of their own, and
the memory probe. ``python -m tools.bench.probe WHAT ARGS...``; each prints its measure.

- ``export-baseline PROJECT OUT``: read the rows an export needs with ``sqlite3``, write them
  with ``json.dumps`` and fsync (the floor of P4);
- ``import-baseline REPORT OUT``: ``json.load`` and ``sqlite3.executemany`` of the same rows,
  WAL and synchronous=FULL (the floor of P5);
- ``first-paint``: a bare QApplication and QMainWindow; prints the monotonic time of its
  first paint (the floor of P7);
- ``memory ours PROJECT`` / ``memory bare PROJECT``: resident memory (MB) with the project
  open in the window until fully highlighted, or its first article in a bare QTextEdit (P9).
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any


def export_baseline(project: Path, out: Path) -> None:
    db = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    sources = [dict(r) for r in db.execute("SELECT * FROM sources ORDER BY id")]
    links: dict[str, list[dict[str, Any]]] = {}
    for row in db.execute(
        "SELECT l.claim_id, s.id, s.url, s.title, s.publisher, l.stance, l.excerpt, s.accessed "
        "FROM claim_sources l JOIN sources s ON s.id = l.source_id ORDER BY l.claim_id, l.position"
    ):
        links.setdefault(row[0], []).append(dict(row))
    documents = []
    for doc in db.execute("SELECT * FROM documents ORDER BY position"):
        item = dict(doc)
        item["original"] = base64.b64encode(item["original"]).decode("ascii")
        item["blocks"] = json.loads(item.pop("body"))
        item["claims"] = [
            {**dict(c), "tags": json.loads(c["tags"]), "sources": links.get(c["id"], [])}
            for c in db.execute(
                "SELECT * FROM claims WHERE document_id = ? ORDER BY start, end, id", (doc["id"],)
            )
        ]
        documents.append(item)
    data = json.dumps({"documents": documents, "sources": sources}, indent=2, ensure_ascii=False)
    with out.open("w", encoding="utf-8") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


SCHEMA = """
CREATE TABLE documents (id TEXT PRIMARY KEY, position INT, title TEXT, text TEXT, body TEXT,
    original BLOB, sha256 TEXT, created_at TEXT);
CREATE TABLE sources (id TEXT PRIMARY KEY, url TEXT, title TEXT, publisher TEXT, accessed TEXT);
CREATE TABLE claims (id TEXT PRIMARY KEY, document_id TEXT REFERENCES documents(id), start INT,
    "end" INT, quote TEXT, prefix TEXT, suffix TEXT, summary TEXT, status TEXT, tags TEXT,
    rating TEXT, rationale TEXT, rated_by TEXT, rated_at TEXT, created_at TEXT, updated_at TEXT);
CREATE INDEX claims_document ON claims(document_id);
CREATE TABLE claim_sources (claim_id TEXT REFERENCES claims(id), source_id TEXT
    REFERENCES sources(id), position INT, stance TEXT, excerpt TEXT,
    PRIMARY KEY (claim_id, source_id));
"""


def import_baseline(report_path: Path, out: Path) -> None:
    with report_path.open(encoding="utf-8") as handle:
        report = json.load(handle)
    db = sqlite3.connect(out, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")
    db.executescript(SCHEMA)
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
        [(s["id"], s["url"], s["title"], s["publisher"], s["accessed"]) for s in report["sources"]],
    )
    for position, d in enumerate(report["documents"]):
        body = json.dumps(d["blocks"], ensure_ascii=False)
        db.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (d["id"], position, d["title"], d["text"], body, d["text"].encode(), d["sha256"],
             d["created_at"]),
        )  # fmt: skip
        claims = d["claims"]
        db.executemany(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (c["id"], d["id"], c["start"], c["end"], c["quote"], c["prefix"], c["suffix"],
                 c["summary"], c["status"], json.dumps(c["tags"]), c["verdict"]["rating"],
                 c["verdict"]["rationale"], c["verdict"]["rated_by"], c["verdict"]["rated_at"],
                 c["created_at"], c["updated_at"])
                for c in claims
            ],
        )  # fmt: skip
        db.executemany(
            "INSERT INTO claim_sources VALUES (?, ?, ?, ?, ?)",
            [
                (c["id"], s["id"], i, s["stance"], s["excerpt"])
                for c in claims
                for i, s in enumerate(c["sources"])
            ],
        )
    db.execute("COMMIT")
    db.close()


BARE_WINDOW_TITLE = "Bare Qt window"


def first_paint() -> None:
    """A bare QMainWindow; prints the monotonic time of its first paint and exits."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle(BARE_WINDOW_TITLE)
    window.resize(1280, 800)

    class Probe(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                print(f"painted {time.monotonic():.6f}", flush=True)
                QTimer.singleShot(0, app.quit)
                watched.removeEventFilter(self)
            return False

    probe = Probe()
    window.installEventFilter(probe)
    window.show()
    app.exec()


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def memory(which: str, project: Path) -> None:
    from PySide6.QtWidgets import QApplication, QTextEdit

    app = QApplication(sys.argv[:1])
    if which == "bare":
        with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as db:
            (text,) = db.execute("SELECT text FROM documents ORDER BY position LIMIT 1").fetchone()
        edit = QTextEdit()
        edit.resize(1280, 800)
        edit.setPlainText(text)
        edit.show()
        settle(app, lambda: True)
    else:
        from tools.bench.window import fully_highlighted, open_window

        window = open_window(app)
        window.open_path(project)
        settle(app, lambda: fully_highlighted(window))
    print(f"rss {rss_mb():.1f}")


SETTLE_SECONDS = 2.0


def settle(app: Any, done: Any, timeout: float = 120.0) -> None:
    """Process events until ``done()``, then for two seconds more: Qt lays a long document
    out in the background, so both sides are measured with their text fully laid out."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if done():
            break
        time.sleep(0.001)
    quiet = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < quiet:
        app.processEvents()
        time.sleep(0.005)


def main(argv: list[str]) -> int:
    what, *args = argv
    if what == "export-baseline":
        export_baseline(Path(args[0]), Path(args[1]))
    elif what == "import-baseline":
        import_baseline(Path(args[0]), Path(args[1]))
    elif what == "first-paint":
        first_paint()
    elif what == "memory":
        memory(args[0], Path(args[1]))
    else:
        raise SystemExit(f"unknown probe {what!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
