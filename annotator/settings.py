"""Per-user settings: the last project, recent projects, window and splitter geometry, and
the checker's name (set once for the app; a project may name another).

Stored as JSON under the appdirs user config folder. A missing or damaged settings file is
never an error: the app starts with defaults (and says so in the log).
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from annotator.atomic import write_atomic
from annotator.paths import config_dir

log = logging.getLogger(__name__)

MAX_RECENT = 10


@dataclass
class Settings:
    last_project: str = ""
    recent_projects: list[str] = field(default_factory=list)
    window_geometry: str = ""
    window_state: str = ""
    main_splitter: str = ""
    panel_splitter: str = ""
    # Where each recent project was left: its path -> [document id, selected claim id].
    places: dict[str, list[str]] = field(default_factory=dict)
    # Limits of a web capture of a source (services/capture.py): its size and its time.
    capture_max_mb: int = 50
    capture_timeout_s: int = 30
    # Automatic backups of the open project (services/backups.py): how often while it
    # changes, and how many to keep (the newest N, plus the newest of each of the last days).
    backup_interval_minutes: int = 15
    backup_keep_last: int = 10
    backup_keep_days: int = 14
    # The checker's name, signed on verdicts in every project that does not name its own.
    checker_name: str = ""
    # The last export's format and folder, offered again by the next export.
    export_format: str = ""
    export_folder: str = ""
    # The article's zoom, in tenths of the system font's size (0: actual size).
    article_zoom: int = 0

    def remember_project(self, path: Path) -> None:
        text = str(path.resolve())
        self.last_project = text
        self.recent_projects = [text, *(p for p in self.recent_projects if p != text)][:MAX_RECENT]

    def remember_place(self, path: Path, document_id: str, claim_id: str) -> None:
        """Note the article and claim shown when ``path`` closes, for when it reopens."""
        self.places[str(path.resolve())] = [document_id, claim_id]
        self.places = {p: v for p, v in self.places.items() if p in self.recent_projects}

    def place_of(self, path: Path) -> tuple[str, str]:
        """The article and claim shown when ``path`` was last closed ("" where unknown)."""
        place = self.places.get(str(path.resolve()))
        if isinstance(place, list) and len(place) == 2 and all(isinstance(i, str) for i in place):
            return place[0], place[1]
        return "", ""

    def forget_project(self, path: Path) -> None:
        text = str(path.resolve())
        self.recent_projects = [p for p in self.recent_projects if p != text]
        if self.last_project == text:
            self.last_project = ""


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("Ignoring unreadable settings file %s: %s", path, exc)
        return Settings()
    if not isinstance(data, dict):
        log.warning("Ignoring settings file %s: not a JSON object", path)
        return Settings()
    defaults = asdict(Settings())
    values = {k: v for k, v in data.items() if k in defaults and type(v) is type(defaults[k])}
    return Settings(**values)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(asdict(settings), indent=2).encode("utf-8"))
    except Exception as exc:  # settings must never stop the app
        log.warning("Could not save settings to %s: %s", path, exc)
