"""The native JSON report: Annotator's public, versioned, lossless file format.

The pydantic models below are the schema (``annotator schema`` prints it as JSON Schema). A
report holds a whole project: settings and rating scale, every document with its text and body
model, every claim with its anchor, verdict and sources, and the project's source list. Export
then import then export gives the same bytes but for ``exported_at``.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
from datetime import datetime
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    model_serializer,
    model_validator,
)

from annotator.domain.text import canonical_text
from annotator.domain.web import has_credentials, is_web_url, without_credentials

FORMAT_NAME = "annotator-report"
FORMAT_VERSION = 2
"""Version 2 added source snapshots and where an excerpt was picked; version 1 reports (which
have neither) are still read."""

MAX_TEXT_CHARS = 20_000_000


# The checks below run once per distinct value: a report repeats the same few source
# addresses and dates thousands of times (validated, not trusted, but not re-parsed).
@functools.lru_cache(maxsize=8192)
def _web_address(value: str) -> str:
    if value and not is_web_url(value):
        raise ValueError(f"{value[:80]!r} is not an http(s) web address")
    if value and has_credentials(value):
        # As the app refuses it: reports made from this project would publish the password.
        raise ValueError(
            f"{without_credentials(value)[:80]!r} carries a user name or password before its "
            "host; remove the credentials"
        )
    return value


@functools.lru_cache(maxsize=8192)
def _iso_date(value: str) -> str:
    if value:
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"{value[:40]!r} is not an ISO date (YYYY-MM-DD)") from None
    return value


def _base64(value: str) -> str:
    try:
        binascii.a2b_base64(value, strict_mode=True)
    except binascii.Error:
        raise ValueError("not valid base64 (the bytes the text was imported from)") from None
    return value


ShortStr = Annotated[str, StringConstraints(max_length=4000)]
WebAddress = Annotated[str, StringConstraints(max_length=4000), AfterValidator(_web_address)]
RequiredWebAddress = Annotated[WebAddress, StringConstraints(min_length=1)]
IsoDate = Annotated[str, StringConstraints(max_length=40), AfterValidator(_iso_date)]
Offset = Annotated[int, Field(ge=0, le=MAX_TEXT_CHARS)]
LongStr = Annotated[str, StringConstraints(max_length=100_000)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
RatingKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
Color = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Base64 = Annotated[str, AfterValidator(_base64)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReportRating(_Model):
    key: RatingKey
    label: ShortStr
    color: Color
    value: Annotated[float, Field(allow_inf_nan=False)] | None = None


class ReportPublisher(_Model):
    name: ShortStr = ""
    url: WebAddress = ""
    logo: WebAddress = ""
    review_url: WebAddress = Field(
        "", description="Base URL of published reviews; a claim's anchor is appended."
    )


class ReportProject(_Model):
    title: ShortStr
    checker: ShortStr = ""
    publisher: ReportPublisher = ReportPublisher()
    rating_scale: list[ReportRating] = Field(min_length=1)


class ReportVerdict(_Model):
    rating: RatingKey
    label: ShortStr
    rationale: LongStr = ""
    rated_by: ShortStr = ""
    rated_at: IsoDate = ""


class ReportClaimant(_Model):
    name: ShortStr = ""
    role: ShortStr = ""
    url: WebAddress = ""


class ReportExcerptOrigin(_Model):
    """Where a source excerpt was picked: a snapshot of that source and offsets into its text."""

    snapshot: Id
    start: Offset
    end: Offset


class ReportClaimSource(_Model):
    id: Id
    url: RequiredWebAddress
    title: ShortStr = ""
    publisher: ShortStr = ""
    stance: Literal["supports", "refutes", "context"]
    excerpt: LongStr = ""
    excerpt_from: ReportExcerptOrigin | None = Field(
        None, description="The snapshot and offsets the excerpt was picked from, if it was."
    )
    accessed: IsoDate = ""


class ReportClaim(_Model):
    id: Id
    number: int | None = Field(
        None,
        ge=1,
        description="The claim's number in its project, given once and never reused. "
        "Reports older than numbering lack it; importing numbers those in order.",
    )
    start: Offset
    end: Offset
    quote: LongStr = Field(min_length=1)
    prefix: ShortStr = ""
    suffix: ShortStr = ""
    summary: ShortStr = ""
    status: Literal["draft", "in-review", "done"] = "draft"
    tags: list[Annotated[str, StringConstraints(min_length=1, max_length=60)]] = []
    notes: LongStr = ""
    claimant: ReportClaimant = ReportClaimant()
    claim_date: IsoDate = ""
    anchor_state: Literal["exact", "moved", "fuzzy", "orphaned"] = "exact"
    verdict: ReportVerdict | None = None
    sources: list[ReportClaimSource] = []
    created_at: IsoDate = ""
    updated_at: IsoDate = ""

    @model_validator(mode="after")
    def _span_is_ordered(self) -> ReportClaim:
        if self.end <= self.start:
            raise ValueError(
                f"claim {self.id}: end ({self.end}) must be after start ({self.start})"
            )
        folded = [tag.casefold() for tag in self.tags]
        if len(set(folded)) != len(folded):
            raise ValueError(f"claim {self.id}: a tag appears twice")
        return self


class ReportMark(_Model):
    kind: Literal["emphasis", "strong", "code", "link"]
    start: Offset
    end: Offset
    href: ShortStr = ""


_OPTIONAL_BLOCK_FIELDS = ("page", "page_breaks", "alt", "caption", "credit")


class ReportBlock(_Model):
    kind: Literal["paragraph", "heading", "list-item", "quote", "code", "table-row", "figure"]
    text: str
    level: int = Field(0, ge=0, le=9)
    ordered: bool = False
    direction: Literal["", "ltr", "rtl"] = ""
    page: int = Field(0, ge=0, description="The page of a paged source it starts on; 0: none.")
    page_breaks: list[Offset] = Field(
        default=[],
        description="Where in its text each next page starts (a paragraph "
        "continued on later pages).",
    )
    alt: ShortStr = Field("", description="A figure's alt text (the image is never stored).")
    caption: LongStr = ""
    credit: ShortStr = ""
    marks: list[ReportMark] = []

    @model_serializer(mode="wrap")
    def _without_empty_extras(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Page and figure fields only where they say something: most blocks have neither."""
        data: dict[str, Any] = handler(self)
        for name in _OPTIONAL_BLOCK_FIELDS:
            if not data.get(name):
                data.pop(name, None)
        return data


