"""Bombs against the importers, each in a fresh process: wall time and peak memory of the
refusal, printed as a table (``make torture`` runs it). The acceptance bar is a clear refusal
within 2 s and 200 MB; the tests check the mechanism (tests/reliability/test_bombs.py)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.reliability.test_bombs import _pdf


def _deflated(size: int, chunk: int = 1 << 20) -> bytes:
    compressor = zlib.compressobj(9)
    block = b"0" * chunk
    return b"".join(compressor.compress(block) for _ in range(size // chunk)) + compressor.flush()


def bombs() -> dict[str, bytes]:
    return {
        "PDF, Flate content stream inflating to 1 GiB": _pdf(
            _deflated(1 << 30), "/Filter /FlateDecode"
        ),
        "PDF, RunLength content stream of 128 MB": _pdf(
            bytes([129, ord("0")]) * 1_000_000 + bytes([128]), "/Filter /RunLengthDecode"
        ),
        "PDF, 2 MB of drawing instructions on one page": _pdf(b"0 0 m\n" * 400_000),
    }


def run(path: Path, project: Path) -> tuple[float, float, str]:
    """Seconds and peak megabytes of ``annotator add-document`` on ``path``, in a process of
    its own (measured by GNU time's reading of the child's rusage)."""
    script = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "seconds = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(f'{seconds} {peak} {done.stderr.strip()}')\n"
    )
    command = [sys.executable, "-m", "annotator", "add-document", str(project), str(path)]
    out = subprocess.run(
        [sys.executable, "-c", script, *command], capture_output=True, text=True, check=True
    ).stdout
    seconds, peak, *message = out.strip().split(" ", 2)
    return float(seconds), float(peak), " ".join(message)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        project = folder / "p.factcheck"
        subprocess.run(
            [sys.executable, "-m", "annotator", "new", str(project)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        article = folder / "article.txt"
        article.write_text("A plain article of one sentence.\n")
        base_seconds, base_peak, _ = run(article, project)
        print(
            f"baseline: a one-line .txt article imports in {base_seconds:.2f} s, {base_peak:.0f} MB"
        )
        print(f"{'bomb':<50}{'file':>9}{'seconds':>9}{'peak MB':>9}  message")
        failed = 0
        for label, data in bombs().items():
            path = folder / "bomb.pdf"
            path.write_bytes(data)
            seconds, peak, message = run(path, project)
            ok = message.startswith("error:") and seconds - base_seconds < 2 and peak < 200
            failed += not ok
            size = f"{len(data) / 1e6:.1f} MB"
            print(f"{label:<50}{size:>9}{seconds:>9.2f}{peak:>9.0f}  {message[:90]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
