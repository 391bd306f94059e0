"""The command line's claim and article commands, for scripting users: list claims, mark one
(refusing an ambiguous quote), edit, delete, and edit an article's details.

Wherever a claim is named, its number (``#12`` or ``12``), its id or a unique start of its id
is accepted (``services/lookup.py``); documents and sources take an id or a unique start.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.domain.model import Claim, Claimant, ClaimEdit, ClaimStatus, DocumentEdit
from annotator.domain.text import quote_starts
from annotator.errors import AnchorError, ValidationError
from annotator.services import Workspace, lookup
from annotator.settings import load_settings, save_settings

Handler = Callable[[argparse.Namespace, Any], int]

CLAIM_HELP = "the claim: its number (#12 or 12), its id, or a unique start of its id"
DOCUMENT_HELP = "the document: its id or a unique start of it"
_CONTEXT_CHARS = 30
MAX_CHECKER_CHARS = 200


def add_parsers(sub: Any) -> None:
    """Add the claim and article commands to the ``annotator`` sub-command parsers."""
    _claims_parser(sub)
    _add_claim_parser(sub)
    _edit_claim_parser(sub)
    p = sub.add_parser("delete-claim", help="delete a claim with its verdict and source links")
    p.add_argument("project", type=Path, help="the project file (.factcheck)")
    p.add_argument("claim", help=CLAIM_HELP)
    _edit_document_parser(sub)
    p = sub.add_parser(
        "set-checker",
        help="set the checker's name, signed on verdicts in every project that names no "
        "checker of its own (set-project --checker); prints it",
    )
    p.add_argument("name", nargs="?", help="the name to set; without it, prints the current one")


def _claims_parser(sub: Any) -> None:
    p = sub.add_parser(
        "claims", help="list the claims: number, id, status, verdict and quote, in article order"
    )
    p.add_argument("project", type=Path, help="the project file (.factcheck)")
    p.add_argument("--document", metavar="ID", help="only the claims of this document")
    p.add_argument(
        "--search",
        metavar="WORDS",
        help="only claims whose quote, summary, rationale, notes, claimant, tags or source "
        "titles hold every word (by its start: Mi-35 finds Mi-35M)",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list, one object per claim")


def _add_claim_parser(sub: Any) -> None:
    p = sub.add_parser("add-claim", help="mark a claim in a document; prints the claim id")
    p.add_argument("project", type=Path, help="the project file (.factcheck)")
    p.add_argument("--document", required=True, metavar="ID", help=DOCUMENT_HELP)
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--quote", metavar="TEXT", help="the claim's words, exactly as in the text")
    where.add_argument(
        "--start", type=int, metavar="S", help="where the claim starts (a character offset)"
    )
    p.add_argument("--end", type=int, metavar="E", help="the offset just after the claim")
    p.add_argument(
        "--occurrence",
        type=int,
        metavar="N",
        help="which appearance of a quote that occurs more than once (1 = the first); "
        "required then, and the error lists the places",
    )
    p.add_argument("--summary", help="the claim in the checker's words")
    p.add_argument(
        "--status", choices=[s.value for s in ClaimStatus], help="the workflow status (draft)"
    )
    p.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeatable)")


def _edit_claim_parser(sub: Any) -> None:
    p = sub.add_parser("edit-claim", help="change a claim's fields; prints the claim")
    p.add_argument("project", type=Path, help="the project file (.factcheck)")
    p.add_argument("claim", help=CLAIM_HELP)
    p.add_argument("--summary", help="the claim in the checker's words")
    p.add_argument("--claimant", metavar="NAME", help="who made the claim")
    p.add_argument("--claimant-role", metavar="ROLE", help="the claimant's role or post")
    p.add_argument("--claimant-url", metavar="URL", help="a web page about the claimant")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="when the claim was made")
    p.add_argument(
        "--tag", action="append", metavar="T", help="a tag (repeatable); replaces the tags"
    )
    p.add_argument("--no-tags", action="store_true", help="remove every tag")
    p.add_argument("--notes", help="the checker's private notes")
    p.add_argument("--status", choices=[s.value for s in ClaimStatus], help="the workflow status")


def _edit_document_parser(sub: Any) -> None:
    p = sub.add_parser(
        "edit-document", help="change an article's title, outlet, author, date or URL"
    )
    p.add_argument("project", type=Path, help="the project file (.factcheck)")
    p.add_argument("document", metavar="DOCUMENT", help=DOCUMENT_HELP)
    p.add_argument("--title", help="the article's headline")
    add_document_detail_options(p)


def add_document_detail_options(p: argparse.ArgumentParser) -> None:
    """The article-detail options ``add-document`` and ``edit-document`` share."""
    p.add_argument("--outlet", metavar="NAME", help="who published the article")
    p.add_argument("--author", metavar="NAME", help="who wrote the article")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="when the article was published")
    p.add_argument("--url", metavar="URL", help="the article's original web address")


def document_edit(args: argparse.Namespace, *, with_title: bool = True) -> DocumentEdit | None:
    """The details given on the command line, or None when none was."""
    edit = DocumentEdit(
        title=args.title if with_title else None,
        author=args.author,
        publisher=args.outlet,
        published=args.date,
        url=args.url,
    )
    return None if edit == DocumentEdit() else edit


def _claims(args: argparse.Namespace, _pdf: Any) -> int:
    with Workspace.open(args.project, read_only=True) as workspace:
        document = None
        if args.document is not None:
            document = lookup.document_id(workspace.database, args.document)
        claims = workspace.search.claims(args.search or "", document)
        labels = {r.key: r.label for r in workspace.project.info().scale}
    if args.json:
        print(json.dumps([_claim_json(c, labels) for c in claims], indent=2, ensure_ascii=False))
        return 0
    for claim in claims:
        print(claim_line(claim, labels))
    return 0


def claim_line(claim: Claim, labels: dict[str, str]) -> str:
    """One claim on one line: number, id, status, verdict, quote."""
    verdict = labels.get(claim.rating_key or "", claim.rating_key or "Unrated")
    return (
        f"{claim.label:>5}  {claim.id}  {claim.status.label:<9}  {verdict:<16}  "
        f"{_short(claim.quote)}"
    )


def _claim_json(claim: Claim, labels: dict[str, str]) -> dict[str, Any]:
    return {
        "number": claim.number,
        "id": claim.id,
        "document": claim.document_id,
        "status": claim.status.value,
        "verdict": claim.rating_key,
        "verdict_label": labels.get(claim.rating_key or "", ""),
        "quote": claim.quote,
        "summary": claim.summary,
        "tags": list(claim.tags),
    }


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_add_claim_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """add-claim takes --quote [--occurrence] or --start --end, never a mix."""
    if args.command != "add-claim":
        return
    if args.quote is not None and args.end is not None:
        parser.error("--end goes with --start, not with --quote")
    if args.start is not None and args.occurrence is not None:
        parser.error("--occurrence goes with --quote, not with --start/--end")
    if args.start is not None and args.end is None:
        parser.error("--start needs --end (the offset just after the claim)")
    if args.occurrence is not None and args.occurrence < 1:
        parser.error("--occurrence counts from 1")


def _add_claim(args: argparse.Namespace, _pdf: Any) -> int:
    edit = ClaimEdit(
        summary=args.summary,
        status=ClaimStatus(args.status) if args.status else None,
        tags=tuple(args.tag) if args.tag else None,
    )
    with Workspace.open(args.project) as workspace:
        document = lookup.document_id(workspace.database, args.document)
        if args.quote is not None:
            occurrence = args.occurrence or _only_occurrence(
                workspace.documents.get(document).text, args.quote
            )
            claim = workspace.claims.add_by_quote(document, args.quote, occurrence, edit)
        else:
            claim = workspace.claims.add(document, args.start, args.end, edit)
    print(claim.id)
    return 0


def _only_occurrence(text: str, quote: str) -> int:
    """1 when ``quote`` occurs once (or not at all: find_quote then says so); refused with
    the places listed when it occurs several times and no --occurrence says which."""
    starts = quote_starts(text, quote)
    if len(starts) <= 1:
        return 1
    places = "\n".join(
        f"  --occurrence {n}: {_context(text, start, len(quote))}"
        for n, start in enumerate(starts, 1)
    )
    raise AnchorError(
        f"The quote {_short(quote, 60)!r} occurs {len(starts)} times in the document; say which "
        f"one with --occurrence N:\n{places}"
    )


def _context(text: str, start: int, length: int) -> str:
    """The occurrence with a few whole words around it, on one line, the quote in
    [brackets]."""
    end = start + length
    lo, hi = max(0, start - _CONTEXT_CHARS), min(len(text), end + _CONTEXT_CHARS)
    before, after = text[lo:start], text[end:hi]
    if lo > 0 and not text[lo - 1].isspace():
        before = re.sub(r"^\S+", "", before)  # a word cut in two
    if hi < len(text) and not text[hi].isspace():
        after = re.sub(r"\S+$", "", after)
    opening = "…" if lo > 0 else ""
    closing = "…" if hi < len(text) else ""
    line = f"{opening}{before.lstrip()}[{text[start:end]}]{after.rstrip()}{closing}"
    return " ".join(line.split())


def _edit_claim(args: argparse.Namespace, _pdf: Any) -> int:
    if args.tag and args.no_tags:
        raise ValidationError("Give --tag or --no-tags, not both.")
    with Workspace.open(args.project) as workspace:
        claim = workspace.claims.get(lookup.claim_id(workspace.database, args.claim))
        claimant = None
        if any(x is not None for x in (args.claimant, args.claimant_role, args.claimant_url)):
            old = claim.claimant
            claimant = Claimant(
                args.claimant if args.claimant is not None else old.name,
                args.claimant_role if args.claimant_role is not None else old.role,
                args.claimant_url if args.claimant_url is not None else old.url,
            )
        edit = ClaimEdit(
            summary=args.summary,
            status=ClaimStatus(args.status) if args.status else None,
            tags=() if args.no_tags else tuple(args.tag) if args.tag else None,
            notes=args.notes,
            claimant=claimant,
            claim_date=args.date,
        )
        if edit == ClaimEdit():
            raise ValidationError(
                "Nothing to change: give at least one of --summary, --claimant, --date, "
                "--tag, --notes, --status (`annotator edit-claim --help` lists them)."
            )
        claim = workspace.claims.update(claim.id, edit)
        labels = {r.key: r.label for r in workspace.project.info().scale}
    print(claim_line(claim, labels))
    return 0


def _delete_claim(args: argparse.Namespace, _pdf: Any) -> int:
    with Workspace.open(args.project) as workspace:
        claim = workspace.claims.delete(lookup.claim_id(workspace.database, args.claim))
    print(f"deleted claim {claim.label} ({claim.id}): {_short(claim.quote)}")
    return 0


def _edit_document(args: argparse.Namespace, _pdf: Any) -> int:
    edit = document_edit(args)
    if edit is None:
        raise ValidationError(
            "Nothing to change: give at least one of --title, --outlet, --author, --date, --url."
        )
    with Workspace.open(args.project) as workspace:
        info = workspace.documents.edit(lookup.document_id(workspace.database, args.document), edit)
    for label, value in (
        ("title", info.title),
        ("outlet", info.publisher),
        ("author", info.author),
        ("date", info.published),
        ("origin", info.origin),
    ):
        print(f"{label + ':':<8}{value or '(not set)'}")
    return 0


def _set_checker(args: argparse.Namespace, _pdf: Any) -> int:
    settings = load_settings()
    if args.name is not None:
        name = " ".join(args.name.split())
        if len(name) > MAX_CHECKER_CHARS:
            raise ValidationError(
                f"The checker name is {len(name)} characters long; the limit is "
                f"{MAX_CHECKER_CHARS}."
            )
        settings.checker_name = name
        save_settings(settings)
    print(settings.checker_name or "(not set)")
    return 0


HANDLERS: dict[str, Handler] = {
    "claims": _claims,
    "add-claim": _add_claim,
    "edit-claim": _edit_claim,
    "delete-claim": _delete_claim,
    "edit-document": _edit_document,
    "set-checker": _set_checker,
}
