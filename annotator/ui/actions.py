"""Every action of the window, declared once (qutebrowser's command registry is the model):
its id, text, shortcut, tip, menu, what it needs to be enabled and its handler, side by side.
The menus, the toolbar, the enabling and Help › Keyboard shortcuts are made from this table.

A handler receives the window (``ActionHost``); workbench actions go through ``on_workbench``
and actions on the selected claim through ``on_claim``, so a new undoable claim action is a
service call, a command, and one ``Action`` here.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from annotator.domain.model import Claim, ClaimEdit, ClaimStatus, Rating
from annotator.ui.dialogs.help import show_about, show_shortcuts

if TYPE_CHECKING:
    from annotator.ui.document_actions import DocumentActions
    from annotator.ui.project_actions import ProjectActions
    from annotator.ui.recovery import RecoveryActions
    from annotator.ui.workbench import Workbench


class ActionHost(Protocol):
    """What the handlers act on: the window's helpers and its workbench (None without a
    project)."""

    files: ProjectActions
    documents: DocumentActions
    recovery: RecoveryActions
    workbench: Workbench | None

    def dialog_parent(self) -> QWidget: ...
    def open_sample(self) -> None: ...
    def quit(self) -> None: ...


Handler = Callable[[ActionHost], object]


class Needs(enum.Enum):
    """What must be there for an action to be enabled."""

    NOTHING = enum.auto()
    PROJECT = enum.auto()
    DOCUMENT = enum.auto()  # an article shown
    CLAIM = enum.auto()  # a claim selected


class Menu(enum.Enum):
    FILE = "&File"
    EDIT = "&Edit"
    VIEW = "Vie&w"  # Alt+V is the editor's Verdict
    CLAIM = "&Claim"
    DOCUMENT = "&Document"
    # No access key: its letters are all the claim editor's (Alt+T Rationale, Alt+O add a
    # source, Alt+L Claimant, Alt+S Summary); Alt+D opens Document, then the right arrow key.
    TOOLS = "Tools"
    HELP = "&Help"


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    text: str
    run: Handler
    menu: Menu
    shortcut: str | QKeySequence.StandardKey | None = None
    tip: str = ""
    needs: Needs = Needs.PROJECT
    section: int = 0  # menu sections are separated by a line
    toolbar: int | None = None  # its place on the toolbar (tens are sections), if it is on it
    keys_help: str = ""  # the line in Help › Keyboard shortcuts (else the tip)
    writes: bool = False  # it changes the project: disabled while it is open read-only


def on_workbench(call: Callable[[Workbench], object]) -> Handler:
    def run(host: ActionHost) -> None:
        if host.workbench is not None:
            call(host.workbench)

    return run


def on_claim(call: Callable[[Workbench, Claim], object]) -> Handler:
    """A handler acting on the claim selected in the list (or saying to select one)."""

    def run(bench: Workbench) -> None:
        claim = bench.selected_claim()
        if claim is None:
            bench.status_message.emit("Select a claim first.")
        else:
            call(bench, claim)

    return on_workbench(run)


def _after(status: ClaimStatus) -> ClaimStatus:
    order = list(ClaimStatus)
    return order[(order.index(status) + 1) % len(order)]


_NEW_OPEN_QUIT = "New project / open / quit"
_NEXT_PREVIOUS = "Select the next / previous claim in article order"
_MOVE = "Move the selected claim onto the selected text (review after a new version)"
_FIND = "Find in the article; Enter / Shift+Enter: next / previous match; Escape: close"
_WITHOUT_PROJECT = Needs.NOTHING
_SUGGESTION_STEP = "Go to the next / previous suggested claim (showing the suggestions)"
_ZOOM = "Zoom the article in / out / back to its actual size (kept across restarts)"

ACTIONS: tuple[Action, ...] = (
    # File (Open recent follows "Open the sample article")
    Action(
        "new-project", "&New project…", lambda h: h.files.new_project(), Menu.FILE,
        QKeySequence.StandardKey.New, "Create a project file", _WITHOUT_PROJECT,
        keys_help=_NEW_OPEN_QUIT,
    ),
    Action(
        "open-project", "&Open…", lambda h: h.files.choose_and_open(), Menu.FILE,
        QKeySequence.StandardKey.Open, "Open a project or an article", _WITHOUT_PROJECT,
        toolbar=0, keys_help=_NEW_OPEN_QUIT,
    ),
    Action(
        "open-sample", "Open the &sample article", lambda h: h.open_sample(), Menu.FILE,
        tip="A 2018 news report to practise on", needs=_WITHOUT_PROJECT,
    ),
    Action(
        "save-as", "Save a &copy as…", lambda h: h.files.save_copy(), Menu.FILE,
        "Ctrl+Shift+S", "Write a copy of the project file", section=1,
        keys_help="Save a copy of the project file",
    ),
    Action(
        "export", "&Export report…", lambda h: h.files.export_report(), Menu.FILE,
        "Ctrl+Shift+E", "Write the project as a report", section=1, toolbar=30,
        keys_help="Export a report",
    ),
    Action(
        "import-feed", "Import &fact-check feed…", lambda h: h.files.import_feed(), Menu.FILE,
        tip="Add ClaimReview reviews to the library of claims checked before",
        needs=_WITHOUT_PROJECT, section=1,
    ),
    Action(
        "project-settings", "Project &settings…", lambda h: h.files.edit_project_settings(),
        Menu.FILE, "Ctrl+,", "Title, publisher and rating scale", section=2,
        keys_help="Project settings and rating scale", writes=True,
    ),
    Action(
        "restore-backup", "&Restore from backup…", lambda h: h.recovery.restore_open_project(),
        Menu.FILE, tip="Go back to one of the project's backups (the project as it is now is "
        "backed up first)", section=2,
    ),
    Action(
        "quit", "&Quit", lambda h: h.quit(), Menu.FILE, "Ctrl+Q", needs=_WITHOUT_PROJECT,
        section=3, keys_help=_NEW_OPEN_QUIT,
    ),
    # Edit (undo and redo, from the undo stack, come first)
    Action(
        "find", "&Find in article…", on_workbench(lambda w: w.open_find()), Menu.EDIT,
        "Ctrl+F", section=1, toolbar=11, keys_help=_FIND,
    ),
    # View (Ctrl+0 is "Clear verdict": the actual size has Ctrl+Shift+0)
    Action(
        "zoom-in", "Zoom &in", on_workbench(lambda w: w.article.set_zoom(w.article.zoom_steps + 1)),
        Menu.VIEW, QKeySequence.StandardKey.ZoomIn, "Show the article larger",
        keys_help=_ZOOM,
    ),
    Action(
        "zoom-out", "Zoom &out",
        on_workbench(lambda w: w.article.set_zoom(w.article.zoom_steps - 1)), Menu.VIEW,
        QKeySequence.StandardKey.ZoomOut, "Show the article smaller", keys_help=_ZOOM,
    ),
    Action(
        "zoom-reset", "&Actual size", on_workbench(lambda w: w.article.set_zoom(0)), Menu.VIEW,
        "Ctrl+Shift+0", "Show the article at the system font's size", keys_help=_ZOOM,
    ),
    # Claim (Set verdict › 1…9, made from the rating scale, follows "Mark as claim")
    Action(
        "create-claim", "&Mark as claim", on_workbench(lambda w: w.create_claim_from_selection()),
        Menu.CLAIM, "Ctrl+E", "Turn the selected text into a claim", toolbar=10, writes=True,
    ),
    Action(
        "clear-verdict", "&Clear verdict", on_workbench(lambda w: w.set_verdict(None)),
        Menu.CLAIM, "Ctrl+0", keys_help="Clear the selected claim's verdict", writes=True,
    ),
    Action(
        "next-claim", "&Next claim", on_workbench(lambda w: w.select_relative(1)), Menu.CLAIM,
        "Alt+Down", section=1, keys_help=_NEXT_PREVIOUS,
    ),
    Action(
        "previous-claim", "&Previous claim", on_workbench(lambda w: w.select_relative(-1)),
        Menu.CLAIM, "Alt+Up", section=1, keys_help=_NEXT_PREVIOUS,
    ),
    Action(
        "move-claim", "&Move claim to selection",
        on_workbench(lambda w: w.move_claim_to_selection()), Menu.CLAIM, "Ctrl+Shift+M",
        "Place the selected claim on the selected text (to confirm or fix it after a new "
        "version)", section=2, keys_help=_MOVE, writes=True,
    ),
    Action(
        "next-status", "Next &status",
        on_claim(lambda w, claim: w.edit_claim(claim, ClaimEdit(status=_after(claim.status)))),
        Menu.CLAIM, "Ctrl+T", "Move the selected claim on: draft → in review → done → draft",
        Needs.CLAIM, section=1, writes=True,
    ),
    Action(
        "delete-claim", "&Delete claim", on_workbench(lambda w: w.delete_claim()), Menu.CLAIM,
        tip="Delete the selected claim (Delete in the list)", section=2, writes=True,
    ),
    Action(
        "suggest-claims", "S&uggest claims", on_workbench(lambda w: w.suggester.toggle()),
        Menu.CLAIM, "Ctrl+G", "Show or hide the sentences most worth checking, as faint "
        "highlights with their score and reasons", Needs.DOCUMENT, section=3, toolbar=12,
        keys_help="Suggest claims: show / hide the sentences most worth checking",
    ),
    Action(
        "next-suggestion", "Ne&xt suggestion", on_workbench(lambda w: w.suggester.step(True)),
        Menu.CLAIM, "F8", needs=Needs.DOCUMENT, section=3, keys_help=_SUGGESTION_STEP,
    ),
    Action(
        "previous-suggestion", "Pre&vious suggestion",
        on_workbench(lambda w: w.suggester.step(False)), Menu.CLAIM, "Shift+F8",
        needs=Needs.DOCUMENT, section=3, keys_help=_SUGGESTION_STEP,
    ),
    Action(
        "accept-suggestion", "Mar&k suggestion as claim",
        on_workbench(lambda w: w.suggester.accept()), Menu.CLAIM,
        tip="The suggestion under the cursor becomes a claim (Enter, or a click on it)",
        needs=Needs.DOCUMENT, section=3, writes=True,
    ),
    Action(
        "dismiss-suggestion", "D&ismiss suggestion",
        on_workbench(lambda w: w.suggester.dismiss()), Menu.CLAIM,
        tip="Never suggest the sentence under the cursor again in this article (Backspace)",
        needs=Needs.DOCUMENT, section=3, writes=True,
    ),
    # Document
    Action(
        "import-article", "&Import article…", lambda h: h.documents.import_article(),
        Menu.DOCUMENT, "Ctrl+I", "Add an article file to the project", toolbar=1,
        keys_help="Import an article file", writes=True,
    ),
    Action(
        "paste-article", "&Paste as new article", lambda h: h.documents.paste_article(),
        Menu.DOCUMENT, "Ctrl+Shift+V", "Add the clipboard's text",
        keys_help="Paste the clipboard as a new article", writes=True,
    ),
    Action(
        "import-annotations", "Import &annotations…",
        lambda h: h.documents.import_annotations(), Menu.DOCUMENT,
        tip="Apply W3C Web Annotations (from Annotator or another tool)", writes=True,
    ),
    Action(
        "update-document", "&Update from file…", lambda h: h.documents.update_from_file(),
        Menu.DOCUMENT, tip="Store a newer version of this article and re-anchor its claims",
        needs=Needs.DOCUMENT, section=1, writes=True,
    ),
    Action(
        "view-revisions", "View &revisions…", lambda h: h.documents.view_revisions(),
        Menu.DOCUMENT, needs=Needs.DOCUMENT, section=1,
    ),
    Action(
        "delete-document", "&Remove this article from the project…",
        lambda h: h.documents.delete_document(), Menu.DOCUMENT, needs=Needs.DOCUMENT,
        section=2, writes=True,
    ),
    # Tools
    Action(
        "check-project", "&Check project", lambda h: h.recovery.check_open_project(),
        Menu.TOOLS, tip="Check the project file, every claim's place and every snapshot, as "
        "`annotator check` does",
    ),
    # Help
    Action(
        "shortcuts", "&Keyboard shortcuts",
        lambda h: show_shortcuts(h.dialog_parent(), shortcut_help(_scale(h))), Menu.HELP, "F1",
        needs=_WITHOUT_PROJECT, keys_help="This list of shortcuts",
    ),
    Action(
        "about", "&About Annotator", lambda h: show_about(h.dialog_parent()), Menu.HELP,
        needs=_WITHOUT_PROJECT,
    ),
)  # fmt: skip

# Keys that are not actions of their own: shown in Help › Keyboard shortcuts beside them.
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("Ctrl+1 … Ctrl+9", "Set the selected claim's verdict to the 1st … 9th rating"),
    ("Alt+S / Alt+T / Alt+O", "In the claim editor: go to Summary / Rationale / add a source"),
    ("Delete", "Delete the selected claim (in the claims list)"),
    ("Enter / click", "On a suggested claim in the article: mark it as a claim"),
    ("Backspace", "On a suggested claim: dismiss it (not suggested again in this article)"),
    ("Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y", "Undo / redo"),
    ("Ctrl+Return", "In notes or a rationale: save now (they also save after a pause)"),
)


def _keys(shortcut: str | QKeySequence.StandardKey) -> str:
    return QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.PortableText)


def shortcut_help(scale: tuple[Rating, ...] = ()) -> tuple[tuple[str, str], ...]:
    """Help › Keyboard shortcuts: every declared shortcut (actions sharing a line share a
    row), then the other keys, then which rating each Ctrl+digit sets in the project's
    ``scale``. The platform's standard keys need the QApplication."""
    rows: dict[str, list[str]] = {}
    for action in ACTIONS:
        if action.shortcut is not None:
            what = action.keys_help or action.tip or action.text.replace("&", "").rstrip("…")
            rows.setdefault(what, []).append(_keys(action.shortcut))
    ratings = tuple(
        (f"Ctrl+{number}", f"Rate the selected claim “{rating.label}”")
        for number, rating in enumerate(scale[:9], start=1)
    )
    return (*((" / ".join(keys), what) for what, keys in rows.items()), *OTHER_KEYS, *ratings)


