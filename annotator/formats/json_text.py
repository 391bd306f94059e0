"""Finding text in decoded JSON that no file or database can hold.

JSON may spell half of a UTF-16 surrogate pair as an escape (``"\\ud800"``); Python's ``json``
decodes it into a string that cannot be encoded as UTF-8, so SQLite refuses it when the claim
is stored. Readers check decoded files with :func:`lone_surrogate_at` and refuse the file with
the place named, instead of failing halfway through an import.
"""

from __future__ import annotations

import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate_at(value: Any) -> str | None:
    """Where in ``value`` (a decoded JSON document) a string or key holds a lone surrogate,
    as a path such as ``first.items.0.body.2.value``; None when there is none. A loop, not
    recursion, so that deeply nested documents are no danger."""
    pending: list[tuple[Any, str]] = [(value, "")]
    while pending:
        node, path = pending.pop()
        if isinstance(node, str):
            if _SURROGATE.search(node):
                return path or "the document"
        elif isinstance(node, dict):
            for key, child in node.items():
                where = f"{path}.{key}" if path else str(key)
                if _SURROGATE.search(key):
                    return path or "the document"
                pending.append((child, where))
        elif isinstance(node, list):
            pending.extend(
                (child, f"{path}.{i}" if path else str(i)) for i, child in enumerate(node)
            )
    return None
