"""What start-up pays for: the window shows before the database layers load, and opening a
project loads no document-format library (those load on the first import of such a file)."""

from __future__ import annotations

import json
import subprocess
import sys

FORMAT_LIBRARIES = (
    "pdfminer",
    "docx",
    "markdown_it",
    "charset_normalizer",
    "nh3",
    "pydantic",
    "warcio",
)


def _loaded_after(code: str) -> set[str]:
    probe = code + (
        "\nimport json, sys\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_window_module_loads_no_database_or_format_library() -> None:
    loaded = _loaded_after("import annotator.ui.main_window")
    assert not loaded & {"sqlalchemy", "alembic", *FORMAT_LIBRARIES}


def test_opening_a_project_loads_no_format_library() -> None:
    loaded = _loaded_after(
        "import tempfile, pathlib\n"
        "from annotator.services import Workspace\n"
        "path = pathlib.Path(tempfile.mkdtemp()) / 'p.factcheck'\n"
        "Workspace.create(path).close()\n"
        "with Workspace.open(path) as workspace:\n"
        "    workspace.documents.all()\n"
    )
    assert "sqlalchemy" in loaded
    assert not loaded & set(FORMAT_LIBRARIES)


def test_every_article_type_has_an_importer_and_none_loads_before_use() -> None:
    from annotator.formats.article_types import ARTICLE_SUFFIXES
    from annotator.formats.importers import IMPORTERS

    assert set(ARTICLE_SUFFIXES.values()) == set(IMPORTERS)
    loaded = _loaded_after("import annotator.formats.importers")
    assert not loaded & set(FORMAT_LIBRARIES)


def test_the_window_opens_a_project_without_the_exporters() -> None:
    """The project side of the window (session, workbench, commands) loads no format library
    either: the exporters and pydantic load with the first export."""
    loaded = _loaded_after("import annotator.ui.session, annotator.ui.workbench")
    assert not loaded & set(FORMAT_LIBRARIES)


def test_version_loads_no_database_validation_or_qt_library() -> None:
    loaded = _loaded_after(
        "import contextlib, io\n"
        "from annotator.__main__ import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    assert main(['--version']) == 0\n"
        "from annotator import __version__\n"
        "assert out.getvalue() == f'annotator {__version__}\\n'\n"
    )
    assert not loaded & {"sqlalchemy", "alembic", "PySide6", *FORMAT_LIBRARIES}


def test_info_loads_no_document_format_library_or_qt() -> None:
    loaded = _loaded_after(
        "import contextlib, io, tempfile, pathlib\n"
        "from annotator.services import Workspace\n"
        "path = pathlib.Path(tempfile.mkdtemp()) / 'p.factcheck'\n"
        "Workspace.create(path, 'Small').close()\n"
        "from annotator.__main__ import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    assert main(['info', str(path)]) == 0\n"
        "assert out.getvalue().startswith('Small  (')\n"
    )
    assert "sqlalchemy" in loaded
    # pydantic is part of the floor `info` is measured against (make bench, P8b).
    assert not loaded & ({"PySide6", *FORMAT_LIBRARIES} - {"pydantic"})


def test_the_export_names_the_parser_offers_are_the_export_formats() -> None:
    from annotator.formats.export_names import EXPORT_FORMAT_NAMES
    from annotator.formats.exporters import EXPORT_FORMATS

    assert list(EXPORT_FORMAT_NAMES) == list(EXPORT_FORMATS)


def test_opening_a_project_in_the_window_loads_no_re_anchoring() -> None:
    loaded = _loaded_after(
        "import annotator.ui.workbench, annotator.ui.session\n"
        "import tempfile, pathlib\n"
        "from annotator.services import Workspace\n"
        "path = pathlib.Path(tempfile.mkdtemp()) / 'p.factcheck'\n"
        "Workspace.create(path).close()\n"
        "with Workspace.open(path) as workspace:\n"
        "    workspace.claims.all()\n"
    )
    assert "rapidfuzz" not in loaded
