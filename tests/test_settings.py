"""Per-user settings: damaged files and odd values never stop the app."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.settings import Settings, load_settings, save_settings


def test_damaged_or_foreign_settings_give_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    assert load_settings(path) == Settings()
    path.write_text("[1, 2]", encoding="utf-8")
    assert load_settings(path) == Settings()
    path.write_text(json.dumps({"recent_projects": "not a list", "bogus": 1}), encoding="utf-8")
    assert load_settings(path) == Settings()


def test_places_round_trip_and_bad_entries_are_ignored(tmp_path: Path) -> None:
    project, other = tmp_path / "a.factcheck", tmp_path / "b.factcheck"
    settings = Settings()
    settings.remember_project(project)
    settings.remember_place(project, "doc-1", "claim-9")
    settings.remember_place(other, "doc-2", "")  # not a recent project: not kept
    path = tmp_path / "settings.json"
    save_settings(settings, path)
    loaded = load_settings(path)
    assert loaded.place_of(project) == ("doc-1", "claim-9")
    assert loaded.place_of(other) == ("", "")
    loaded.places[str(project.resolve())] = ["only one"]
    assert loaded.place_of(project) == ("", "")
