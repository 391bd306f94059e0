"""Running one hostile file through an importer in a child process with bounded resources.

The child is forked from the test process (the importers are already loaded) and may use at
most ``HEADROOM_BYTES`` more address space than the test process had (``RLIMIT_AS``): an
importer that tried to inflate a bomb would hit MemoryError there, which counts as a failure.
A CPU-time limit only keeps a runaway importer from hanging the suite; the CPU seconds used are
measured by the parent (``wait4``) and kept for docs/RELIABILITY.md, not asserted.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.errors import AnnotatorError

HEADROOM_BYTES = 200 * 1024 * 1024
CPU_GUARD_SECONDS = 30


@dataclass
class BombResult:
    """What the child saw: ``refused`` with ``message``, ``accepted`` (``detail`` says what
    came out), or ``failed`` (a traceback, MemoryError, or killed by the CPU guard)."""

    outcome: str
    message: str = ""
    detail: Any = None
    cpu_seconds: float = 0.0


def _address_space() -> int:
    pages = Path("/proc/self/statm").read_text(encoding="ascii").split()[0]
    return int(pages) * resource.getpagesize()


def _child(work: Callable[[], Any], out: int) -> None:  # pragma: no cover - runs in the child
    limit = _address_space() + HEADROOM_BYTES
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_GUARD_SECONDS, CPU_GUARD_SECONDS + 5))
    try:
        detail = work()
        result = {"outcome": "accepted", "detail": detail}
    except AnnotatorError as exc:
        result = {"outcome": "refused", "message": str(exc)}
    except BaseException:  # the very thing these tests look for
        result = {"outcome": "failed", "message": traceback.format_exc(limit=-8)}
    os.write(out, json.dumps(result, default=str).encode())


def run_bomb(work: Callable[[], Any]) -> BombResult:
    """Run ``work`` (an import returning a small summary of what it made) in a bounded child."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read_end)
        try:
            _child(work, write_end)
        finally:
            os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    _, status, usage = os.wait4(pid, 0)
    cpu = usage.ru_utime + usage.ru_stime
    if not chunks:
        killed = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
        reason = "the CPU guard" if killed in (signal.SIGXCPU, signal.SIGKILL) else f"{status}"
        return BombResult("failed", f"the child died ({reason})", cpu_seconds=cpu)
    found = json.loads(b"".join(chunks))
    return BombResult(
        found["outcome"],
        found.get("message", ""),
        found.get("detail"),
        cpu_seconds=round(cpu, 2),
    )
