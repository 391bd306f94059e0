"""The ``suggest`` and ``score-sentences`` commands: check-worthiness from the command line.

``suggest`` lists a document's most check-worthy sentences that no claim covers and the
checker has not dismissed; ``score-sentences`` scores a file of sentences (one a line, or CLEF
task 1 TSV) and prints one score a line in the same order, for evaluation and scripts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.domain.checkworthy import default_model
from annotator.domain.suggestions import PER_THOUSAND_WORDS
from annotator.formats.clef import read_sentence_file
from annotator.services import Workspace

Handler = Callable[[argparse.Namespace, Any], int]


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is not a positive number")
    return number


def add_parsers(sub: Any) -> None:
    """Add the commands to ``sub`` (the CLI's subparsers); ``HANDLERS`` runs them."""
    p = sub.add_parser(
        "suggest",
        help="list the sentences of a document most worth checking (not yet claimed)",
        description="Rank a document's sentences by check-worthiness, leaving out those a "
        "claim covers and those dismissed in the window.",
    )
    p.add_argument("project", type=Path, help="the .factcheck project file")
    p.add_argument("--document", required=True, metavar="ID", help="the document's id")
    p.add_argument(
        "--top",
        type=_positive,
        metavar="N",
        help=f"how many to list (default: {PER_THOUSAND_WORDS} per 1,000 words of the document)",
    )
    p.add_argument(
        "--json", action="store_true", help="print a JSON list (start, end, text, score, reasons)"
    )

    p = sub.add_parser(
        "score-sentences",
        help="score sentences for check-worthiness: one score a line, in the same order",
        description="FILE holds one sentence a line, or CLEF task 1 lines "
        "(line<TAB>speaker<TAB>sentence[<TAB>label]).",
    )
    p.add_argument("file", type=Path, help="the sentences (UTF-8 text or CLEF TSV)")
    p.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object a line (line, score, reasons) instead of bare scores",
    )


def _suggest(args: argparse.Namespace, _pdf: Any) -> int:
    with Workspace.open(args.project, read_only=True) as workspace:
        suggestions = workspace.suggestions.suggest(args.document, args.top)
    if args.json:
        data = [
            {
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "score": round(s.score, 4),
                "reasons": list(s.reasons),
            }
            for s in suggestions
        ]
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    for s in suggestions:
        print(f"{s.score:.3f}  {s.start}-{s.end}  {s.text}")
        if s.reasons:
            print(f"       because: {'; '.join(s.reasons)}")
    return 0


def _score_sentences(args: argparse.Namespace, _pdf: Any) -> int:
    lines = read_sentence_file(args.file)
    model = default_model()
    # The lines are read as consecutive sentences of one text: a neighbour counts.
    scores = model.scores([line.text for line in lines], [line.speaker for line in lines])
    out = sys.stdout
    for line, score in zip(lines, scores, strict=True):
        if args.json:
            record = {
                "line": line.number,
                "score": round(score, 6),
                "reasons": list(model.reasons(line.text, line.speaker)),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            out.write(f"{score:.6f}\n")
    return 0


HANDLERS: dict[str, Handler] = {"suggest": _suggest, "score-sentences": _score_sentences}