class ReportRevision(_Model):
    """An earlier version of a document's text, and where its claims sat in it."""

    number: int = Field(ge=1)
    title: ShortStr = ""
    format: ShortStr = "text"
    origin: ShortStr = ""
    created_at: IsoDate = ""
    text: Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS)]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    blocks: list[ReportBlock] = []
    anchors: dict[str, tuple[Offset, Offset]] = Field(
        default={}, description="Claim id -> [start, end] in this revision's text."
    )
    original: Base64 = Field("", description="The bytes this revision was imported from, base64.")

    @model_validator(mode="after")
    def _consistent(self) -> ReportRevision:
        _check_text(f"revision {self.number}", self.text, self.sha256, self.blocks)
        return self


class ReportDocument(_Model):
    id: Id
    title: ShortStr
    author: ShortStr = ""
    publisher: ShortStr = ""
    published: IsoDate = ""
    origin: ShortStr = ""
    format: ShortStr = "text"
    lang: ShortStr = ""
    direction: Literal["ltr", "rtl"] = "ltr"
    revision: int = Field(1, ge=1)
    created_at: IsoDate = ""
    text: Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS)]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    blocks: list[ReportBlock] = Field(
        default=[], description="The body model; its texts joined with newlines equal `text`."
    )
    claims: list[ReportClaim] = []
    original: Base64 = Field(
        "", description="The bytes the current text was imported from (provenance), base64."
    )
    revisions: list[ReportRevision] = Field(
        default=[], description="Earlier versions, oldest first."
    )

    @model_validator(mode="after")
    def _consistent(self) -> ReportDocument:
        _check_text(f"document {self.id}", self.text, self.sha256, self.blocks)
        numbers = [r.number for r in self.revisions]
        if numbers != sorted(set(numbers)) or (numbers and numbers[-1] >= self.revision):
            raise ValueError(f"document {self.id}: its revisions are out of order")
        for claim in self.claims:
            _check_claim_anchor(self, claim)
        return self


def _check_text(what: str, text: str, sha256: str, blocks: list[ReportBlock]) -> None:
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != sha256:
        raise ValueError(f"{what}: sha256 does not match its text")
    if canonical_text(text) != text:
        raise ValueError(f"{what}: its text is not canonical (NFC, newline line ends)")
    if blocks and "\n".join(b.text for b in blocks) != text:
        raise ValueError(f"{what}: its blocks do not spell out its text")
    for block in blocks:
        for mark in block.marks:
            if not 0 <= mark.start <= mark.end <= len(block.text):
                raise ValueError(f"{what}: a {mark.kind} mark lies outside its block")


def _check_claim_anchor(document: ReportDocument, claim: ReportClaim) -> None:
    if claim.anchor_state == "orphaned":
        return  # its offsets belong to an earlier revision of the text
    if claim.end > len(document.text):
        raise ValueError(
            f"claim {claim.id}: its span {claim.start}-{claim.end} lies outside document "
            f"{document.id} ({len(document.text)} characters)"
        )
    if document.text[claim.start : claim.end] != claim.quote:
        raise ValueError(
            f"claim {claim.id}: its quote does not equal the document text "
            f"at {claim.start}-{claim.end}"
        )


Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class ReportSnapshot(_Model):
    """A snapshot of a source: the evidence as captured, with the SHA-256 of its bytes."""

    id: Id
    media_type: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    method: Literal["file", "web", "archive"]
    captured_at: IsoDate = Field(min_length=1)
    url: WebAddress = ""
    archived_url: WebAddress = Field("", description="A web archive's copy (Wayback, perma.cc).")
    filename: ShortStr = ""
    sha256: Sha256
    size: int = Field(ge=0)
    text: Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS)] = Field(
        "", description="The snapshot's readable text; excerpt offsets count in it."
    )
    content: str | None = Field(
        None, description="The bytes, base64; null when the report was made without them."
    )

    @model_validator(mode="after")
    def _content_matches(self) -> ReportSnapshot:
        if self.content is not None:
            try:
                data = base64.b64decode(self.content, validate=True)
            except ValueError:
                raise ValueError(f"snapshot {self.id}: its content is not valid base64") from None
            if len(data) != self.size or hashlib.sha256(data).hexdigest() != self.sha256:
                raise ValueError(f"snapshot {self.id}: its content does not match its sha256")
        return self


