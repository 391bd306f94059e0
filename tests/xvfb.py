"""A private X server for tests and scripts that need a real window (Xvfb + xdotool)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def available() -> bool:
    return all(shutil.which(tool) for tool in ("Xvfb", "xdotool"))


@contextmanager
def virtual_display(width: int = 1280, height: int = 800) -> Iterator[str]:
    """Start Xvfb on a free display number; yield the DISPLAY value."""
    for number in range(90, 140):
        if Path(f"/tmp/.X{number}-lock").exists():
            continue
        display = f":{number}"
        server = subprocess.Popen(
            ["Xvfb", display, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and server.poll() is None:
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                break
            time.sleep(0.05)
        if server.poll() is not None:
            continue
        try:
            yield display
        finally:
            server.terminate()
            server.wait(timeout=10)
        return
    raise RuntimeError("no free X display number for Xvfb")


def xdotool(display: str, *args: str, timeout: float = 20) -> str:
    result = subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return result.stdout.strip()


def wait_for_window(display: str, name: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", name],
            env={**os.environ, "DISPLAY": display},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0 and result.stdout.strip():
            return result.stdout.split()[0]
        time.sleep(0.2)
    raise TimeoutError(f"no window named {name!r} appeared on {display}")
