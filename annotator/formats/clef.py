"""Sentence lists for scoring: the CLEF CheckThat! task 1 format
(``line<TAB>speaker<TAB>sentence[<TAB>label]``) or plain text, one sentence a line.

Used by ``annotator score-sentences``, the training script and the evaluation. A file is
read as CLEF when its first non-empty line has a line number and a tab; then every line must
follow the format, and an error names the first line that does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from annotator.errors import DocumentImportError

__all__ = ["ScoredLine", "read_sentence_file", "read_sentence_lines"]

MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ScoredLine:
    """One input sentence: its line number, speaker ("" when unknown) and gold label (None
    when the file carries none)."""

    number: int
    speaker: str
    text: str
    label: int | None = None


def read_sentence_file(path: Path) -> list[ScoredLine]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DocumentImportError(
                f"{path} is {size:,} bytes; sentence files are limited to {MAX_FILE_BYTES:,}."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentImportError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise DocumentImportError(f"{path} is a folder; give a file of sentences.") from None
    except OSError as exc:
        raise DocumentImportError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentImportError(
            f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again."
        ) from None
    return read_sentence_lines(_lines(text), str(path))


def _lines(text: str) -> list[str]:
    """The file's lines as a script or ``wc -l`` counts them: split at line feeds only
    (``str.splitlines`` would also split inside a sentence at U+2028, NEL or a form feed, and
    the scores would no longer line up with the input)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final line end
    return [line.removesuffix("\r") for line in lines]


def read_sentence_lines(lines: list[str], where: str = "the input") -> list[ScoredLine]:
    """Parse lines as CLEF TSV when the first non-empty line looks like it, else plain text."""
    first = next((line for line in lines if line.strip()), "")
    if "\t" in first and first.split("\t", 1)[0].strip().isdecimal():
        return _clef_lines(lines, where)
    return [ScoredLine(number, "", line.strip()) for number, line in enumerate(lines, 1)]


def _clef_lines(lines: list[str], where: str) -> list[ScoredLine]:
    result = []
    for index, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        # isdecimal, not isdigit: "³" is a digit that int() refuses.
        if len(fields) not in (3, 4) or not fields[0].strip().isdecimal():
            raise DocumentImportError(
                f"Line {index} of {where} is not line<TAB>speaker<TAB>sentence[<TAB>label] "
                "(the CLEF format the first line uses); fix it or give one sentence a line."
            )
        label = None
        if len(fields) == 4:
            if fields[3].strip() not in ("0", "1"):
                raise DocumentImportError(
                    f"Line {index} of {where} has the label {fields[3].strip()!r}; "
                    "a label is 0 or 1."
                )
            label = int(fields[3])
        result.append(ScoredLine(int(fields[0]), fields[1].strip(), fields[2].strip(), label))
    return result
