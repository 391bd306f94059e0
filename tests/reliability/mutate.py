"""Hypothesis strategies that damage real, valid inputs the way the world does, and that make
inputs from nothing.

JSON files (reports, Web Annotations) are damaged in their structure first: a field dropped,
replaced by a value of another type, a huge or negative number, a long or strange string, a
list element duplicated, a value nested thousands deep. Their bytes are then, some of the
time, damaged as bytes: truncated, bits flipped, random bytes inserted, re-encoded in UTF-16,
UTF-32 or Latin-1. Text formats are damaged as text (hostile fragments spliced in, deep
nesting) and then as bytes; binary formats (DOCX, PDF) as bytes and in their parts.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

Path_ = tuple[str | int, ...]

_NEST_MARK = "\u0000nest-here\u0000"
_RAW_MARK = "\u0000raw-json\u0000"
_ODD_STRINGS = [
    "",
    " ",
    "\u0000",
    "\ud800",  # a lone surrogate: valid JSON (\ud800), not encodable as UTF-8
    "\udfff x \ud83d",
    "e\u0301",  # not NFC
    "a\r\nb\rc",
    "\u202eevil",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "http://",
    "https://user:pw@example.org/",
    "urn:sha256:" + "0" * 64,
    "2024-02-30",
    "9999-99-99T99:99:99Z",
    "#zzzzzz",
    "\U0001f600" * 3,
    "x" * 70,
]
_ODD_NUMBERS = [
    0,
    -1,
    1,
    2**31,
    2**53 + 1,
    -(2**63),
    2**64,
    10**30,
    -(10**300),
    1e308,
    -0.0,
    0.5,
    float("inf"),
    float("-inf"),
    float("nan"),
]


def _pick(draw: st.DrawFn, options: list[Any] | tuple[Any, ...]) -> Any:
    """One of ``options`` (cheaper than a new ``sampled_from`` strategy for every draw)."""
    return options[draw(st.integers(0, len(options) - 1))]


def json_scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.sampled_from(_ODD_NUMBERS),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from(_ODD_STRINGS),
        st.text(max_size=40),
        st.text(st.characters(codec="utf-8"), max_size=40),
    )


def json_values() -> st.SearchStrategy[Any]:
    return st.recursive(
        json_scalars(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
        ),
        max_leaves=12,
    )


_VALUES = json_values()
_NUMBERS = st.one_of(st.sampled_from(_ODD_NUMBERS), st.integers())
_STRINGS = st.one_of(
    st.sampled_from(_ODD_STRINGS),
    st.text(max_size=30),
    st.builds(lambda c, n: c * n, st.sampled_from("x\u00e9\n "), st.integers(1, 60_000)),
)
_MUTATIONS = ("drop", "replace", "retype", "number", "huge", "string", "duplicate", "nest")
_GENTLE = ("drop", "number", "string", "string", "duplicate")


def node_paths(value: Any, prefix: Path_ = ()) -> list[Path_]:
    """Every place in a JSON value, the root first."""
    found = [prefix]
    if isinstance(value, dict) and _NEST_MARK not in value and _RAW_MARK not in value:
        for key, child in value.items():
            found.extend(node_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(node_paths(child, (*prefix, index)))
    return found


def _get(root: Any, path: Path_) -> Any:
    for part in path:
        root = root[part]
    return root


def _put(root: Any, path: Path_, value: Any) -> Any:
    if not path:
        return value
    _get(root, path[:-1])[path[-1]] = value
    return root


def _retyped(value: Any) -> list[Any]:
    """Values of other JSON types that a careless writer might put in the same place."""
    options: list[Any] = [None, [value], {"value": value}, str(value)[:200]]
    if isinstance(value, str):
        options += [len(value), value.isdigit(), value.split()[:3]]
    elif isinstance(value, bool):
        options += [int(value), "true"]
    elif isinstance(value, int | float):
        options += [str(value), -value, value * 10**20, float(value) + 0.5, True]
    elif isinstance(value, list):
        options += [dict(enumerate(value)), len(value), value * 2]
    elif isinstance(value, dict):
        options += [list(value.values()), list(value), len(value)]
    return options


@st.composite
def _mutation(draw: st.DrawFn, root: Any, kinds: tuple[str, ...]) -> Any:
    kind = _pick(draw, kinds)
    paths = node_paths(root)
    if kind in ("string", "number"):  # mostly where such a value already is
        wanted = str if kind == "string" else (int, float)
        leaves = [p for p in paths if isinstance(_get(root, p), wanted)]
        paths = leaves if leaves and draw(st.integers(0, 3)) else paths
    path = _pick(draw, paths)
    value = _get(root, path)
    if kind == "drop" and path:
        parent = _get(root, path[:-1])
        del parent[path[-1]]
        return root
    if kind == "duplicate" and isinstance(value, list) and value:
        value.insert(draw(st.integers(0, len(value))), copy.deepcopy(_pick(draw, value)))
        return root
    if kind == "nest":
        depth = _pick(draw, (50, 500, 5_000, 100_000))
        return _put(root, path, {_NEST_MARK: [depth, value]})
    if kind == "huge":  # longer than Python converts (4,300 digits) or than a float holds
        digits = draw(st.integers(20, 6_000))
        sign = _pick(draw, ("", "-"))
        tail = _pick(draw, ("", ".5", "e999999", "e-999999"))
        return _put(root, path, {_RAW_MARK: sign + "9" * digits + tail})
    if kind == "number":
        new: Any = draw(_NUMBERS)
    elif kind == "string":
        new = draw(_STRINGS)
    elif kind == "retype":
        new = _pick(draw, _retyped(value))
    else:
        new = draw(_VALUES)
    return _put(root, path, new)


def _dumps(value: Any, ascii_only: bool = False) -> str:
    """JSON text, with each nesting mark expanded into that many nested lists and each raw mark
    into its text (neither of which ``json.dumps`` itself could write)."""
    nests: list[tuple[int, Any]] = []

    def mark(node: Any) -> Any:
        if isinstance(node, dict) and _RAW_MARK in node and len(node) == 1:
            nests.append((0, node[_RAW_MARK]))
            return f"{_NEST_MARK}{len(nests) - 1}"
        if isinstance(node, dict):
            if _NEST_MARK in node and len(node) == 1:
                depth, inner = node[_NEST_MARK]
                nests.append((depth, mark(inner)))
                return f"{_NEST_MARK}{len(nests) - 1}"
            return {key: mark(child) for key, child in node.items()}
        if isinstance(node, list):
            return [mark(child) for child in node]
        return node

    text = json.dumps(mark(value), ensure_ascii=ascii_only, indent=1)
    for index, (depth, inner) in enumerate(nests):
        placeholder = json.dumps(f"{_NEST_MARK}{index}", ensure_ascii=ascii_only)
        inner_text = inner if depth == 0 else _dumps(inner, ascii_only)
        text = text.replace(placeholder, "[" * depth + inner_text + "]" * depth, 1)
    return text


@st.composite
def damaged_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with its bytes damaged, or whole, or replaced."""
    kind = _pick(draw, ("whole", "truncate", "flip", "insert", "delete", "random", "chunk"))
    if kind == "whole" or not data:
        return data
    at = draw(st.integers(0, len(data) - 1))
    if kind == "truncate":
        return data[:at]
    if kind == "flip":
        damaged = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            where = draw(st.integers(0, len(data) - 1))
            damaged[where] ^= 1 << draw(st.integers(0, 7))
        return bytes(damaged)
    if kind == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=64)) + data[at:]
    if kind == "delete":
        return data[:at] + data[at + draw(st.integers(1, 4096)) :]
    if kind == "chunk":  # a part of the file repeated, as a bad copy or a bad sector would
        size = draw(st.integers(1, 4096))
        return data[:at] + data[at : at + size] * draw(st.integers(2, 50)) + data[at:]
    return draw(st.binary(max_size=2048))


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    """``text`` in the encoding a file usually has, or in one it is not expected in."""
    encoding = _pick(
        draw, ("utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1")
    )
    return text.encode(encoding, errors="surrogatepass" if "utf" in encoding else "replace")


