"""The exceptions Annotator raises for expected failures.

Every message is written for the person reading it: it says what is wrong and what to do.
The command line prints them as ``error: <message>``; the GUI shows them in a dialog.
"""


class AnnotatorError(Exception):
    """An expected failure with a message fit to show to the user."""


class ProjectError(AnnotatorError):
    """The project file cannot be used (missing, not a project, damaged, too new)."""


class ProjectLockedError(ProjectError):
    """Another process or window has the project open for writing."""


class ProjectDamagedError(ProjectError):
    """The project file is damaged: the window offers to restore a backup or salvage it.
    ``detail`` says what is damaged, without the file's name or the advice."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


class ProjectHeldError(ProjectLockedError):
    """Another process holds the writer lock right now (waiting may help)."""


class StoredDataError(ProjectError):
    """A value stored in the project can no longer be read (damage); the open project turns it
    into a message naming the file."""


class ProjectTooNewError(ProjectError):
    """The project was written by a newer version of Annotator."""


class DocumentImportError(AnnotatorError):
    """An article file cannot be read or understood."""


class AnchorError(AnnotatorError):
    """A claim's position or quote does not fit its document's text."""


class NotFoundError(AnnotatorError):
    """A document, claim, source or rating that the caller named does not exist."""


class ValidationError(AnnotatorError):
    """A value the user gave is not acceptable (empty, too long, wrong kind)."""


class ReportError(AnnotatorError):
    """A report file cannot be read, or a report cannot be written."""


class Cancelled(AnnotatorError):
    """The user stopped a long operation (an import, an export); nothing is wrong."""


class LibraryError(AnnotatorError):
    """The claim library cannot be opened, or a library source does not exist."""


class FeedError(LibraryError):
    """A fact-check feed cannot be read or holds no usable ClaimReview."""
