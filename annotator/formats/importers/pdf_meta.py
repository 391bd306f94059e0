"""Opening a PDF with clear errors, and reading its document information (title, author, date)."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text

from annotator.errors import DocumentImportError
from annotator.formats.importers.builder import clean_inline

_PDF_DATE = re.compile(
    r"^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([+-])(\d{2})'?(\d{2})?'?|Z)?"
)


def open_pdf(data: bytes, name: str) -> PDFDocument:
    """Parse a PDF's structure, turning pdfminer's failures into one-line messages."""
    if b"%PDF-" not in data[:1024]:
        raise DocumentImportError(
            f"{name} is not a PDF file (it does not start with %PDF); check the file or its "
            "extension."
        )
    try:
        return PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect:
        raise DocumentImportError(
            f"{name} is password-protected; open it, save an unprotected copy and import that."
        ) from None
    except PDFEncryptionError as exc:
        raise DocumentImportError(
            f"{name} is encrypted in a way that cannot be read ({exc}); save an unprotected "
            "copy and import that."
        ) from None
    except DocumentImportError:
        raise  # a work limit (pdf_limits) was reached
    except Exception:  # pdfminer raises many kinds (PSEOF, PDFSyntaxError, KeyError...)
        raise DocumentImportError(
            f"{name} is not a valid PDF (the file is damaged or incomplete); re-export it and "
            "try again."
        ) from None


def pdf_metadata(document: PDFDocument) -> tuple[str, str, str]:
    """Title, author and creation date (ISO 8601) from the document information dictionary."""
    info: dict[str, Any] = {}
    for entry in document.info:
        info.update(resolve1(entry) or {})
    return (
        _string(info.get("Title")),
        _string(info.get("Author")),
        pdf_date(_string(info.get("CreationDate"))),
    )


def _string(value: Any) -> str:
    value = resolve1(value)
    if isinstance(value, bytes):
        text = decode_text(value)
    elif isinstance(value, PSLiteral):
        text = str(value.name)
    elif isinstance(value, str):
        text = value
    else:
        return ""
    return clean_inline(text.replace("\x00", "")).strip()


def pdf_date(value: str) -> str:
    """``D:20140610120000+01'00'`` as ``2014-06-10T12:00:00+01:00`` ('' when not a date)."""
    match = _PDF_DATE.match(value.strip())
    if not match:
        return ""
    year, month, day, hour, minute, second, sign, tz_hours, tz_minutes = match.groups()
    try:
        tz = None
        if sign:
            offset = timedelta(hours=int(tz_hours), minutes=int(tz_minutes or 0))
            tz = timezone(-offset if sign == "-" else offset)
        elif value.rstrip().endswith("Z"):
            tz = UTC
        moment = datetime(
            int(year), int(month or 1), int(day or 1),
            int(hour or 0), int(minute or 0), int(second or 0), tzinfo=tz,
        )  # fmt: skip
    except ValueError:
        return ""
    return moment.date().isoformat() if hour is None else moment.isoformat()
