"""What an installed package needs at run time ships inside it: the icon, the sample article
and the schema migrations (``pip install .`` once left the sample outside)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import annotator
from annotator.paths import resources_dir, sample_article

ROOT = Path(__file__).resolve().parents[1]


def test_resources_are_found_inside_the_package() -> None:
    package = Path(annotator.__file__).resolve().parent
    assert resources_dir().parent == package
    assert sample_article().is_file()
    assert (resources_dir() / "icons" / "annotator.svg").is_file()


def test_package_data_names_every_file_the_app_opens() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["annotator"]
    package = Path(annotator.__file__).resolve().parent
    shipped = {p for pattern in patterns for p in package.glob(pattern) if p.is_file()}
    assert sample_article() in shipped
    assert resources_dir() / "icons" / "annotator.svg" in shipped
    assert resources_dir() / "models" / "checkworthy.json.gz" in shipped
    versions = package / "storage" / "migrations" / "versions"
    assert set(versions.glob("*.py")) <= shipped
    assert not any("screenshots" in str(p) for p in shipped)  # README pictures stay out
