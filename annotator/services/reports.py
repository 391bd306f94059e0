"""Building the native report from a project, and making a new project from a report."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pydantic
from sqlalchemy import select
from sqlalchemy.orm import Session

from annotator import __version__
from annotator.domain.body import Block, blocks_from_json, plain_body
from annotator.domain.model import (
    Anchor,
    AnchorState,
    Claim,
    Claimant,
    ClaimStatus,
    Document,
    DocumentInfo,
    Rating,
    RevisionRecord,
    Source,
    SourceLink,
    Stance,
    Verdict,
)
from annotator.errors import ProjectError, ReportError
from annotator.formats import report as r
from annotator.formats.exporters.report_parts import public_origin
from annotator.formats.json_input import NumberTooLongError, load_json
from annotator.services.common import utc_now
from annotator.services.report_snapshots import (
    fill_excerpt_origins,
    fill_snapshots,
    report_excerpt_origins,
    report_sources,
)
from annotator.services.workspace import Workspace
from annotator.storage.database import damage_advice, foreign_key_problems, remove_sidecars
from annotator.storage.rows import (
    Base,
    ClaimRow,
    ClaimSourceRow,
    ProjectRow,
    RatingRow,
    SourceRow,
    claim_source_values,
    claim_values,
    document_row,
    rating_row,
    revision_row,
    source_values,
)

MAX_REPORT_BYTES = 500 * 1024 * 1024


def build_report(
    workspace: Workspace, exported_at: str | None = None, *, snapshots: bool = True
) -> r.Report:
    """The whole project as a report model, read in one transaction: a consistent snapshot,
    even while another process writes to the project. ``snapshots=False`` leaves the
    snapshots' bytes out (their hashes, sizes and metadata stay). A document imported from a
    local file names only the file as its origin: a report is sent to others, and the
    folders around it (with the checker's user name) are nobody else's business. A damaged
    project (rows pointing to missing rows, a text that no longer matches its hash) is refused
    with a ProjectError: a report of it would not be the project the checker made."""
    with workspace.database.session() as session:
        problems = foreign_key_problems(session)
        if problems:
            raise _not_exported(workspace.path, _summary(problems))
        try:
            return _build_report(workspace, exported_at, snapshots)
        except pydantic.ValidationError as exc:
            raise _not_exported(workspace.path, _first_error(exc)) from None


def _not_exported(path: Path, problem: str) -> ProjectError:
    return ProjectError(
        f"{path} is damaged ({problem}), so nothing was exported; `annotator check {path}` "
        f"lists every problem. {_sentence(damage_advice(path))}"
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _summary(problems: list[str]) -> str:
    more = len(problems) - 1
    return problems[0] + (f" and {more} more problem{'s' if more > 1 else ''}" if more else "")


def _build_report(workspace: Workspace, exported_at: str | None, snapshots: bool) -> r.Report:
    info = workspace.project.info()
    labels = {rating.key: rating.label for rating in info.scale}
    origins = report_excerpt_origins(workspace)
    documents = []
    for doc_info in workspace.documents.all():
        document = workspace.documents.get(doc_info.id)
        documents.append(
            r.ReportDocument(
                id=doc_info.id,
                title=doc_info.title,
                author=doc_info.author,
                publisher=doc_info.publisher,
                published=doc_info.published,
                origin=public_origin(doc_info.origin),
                format=doc_info.format,
                lang=doc_info.lang,
                direction="rtl" if doc_info.direction == "rtl" else "ltr",
                revision=doc_info.revision,
                created_at=doc_info.created_at,
                text=document.text,
                sha256=document.sha256,
                blocks=[_report_block(b) for b in document.blocks],
                claims=[
                    _report_claim(c, labels, origins) for c in workspace.claims.all(doc_info.id)
                ],
                original=_b64(workspace.documents.original(doc_info.id)[0]),
                revisions=[_report_revision(x) for x in workspace.revisions.history(doc_info.id)],
            )
        )
    return r.Report(
        generator=f"annotator {__version__}",
        exported_at=exported_at or utc_now(),
        project=r.ReportProject(
            title=info.title,
            checker=info.checker,
            publisher=r.ReportPublisher(
                name=info.publisher.name,
                url=info.publisher.url,
                logo=info.publisher.logo,
                review_url=info.publisher.review_url,
            ),
            rating_scale=[
                r.ReportRating(key=x.key, label=x.label, color=x.color, value=x.value)
                for x in info.scale
            ],
        ),
        documents=documents,
        sources=report_sources(
            workspace, include_bytes=snapshots, max_report_bytes=MAX_REPORT_BYTES
        ),
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _report_revision(record: RevisionRecord) -> r.ReportRevision:
    return r.ReportRevision(
        number=record.number,
        title=record.title,
        format=record.format,
        origin=public_origin(record.origin),
        created_at=record.created_at,
        text=record.text,
        sha256=record.sha256,
        blocks=[_report_block(b) for b in record.blocks],
        anchors=record.anchors,
        original=_b64(record.original),
    )


def _report_block(block: Block) -> r.ReportBlock:
    return r.built(
        r.ReportBlock,
        kind=block.kind.value,
        text=block.text,
        level=block.level,
        ordered=block.ordered,
        direction=block.direction,
        page=block.page,
        page_breaks=list(block.page_breaks),
        alt=block.alt,
        caption=block.caption,
        credit=block.credit,
        marks=[
            r.built(r.ReportMark, kind=m.kind.value, start=m.start, end=m.end, href=m.href)
            for m in block.marks
        ],
    )


def _report_claim(
    claim: Claim,
    labels: dict[str, str],
    origins: dict[tuple[str, str], r.ReportExcerptOrigin],
) -> r.ReportClaim:
    """A stored claim as a report claim. The values were checked when they were stored, so the
    models are built without validating again (``r.built``): at 10,000 claims the checks cost
    more than writing the JSON. Every field is given; none is left to a default."""
    verdict = claim.verdict
    return r.built(
        r.ReportClaim,
        id=claim.id,
        number=claim.number or None,
        start=claim.start,
        end=claim.end,
        quote=claim.quote,
        prefix=claim.anchor.prefix,
        suffix=claim.anchor.suffix,
        summary=claim.summary,
        status=claim.status.value,
        tags=list(claim.tags),
        notes=claim.notes,
        claimant=r.built(
            r.ReportClaimant,
            name=claim.claimant.name,
            role=claim.claimant.role,
            url=claim.claimant.url,
        ),
        claim_date=claim.claim_date,
        anchor_state=claim.anchor_state.value,
        verdict=r.built(
            r.ReportVerdict,
            rating=verdict.rating,
            label=labels.get(verdict.rating, verdict.rating),
            rationale=verdict.rationale,
            rated_by=verdict.rated_by,
            rated_at=verdict.rated_at,
        )
        if verdict
        else None,
        sources=[
            r.built(
                r.ReportClaimSource,
                id=link.source.id,
                url=link.source.url,
                title=link.source.title,
                publisher=link.source.publisher,
                stance=link.stance.value,
                excerpt=link.excerpt,
                excerpt_from=origins.get((claim.id, link.source.id)),
                accessed=link.source.accessed,
            )
            for link in claim.sources
        ],
        created_at=claim.created_at,
        updated_at=claim.updated_at,
    )


def read_report(path: Path) -> r.Report:
    """Read and fully validate a native report file."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReportError(f"{path}: no such file; check the path.") from None
    except OSError as exc:
        raise ReportError(f"Cannot read {path}: {exc.strerror}.") from None
    if size > MAX_REPORT_BYTES:
        raise ReportError(
            f"{path} is {size / 1e6:.0f} MB, over the "
            f"{MAX_REPORT_BYTES // 10**6} MB limit for a report."
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(f"Cannot read {path}: {exc.strerror}.") from None
    return parse_report(data, str(path))


def parse_report(data: bytes, name: str) -> r.Report:
    try:
        raw = load_json(data)
    except NumberTooLongError as exc:
        raise ReportError(f"{name} is not a valid report: {exc}; it is damaged.") from None
    except (RecursionError, MemoryError):
        raise ReportError(
            f"{name} is nested too deeply to be a report; it is damaged or not a report."
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = (
            f" (line {exc.lineno}, column {exc.colno})"
            if isinstance(exc, json.JSONDecodeError)
            else ""
        )
        raise ReportError(
            f"{name} is not valid JSON{where}; it is damaged or not a report. "
            "Export the report again from Annotator."
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != r.FORMAT_NAME:
        raise ReportError(
            f'{name} is not an Annotator report (it lacks "format": "{r.FORMAT_NAME}"); '
            "give a file made by `annotator export`."
        )
    version = raw.get("version")
    if isinstance(version, int) and version > r.FORMAT_VERSION:
        raise ReportError(
            f"{name} is a version {version} report, newer than this Annotator reads "
            f"(version {r.FORMAT_VERSION}); update Annotator."
        )
    try:
        return r.Report.model_validate(raw)
    except pydantic.ValidationError as exc:
        raise ReportError(f"{name} is not a valid report: {_first_error(exc)}.") from None


def _first_error(exc: pydantic.ValidationError) -> str:
    error = exc.errors()[0]
    location = ".".join(str(part) for part in error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    more = len(exc.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{location}: {message}{suffix}" if location else f"{message}{suffix}"


def import_report(report: r.Report, project_path: Path) -> Workspace:
    """Create a new project at ``project_path`` holding everything in ``report``, same ids."""
    if project_path.exists():
        raise ProjectError(
            f"{project_path} already exists; importing makes a new project, "
            "so give a new file name."
        )
    workspace = Workspace.create(project_path, report.project.title)
    try:
        with workspace.database.session() as session:
            _fill(session, report)
    except BaseException:
        workspace.close()
        project_path.unlink(missing_ok=True)
        remove_sidecars(project_path)
        raise
    return workspace


def _fill(session: Session, report: r.Report) -> None:
    """Store a validated report: settings through the ORM, the bulk (sources, claims, links)
    as multi-row Core INSERTs (executemany), one statement per table."""
    project = session.get(ProjectRow, 1)
    assert project is not None
    project.checker = report.project.checker
    publisher = report.project.publisher
    project.publisher_name, project.publisher_url = publisher.name, publisher.url
    project.publisher_logo, project.review_url = publisher.logo, publisher.review_url
    for row in session.scalars(select(RatingRow)):
        session.delete(row)
    session.flush()
    for position, rating in enumerate(report.project.rating_scale):
        session.add(
            rating_row(Rating(rating.key, rating.label, rating.color, rating.value), position)
        )
    session.flush()
    # The bulk (sources, claims, their links) as multi-row INSERTs (executemany), one
    # statement per table, from the same rows the ORM would store (storage/rows.py).
    now = utc_now()
    sources = [Source(**source.model_dump(exclude={"snapshots"})) for source in report.sources]
    known_sources = {s.id for s in report.sources}
    for document in report.documents:
        for claim in document.claims:
            for link in claim.sources:
                if link.id not in known_sources:
                    known_sources.add(link.id)
                    sources.append(_domain_link(link).source)
    _insert(session, SourceRow, [source_values(source, now) for source in sources])
    # Until the commit: a document's claim links go in before its claims (_add_document).
    session.connection().exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    fill_snapshots(session, report)
    numbers = r.claim_numbers(report)
    for position, document in enumerate(report.documents):
        _add_document(session, document, position, numbers)
    project.next_claim_number = max(numbers.values(), default=0) + 1
    session.flush()
    fill_excerpt_origins(session, report)


def _insert(session: Session, table: type[Base], values: list[dict[str, Any]]) -> None:
    """One INSERT statement run with the driver's executemany: no per-row work in the ORM or
    in Core. The columns are those of the ``*_values`` mapping (storage/rows.py)."""
    if not values:
        return
    columns = list(values[0])
    names = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" for _ in columns)
    session.connection().exec_driver_sql(
        f'INSERT INTO "{table.__tablename__}" ({names}) VALUES ({marks})',
        [tuple(row[name] for name in columns) for row in values],
    )


def _blocks(blocks: list[r.ReportBlock], text: str) -> tuple[Block, ...]:
    return blocks_from_json(b.model_dump() for b in blocks) if blocks else plain_body(text)


def _original(encoded: str, text: str, where: str) -> bytes:
    """The stored original bytes; a report without them keeps the text as its provenance."""
    if not encoded:
        return text.encode("utf-8")
    try:
        return base64.b64decode(encoded, validate=True)
    except ValueError:
        raise ReportError(f"{where}: its original bytes are not valid base64.") from None


def _add_document(
    session: Session, document: r.ReportDocument, position: int, numbers: dict[str, int]
) -> None:
    where = f"document {document.id}"
    info = DocumentInfo(
        id=document.id,
        title=document.title,
        author=document.author,
        publisher=document.publisher,
        published=document.published,
        origin=document.origin,
        format=document.format,
        lang=document.lang,
        direction=document.direction,
        revision=document.revision,
        created_at=document.created_at or utc_now(),
    )
    snapshot = Document(
        info, document.text, _blocks(document.blocks, document.text), document.sha256
    )
    original = _original(document.original, document.text, where)
    session.add(document_row(snapshot, position=position, original=original))
    session.flush()
    for revision in document.revisions:
        record = RevisionRecord(
            number=revision.number,
            title=revision.title,
            format=revision.format,
            origin=revision.origin,
            created_at=revision.created_at or utc_now(),
            text=revision.text,
            sha256=revision.sha256,
            blocks=_blocks(revision.blocks, revision.text),
            anchors={k: (v[0], v[1]) for k, v in revision.anchors.items()},
            original=_original(revision.original, revision.text, where),
        )
        session.add(revision_row(document.id, record))
    # The links first (their claims' foreign keys are checked at commit, see _fill): each
    # claim's search index row is then written once, with its sources' titles, by the claims'
    # insert trigger, instead of once per claim and again for every link (migration 0006).
    _insert(
        session,
        ClaimSourceRow,
        [
            claim_source_values(claim.id, _domain_link(link), position)
            for claim in document.claims
            for position, link in enumerate(claim.sources)
        ],
    )
    now = utc_now()
    _insert(
        session,
        ClaimRow,
        [
            claim_values(_domain_claim(document.id, claim, numbers[claim.id], now))
            for claim in document.claims
        ],
    )


def _domain_claim(document_id: str, claim: r.ReportClaim, number: int, now: str) -> Claim:
    """A report claim as a snapshot (its source links are stored separately)."""
    verdict = claim.verdict
    return Claim(
        id=claim.id,
        number=number,
        document_id=document_id,
        anchor=Anchor(claim.start, claim.end, claim.quote, claim.prefix, claim.suffix),
        summary=claim.summary,
        status=ClaimStatus(claim.status),
        tags=tuple(claim.tags),
        notes=claim.notes,
        claimant=Claimant(claim.claimant.name, claim.claimant.role, claim.claimant.url),
        claim_date=claim.claim_date,
        verdict=Verdict(verdict.rating, verdict.rationale, verdict.rated_by, verdict.rated_at)
        if verdict
        else None,
        anchor_state=AnchorState(claim.anchor_state),
        created_at=claim.created_at or now,
        updated_at=claim.updated_at or now,
    )


def _domain_link(link: r.ReportClaimSource) -> SourceLink:
    """A report's cited source as a snapshot: the link and as much of the source as it gives."""
    source = Source(**link.model_dump(include={"id", "url", "title", "publisher", "accessed"}))
    return SourceLink(source, Stance(link.stance), link.excerpt)