@st.composite
def damaged_json(draw: st.DrawFn, seeds: list[Any], gentle: bool = False) -> bytes:
    """A seed document, damaged in its structure and then, sometimes, as bytes; ``gentle``
    damage is one change of a value, which a validating reader more often accepts."""
    root = copy.deepcopy(_pick(draw, seeds))
    for _ in range(1 if gentle else draw(st.integers(1, 3))):
        root = draw(_mutation(root, _GENTLE if gentle else _MUTATIONS))
    if gentle:
        return _dumps(root, draw(st.booleans())).encode("utf-8", "surrogatepass")
    data = draw(encoded(_dumps(root, draw(st.booleans()))))
    if draw(st.integers(0, 3)) == 0:
        data = draw(damaged_bytes(data))
    return data


def json_from_scratch(skeleton: dict[str, Any]) -> st.SearchStrategy[bytes]:
    """Random JSON, and random JSON inside a ``skeleton`` (the keys that say what file it is),
    so that generated files get past the first check."""
    return st.one_of(
        _VALUES.map(lambda v: json.dumps(v).encode()),
        st.dictionaries(st.text(max_size=12), _VALUES, max_size=6).map(
            lambda extra: json.dumps({**extra, **skeleton}).encode()
        ),
        st.binary(max_size=512),
    )