class ReportSource(_Model):
    id: Id
    url: RequiredWebAddress
    title: ShortStr = ""
    publisher: ShortStr = ""
    author: ShortStr = ""
    published: IsoDate = ""
    accessed: IsoDate = ""
    type: ShortStr = "webpage"
    snapshots: list[ReportSnapshot] = Field(
        default=[], description="What the source held when captured, oldest first."
    )


class Report(_Model):
    """A whole project as a self-contained, re-importable report."""

    format: Literal["annotator-report"] = "annotator-report"
    version: Literal[1, 2] = 2
    generator: ShortStr
    exported_at: ShortStr
    project: ReportProject
    documents: list[ReportDocument] = []
    sources: list[ReportSource] = Field(
        default=[], description="Every source of the project, cited or not, with all its fields."
    )

    @model_validator(mode="after")
    def _references_resolve(self) -> Report:
        keys = {rating.key for rating in self.project.rating_scale}
        if len(keys) != len(self.project.rating_scale):
            raise ValueError("the rating scale has a key twice")
        _unique("document", [d.id for d in self.documents])
        _unique("claim", [c.id for d in self.documents for c in d.claims])
        numbers = [c.number for d in self.documents for c in d.claims if c.number is not None]
        _unique("claim number", [str(n) for n in numbers])
        _unique("source", [s.id for s in self.sources])
        snapshots = {x.id: (s.id, x) for s in self.sources for x in s.snapshots}
        _unique("snapshot", [x.id for s in self.sources for x in s.snapshots])
        for document in self.documents:
            for claim in document.claims:
                if claim.verdict is not None and claim.verdict.rating not in keys:
                    raise ValueError(
                        f"claim {claim.id}: rating {claim.verdict.rating!r} "
                        "is not in the rating scale"
                    )
                _unique(f"source of claim {claim.id}", [s.id for s in claim.sources])
                for link in claim.sources:
                    _check_excerpt_origin(claim.id, link, snapshots)
        return self


def _check_excerpt_origin(
    claim_id: str, link: ReportClaimSource, snapshots: dict[str, tuple[str, ReportSnapshot]]
) -> None:
    origin = link.excerpt_from
    if origin is None:
        return
    source_id, snapshot = snapshots.get(origin.snapshot, ("", None))
    if snapshot is None or source_id != link.id:
        raise ValueError(
            f"claim {claim_id}: its excerpt of source {link.id} names snapshot "
            f"{origin.snapshot!r}, which is not a snapshot of that source"
        )
    if snapshot.text[origin.start : origin.end] != link.excerpt or origin.end <= origin.start:
        raise ValueError(
            f"claim {claim_id}: its excerpt of source {link.id} is not the text of snapshot "
            f"{origin.snapshot} at {origin.start}-{origin.end}"
        )


def _unique(what: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"{what} id {item!r} appears twice")
        seen.add(item)


def claim_numbers(report: Report) -> dict[str, int]:
    """Each claim's number: the one the report gives, or for a report made before claims were
    numbered, the next free one in report order."""
    given = [c.number for d in report.documents for c in d.claims if c.number is not None]
    following = max(given, default=0)
    numbers: dict[str, int] = {}
    for document in report.documents:
        for claim in document.claims:
            if claim.number is None:
                following += 1
            numbers[claim.id] = claim.number if claim.number is not None else following
    return numbers


ModelT = TypeVar("ModelT", bound=BaseModel)


@functools.cache
def _field_names(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(model.model_fields)


def built(model: type[ModelT], **values: Any) -> ModelT:
    """A model from values known to be valid (read back from a project), with every field
    given: what ``model_construct`` does, without its per-field search for defaults, which at
    45,000 models costs more than the whole JSON serialisation. A test keeps the two equal."""
    names = _field_names(model)
    if values.keys() != names:
        missing = sorted(names - values.keys())
        extra = sorted(values.keys() - names)
        raise TypeError(f"{model.__name__}: missing {missing}, unknown {extra}")
    item = model.__new__(model)
    object.__setattr__(item, "__dict__", values)
    object.__setattr__(item, "__pydantic_fields_set__", set(values))
    object.__setattr__(item, "__pydantic_extra__", None)
    object.__setattr__(item, "__pydantic_private__", None)
    return item


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the report format."""
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def report_json(report: Report) -> bytes:
    """The report's bytes: indented UTF-8 JSON with a final newline, keys in schema order."""
    return report.model_dump_json(indent=2).encode("utf-8") + b"\n"
