"""The window's actions, keyed by an enum: one place for every label, shortcut and tip, which
also feeds Help › Keyboard shortcuts and the README's list."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence


class ActionId(enum.Enum):
    NEW_PROJECT = "new-project"
    OPEN_PROJECT = "open-project"
    OPEN_SAMPLE = "open-sample"
    SAVE_AS = "save-as"
    EXPORT = "export"
    PROJECT_SETTINGS = "project-settings"
    QUIT = "quit"
    FIND = "find"
    CREATE_CLAIM = "create-claim"
    DELETE_CLAIM = "delete-claim"
    MOVE_CLAIM = "move-claim"
    NEXT_CLAIM = "next-claim"
    PREVIOUS_CLAIM = "previous-claim"
    CLEAR_VERDICT = "clear-verdict"
    IMPORT_ARTICLE = "import-article"
    PASTE_ARTICLE = "paste-article"
    IMPORT_ANNOTATIONS = "import-annotations"
    SHORTCUTS = "shortcuts"
    ABOUT = "about"


@dataclass(frozen=True, slots=True)
class ActionSpec:
    text: str
    shortcut: str | QKeySequence.StandardKey | None = None
    tip: str = ""


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.NEW_PROJECT: ActionSpec(
        "&New project…", QKeySequence.StandardKey.New, "Create a project file"
    ),
    ActionId.OPEN_PROJECT: ActionSpec(
        "&Open…", QKeySequence.StandardKey.Open, "Open a project or an article"
    ),
    ActionId.OPEN_SAMPLE: ActionSpec(
        "Open the &sample article", None, "A 2018 news report to practise on"
    ),
    ActionId.SAVE_AS: ActionSpec(
        "Save a &copy as…", "Ctrl+Shift+S", "Write a copy of the project file"
    ),
    ActionId.EXPORT: ActionSpec("&Export report…", "Ctrl+Shift+E", "Write the project as a report"),
    ActionId.PROJECT_SETTINGS: ActionSpec(
        "Project &settings…", "Ctrl+,", "Title, publisher and rating scale"
    ),
    ActionId.QUIT: ActionSpec("&Quit", "Ctrl+Q"),
    ActionId.FIND: ActionSpec("&Find in article…", "Ctrl+F"),
    ActionId.CREATE_CLAIM: ActionSpec(
        "&Mark as claim", "Ctrl+E", "Turn the selected text into a claim"
    ),
    ActionId.DELETE_CLAIM: ActionSpec(
        "&Delete claim", None, "Delete the selected claim (Delete in the list)"
    ),
    ActionId.MOVE_CLAIM: ActionSpec(
        "&Move claim to selection",
        "Ctrl+Shift+M",
        "Place the selected claim on the selected text (to confirm or fix it after a new version)",
    ),
    ActionId.NEXT_CLAIM: ActionSpec("&Next claim", "Alt+Down"),
    ActionId.PREVIOUS_CLAIM: ActionSpec("&Previous claim", "Alt+Up"),
    ActionId.CLEAR_VERDICT: ActionSpec("&Clear verdict", "Ctrl+0"),
    ActionId.IMPORT_ARTICLE: ActionSpec(
        "&Import article…", "Ctrl+I", "Add an article file to the project"
    ),
    ActionId.PASTE_ARTICLE: ActionSpec(
        "&Paste as new article", "Ctrl+Shift+V", "Add the clipboard's text"
    ),
    ActionId.IMPORT_ANNOTATIONS: ActionSpec(
        "Import &annotations…", None, "Apply W3C Web Annotations (from Annotator or another tool)"
    ),
    ActionId.SHORTCUTS: ActionSpec("&Keyboard shortcuts", "F1"),
    ActionId.ABOUT: ActionSpec("&About Annotator"),
}

SHORTCUT_HELP: tuple[tuple[str, str], ...] = (
    ("Ctrl+F", "Find in the article; Enter / Shift+Enter: next / previous match; Escape: close"),
    ("Ctrl+E", "Turn the selected text into a claim"),
    ("Ctrl+1 … Ctrl+9", "Set the selected claim's verdict to the 1st … 9th rating"),
    ("Ctrl+0", "Clear the selected claim's verdict"),
    ("Alt+Down / Alt+Up", "Select the next / previous claim in article order"),
    ("Delete", "Delete the selected claim (in the claims list)"),
    ("Ctrl+Shift+M", "Move the selected claim onto the selected text (review after a new version)"),
    ("Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y", "Undo / redo"),
    ("Ctrl+I", "Import an article file"),
    ("Ctrl+Shift+V", "Paste the clipboard as a new article"),
    ("Ctrl+Shift+E", "Export a report"),
    ("Ctrl+,", "Project settings and rating scale"),
    ("Ctrl+Return", "In notes or a rationale: save now (they also save after a pause)"),
    ("Ctrl+N / Ctrl+O / Ctrl+Q", "New project / open / quit"),
    ("Ctrl+Shift+S", "Save a copy of the project file"),
    ("F1", "This list of shortcuts"),
)


def build_actions(parent: QObject) -> dict[ActionId, QAction]:
    actions: dict[ActionId, QAction] = {}
    for action_id, spec in SPECS.items():
        action = QAction(spec.text, parent)
        action.setObjectName(action_id.value)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(f"{spec.text.replace('&', '').rstrip('…')} — {spec.tip}")
        actions[action_id] = action
    actions[ActionId.QUIT].setMenuRole(QAction.MenuRole.QuitRole)
    return actions
