"""Atomic writes: whole or nothing, and with the permissions a plain write would give."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from annotator.errors import ReportError
from annotator.formats.atomic import write_atomic


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.json"
        write_atomic(fresh, b"{}")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        shared = tmp_path / "shared.json"
        shared.write_bytes(b"old")
        shared.chmod(0o664)
        write_atomic(shared, b"new")
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664
        assert shared.read_bytes() == b"new"
    finally:
        os.umask(old)


def test_missing_folder_is_explained_and_nothing_is_left(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"the folder .* does not exist"):
        write_atomic(tmp_path / "nope" / "report.json", b"{}")
    assert list(tmp_path.iterdir()) == []
