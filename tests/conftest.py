"""Shared fixtures: every test gets its own user folders (ANNOTATOR_HOME) and real SQLite
project files in tmp_path; Qt runs offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import tests.reliability.profiles  # noqa: F401  (hypothesis profiles: suite, torture)
from annotator.paths import sample_article
from annotator.services import Workspace
from tests.loopback import LoopbackServer, loopback_server

SAMPLE_CLAIM = "four Mi-35M combat and cargo helicopters"


@pytest.fixture(autouse=True)
def _user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("ANNOTATOR_HOME", str(home))
    return home


@pytest.fixture
def sample_path() -> Path:
    return sample_article()


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "project.factcheck"


@pytest.fixture
def workspace(project_path: Path) -> Iterator[Workspace]:
    with Workspace.create(project_path, "Test project") as ws:
        yield ws


@pytest.fixture
def sample_workspace(workspace: Workspace, sample_path: Path) -> Workspace:
    workspace.documents.add_file(sample_path)
    return workspace


@pytest.fixture
def http_server() -> Iterator[LoopbackServer]:
    """A real HTTP server on 127.0.0.1, started for this test (tests/loopback.py)."""
    with loopback_server() as server:
        yield server
