"""Damaged project files of every kind the adversarial run used (truncated, bit flips, zeroed
pages, a broken header, a foreign schema, a newer schema, a text that no longer matches its
hash, rows pointing to missing rows) against four commands (info, check, export, and a write):
nothing crashes or hangs, every failure is one ``error:`` line, and a refused command leaves
the file byte-identical."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.domain.model import Source, Stance
from annotator.services import Workspace
from tests.conftest import SAMPLE_CLAIM
from tests.reliability.figures import record

Damage = Callable[[Path], None]
PAGE = 4096


def _truncate(fraction: float) -> Damage:
    def damage(path: Path) -> None:
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * fraction)])

    return damage


def _flip(seed: int) -> Damage:
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        rng = random.Random(seed)
        for _ in range(8):
            data[rng.randrange(100, len(data))] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(data))

    return damage


def _zero_page(number: int | None) -> Damage:
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        page = len(data) // PAGE // 2 if number is None else number
        data[page * PAGE : (page + 1) * PAGE] = bytes(PAGE)
        path.write_bytes(bytes(data))

    return damage


def _sql(*statements: str) -> Damage:
    def damage(path: Path) -> None:
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA foreign_keys=OFF")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
        connection.close()

    return damage


def _header(offset: int, value: bytes) -> Damage:
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        data[offset : offset + len(value)] = value
        path.write_bytes(bytes(data))

    return damage


def _foreign(path: Path) -> None:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (x)")
    connection.commit()
    connection.close()


def damages(flips: int) -> dict[str, Damage]:
    return {**_DAMAGES, **{f"8 bit flips, seed {seed}": _flip(seed) for seed in range(flips)}}


_DAMAGES: dict[str, Damage] = {
    "empty": _truncate(0),
    "truncated to 100 bytes": _truncate(100 / 70_000),
    "truncated to half": _truncate(0.5),
    "truncated by a page": _truncate(0.95),
    "first page zeroed": _zero_page(0),
    "a middle page zeroed": _zero_page(None),
    "magic broken": _header(0, b"SQLite format 4"),
    "page size broken": _header(16, b"\x00\x03"),
    "foreign schema": _foreign,
    "newer schema": _sql("UPDATE alembic_version SET version_num = '9999_future'"),
    "no schema version": _sql("DELETE FROM alembic_version"),
    "text not matching its hash": _sql("UPDATE documents SET text = text || 'x', body = '[]'"),
    "source rows gone": _sql("DELETE FROM sources"),
    "document rows gone": _sql("DELETE FROM documents"),
    "rating gone from the scale": _sql("DELETE FROM ratings WHERE key = 'false'"),
    # A flipped bit in a record header can change a value's type (found by the torture run).
    "original file stored as text": _sql("UPDATE documents SET original = 'not bytes'"),
}
COMMANDS = {
    "info": ["info"],
    "check": ["check"],
    "export": ["export", "--format", "json", "-o", "{out}"],
    "write": ["set-project", "--title", "Written over damage"],
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from annotator.paths import sample_article

    path = tmp_path_factory.mktemp("pristine") / "weeks.factcheck"
    with Workspace.create(path, "Weeks of work") as workspace:
        document = workspace.documents.add_file(sample_article())
        claim = workspace.claims.add_by_quote(document.id, SAMPLE_CLAIM)
        workspace.claims.set_verdict(claim.id, "false", "Delivered in 2017")
        workspace.sources.cite(claim.id, Source("", "https://example.org/a"), Stance.SUPPORTS)
    return path


def test_every_damaged_file_gets_a_clear_answer_and_is_left_byte_identical(
    pristine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(pristine, tmp_path, capsys, damages(flips=24), "damaged files x 4 commands")


@pytest.mark.torture
def test_torture_damaged_files(
    pristine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(pristine, tmp_path, capsys, damages(flips=500), "damaged files x 4 commands, torture")


def _run(
    pristine: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cases: dict[str, Damage],
    experiment: str,
) -> None:
    outcomes = {"files": len(cases), "runs": 0, "refused": 0, "answered": 0}
    for name, damage in cases.items():
        for command, arguments in COMMANDS.items():
            path = tmp_path / "weeks.factcheck"
            path.write_bytes(pristine.read_bytes())
            damage(path)
            before = hashlib.sha256(path.read_bytes()).hexdigest()
            out = tmp_path / "report.json"
            argv = [arguments[0], str(path), *(a.format(out=out) for a in arguments[1:])]
            code = main(argv)  # any exception other than a clean exit fails the test
            _out, err = capsys.readouterr()
            outcomes["runs"] += 1
            assert code in (0, 1), (name, command, err)
            if code == 1:
                outcomes["refused"] += 1
                *problems, last = err.splitlines()  # `check` lists problems first
                assert last.startswith("error: "), (name, command, err)
                assert all(line.startswith("problem: ") for line in problems), err
                assert "Traceback" not in err
                after = hashlib.sha256(path.read_bytes()).hexdigest()
                assert after == before, f"{command} changed the {name} file it refused"
                assert not out.exists()
            else:
                outcomes["answered"] += 1
            if command != "write":
                assert hashlib.sha256(path.read_bytes()).hexdigest() == before, (name, command)
            out.unlink(missing_ok=True)
            for leftover in path.parent.glob("weeks.factcheck?*"):
                leftover.unlink()
    record(experiment, outcomes)
    assert outcomes["refused"] > len(cases)
