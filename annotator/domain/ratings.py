"""Rating scales: the default scale and the rules a scale must follow."""

import re

from annotator.domain.model import Rating
from annotator.errors import ValidationError

DEFAULT_SCALE: tuple[Rating, ...] = (
    Rating("true", "True", "#2e7d32", 5),
    Rating("mostly-true", "Mostly true", "#7cb342", 4),
    Rating("mixed", "Mixed", "#f9a825", 3),
    Rating("mostly-false", "Mostly false", "#ef6c00", 2),
    Rating("false", "False", "#c62828", 1),
    Rating("misleading", "Misleading", "#8e24aa", None),
    Rating("unverifiable", "Unverifiable", "#607d8b", None),
)

UNRATED_COLOR = "#9e9e9e"

_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def validate_scale(scale: tuple[Rating, ...]) -> tuple[Rating, ...]:
    """Check a rating scale and return it; raise ValidationError naming the first problem."""
    if not scale:
        raise ValidationError("A rating scale needs at least one rating.")
    seen: set[str] = set()
    for rating in scale:
        if not _KEY.match(rating.key):
            raise ValidationError(
                f"Rating key {rating.key!r} is not valid: use 1-40 lower-case letters, digits, "
                "'-' or '_', starting with a letter or digit."
            )
        if rating.key in seen:
            raise ValidationError(f"Rating key {rating.key!r} appears twice in the scale.")
        seen.add(rating.key)
        if not rating.label.strip():
            raise ValidationError(f"Rating {rating.key!r} needs a label.")
        if not _COLOR.match(rating.color):
            raise ValidationError(
                f"Rating {rating.key!r} has colour {rating.color!r}; use the form #RRGGBB."
            )
    return scale
