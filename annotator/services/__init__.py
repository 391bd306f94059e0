"""Use cases shared by the GUI and the command line. One call is one user action and one
transaction; calls return immutable snapshots of what they changed."""

from annotator.services.workspace import Workspace

__all__ = ["Workspace"]