HOSTILE_FRAGMENTS = [
    "\u0000",
    "\ufeff",
    "\ud800",
    "\r",
    "\r\n\r\n",
    "\u2028",
    "\u202e",
    "e\u0301",
    "<",
    "&",
    "&#0;",
    "&#xD800;",
    "&#x110000;",
    "&bogus;",
    "<![CDATA[",
    "<!--",
    "<?xml version='1.0'?>",
    "<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
    "<script>alert(1)</script>",
    "<style>p{}</style>",
    "<svg><foreignObject><p>x</p></foreignObject></svg>",
    "<math><mi>x</mi></math>",
    '<img src="file:///etc/passwd" onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    "<table><tr><td>",
    "</p></div></body></html>",
    "<meta charset='utf-7'>",
    "<meta charset='x-unknown'>",
    '<script type="application/ld+json">{"@type":"NewsArticle","author":[[[[',
    "---\n",
    "---\ntitle: [\n---\n",
    "---\ntitle: *a\n---\n",
    "```",
    "    code",
    "> " * 50,
    "* " * 50,
    "1. " * 50,
    "[x]: <",
    "![",
    "|a|b|\n|-|-|\n",
    "\\",
    "#" * 10 + " ",
    "*" * 200,
    "_" * 200,
    "`" * 200,
]


@st.composite
def damaged_text(draw: st.DrawFn, seeds: list[str]) -> str:
    """A seed text with hostile fragments spliced in, parts dropped or repeated, or nested."""
    text = _pick(draw, seeds)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = _pick(draw, ("fragment", "fragment", "text", "cut", "repeat", "nest"))
        if kind == "fragment":
            text = text[:at] + _pick(draw, HOSTILE_FRAGMENTS) + text[at:]
        elif kind == "text":
            text = text[:at] + draw(st.text(max_size=20)) + text[at:]
        elif kind == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 2000)) :]
        elif kind == "repeat":
            text = text[:at] + text[at : at + 200] * draw(st.integers(2, 100)) + text[at:]
        else:
            opener, closer = _pick(
                draw, (("<div>", "</div>"), ("<b><i>", ""), ("> ", ""), ("- ", ""), ("[", "]"))
            )
            depth = _pick(draw, (100, 1_000, 10_000))
            text = text[:at] + opener * depth + "x" + closer * depth + text[at:]
    return text