def _scale(host: ActionHost) -> tuple[Rating, ...]:
    return host.workbench.info.scale if host.workbench is not None else ()


def build_actions(parent: QObject, host: ActionHost) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(spec.text, parent)
        action.setObjectName(spec.id)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(f"{spec.text.replace('&', '').rstrip('…')} — {spec.tip}")
        action.triggered.connect(lambda _=False, run=spec.run: run(host))
        actions[spec.id] = action
    actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    return actions


def on_toolbar() -> list[tuple[int, Action]]:
    """The toolbar's actions in order, with their section (the window puts undo and redo in
    section 2)."""
    placed = sorted((a.toolbar, n, a) for n, a in enumerate(ACTIONS) if a.toolbar is not None)
    return [(place // 10, action) for place, _, action in placed]


def in_menu(menu: Menu) -> Iterator[tuple[int, Action]]:
    """The menu's declared actions with their section, section by section (in the order they
    are declared within each), so that an action joins its section's group wherever it is
    declared."""
    mine = [action for action in ACTIONS if action.menu is menu]
    for action in sorted(mine, key=lambda action: action.section):
        yield action.section, action


def enabled(
    action: Action, *, project: bool, document: bool, claim: bool, writable: bool = True
) -> bool:
    if action.writes and not writable:
        return False
    match action.needs:
        case Needs.NOTHING:
            return True
        case Needs.PROJECT:
            return project
        case Needs.DOCUMENT:
            return project and document
        case Needs.CLAIM:
            return project and claim
