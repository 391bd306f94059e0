"""Deciding what a path given to the app means: a project to open, or an article to make a
project from; and the sample project."""

from __future__ import annotations

import os
from pathlib import Path

from annotator.formats.importers import ImportedDocument, import_file
from annotator.paths import PROJECT_SUFFIX, data_dir, sample_article
from annotator.services.documents import title_from_filename
from annotator.services.workspace import Workspace

SAMPLE_PROJECT_NAME = "Sample — Pakistan and Russia (2018)"
SAMPLE_DOCUMENT_TITLE = "Pakistan and Russia hold strategic stability talks (news report)"


def project_path_for_article(article: Path) -> Path:
    """Where the project for an article goes: beside it, or in the user's data folder when the
    article's folder cannot be written."""
    beside = article.with_suffix(PROJECT_SUFFIX)
    if os.access(article.parent, os.W_OK):
        return beside
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder / beside.name


def open_for_article(article: Path, imported: ImportedDocument) -> Workspace:
    """Open (or create) the project that belongs to an article, with the article in it."""
    project = project_path_for_article(article)
    if project.exists():
        workspace = Workspace.open(project)
    else:
        workspace = Workspace.create(project, imported.title or title_from_filename(article))
    try:
        # A project that already has this text keeps it as it is (the service's rule).
        workspace.documents.add(imported, title=imported.title or title_from_filename(article))
    except BaseException:
        workspace.close()
        raise
    return workspace


def sample_project_path() -> Path:
    return data_dir() / f"sample{PROJECT_SUFFIX}"


def open_sample() -> Workspace:
    """The sample project in the user's data folder, created from the shipped article once."""
    project = sample_project_path()
    if project.exists():
        return Workspace.open(project)
    project.parent.mkdir(parents=True, exist_ok=True)
    workspace = Workspace.create(project, SAMPLE_PROJECT_NAME)
    try:
        workspace.documents.add(import_file(sample_article()), title=SAMPLE_DOCUMENT_TITLE)
    except BaseException:
        workspace.close()
        raise
    return workspace
