"""Published reports never reveal where on the checker's computer an article was stored.

A document imported from a file keeps its full path in the project (the window may show it), but
every report, the native JSON included, shows at most the file name, and the linked-data formats
(ClaimReview, Web Annotation), which need an address, show none at all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.formats.exporters import EXPORT_FORMATS
from annotator.formats.exporters.html_print import render_print_html
from annotator.formats.exporters.report_parts import public_origin
from annotator.formats.report import Report, report_json
from annotator.services import Workspace
from annotator.services.reports import build_report, import_report, parse_report
from tests.fixtures.report_fixture import fixture_report

LOCAL_ORIGINS = {
    "posix": ("/home/jdoe-private/Leak-Folder/source article.html", "source article.html"),
    "windows": (r"C:\Users\jdoe-private\Leak-Folder\source article.html", "source article.html"),
    "file-url": (
        "file:///home/jdoe-private/Leak-Folder/source%20article.html",
        "source article.html",
    ),
    "unc": (r"\\newsroom-nas\jdoe-private\Leak-Folder\source article.html", "source article.html"),
}
FOLDER_WORDS = ("jdoe-private", "Leak-Folder", "newsroom-nas", "file:")
PUBLIC = [name for name, fmt in EXPORT_FORMATS.items() if fmt.render and name != "json"]


def _with_origin(origin: str) -> Report:
    report = fixture_report()
    documents = [document.model_copy(update={"origin": origin}) for document in report.documents]
    return report.model_copy(update={"documents": documents})


def _public_outputs(report: Report) -> dict[str, str]:
    outputs = {}
    for name in PUBLIC:
        render = EXPORT_FORMATS[name].render
        assert render is not None
        outputs[name] = render(report).decode("utf-8-sig")
    outputs["print-html"] = render_print_html(report)
    return outputs


@pytest.mark.parametrize("kind", sorted(LOCAL_ORIGINS))
def test_no_public_format_carries_a_local_path(kind: str) -> None:
    origin, _ = LOCAL_ORIGINS[kind]
    outputs = _public_outputs(_with_origin(origin))
    assert set(outputs) == {
        "html",
        "print-html",
        "markdown",
        "csv",
        "claimreview",
        "webannotation",
    }
    for name, output in outputs.items():
        for word in FOLDER_WORDS:
            assert word not in output, f"{name} export reveals {word!r} of {origin!r}"


@pytest.mark.parametrize("kind", sorted(LOCAL_ORIGINS))
def test_readable_reports_name_the_file_only(kind: str) -> None:
    origin, name = LOCAL_ORIGINS[kind]
    outputs = _public_outputs(_with_origin(origin))
    for fmt in ("html", "print-html", "markdown"):
        assert name in outputs[fmt], fmt
        assert f">{name}</a>" not in outputs[fmt], f"{fmt} links a local file"
        assert f"[{name}]" not in outputs[fmt], f"{fmt} links a local file"


@pytest.mark.parametrize("kind", sorted(LOCAL_ORIGINS))
def test_linked_data_formats_give_a_local_file_no_address(kind: str) -> None:
    origin, name = LOCAL_ORIGINS[kind]
    report = _with_origin(origin)
    claimreview = EXPORT_FORMATS["claimreview"].render
    webannotation = EXPORT_FORMATS["webannotation"].render
    assert claimreview is not None
    assert webannotation is not None
    reviews = json.loads(claimreview(report))
    assert reviews
    for review in reviews:
        assert "url" not in review["itemReviewed"]["appearance"]
    items = json.loads(webannotation(report))["first"]["items"]
    sources = {item["target"]["source"] for item in items}
    assert sources == {f"urn:sha256:{document.sha256}" for document in report.documents}
    assert name not in json.dumps(items)


def test_the_native_json_report_names_a_local_file_by_its_name_alone(
    workspace: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "amina" / "private notes"
    folder.mkdir(parents=True)
    article = folder / "field-notes.txt"
    article.write_text("Field notes\nThe group met.\n", encoding="utf-8")
    workspace.documents.add_file(article)
    first = report_json(build_report(workspace, "2026-12-04T10:00:00Z"))
    [document] = json.loads(first)["documents"]
    assert document["origin"] == "field-notes.txt"
    assert "amina" not in first.decode("utf-8")
    with import_report(parse_report(first, "r.json"), tmp_path / "copy.factcheck") as copy:
        assert report_json(build_report(copy, "2026-12-04T10:00:00Z")) == first


def test_web_addresses_stay_whole_and_linked() -> None:
    url = "https://news.example.com/2018/03/pakistan-russia?page=2"
    assert public_origin(f"  {url} ") == url
    outputs = _public_outputs(_with_origin(url))
    assert f'<a href="{url.replace("&", "&amp;")}"' in outputs["html"]
    assert f"(<{url}>)" in outputs["markdown"]
    assert url in outputs["claimreview"]
    assert url in outputs["webannotation"]


@pytest.mark.parametrize(
    ("origin", "shown"),
    [
        ("/home/amina/notes/field-notes.txt", "field-notes.txt"),
        (r"D:\Recherche\artikel.docx", "artikel.docx"),
        ("file:///C:/Users/jane/My%20Article.pdf", "My Article.pdf"),
        ("~/Downloads/", "Downloads"),
        ("clipboard", "clipboard"),
        ("", ""),
    ],
)
def test_public_origin_of_local_files_is_the_file_name(origin: str, shown: str) -> None:
    assert public_origin(origin) == shown


def test_credentials_in_a_web_address_are_not_published() -> None:
    assert (
        public_origin("https://ana:s3cret@intranet.example.org:8443/draft?id=4")
        == "https://intranet.example.org:8443/draft?id=4"
    )
