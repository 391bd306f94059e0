"""The claim library on the command line: ``annotator library add|import|stats|remove`` and
``annotator match`` (one text, or a file of queries written out as a TREC run).

Hooked into :mod:`annotator.cli` by ``add_parsers`` and ``HANDLERS``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.domain.library import Match
from annotator.domain.wording import counted
from annotator.errors import LibraryError
from annotator.services.library import ClaimLibrary
from annotator.services.matching import Matcher

RUN_TAG = "annotator"
MAX_QUERY_FILE_BYTES = 64 * 1024 * 1024


def add_parsers(sub: Any) -> None:
    """Add ``library`` (with its own commands) and ``match`` to the CLI's subparsers."""
    library_help = "the library of claims already checked: your projects' verdicts and feeds"
    p = sub.add_parser("library", help=library_help, description=library_help)
    actions = p.add_subparsers(
        dest="library_command", metavar="ACTION", required=True, parser_class=type(p)
    )
    a = actions.add_parser("add", help="add (or refresh) every claim with a verdict of projects")
    a.add_argument("projects", nargs="+", type=Path, metavar="PROJECT", help="a .factcheck file")
    _library_option(a)
    a = actions.add_parser(
        "import",
        help="import ClaimReview feeds (one review, a list, a @graph, a DataFeed, JSON Lines); "
        "re-importing a feed updates it",
    )
    a.add_argument("files", nargs="+", type=Path, metavar="FILE", help="a ClaimReview JSON-LD file")
    a.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import a feed's usable reviews and leave out those missing fields (by default "
        "one such review refuses the whole feed)",
    )
    _library_option(a)
    a = actions.add_parser("stats", help="how many entries the library holds, per source")
    a.add_argument("--json", action="store_true", help="print JSON: {entries, sources: {name: n}}")
    _library_option(a)
    a = actions.add_parser("remove", help="remove a feed or project and its entries")
    a.add_argument(
        "source", metavar="SOURCE", help="a feed's file name or a project's path, as stats lists"
    )
    _library_option(a)

    p = sub.add_parser(
        "match",
        help="find claims in the library that check TEXT (or each query of a file)",
        description="Rank the library's entries that check a text or a claim within it.",
    )
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("text", nargs="?", metavar="TEXT", help="the text to check")
    what.add_argument(
        "--queries",
        type=Path,
        metavar="FILE.tsv",
        help="a file of `id<TAB>text` lines; prints a TREC run: id Q0 entry rank score annotator",
    )
    p.add_argument("--top", type=int, default=5, metavar="N", help="how many matches (default 5)")
    p.add_argument("--json", action="store_true", help="print the matches of TEXT as JSON")
    _library_option(p)


def _library_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library",
        type=Path,
        metavar="PATH",
        help="the library file (default: library.sqlite in the app's data folder, "
        "or $ANNOTATOR_LIBRARY)",
    )


def _library(args: argparse.Namespace, _pdf: object) -> int:
    create = args.library_command in ("add", "import")
    with ClaimLibrary.open(args.library, create=create) as library:
        return _LIBRARY_ACTIONS[args.library_command](args, library)


def _add(args: argparse.Namespace, library: ClaimLibrary) -> int:
    for summary in library.add_projects(args.projects):
        print(
            f"{summary.source}: {counted(summary.added + summary.updated, 'claim')} with a verdict"
        )
    return 0


def _import(args: argparse.Namespace, library: ClaimLibrary) -> int:
    for summary in library.import_feeds(args.files, skip_invalid=args.skip_invalid):
        print(
            f"{summary.source}: {counted(summary.added, 'review')} added, "
            f"{summary.updated:,} updated"
        )
        for problem in summary.skipped:
            print(f"  skipped {problem}", file=sys.stderr)
    return 0


def _stats(args: argparse.Namespace, library: ClaimLibrary) -> int:
    sources = library.sources()
    total = library.count()
    if args.json:
        data = {
            "entries": total,
            "sources": {s.name: s.entries for s in sources},
            "kinds": {s.name: s.kind.value for s in sources},
            "library": str(library.path),
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(f"{library.path}: {counted(total, 'entry', 'entries')}")
    for source in sources:
        print(f"  {source.entries:>8,}  {source.kind.value:<8} {source.name}")
    return 0


def _remove(args: argparse.Namespace, library: ClaimLibrary) -> int:
    removed = library.remove(args.source)
    print(f"{args.source}: {counted(removed, 'entry', 'entries')} removed")
    return 0


_LIBRARY_ACTIONS: dict[str, Callable[[argparse.Namespace, ClaimLibrary], int]] = {
    "add": _add,
    "import": _import,
    "stats": _stats,
    "remove": _remove,
}


def _match(args: argparse.Namespace, _pdf: object) -> int:
    if args.top < 1:
        raise LibraryError("--top counts from 1.")
    queries = _read_queries(args.queries) if args.queries is not None else None
    with ClaimLibrary.open(args.library, create=False) as library:
        matcher = Matcher(library)
        if queries is not None:
            for query_id, text in queries:
                for rank, match in enumerate(matcher.match(text, args.top), start=1):
                    reference = match.entry.reference
                    print(f"{query_id} Q0 {reference} {rank} {match.score:.6f} {RUN_TAG}")
            return 0
        matches = matcher.match(args.text, args.top)
    if args.json:
        print(json.dumps([_match_json(m) for m in matches], indent=2, ensure_ascii=False))
    elif not matches:
        print("no match in the library", file=sys.stderr)
    for match in [] if args.json else matches:
        entry = match.entry
        print(f"{match.similarity:5.0%}  {entry.verdict or '(no rating)'}  {entry.outlet}")
        print(f"       {entry.claim}")
        print(f"       {entry.url or entry.project}")
    return 0


def _match_json(match: Match) -> dict[str, Any]:
    entry = match.entry
    return {
        "similarity": round(match.similarity, 4),
        "score": round(match.score, 4),
        "claim": entry.claim,
        "title": entry.title,
        "verdict": entry.verdict,
        "rating": entry.rating,
        "outlet": entry.outlet,
        "url": entry.url,
        "identifier": entry.identifier,
        "review_date": entry.review_date,
        "claim_date": entry.claim_date,
        "source": entry.source,
        "project": entry.project,
        "claim_id": entry.claim_id,
    }


def _read_queries(path: Path) -> list[tuple[str, str]]:
    """``id<TAB>text`` lines; an empty line is skipped, a line without a tab is an error."""
    try:
        if path.stat().st_size > MAX_QUERY_FILE_BYTES:
            raise LibraryError(f"{path} is over {MAX_QUERY_FILE_BYTES // 1_000_000} MB; split it.")
        text = path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise LibraryError(f"{path} does not exist; check the file name.") from None
    except UnicodeDecodeError:
        raise LibraryError(f"{path} is not UTF-8 text; save it as UTF-8.") from None
    except OSError as exc:
        raise LibraryError(f"Cannot read {path}: {exc.strerror}.") from None
    queries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        query_id, tab, query = line.partition("\t")
        if not tab or not query_id.strip() or " " in query_id.strip():
            raise LibraryError(
                f"{path}, line {number}: expected `id<TAB>text` (an id without spaces, a tab, "
                "then the text)."
            )
        queries.append((query_id.strip(), query))
    return queries


HANDLERS: dict[str, Callable[[argparse.Namespace, object], int]] = {
    "library": _library,
    "match": _match,
}
