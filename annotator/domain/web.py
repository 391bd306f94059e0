"""What counts as a web address, in one place: only absolute http(s) URLs are stored as links,
opened in a browser or published as links in reports (never ``javascript:``, ``file:`` or a
local path), and an address carrying a ``user:password@`` part is not one to publish."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_web_url(url: str) -> bool:
    """An absolute http or https address with a host."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def has_credentials(url: str) -> bool:
    """Whether the address names a user (and maybe a password) before its host."""
    return "@" in urlsplit(url.strip()).netloc


def without_credentials(url: str) -> str:
    """The address with any ``user:password@`` part removed."""
    parts = urlsplit(url.strip())
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
