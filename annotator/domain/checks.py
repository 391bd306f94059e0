"""Checks on values a person types (text lengths, web addresses, dates, tags): pure rules the
services apply before storing and the editor applies while typing, so both say the same thing.
"""

from __future__ import annotations

import re
from datetime import datetime

from annotator.domain.web import has_credentials, is_web_url, without_credentials
from annotator.errors import ValidationError

MAX_FIELD_CHARS = 100_000
MAX_TAG_CHARS = 60


def check_text(value: str, what: str, limit: int = MAX_FIELD_CHARS) -> str:
    if len(value) > limit:
        raise ValidationError(
            f"The {what} is {len(value):,} characters long; the limit is {limit:,}."
        )
    return value


def check_url(url: str, what: str = "source URL") -> str:
    """Accept only absolute http(s) URLs: these are opened in a browser later. Refuse one
    with a ``user:password@`` part: reports publish every URL as it is, so the credentials
    would be published with it. (A token in the query cannot be told from an ordinary
    parameter, so the query is left as it is.)"""
    url = url.strip()
    if not is_web_url(url):
        if guess := web_address_guess(url):
            raise ValidationError(
                f"The {what} {url!r} is not a full web address; did you mean {guess!r}?"
            )
        raise ValidationError(
            f"The {what} {url!r} is not a web address; give a full http:// or https:// URL."
        )
    if has_credentials(url):
        # The message leaves the credentials out: it may be shown, logged or reported.
        shown = without_credentials(url)
        raise ValidationError(
            f"The {what} {shown!r} carries a user name or password (the part before '@'), "
            "which every report would publish; remove the credentials from the URL."
        )
    return check_text(url, what, 4000)


_BARE_ADDRESS = re.compile(
    r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$", re.I
)


def web_address_guess(typed: str) -> str:
    """The web address someone meant by a bare one ("sipri.org/x" -> "https://sipri.org/x"),
    or '' when ``typed`` does not look like one (a full address, a word, a file path)."""
    typed = typed.strip()
    if "://" in typed or not _BARE_ADDRESS.match(typed):
        return ""
    if not typed.lower().startswith("www.") and "/" not in typed:
        return ""  # "logo.png" is a file name as much as an address
    guess = "https://" + typed
    return guess if is_web_url(guess) else ""


def check_optional_url(url: str, what: str) -> str:
    return check_url(url, what) if url.strip() else ""


def check_date(value: str, what: str) -> str:
    """Accept '', an ISO date or an ISO date-time."""
    value = value.strip()
    if not value:
        return ""
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(
            f"The {what} {value!r} is not a date; use the form YYYY-MM-DD."
        ) from None
    return value


def clean_tags(tags: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Trim tags, drop empties and duplicates (keeping the first spelling), keep the order."""
    seen: set[str] = set()
    result: list[str] = []
    for tag in tags:
        tag = " ".join(tag.split())
        if not tag or tag.casefold() in seen:
            continue
        if len(tag) > MAX_TAG_CHARS:
            raise ValidationError(
                f"The tag {tag[:20]!r}… is too long; keep tags under {MAX_TAG_CHARS} characters."
            )
        seen.add(tag.casefold())
        result.append(tag)
    return tuple(result)
