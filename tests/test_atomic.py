"""Atomic writes: whole or nothing, and with the permissions a plain write would give."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from annotator.atomic import write_atomic
from annotator.errors import ReportError


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


def test_a_directory_target_keeps_its_clear_error(tmp_path: Path) -> None:
    (tmp_path / "report.json").mkdir()
    with pytest.raises(ReportError, match=r"^Cannot write .*report\.json: Is a directory\.$"):
        write_atomic(tmp_path / "report.json", b"{}")
    assert (tmp_path / "report.json").is_dir()
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "target.html"
    target.write_bytes(b"old")
    (tmp_path / "sub").mkdir()
    link = tmp_path / "sub" / "link.html"
    link.symlink_to(Path("..") / "target.html")  # relative, as `ln -s` usually makes them
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert link.readlink() == Path("..") / "target.html"
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sub", "target.html"]
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["link.html"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_dangling_symlink_creates_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to("made.json")
    write_atomic(link, b"{}")
    assert link.is_symlink()
    assert (tmp_path / "made.json").read_bytes() == b"{}"


def _fifo(tmp_path: Path) -> Path:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    return fifo


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path)
    data = b"x" * 300_000  # more than a pipe holds: the reader must drain it as it comes
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(fifo, data)
    reader.join(timeout=10)
    assert received == [data]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_write_error_on_a_device_gives_one_line(tmp_path: Path) -> None:
    """As ``-o /dev/full`` (ENOSPC) does; here the reader goes away (EPIPE) mid-write."""
    fifo = _fifo(tmp_path)

    def open_and_leave() -> None:
        with fifo.open("rb") as handle:
            handle.read(1)

    reader = threading.Thread(target=open_and_leave, daemon=True)
    reader.start()
    with pytest.raises(ReportError) as caught:
        write_atomic(fifo, b"x" * 2_000_000)  # far more than the pipe holds
    reader.join(timeout=10)
    assert str(caught.value) == f"Cannot write {fifo}: {os.strerror(errno.EPIPE)}."
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]
