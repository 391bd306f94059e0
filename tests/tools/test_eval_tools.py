"""The import measurement tools: word-level F1 as benchmarks define it, and the held-out
page set never overlapping the development corpus."""

from __future__ import annotations

import importlib.util
import io
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

TOOLS = Path(__file__).resolve().parents[2] / "tools"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def test_word_f1_counts_repeated_words_and_ignores_case_and_punctuation() -> None:
    eval_import = load("eval_import")
    assert eval_import.f1("The cat, the HAT.", "the cat the hat") == 1.0
    assert eval_import.f1("alpha beta", "gamma delta") == 0.0
    # found: the x2, cat; expected: the x1, cat, sat -> common 2, P 2/3, R 2/3
    assert eval_import.f1("the the cat", "the cat sat") == pytest.approx(2 / 3)
    assert eval_import.f1("", "") == 1.0


def test_held_out_pages_leave_out_every_development_page(tmp_path: Path) -> None:
    heldout = load("heldout_pages")
    tarball = tmp_path / "pkg.tgz"
    files = {
        "package/test/test-pages/seen/source.html": b"<p>seen</p>",
        "package/test/test-pages/unseen/source.html": b"<p>new</p>",
        "package/test/test-pages/unseen/expected.html": b"<p>new</p>",
        "package/test/other-test-pages/elsewhere/source.html": b"x",
        "package/README.md": b"readme",
    }
    with tarfile.open(tarball, "w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    dev = tmp_path / "dev"
    (dev / "seen").mkdir(parents=True)
    out = tmp_path / "out"

    assert heldout.unpack(tarball, out, dev) == ["unseen"]
    assert sorted(p.name for p in (out / "unseen").iterdir()) == ["expected.html", "source.html"]
    assert not (out / "seen").exists()
