"""The ``annotator`` command line: the project operations, headless, for scripts and pipelines.

Exit status: 0 on success, 1 with one line ``error: ...`` on stderr for bad input, 2 for usage
errors (argparse). No traceback is ever shown for bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from annotator import __version__, cli_backup, cli_claims, cli_library, cli_snapshots, cli_suggest
from annotator.domain.model import AnchorState, ExportOptions, Source, Stance
from annotator.domain.wording import counted
from annotator.errors import AnnotatorError, ReportError, ValidationError
from annotator.formats.export_names import EXPORT_FORMAT_NAMES
from annotator.services import Workspace, lookup

# The format, export and import layers load in the commands that use them: `info` and
# `--version` start without them (docs/PERFORMANCE.md, P8).
if TYPE_CHECKING:
    from annotator.formats.report import Report

PdfRenderer = Callable[["Report"], bytes]

GUI_HINT = (
    "annotator [PROJECT-OR-ARTICLE] opens the app on that project or article; "
    "annotator --sample opens it on the sample article"
)


PROJECT_HELP = "the project file (.factcheck)"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="annotator",
        description="Annotator: a fact-checking workbench. Without a command, opens the app.",
        epilog=GUI_HINT,
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("new", help="create a new project file")
    p.add_argument("project", type=Path, help=PROJECT_HELP)
    p.add_argument("--title", default="", help="the project's title (default: the file name)")

    p = sub.add_parser("add-document", help="import an article; prints the document id")
    p.add_argument("project", type=Path, help=PROJECT_HELP)
    p.add_argument("file", type=Path, help="the article: .txt, .md, .html, .docx or .pdf")
    p.add_argument("--title", default="", help="the article's headline (default: from the file)")
    cli_claims.add_document_detail_options(p)

    p = sub.add_parser(
        "update-document", help="store a new version of an article and re-anchor its claims"
    )
    p.add_argument("project", type=Path, help=PROJECT_HELP)
    p.add_argument("document", metavar="DOCUMENT", help=cli_claims.DOCUMENT_HELP)
    p.add_argument("file", type=Path, help="the article's new version")
    p.add_argument(
        "--force",
        action="store_true",
        help="store it even if it looks like the wrong file (most claims lost, little text kept)",
    )

    p = sub.add_parser(
        "set-project",
        help="set the title, checker and publisher (ClaimReview needs the publisher); "
        "prints the settings",
    )
    p.add_argument("project", type=Path, help=PROJECT_HELP)
    p.add_argument("--title", help="the project's title")
    p.add_argument(
        "--checker",
        metavar="NAME",
        help="the name recorded on new verdicts in this project, instead of the app's "
        "(set-checker); '' goes back to the app's",
    )
    p.add_argument("--publisher-name", metavar="NAME", help="the fact-checking organisation")
    p.add_argument("--publisher-url", metavar="URL", help="the organisation's website")
    p.add_argument("--publisher-logo", metavar="URL", help="the address of its logo image")
    p.add_argument(
        "--review-url", metavar="URL", help="where the fact-checks are published (ClaimReview url)"
    )

    cli_claims.add_parsers(sub)

    p = sub.add_parser("set-verdict", help="rate a claim")
    p.add_argument("project", type=Path, help=PROJECT_HELP)
    p.add_argument("claim", help=cli_claims.CLAIM_HELP)
    p.add_argument("rating", help="a rating key of the project's scale (e.g. mostly-true)")
    p.add_argument("--rationale", default="", help="why the claim gets this rating")

    p = sub.add_parser("add-source", help="attach a source to a claim; prints the source id")
    p.add_argument("project", type=Path, help=PROJECT_HELP)
    p.add_argument("claim", help=cli_claims.CLAIM_HELP)
    p.add_argument("url", help="the source's web address (https://...)")
    p.add_argument("--title", default="", help="the source's title")
    p.add_argument("--publisher", default="", help="who published the source")
    p.add_argument(
        "--stance",
        choices=[s.value for s in Stance],
        default=Stance.CONTEXT.value,
        help="what the source says about the claim (default: context)",
    )
    p.add_argument("--excerpt", default="", help="the passage of the source that matters")

    p = sub.add_parser("export", help="write a report (stdout without -o)")
    p.add_argument("project", type=Path, help=PROJECT_HELP)
    p.add_argument(
        "--format", choices=list(EXPORT_FORMAT_NAMES), default="json", help="the report format"
    )
    p.add_argument("-o", "--output", type=Path, help="the file to write (default: stdout)")
    p.add_argument("--no-drafts", action="store_true", help="leave out claims still in draft")
    p.add_argument(
        "--only-with-claims", action="store_true", help="leave out articles without claims"
    )
    cli_snapshots.add_export_options(p)

    p = sub.add_parser("import", help="make a new project from a native JSON report")
    p.add_argument("report", type=Path, help="the report file (annotator export --format json)")
    p.add_argument("project", type=Path, help="the new project file to create")

    p = sub.add_parser(
        "import-annotations", help="apply a W3C Web Annotation collection to the project"
    )
    p.add_argument("project", type=Path, help=PROJECT_HELP)
    p.add_argument("file", type=Path, help="the annotation collection (.jsonld or .json)")

    p = sub.add_parser("info", help="documents, claims and verdict counts")
    p.add_argument("project", type=Path, help=PROJECT_HELP)
    p.add_argument("--json", action="store_true", help="print the counts as JSON")

    p = sub.add_parser("check", help="integrity check; exit 1 if the project is damaged")
    p.add_argument("project", type=Path, help=PROJECT_HELP)

    sub.add_parser("schema", help="print the JSON Schema of the native report")
    cli_suggest.add_parsers(sub)
    cli_library.add_parsers(sub)
    cli_snapshots.add_parsers(sub)
    cli_backup.add_parsers(sub)
    for name in _WRITE_COMMANDS:
        sub.choices[name].add_argument(
            "--wait",
            type=float,
            default=0,
            metavar="SECONDS",
            help="if another window or process is editing the project, retry for up to "
            "SECONDS instead of refusing at once",
        )
    return parser


# The commands that change an existing project, and so take its one-writer lock.
_WRITE_COMMANDS = (
    "set-project",
    "add-document",
    "update-document",
    "add-claim",
    "set-verdict",
    "add-source",
    "import-annotations",
)


def main(argv: Sequence[str], *, pdf_renderer: PdfRenderer | None = None) -> int:
    parser = build_parser()
    for argument in argv:
        if _not_utf8(argument):
            # The shell passed bytes that are not UTF-8 (Python keeps them as surrogates);
            # storing them would fail later with an encoding traceback.
            print(f"error: the argument {argument!r} is not valid UTF-8 text.", file=sys.stderr)
            return 2
    args = parser.parse_args(list(argv))
    cli_claims.check_add_claim_options(parser, args)
    if args.command is None:
        parser.print_help()
        return 2
    handler = _HANDLERS[args.command]
    try:
        return handler(args, pdf_renderer)
    except AnnotatorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1


def _not_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _new(args: argparse.Namespace, _pdf: PdfRenderer | None) -> int:
    with Workspace.create(args.project, args.title):
        print(args.project)
    return 0


def _add_document(args: argparse.Namespace, _pdf: PdfRenderer | None) -> int:
    with Workspace.open(args.project, wait=args.wait) as workspace:
        details = cli_claims.document_edit(args, with_title=False)
        added = workspace.documents.add_file_once(args.file, title=args.title, details=details)
    if not added.new:
        print(
            f"{args.file}: this project already has its text, as “{added.document.title}”; "
            "nothing was added (a changed version goes in with update-document).",
            file=sys.stderr,
        )
    print(added.document.id)
    return 0


def _update_document(args: argparse.Namespace, _pdf: PdfRenderer | None) -> int:
    from annotator.formats.importers import import_file

    with Workspace.open(args.project, wait=args.wait) as workspace:
        document = lookup.document_id(workspace.database, args.document)
        imported = import_file(args.file)
        doubt = workspace.revisions.preview(document, imported).doubt
        if doubt is not None and not args.force:
            raise ValidationError(f"{doubt} Nothing was stored; use --force to update anyway.")
        update = workspace.revisions.update(document, imported)
    counts = ", ".join(f"{update.count(state)} {state.value}" for state in AnchorState)
    print(f"revision {update.document.revision}: {counts}")
    for outcome in update.outcomes:
        claim = outcome.claim
        if claim.anchor_state.needs_review or outcome.changes:
            state = claim.anchor_state.value
            print(f"  {state:<9} {claim.label:>5}  {claim.id}  {_short(claim.quote)}")
            for change in outcome.changes:
                print(f"      {change.kind}: {_short(change.old)!r} -> {_short(change.new)!r}")
    return 0


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _set_verdict(args: argparse.Namespace, _pdf: PdfRenderer | None) -> int:
    with Workspace.open(args.project, wait=args.wait) as workspace:
        claim = lookup.claim_id(workspace.database, args.claim)
        workspace.claims.set_verdict(claim, args.rating, args.rationale)
    return 0


def _add_source(args: argparse.Namespace, _pdf: PdfRenderer | None) -> int:
    with Workspace.open(args.project, wait=args.wait) as workspace:
        source, _created = workspace.sources.cite(
            lookup.claim_id(workspace.database, args.claim),
            Source(id="", url=args.url, title=args.title, publisher=args.publisher),
            Stance(args.stance),
            args.excerpt,
        )
    print(source.id)
    return 0


def _export(args: argparse.Namespace, pdf: PdfRenderer | None) -> int:
    from annotator.formats.exporters import export_warnings
    from annotator.services.exports import (
        check_export_target,
        render_report,
        selected,
        write_export_data,
    )
    from annotator.services.reports import build_report

    if args.output is None and args.format == "pdf" and sys.stdout.isatty():
        raise ReportError("A PDF is binary and would garble the terminal: give -o FILE.pdf.")
    if args.bundle is not None:
        return cli_snapshots.export_bundle(args)
    options = ExportOptions(
        include_drafts=not args.no_drafts, only_with_claims=args.only_with_claims
    )
    with Workspace.open(args.project, read_only=True) as workspace:
        snapshots = args.format == "json" and args.snapshots
        report = selected(build_report(workspace, snapshots=snapshots), options)
        if args.output is not None:
            check_export_target(workspace.path, args.output)  # before a long rendering
        data = render_report(report, args.format, pdf_renderer=pdf)
        if args.output is None:
            try:
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
            except BrokenPipeError:
                raise  # the reader went away (`| head`): main() exits quietly
            except OSError as exc:  # a full disk, or a device that refuses it (`> /dev/full`)
                raise ReportError(
                    f"Cannot write the report to standard output: {exc.strerror or exc}."
                ) from None
        else:
            write_export_data(workspace, args.output, data)
    for warning in export_warnings(report, args.format):
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace, _pdf: PdfRenderer | None) -> int:
    from annotator.services.reports import import_report, read_report

    report = read_report(args.report)
    with import_report(report, args.project) as workspace:
        stats = workspace.project.statistics()
    print(
        f"{args.project}: {counted(stats.documents, 'document')}, "
        f"{counted(stats.claims, 'claim')} imported"
    )
    return 0


def _import_annotations(args: argparse.Namespace, _pdf: PdfRenderer | None) -> int:
    from annotator.services.interchange import import_annotations

    with Workspace.open(args.project, wait=args.wait) as workspace:
        summary = import_annotations(workspace, args.file)
    print(
        f"{counted(summary.placed, 'claim')} placed, "
        f"{counted(summary.skipped, 'annotation')} not placed"
    )
    for reason in summary.flagged:
        print(f"  review: {reason}")
    return 0


def _set_project(args: argparse.Namespace, _pdf: PdfRenderer | None) -> int:
    """Change the settings given (all in one transaction) and print them all."""
    given = {
        "name": args.publisher_name,
        "url": args.publisher_url,
        "logo": args.publisher_logo,
        "review_url": args.review_url,
    }
    changes = {field: value.strip() for field, value in given.items() if value is not None}
    with Workspace.open(args.project, wait=args.wait) as workspace:
        current = workspace.project.info().publisher
        info = workspace.project.update(
            title=args.title,
            checker=args.checker,
            publisher=replace(current, **changes) if changes else None,
        )
    publisher = info.publisher
    for label, value in (
        ("title", info.title),
        ("checker", info.checker),
        ("publisher name", publisher.name),
        ("publisher url", publisher.url),
        ("publisher logo", publisher.logo),
        ("review url", publisher.review_url),
    ):
        print(f"{label + ':':<16}{value or '(not set)'}")
    return 0


def _info(args: argparse.Namespace, _pdf: PdfRenderer | None) -> int:
    with Workspace.open(args.project, read_only=True) as workspace:
        info = workspace.project.info()
        stats = workspace.project.statistics()
        documents = workspace.documents.all()
    labels = {r.key: r.label for r in info.scale}
    if args.json:
        data = {
            "title": info.title,
            "documents": [
                {"id": d.id, "title": d.title, "claims": d.claim_count, "revision": d.revision}
                for d in documents
            ],
            "claims": stats.claims,
            "sources": stats.sources,
            "verdicts": dict(stats.by_rating),
            "unrated": stats.unrated,
            "status": dict(stats.by_status),
            "needs_review": stats.needs_review,
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(f"{info.title}  ({args.project})")
    print(
        f"{counted(stats.documents, 'document')}, {counted(stats.claims, 'claim')}, "
        f"{counted(stats.sources, 'source')}"
    )
    for document in documents:
        print(f"  {document.id}  {document.title}  ({counted(document.claim_count, 'claim')})")
    print("Verdicts:")
    for key, count in stats.by_rating:
        print(f"  {labels[key]:<16}{count:>6}")
    print(f"  {'Unrated':<16}{stats.unrated:>6}")
    if stats.needs_review:
        needs = "needs" if stats.needs_review == 1 else "need"
        print(f"{counted(stats.needs_review, 'claim')} {needs} review after a new revision")
    return 0


def _check(args: argparse.Namespace, _pdf: PdfRenderer | None) -> int:
    from annotator.services.integrity import check_project, damage_advice

    problems = check_project(args.project)
    if problems:
        for problem in problems:
            print(f"problem: {problem}", file=sys.stderr)
        print(
            f"error: {args.project} is damaged ({len(problems)} problem"
            f"{'s' if len(problems) > 1 else ''}); {damage_advice(args.project)}",
            file=sys.stderr,
        )
        return 1
    print(f"{args.project}: ok")
    return 0


def _schema(_args: argparse.Namespace, _pdf: PdfRenderer | None) -> int:
    from annotator.formats.report import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


_HANDLERS: dict[str, Callable[[argparse.Namespace, PdfRenderer | None], int]] = {
    "new": _new,
    "set-project": _set_project,
    "add-document": _add_document,
    "update-document": _update_document,
    **cli_claims.HANDLERS,
    "set-verdict": _set_verdict,
    "add-source": _add_source,
    "export": _export,
    "import": _import,
    "import-annotations": _import_annotations,
    "info": _info,
    "check": _check,
    "schema": _schema,
    **cli_suggest.HANDLERS,
    **cli_library.HANDLERS,
    **cli_snapshots.HANDLERS,
    **cli_backup.HANDLERS,
}

COMMANDS = frozenset(_HANDLERS)
